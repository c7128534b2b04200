#!/bin/sh
# SPDX-License-Identifier: MIT
# QEMU boot tests of the runtime (issue 3): markers from two guests, a
# contained attacker, a refused corrupt layout, the three boot paths,
# placement independence, guest SMP and reset (GICv3 and GICv2), guest
# PSCI answers, a WFI wait beside a busy guest, a timer PPI pending again
# at its EOI (GICv3 and GICv2),
# trapped passthrough,
# identical runtime bytes.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/qemu/lib.sh
mkdir -p "$OUT"
snapshot_runtime

for spec in two-markers attack-stop attack-abort attack-restart smp-reset devices psci wfi-noisy; do
	build_spec "$spec" || fail "build $spec" "$(tail -3 "$OUT/$spec.build.log")"
done

# two_markers_ok NAME LOG RC: what every boot of two-markers must show
two_markers_ok() {
	if [ "$3" != 0 ]; then fail "$1" "QEMU exit $3"
	elif ! markers_ok "$2" alpha 100; then fail "$1" "alpha markers missing or out of order"
	elif ! markers_ok "$2" beta 100; then fail "$1" "beta markers missing or out of order"
	elif ! lines_whole "$2"; then fail "$1" "a console line is not whole or not prefixed"
	elif ! no_trouble "$2"; then fail "$1" "unexpected: $(grep 'panic\||fault' "$2" | head -1)"
	elif ! grep -q '^vmm|all guests stopped: power off$' "$2"; then fail "$1" "no power off"
	else pass "$1"
	fi
}

# 1 + 4a: two guests, two CPUs, -kernel
img=$OUT/two-markers/two-markers.img
rc=$(qemu_boot "$OUT/kernel.log" -kernel "$img")
two_markers_ok "markers via -kernel" "$OUT/kernel.log" "$rc"

# 2: the attacker is stopped at its first access, the victim finishes
log=$OUT/attack-stop.log
rc=$(qemu_boot "$log" -kernel "$OUT/attack-stop/attack-stop.img")
want='^vmm|attacker|fault data abort (translation fault, level [0-3]), IPA 0x50000000, read, ESR 0x[0-9a-f]*, ELR 0x4[0-9a-f]*$'
if [ "$rc" != 0 ]; then fail "attacker stopped" "QEMU exit $rc"
elif ! grep -q "$want" "$log"; then fail "attacker stopped" "no decoded fault line"
elif grep -q 'ATTACKER write\|ATTACKER read 0xbfe' "$log"; then fail "attacker stopped" "it went on after the fault"
elif ! grep -q '^vmm|attacker|stopped$' "$log"; then fail "attacker stopped" "not stopped"
elif ! markers_ok "$log" victim 100; then fail "attacker stopped" "victim markers missing"
elif [ "$(grep -c 'fault' "$log")" != 1 ] || grep -q panic "$log"; then fail "attacker stopped" "unexpected output"
else pass "attacker stopped"
fi

# 2b: on_fault abort: every access outside its RAM, the write to its
# read-only channel and the smc come back as exceptions
log=$OUT/attack-abort.log
rc=$(qemu_boot "$log" -kernel "$OUT/attack-abort/attack-abort.img")
perm='^vmm|attacker|fault data abort (permission fault, level 3), IPA 0x41000000, write,'
if [ "$rc" != 0 ]; then fail "attacker aborts injected" "QEMU exit $rc"
elif ! grep -q '^attacker| ATTACKER done 6 aborts$' "$log"; then fail "attacker aborts injected" "$(grep -c 'ATTACKER abort' "$log") aborts seen, want 6"
elif [ "$(grep -c '^vmm|attacker|fault data abort' "$log")" != 5 ]; then fail "attacker aborts injected" "want 5 data abort lines"
elif ! grep -q "$perm" "$log"; then fail "attacker aborts injected" "no permission fault on the read-only channel"
elif ! grep -q '^vmm|attacker|fault smc' "$log"; then fail "attacker aborts injected" "smc not trapped"
elif ! markers_ok "$log" victim 100; then fail "attacker aborts injected" "victim markers missing"
elif grep -q panic "$log"; then fail "attacker aborts injected" "panic"
else pass "attacker aborts injected"
fi

# 2c: on_fault restart: restarted twice from fresh copies, then it ends
log=$OUT/attack-restart.log
rc=$(qemu_boot "$log" -kernel "$OUT/attack-restart/attack-restart.img")
if [ "$rc" != 0 ]; then fail "attacker restarted" "QEMU exit $rc"
elif [ "$(grep -c '^vmm|attacker|restarting$' "$log")" != 2 ]; then fail "attacker restarted" "want 2 restarts"
elif [ "$(grep -c '^vmm|attacker|fault data abort' "$log")" != 2 ]; then fail "attacker restarted" "want 2 faults"
elif ! grep -q '^attacker| ATTACKER round 3$' "$log"; then fail "attacker restarted" "no third run"
elif ! markers_ok "$log" victim 100 || grep -q panic "$log"; then fail "attacker restarted" "victim markers missing"
else pass "attacker restarted"
fi

# 3: one byte flipped inside the blob: refused with the CRC message; a bad
# magic and a wrong ABI version are refused before that
# flip_byte IN OUT OFFSET: copy IN to OUT with bit 0 of byte OFFSET flipped
flip_byte() {
	cp "$1" "$2"
	byte=$(od -An -tu1 -j "$3" -N1 "$2" | tr -d ' ')
	printf "$(printf '\\%03o' $((byte ^ 0x01)))" | dd of="$2" bs=1 seek="$3" conv=notrunc status=none
}
blob=$(( ($(stat -c %s "$OUT/vmm.bin") + 4095) / 4096 * 4096 ))
for case in "crc 0x120 CRC mismatch (expected 0x[0-9a-f]\{8\}, got 0x[0-9a-f]\{8\})" \
	"magic 0x3 bad magic at offset 0x[0-9a-f]*" \
	"abi 0x8 ABI version [0-9]*, runtime speaks [0-9]*"; do
	set -- $case
	what=$1 off=$(($blob + $2))
	shift 2
	bad=$OUT/corrupt-$what.img
	flip_byte "$img" "$bad" "$off"
	log=$OUT/corrupt-$what.log
	rc=$(qemu_boot "$log" -kernel "$bad")
	if ! grep -q "^vmm|layout: $*: refusing to start$" "$log"; then
		fail "corrupt layout ($what) refused" "no message: $(grep 'vmm|' "$log" | head -1)"
	elif grep -q 'MARKER\|moving' "$log"; then fail "corrupt layout ($what) refused" "it started anyway"
	elif [ "$rc" = 124 ]; then fail "corrupt layout ($what) refused" "did not power off"
	else pass "corrupt layout ($what) refused"
	fi
done

# 4b: U-Boot distro boot: boot.scr + FIT from partition 1 of a virtio disk
disk=$OUT/two-markers.disk
if tests/qemu/mkdisk.sh "$disk" "$OUT/two-markers/boot.scr" "$OUT/two-markers/two-markers.itb"; then
	rc=$(qemu_boot "$OUT/uboot-disk.log" -bios "$UBOOT_BIN" \
		-drive "if=none,file=$disk,format=raw,id=d0" -device virtio-blk-pci,drive=d0)
	two_markers_ok "markers via U-Boot boot.scr + FIT" "$OUT/uboot-disk.log" "$rc"
else
	fail "markers via U-Boot boot.scr + FIT" "mkdisk failed"
fi

# 4c: U-Boot booti of the image loaded through fw_cfg
rc=$(qemu_boot "$OUT/uboot-qfw.log" -bios "$UBOOT_BIN" -kernel "$img")
two_markers_ok "markers via U-Boot booti (fw_cfg)" "$OUT/uboot-qfw.log" "$rc"

# placement: wherever a loader puts the image (below, at, and overlapping
# above the runtime region), it moves itself and boots the same; the last
# address leaves room for the image (1.3 MiB) below the end of RAM
for addr in 0x48000000 0xbfe00000 0xbfe80000; do
	rc=$(qemu_boot "$OUT/place-$addr.log" -device "loader,file=$img,addr=$addr,cpu-num=0")
	two_markers_ok "markers when loaded at $addr" "$OUT/place-$addr.log" "$rc"
done

# guest SMP (CPU_ON, AFFINITY_INFO) and SYSTEM_RESET with a running vCPU
log=$OUT/smp-reset.log
rc=$(qemu_boot "$log" -kernel "$OUT/smp-reset/smp-reset.img")
if [ "$rc" != 0 ]; then fail "guest SMP and reset" "QEMU exit $rc"
elif [ "$(grep -c '^duo| SECONDARY 1 duo$' "$log")" != 2 ]; then fail "guest SMP and reset" "vCPU 1 did not start twice"
elif ! grep -q '^vmm|duo|restarting$' "$log"; then fail "guest SMP and reset" "no restart"
elif ! markers_ok "$log" duo 100; then fail "guest SMP and reset" "markers missing"
elif ! no_trouble "$log" || ! lines_whole "$log"; then fail "guest SMP and reset" "unexpected output"
else pass "guest SMP and reset"
fi

# the same on a GICv2 board: the stop and restart kicks use GICD_SGIR
log=$OUT/smp-reset-v2.log
if PARTITA_DATADIR=$(test_datadir) build_spec smp-reset-v2; then
	rc=$(QEMU_MACHINE=virt,virtualization=on,gic-version=2 qemu_boot "$log" \
		-kernel "$OUT/smp-reset-v2/smp-reset-v2.img")
	if [ "$rc" != 0 ]; then fail "guest SMP and reset on GICv2" "QEMU exit $rc"
	elif [ "$(grep -c '^duo| SECONDARY 1 duo$' "$log")" != 2 ]; then fail "guest SMP and reset on GICv2" "vCPU 1 did not start twice"
	elif ! markers_ok "$log" duo 100 || ! no_trouble "$log"; then fail "guest SMP and reset on GICv2" "unexpected output"
	else pass "guest SMP and reset on GICv2"
	fi
else
	fail "build smp-reset-v2" "$(tail -3 "$OUT/smp-reset-v2.build.log")"
fi

# guest PSCI and hypercalls: the answers DEN 0022, DEN 0028 and layout.h
# fix. SMCCC_ARCH_FEATURES(WORKAROUND_1) depends on the core: a Cortex-A57
# is affected by CVE-2017-5715 and QEMU's firmware has no workaround (-1,
# and the runtime says so at boot); a Cortex-A53 is not affected (1).
psci_want() {
	echo "version 65536;features-cpu-on 0;features-system-off 0;features-cpu-suspend -1;"\
"migrate-info-type 2;affinity-self 0;affinity-off 1;affinity-absent -2;cpu-on-self -4;"\
"cpu-on-absent -2;cpu-on-bad-entry -9;cpu-suspend -1;features-smccc-version 0;"\
"smccc-version 65537;smccc-features-wa1 $1;smccc-features-wa2 -1;smccc-features-wa3 -1;"\
"smccc-wa1 $2;null 0;unknown -1;unknown-again -1;"
}
for cpu in cortex-a57 cortex-a53; do
	log=$OUT/psci-$cpu.log
	rc=$(QEMU_OPTS="-cpu $cpu -smp 4 -m 2G -nographic -no-reboot" qemu_boot "$log" -kernel "$OUT/psci/psci.img")
	got=$(sed -n 's/^pq| PSCI //p' "$log" | tr '\n' ';')
	case $cpu in
	cortex-a57) want=$(psci_want -1 -1); note='^vmm|boot: Cortex-A57: no SMCCC_ARCH_WORKAROUND_1 in firmware: CVE-2017-5715 not mitigated$' ;;
	*) want=$(psci_want 1 -1); note= ;;
	esac
	if [ "$rc" != 0 ]; then fail "guest PSCI and SMCCC answers ($cpu)" "QEMU exit $rc"
	elif [ "$got" != "$want" ]; then fail "guest PSCI and SMCCC answers ($cpu)" "got $got"
	elif [ "$(grep -c '^vmm|pq|hvc 0xc6001234: not supported$' "$log")" != 1 ]; then fail "guest PSCI and SMCCC answers ($cpu)" "unknown call not logged exactly once"
	elif [ -n "$note" ] && ! grep -q "$note" "$log"; then fail "guest PSCI and SMCCC answers ($cpu)" "no CVE-2017-5715 line at boot"
	elif [ -z "$note" ] && grep -q 'CVE-2017-5715' "$log"; then fail "guest PSCI and SMCCC answers ($cpu)" "a CVE-2017-5715 line for an unaffected core"
	elif ! no_trouble "$log"; then fail "guest PSCI and SMCCC answers ($cpu)" "unexpected output"
	else pass "guest PSCI and SMCCC answers ($cpu)"
	fi
done

# console input on GICv2 with the input guest on CPU 2 (not the boot CPU):
# the board UART's SPI must reach CPU 2 once its GIC interface is up. The
# line is typed once the echo guest says it is reading (QEMU's PL011 drops what
# arrives before the runtime sets the UART up).
log=$OUT/input-v2.log
if PARTITA_DATADIR=$(test_datadir) build_spec input-v2; then
	rm -f "$OUT/input-v2.in" "$log.raw" && mkfifo "$OUT/input-v2.in"
	# unbuffered into the raw log (a pipe through tr would hold the lines back)
	# shellcheck disable=SC2086
	( timeout "$QEMU_TIMEOUT" qemu-system-aarch64 -M virt,virtualization=on,gic-version=2 \
		$QEMU_OPTS -kernel "$OUT/input-v2/input-v2.img" <"$OUT/input-v2.in" >"$log.raw" 2>&1
	  echo "rc=$?" >"$log.rc" ) &
	exec 4>"$OUT/input-v2.in"
	n=0
	while [ $n -lt $((QEMU_TIMEOUT * 5)) ] && ! grep -q '^reader| ECHO-READY reader' "$log.raw"; do
		sleep 0.2
		n=$((n + 1))
	done
	(printf 'partita on cpu2\rbye\r' >&4) 2>/dev/null   # QEMU may be gone: no SIGPIPE here
	exec 4>&-
	wait
	tr -d '\r' <"$log.raw" >"$log"
	rc=$(sed -n 's/^rc=//p' "$log.rc")
	if [ "$rc" != 0 ]; then fail "console input on GICv2, input guest on CPU 2" "QEMU exit $rc"
	elif ! grep -q '^vmm|reader|console input from the board UART$' "$log"; then fail "console input on GICv2, input guest on CPU 2" "input not given to reader"
	elif ! grep -q '^reader| ECHO reader line:\[partita on cpu2\]$' "$log"; then fail "console input on GICv2, input guest on CPU 2" "$(grep 'reader| ECHO' "$log" | tail -1)"
	elif ! no_trouble "$log"; then fail "console input on GICv2, input guest on CPU 2" "unexpected output"
	else pass "console input on GICv2, input guest on CPU 2"
	fi
else
	fail "build input-v2" "$(tail -3 "$OUT/input-v2.build.log")"
fi

# passthrough: a device sharing its page is trapped and forwarded
log=$OUT/devices.log
rc=$(qemu_boot "$log" -kernel "$OUT/devices/devices.img")
if [ "$rc" != 0 ]; then fail "trapped passthrough forwarded" "QEMU exit $rc"
elif ! grep -q '^dev| MARKER peek 0xa000000 0x74726976$' "$log"; then fail "trapped passthrough forwarded" "virtio magic not read"
elif ! markers_ok "$log" dev 3 || ! no_trouble "$log"; then fail "trapped passthrough forwarded" "unexpected output"
else pass "trapped passthrough forwarded"
fi

# Debian's Linux at EL1 next to a marker guest, to its /init and back
# (skipped without `make guests`)
if [ -f images/guests/linux/Image ] && [ -f images/guests/linux/initramfs.cpio.gz ]; then
	log=$OUT/linux-early.log
	if build_spec linux-early; then
		rc=$(QEMU_TIMEOUT=60 qemu_boot "$log" -kernel "$OUT/linux-early/linux-early.img")
		if ! grep -q '^linux0| \[ *0.000000\] Booting Linux on physical CPU' "$log"; then
			fail "linux guest boots" "no Linux banner on its console"
		elif ! grep -q '^linux0| .*psci: PSCIv1.0 detected' "$log"; then fail "linux guest boots" "PSCI not found"
		elif ! markers_ok "$log" beta 100 || ! lines_whole "$log"; then fail "linux guest boots" "marker guest disturbed"
		elif ! no_trouble "$log"; then fail "linux guest boots" "$(grep 'panic\||fault' "$log" | head -1)"
		elif [ "$rc" != 0 ] || ! grep -q '^vmm|linux0|system off$' "$log"; then fail "linux guest boots" "Linux did not power its guest off (QEMU exit $rc)"
		else pass "linux guest boots"
		fi
	else
		fail "build linux-early" "$(tail -3 "$OUT/linux-early.build.log")"
	fi
else
	echo "SKIP linux guest boots: no images/guests/linux (make guests)"
fi

# a guest waiting in WFI gets every timer interrupt while its neighbour
# exits without pause (under icount the deadline passes in the neighbour's
# slice, before the waiter reaches its wfi: the interrupt must not be lost)
log=$OUT/wfi-noisy.log
rc=$(qemu_boot "$log" -icount shift=0,sleep=off -kernel "$OUT/wfi-noisy/wfi-noisy.img")
if ! grep -q '^lat| BENCH jitter-max [0-9]*$' "$log"; then
	fail "WFI wait beside a busy guest" "200 timer interrupts not taken (QEMU exit $rc)"
elif ! no_trouble "$log"; then fail "WFI wait beside a busy guest" "$(grep 'panic\||fault' "$log" | head -1)"
else pass "WFI wait beside a busy guest"
fi

# a timer line still high at the guest's EOI: its PPI, pending again as
# the HW-linked EOI deactivates it, must wake the vCPU's next WFI (QEMU's
# GICv2 model does not signal it: the runtime's WFI is bounded there)
for v in "" -v2; do
	log=$OUT/stale$v.log what="timer line high at the EOI${v:+ on GICv2}"
	if [ -n "$v" ]; then
		PARTITA_DATADIR=$(test_datadir) build_spec stale$v &&
			rc=$(QEMU_MACHINE=virt,virtualization=on,gic-version=2 qemu_boot "$log" \
				-icount shift=0,sleep=off -kernel "$OUT/stale$v/stale$v.img")
	else
		build_spec stale && rc=$(qemu_boot "$log" -icount shift=0,sleep=off \
			-kernel "$OUT/stale/stale.img")
	fi || { fail "build stale$v" "$(tail -3 "$OUT/stale$v.build.log")"; continue; }
	if [ "$rc" != 0 ]; then fail "$what" "QEMU exit $rc, $(grep -c . "$log") lines"
	elif ! grep -q '^stale| STALE taken 100 of 100$' "$log"; then fail "$what" "$(grep STALE "$log")"
	elif ! no_trouble "$log"; then fail "$what" "$(grep 'panic\||fault' "$log" | head -1)"
	else pass "$what"
	fi
done

# 5: the runtime bytes are the same in images of different specs
a=$OUT/two-markers/two-markers.img
b=$OUT/attack-stop/attack-stop.img
if same_runtime "$a" "$b" && same_runtime "$a" "$OUT/vmm.bin"; then
	pass "runtime bytes identical across images"
else
	fail "runtime bytes identical across images" "runtime bytes differ beyond image_size"
fi

finish
