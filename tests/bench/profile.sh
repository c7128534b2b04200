#!/bin/sh
# SPDX-License-Identifier: MIT
# Where a null hypercall's and a trapped MMIO read's instructions go (a
# benchmark, not a test). Boots the runtime bench four times under
# -icount shift=0,sleep=off with QEMU's execution log (-d in_asm,exec,nochain:
# every translated block with its instructions, every block executed): a
# base run, one with BASE + EXTRA more hypercalls, one with EXTRA more MMIO
# reads (the fourth: below). Instructions per runtime function (vmm.elf symbols at the runtime's
# load address) of the extra runs minus the base run, divided by EXTRA, are
# the per-call cost of each function; everything below the runtime is
# `guest`. Prints `profile-<hvc|mmio>-<function>: <instructions>` lines;
# `profile-notify-*` the same for EXTRA_IRQ more doorbell round trips
# (NOTIFY on CPU 0, the peer's handler on CPU 1 and its NOTIFY back: both
# CPUs, more than runtime.sh's notify-irq, which stops at the handler).
# The same for interrupts with the latency guest (tests/bench/lat.c, GICv3):
# a base run and one with EXTRA_IRQ more of each of IPI, virtual timer and
# passthrough SPI: `profile-<ipi|vtimer|spi>-<function>: <instructions>`
# (both CPUs, the guest's own vectors in `guest`).
cd "$(dirname "$0")/../.." || exit 2
. tests/qemu/lib.sh
OUT=build/bench/profile
BASE=1000
EXTRA=2000
BASE_IRQ=100
EXTRA_IRQ=400
RUNTIME_PA=0xbfe00000    # where the runtime moves itself (vmm|boot line)
mkdir -p "$OUT"
make -s build/vmm/vmm.bin build/tests/guests/bench.elf build/tests/guests/latbench.elf || exit 1
[ -x build/partita ] || make -s build/partita || exit 1

# boot NAME BOOTARGS: build the runtime bench with these main bootargs, log
boot() {
	sed "s/bootargs: role=main .*/bootargs: role=main $2 irqs=2 faults=1/" \
		tests/bench/specs/runtime.yaml >"$OUT/$1.yaml"
	./build/partita build "$OUT/$1.yaml" -o "$OUT/$1" >"$OUT/$1.build.log" 2>&1 ||
		{ cat "$OUT/$1.build.log"; exit 1; }
	rc=$(qemu_boot "$OUT/$1.console" -icount shift=0,sleep=off \
		-d in_asm,exec,nochain -D "$OUT/$1.trace" -kernel "$OUT/$1/rtbench.img")
	[ "$rc" = 0 ] || { echo "profile: $1: QEMU exit $rc"; exit 1; }
}

# boot_irq NAME IPI VTIMER SPI: the latency guest with these counts
boot_irq() {
	sed "s/^    memory: 16M$/    bootargs: ipi=$2 vtimer=$3 spi=$4\n&/" \
		tests/bench/specs/latency-v3.yaml >"$OUT/$1.yaml"
	./build/partita build "$OUT/$1.yaml" -o "$OUT/$1" >"$OUT/$1.build.log" 2>&1 ||
		{ cat "$OUT/$1.build.log"; exit 1; }
	rc=$(qemu_boot "$OUT/$1.console" -icount shift=0,sleep=off \
		-d in_asm,exec,nochain -D "$OUT/$1.trace" -kernel "$OUT/$1/latency-v3.img")
	[ "$rc" = 0 ] && grep -q '^lat| LAT done' "$OUT/$1.console" ||
		{ echo "profile: $1: QEMU exit $rc"; exit 1; }
}

aarch64-linux-gnu-nm -n build/vmm/vmm.elf | awk '$2 ~ /^[tT]$/ { print $1, $3 }' >"$OUT/syms"

# per_function TRACE: "<function> <instructions>" for the whole run
per_function() {
	awk -v base="$RUNTIME_PA" '
	function hex(s,   i, c, v) {
		v = 0; s = tolower(s); sub(/^0x/, "", s)
		for (i = 1; i <= length(s); i++) {
			c = index("0123456789abcdef", substr(s, i, 1)) - 1
			v = v * 16 + c
		}
		return v
	}
	function name(pc,   lo, hi, mid) {
		if (pc < rt) return "guest"
		lo = 1; hi = ns
		if (pc < addr[1]) return "?"
		while (lo < hi) {
			mid = int((lo + hi + 1) / 2)
			if (addr[mid] <= pc) lo = mid; else hi = mid - 1
		}
		return sym[lo]
	}
	FNR == NR { ns++; addr[ns] = hex($1) + rt0; sym[ns] = $2; next }
	FNR == 1 { rt = rt0 }
	/^IN:/ { cur = ""; next }
	/^0x[0-9a-f]+:  / { pc = substr($1, 1, length($1) - 1)
		if (cur == "") cur = pc
		len[cur]++; next }
	/^Trace / { cur = ""; split($0, f, "/"); pc = "0x" substr(f[2], 9)
		sub(/^0x0*/, "0x", pc)
		n = (pc in len) ? len[pc] : 1
		cnt[name(hex(pc))] += n }
	END { for (s in cnt) print s, cnt[s] }
	' rt0="$(printf '%d' "$RUNTIME_PA")" "$OUT/syms" "$1"
}

boot base "n=$BASE"
boot hvc "n=$BASE hvcs=$((BASE + EXTRA))"
boot mmio "n=$BASE mmios=$((BASE + EXTRA))"
boot notify "n=$BASE notifies=$((2 + EXTRA_IRQ))"
per_function "$OUT/base.trace" >"$OUT/base.fn"
# difference BASE WHAT EXTRA: per-call instructions of each function
difference() {
	per_function "$OUT/$2.trace" >"$OUT/$2.fn"
	awk -v extra="$3" -v what="$2" '
		FNR == NR { b[$1] = $2; next }
		{ d = ($2 - b[$1]) / extra; if (d >= 0.5) printf "profile-%s-%s: %.0f instructions\n", what, $1, d }
	' "$OUT/$1.fn" "$OUT/$2.fn" | sort -t: -k2,2nr -k1,1
}
for what in hvc mmio; do
	difference base "$what" "$EXTRA"
done
difference base notify "$EXTRA_IRQ"
boot_irq irqbase $BASE_IRQ $BASE_IRQ $BASE_IRQ
boot_irq ipi $((BASE_IRQ + EXTRA_IRQ)) $BASE_IRQ $BASE_IRQ
boot_irq vtimer $BASE_IRQ $((BASE_IRQ + EXTRA_IRQ)) $BASE_IRQ
boot_irq spi $BASE_IRQ $BASE_IRQ $((BASE_IRQ + EXTRA_IRQ))
per_function "$OUT/irqbase.trace" >"$OUT/irqbase.fn"
for what in ipi vtimer spi; do
	difference irqbase "$what" "$EXTRA_IRQ"
done
