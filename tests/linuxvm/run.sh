#!/bin/sh
# SPDX-License-Identifier: MIT
# Real Linux under the runtime: examples/linux-pair.yaml (two Debian arm64
# guests, one with 2 vCPUs, plus a bare-metal marker) booted with -kernel
# and through U-Boot from a virtio disk. Checks each guest's GUEST-UP and
# self-check against its spec and device tree, the markers, a quiet runtime
# and dmesg, and a clean power-off. Prints the time to each GUEST-UP. Also
# an SMP Linux that keeps rebooting itself (tests/linuxvm/reboot.yaml),
# under -icount, where each boot also counts a loop with perf
# (partita-perf, tests/linuxvm/perf.sh).
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
. tests/linuxvm/perf.sh

OUT=build/tests/linuxvm
SPEC=examples/linux-pair.yaml
SYS=$OUT/linux-pair
GUESTS=images/guests/linux
UBOOT_BIN=/usr/lib/u-boot/qemu_arm64/u-boot.bin
BOOT_TIMEOUT=${BOOT_TIMEOUT:-120}
CR=$(printf '\r')
mkdir -p "$OUT"

# boot LOG ARGS...: one boot, console without CRs to LOG, exit status to
# LOG.rc, "<guest> <ms>" lines to LOG.ms (time from QEMU start to GUEST-UP)
boot() {
	log=$1
	shift
	rm -f "$log.ms"
	start=$(date +%s%N)
	{
		timeout "$BOOT_TIMEOUT" qemu-system-aarch64 \
			-M virt,virtualization=on,gic-version=3 -cpu cortex-a57 \
			-smp 4 -m 2G -nographic -no-reboot "$@" </dev/null
		echo $? >"$log.rc"
	} 2>&1 | while IFS= read -r line; do
		line=${line%"$CR"}     # in the loop: a filter would buffer the times
		case "$line" in
		*"| GUEST-UP "*) echo "${line##* } $((($(date +%s%N) - start) / 1000000))" >>"$log.ms" ;;
		esac
		printf '%s\n' "$line"
	done >"$log"
}

# check_eq NAME WANT GOT
check_eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "want '$2', got '$3'"; fi
}

# field LOG GUEST KEY: value of KEY=... in GUEST's GUEST-CHECK line
field() {
	sed -n "s/^$2| GUEST-CHECK .*$3=\([^ ]*\).*/\1/p" "$1" | head -n 1
}

# dt_nodes DTB: the top-level node names of a guest's device tree, sorted
dt_nodes() {
	fdtget -l "$1" / | LC_ALL=C sort | tr '\n' ',' | sed 's/,$//'
}

# check_linux LOG TAG GUEST VCPUS MEM_KB
check_linux() {
	log=$1 tag=$2 g=$3
	if grep -q "^$g| GUEST-UP $g\$" "$log"; then pass "$tag $g GUEST-UP"; else fail "$tag $g GUEST-UP" "no marker"; fi
	check_eq "$tag $g nproc" "$4" "$(field "$log" "$g" nproc)"
	mem=$(field "$log" "$g" memtotal_kb)
	# the kernel keeps its image, page tables and reservations: 80-100 %
	if [ -n "$mem" ] && [ "$mem" -le "$5" ] && [ "$mem" -ge $(($5 * 8 / 10)) ]; then
		pass "$tag $g memtotal"
	else
		fail "$tag $g memtotal" "memtotal_kb '$mem' not within 80-100 % of $5"
	fi
	check_eq "$tag $g devices" "$(dt_nodes "$SYS/$g.dtb")" "$(field "$log" "$g" devices)"
	bad=$(grep -E "^$g\| .*(WARNING|Call trace|BUG|Oops|\] GICv3: .*(error|failed)|arch_timer: .*(failed|error)|psci: .*(failed|error))" "$log" | head -n 3)
	if [ -z "$bad" ]; then pass "$tag $g dmesg clean"; else fail "$tag $g dmesg clean" "$bad"; fi
	if grep -q "^vmm|$g|system off\$" "$log"; then pass "$tag $g power-off"; else fail "$tag $g power-off" "no system off"; fi
}

# check_system LOG TAG
check_system() {
	log=$1 tag=$2
	check_linux "$log" "$tag" linux0 2 262144
	check_linux "$log" "$tag" linux1 1 262144
	got=$(grep '^marker| MARKER ' "$log" | tr '\n' ';')
	check_eq "$tag marker markers" "marker| MARKER 1 marker;marker| MARKER 2 marker;marker| MARKER 3 marker;marker| MARKER 4 marker;marker| MARKER 5 marker;" "$got"
	bad=$(grep -E '^vmm\|.*(fault|panic|vgic:|not supported|unexpected)|panic' "$log" | head -n 3)
	if [ -z "$bad" ]; then pass "$tag runtime quiet"; else fail "$tag runtime quiet" "$bad"; fi
	if grep -q '^vmm|all guests stopped: power off$' "$log" && [ "$(cat "$log.rc")" = 0 ]; then
		pass "$tag machine power-off"
	else
		fail "$tag machine power-off" "QEMU exit $(cat "$log.rc"), see $log"
	fi
	[ -f "$log.ms" ] && sed "s/^/TIME $tag GUEST-UP /; s/\$/ ms/" "$log.ms"
}

if [ ! -f "$GUESTS/Image" ] || [ ! -f "$GUESTS/initramfs.cpio.gz" ]; then
	make -s guests >"$OUT/guests.log" 2>&1 || { fail "guest payloads" "make guests failed, see $OUT/guests.log"; finish; exit 1; }
fi
if ! make -s build/partita build/vmm/vmm.bin build/tests/guests/marker.elf >"$OUT/make.log" 2>&1; then
	fail build "make failed, see $OUT/make.log"
	finish
	exit 1
fi
if build/partita build "$SPEC" -o "$SYS" >"$OUT/build.log" 2>&1; then
	pass "build $SPEC"
else
	fail "build $SPEC" "$(tail -n 3 "$OUT/build.log")"
	finish
	exit 1
fi

boot "$OUT/kernel.log" -kernel "$SYS/linux-pair.img"
check_system "$OUT/kernel.log" kernel

# irqs_ok LOG: in linux0's first /proc/interrupts, the virtual timer (PPI 27)
# and function-call IPIs (SGIs) counted on both vCPUs, no spurious (Err)
irqs_ok() {
	timer=$(grep -m1 '^linux0| *[0-9]*: .* 27 Level *arch_timer' "$1")
	ipi=$(grep -m1 '^linux0| *IPI1:' "$1")
	err=$(grep -m1 '^linux0| *Err:' "$1")
	if echo "$timer" | grep -Eq ': +[1-9][0-9]* +[1-9][0-9]* ' &&
	   echo "$ipi" | grep -Eq ': +[1-9][0-9]* +[1-9][0-9]* ' &&
	   echo "$err" | grep -Eq 'Err: +0$'; then
		pass "vGIC: timer and IPIs on both vCPUs, no spurious interrupts"
	else
		fail "vGIC: timer and IPIs on both vCPUs, no spurious interrupts" \
			"timer '${timer#*|}', IPI1 '${ipi#*|}', '${err#*|}'"
	fi
}

# reboot_cycles: boot tests/linuxvm/reboot.yaml until linux0 has checked
# itself three times (two restarts) or 120 s passed, then stop QEMU. Under
# -icount shift=0,sleep=off: QEMU counts INST_RETIRED only then.
reboot_cycles() {
	log=$OUT/reboot.log
	timeout "$BOOT_TIMEOUT" qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 \
		-cpu cortex-a57 -smp 4 -m 2G -nographic -no-reboot -icount shift=0,sleep=off \
		-kernel "$OUT/linux-reboot/linux-reboot.img" </dev/null >"$log" 2>&1 &
	pid=$!
	i=0
	while [ "$i" -lt "$BOOT_TIMEOUT" ] && kill -0 "$pid" 2>/dev/null; do
		[ "$(grep -c '^linux0| GUEST-CHECK nproc=2 ' "$log")" -ge 3 ] && break
		sleep 1
		i=$((i + 1))
	done
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	tr -d '\r' <"$log" >"$log.txt"
	checks=$(grep -c '^linux0| GUEST-CHECK nproc=2 ' "$log.txt")
	resets=$(grep -c '^vmm|linux0|restarting$' "$log.txt")
	bad=$(grep -E '^vmm\|.*(fault|panic)|WARNING|Call trace|BUG' "$log.txt" | head -n 3)
	irqs_ok "$log.txt"
	check_perf "$log.txt" reboot linux0 1
	first=$(sed '/^vmm|linux0|restarting$/q' "$log.txt")
	if echo "$first" | grep -q '^linux0| .*psci: CPU1 killed' &&
	   [ "$(echo "$first" | grep -c '^linux0| .*CPU1: Booted secondary processor')" -eq 2 ]; then
		pass "hotplug: vCPU 1 offline (CPU_OFF) and back online (CPU_ON)"
	else
		fail "hotplug: vCPU 1 offline (CPU_OFF) and back online (CPU_ON)" "see $log.txt"
	fi
	if [ "$checks" -ge 3 ] && [ "$resets" -ge 2 ] && [ -z "$bad" ]; then
		pass "reboot: SMP Linux comes back with 2 vCPUs after each reset"
	else
		fail "reboot: SMP Linux comes back with 2 vCPUs after each reset" \
			"$checks checks, $resets restarts, ${bad:-no trouble lines}; see $log.txt"
	fi
}

if build/partita build tests/linuxvm/reboot.yaml -o "$OUT/linux-reboot" >"$OUT/reboot.build.log" 2>&1; then
	reboot_cycles
else
	fail "build reboot.yaml" "$(tail -n 3 "$OUT/reboot.build.log")"
fi

disk=$OUT/disk.img
if tests/qemu/mkdisk.sh "$disk" "$SYS/boot.scr" "$SYS/linux-pair.itb"; then
	boot "$OUT/uboot.log" -bios "$UBOOT_BIN" \
		-drive "if=none,file=$disk,format=raw,id=d0" -device virtio-blk-pci,drive=d0
	check_system "$OUT/uboot.log" uboot
else
	fail "uboot disk" "mkdisk failed"
fi
finish
