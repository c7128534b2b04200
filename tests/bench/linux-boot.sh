#!/bin/sh
# SPDX-License-Identifier: MIT
# Linux boot ratio (issue 4; a benchmark, not a test): wall time from QEMU
# start to the guest's `GUEST-UP` line for the Debian Linux guest of
# tests/bench/specs/linux.yaml (1 vCPU, 256 MiB), booted
#   native:  QEMU virt without EL2, -smp 1 -m 256M, -kernel Image -initrd
#            initramfs -dtb linux0.dtb (the guest tree this build writes, so
#            the same command line and devices), and
#   runtime: the system image on QEMU virt with EL2, -smp 4 -m 2G.
# Same CPU model, no icount (wall time on a shared host: noisy). Runs are
# interleaved native, runtime, native, ...; prints every run, the medians
# and their ratio, and when the kernel printed its first line (earlycon),
# which splits the time before the kernel from the kernel's own. Then one boot each way under -icount shift=0,sleep=off:
# the guest kernel's printk clock at its last message before GUEST-UP, in
# virtual microseconds (instructions on all CPUs / 1000, plus idle time
# skipped to the next timer), the same every run. That clock starts when
# the kernel registers its timer, so it leaves out what comes before
# (the runtime's boot and payload copies, the kernel's early boot).
# Usage: tests/bench/linux-boot.sh [RUNS] (default 3).
# Skipped (exit 0, a note) without the Linux payloads (`make guests`).
cd "$(dirname "$0")/../.." || exit 2
runs=${1:-3}
OUT=build/bench/linux
IMG=images/guests/linux/Image
INITRD=images/guests/linux/initramfs.cpio.gz
TIMEOUT=${BOOT_TIMEOUT:-180}
CR=$(printf '\r')
if [ ! -f "$IMG" ] || [ ! -f "$INITRD" ]; then
	echo "linux-boot: skipped (make guests)"
	exit 0
fi
mkdir -p "$OUT"
make -s build/vmm/vmm.bin || exit 1
[ -x build/partita ] || make -s build/partita || exit 1
./build/partita build tests/bench/specs/linux.yaml -o "$OUT/img" >"$OUT/build.log" 2>&1 ||
	{ cat "$OUT/build.log"; exit 1; }

# up_ms LOG MACHINE ARGS...: one boot; prints "<ms to GUEST-UP> <ms to the
# kernel's first line>" from QEMU start (nothing when it never came up);
# the console goes to LOG. earlycon makes the first line the kernel's start.
up_ms() {
	log=$1 machine=$2
	shift 2
	start=$(date +%s%N)
	timeout "$TIMEOUT" qemu-system-aarch64 -M "$machine" -cpu cortex-a57 \
		-nographic -no-reboot "$@" </dev/null 2>&1 |
		while IFS= read -r line; do
			line=${line%"$CR"}    # here, not in a filter: a pipe would buffer
			case "$line" in
			"GUEST-UP "* | *"| GUEST-UP "*)
				echo "up $((($(date +%s%N) - start) / 1000000))" ;;
			*"Booting Linux on physical CPU"*)
				echo "first $((($(date +%s%N) - start) / 1000000))" ;;
			esac
			printf '%s\n' "$line" >>"$log"
		done | awk '/^first / && f == "" { f = $2 } /^up / && u == "" { u = $2 }
			    END { if (u != "") print u, f }'
}

# median of the numbers on stdin
median() {
	sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}

: >"$OUT/native.ms"
: >"$OUT/runtime.ms"
: >"$OUT/native-kstart.ms"
: >"$OUT/runtime-kstart.ms"
r=1
while [ "$r" -le "$runs" ]; do
	rm -f "$OUT/native.log" "$OUT/runtime.log"
	# shellcheck disable=SC2046
	set -- $(up_ms "$OUT/native.log" virt,gic-version=3 -smp 1 -m 256M \
		-kernel "$IMG" -initrd "$INITRD" -dtb "$OUT/img/linux0.dtb")
	n=${1:-} nk=${2:-?}
	# shellcheck disable=SC2046
	set -- $(up_ms "$OUT/runtime.log" virt,virtualization=on,gic-version=3 -smp 4 -m 2G \
		-kernel "$OUT/img/linuxbench.img")
	v=${1:-} vk=${2:-?}
	[ -n "$n" ] || { echo "linux-boot: native run $r never reached GUEST-UP"; exit 1; }
	[ -n "$v" ] || { echo "linux-boot: runtime run $r never reached GUEST-UP"; exit 1; }
	echo "linux-boot-run-$r: native $n ms, runtime $v ms, kernel start native $nk ms, runtime $vk ms"
	echo "$n" >>"$OUT/native.ms"
	echo "$v" >>"$OUT/runtime.ms"
	echo "$nk" >>"$OUT/native-kstart.ms"
	echo "$vk" >>"$OUT/runtime-kstart.ms"
	r=$((r + 1))
done

# kclock LOG: the printk time (us) of the last kernel line before GUEST-UP
kclock() {
	awk '/GUEST-UP / { if (t != "") print t; exit }
	     match($0, /\[ *[0-9]+\.[0-9]+\]/) {
		v = substr($0, RSTART + 1, RLENGTH - 2); sub(/^ */, "", v)
		split(v, p, "."); t = p[1] * 1000000 + p[2] }' "$1"
}
rm -f "$OUT/native-icount.log" "$OUT/runtime-icount.log"
up_ms "$OUT/native-icount.log" virt,gic-version=3 -smp 1 -m 256M -icount shift=0,sleep=off \
	-kernel "$IMG" -initrd "$INITRD" -dtb "$OUT/img/linux0.dtb" >/dev/null
up_ms "$OUT/runtime-icount.log" virt,virtualization=on,gic-version=3 -smp 4 -m 2G \
	-icount shift=0,sleep=off -kernel "$OUT/img/linuxbench.img" >/dev/null
ni=$(kclock "$OUT/native-icount.log")
vi=$(kclock "$OUT/runtime-icount.log")
[ -n "$ni" ] && [ -n "$vi" ] || { echo "linux-boot: no kernel clock before GUEST-UP under icount"; exit 1; }

n=$(median <"$OUT/native.ms")
v=$(median <"$OUT/runtime.ms")
echo "linux-kstart-native: $(median <"$OUT/native-kstart.ms") ms"
echo "linux-kstart-runtime: $(median <"$OUT/runtime-kstart.ms") ms"
echo "linux-boot-native: $n ms"
echo "linux-boot-runtime: $v ms"
awk -v n="$n" -v v="$v" 'BEGIN { printf "linux-boot-ratio: %.3f\n", v / n }'
# the fastest run of each side: the least disturbed by other jobs
n=$(sort -n "$OUT/native.ms" | head -n 1)
v=$(sort -n "$OUT/runtime.ms" | head -n 1)
echo "linux-boot-best-native: $n ms"
echo "linux-boot-best-runtime: $v ms"
awk -v n="$n" -v v="$v" 'BEGIN { printf "linux-boot-best-ratio: %.3f\n", v / n }'
echo "linux-kclock-native: $ni us"
echo "linux-kclock-runtime: $vi us"
awk -v n="$ni" -v v="$vi" 'BEGIN { printf "linux-kclock-ratio: %.4f\n", v / n }'
