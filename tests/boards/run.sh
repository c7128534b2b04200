#!/bin/sh
# SPDX-License-Identifier: MIT
# The runtime on a GICv2 board (boards/qemu-virt-gicv2: QEMU virt with
# gic-version=2): guests get a trapped virtual GICv2 distributor and the
# hardware's virtual CPU interface (GICV). Boots the bare-metal example
# (examples/gicv2-pair.yaml) and the Linux one (examples/linux-gicv2.yaml):
# GUEST-UP, virtual timer ticks and IPIs on both vCPUs of the SMP guest, the
# passthrough PL031 seen by its owner only, a virtio-blk disk read by the
# guest that owns its slot (interrupt HW-linked through GICH), power off;
# then an SMP guest that hotplugs its vCPU 1 and reboots itself, restarted
# twice by the runtime (tests/boards/reboot-gicv2.yaml), counting a loop
# with perf each time (partita-perf, tests/linuxvm/perf.sh; no -icount, so
# no instruction event).
# Prints the time from QEMU start to each GUEST-UP.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/linuxvm/perf.sh

OUT=build/tests/boards
MACHINE=virt,virtualization=on,gic-version=2
GUESTS=images/guests/linux
TIMEOUT=${BOOT_TIMEOUT:-150}
CR=$(printf '\r')
mkdir -p "$OUT"

# boot LOG IMAGE [QEMU ARGS...]: console without CRs to LOG, exit status
# to LOG.rc, "<guest> <ms>" lines to LOG.ms (QEMU start to GUEST-UP)
boot() {
	log=$1 img=$2
	shift 2
	rm -f "$log.ms"
	start=$(date +%s%N)
	{
		timeout "$TIMEOUT" qemu-system-aarch64 -M "$MACHINE" -cpu cortex-a57 \
			-smp 4 -m 2G -nographic -no-reboot -kernel "$img" "$@" </dev/null
		echo $? >"$log.rc"
	} 2>&1 | while IFS= read -r line; do
		line=${line%"$CR"}
		case "$line" in
		*"| GUEST-UP "*) echo "${line##* } $((($(date +%s%N) - start) / 1000000))" >>"$log.ms" ;;
		esac
		printf '%s\n' "$line"
	done >"$log"
}

# markers LOG GUEST: GUEST's five markers, in order
markers() {
	got=$(grep "^$2| MARKER " "$1" | tr '\n' ';')
	[ "$got" = "$2| MARKER 1 $2;$2| MARKER 2 $2;$2| MARKER 3 $2;$2| MARKER 4 $2;$2| MARKER 5 $2;" ]
}

# quiet LOG: no fault, panic, unknown vGIC offset or stray interrupt at EL2
quiet() {
	! grep -Eq '^vmm\|.*(fault|panic|vgic:|unexpected|refused)' "$1"
}

powered_off() {
	grep -q '^vmm|all guests stopped: power off$' "$1" && [ "$(cat "$1.rc")" = 0 ]
}

if ! make -s build/partita build/vmm/vmm.bin build/tests/guests/marker.elf >"$OUT/make.log" 2>&1; then
	fail build "make failed, see $OUT/make.log"
	finish
	exit 1
fi

# 1: two bare-metal markers, each with one passthrough device
if build/partita build examples/gicv2-pair.yaml -o "$OUT/gicv2-pair" >"$OUT/gicv2-pair.build.log" 2>&1; then
	log=$OUT/gicv2-pair.log
	boot "$log" "$OUT/gicv2-pair/gicv2-pair.img"
	if ! powered_off "$log"; then fail "gicv2-pair boots and powers off" "QEMU exit $(cat "$log.rc"), see $log"
	elif ! markers "$log" clock || ! markers "$log" keys; then fail "gicv2-pair boots and powers off" "markers missing"
	elif ! quiet "$log"; then fail "gicv2-pair boots and powers off" "$(grep '^vmm|' "$log" | grep -E 'fault|panic|vgic:|unexpected' | head -1)"
	else pass "gicv2-pair boots and powers off"
	fi
else
	fail "build gicv2-pair" "$(tail -n 3 "$OUT/gicv2-pair.build.log")"
fi

# 2: Linux on the virtual GICv2
if [ ! -f "$GUESTS/Image" ] || [ ! -f "$GUESTS/initramfs.cpio.gz" ]; then
	make -s guests >"$OUT/guests.log" 2>&1 || { fail "guest payloads" "make guests failed, see $OUT/guests.log"; finish; exit 1; }
fi
if ! build/partita build examples/linux-gicv2.yaml -o "$OUT/linux-gicv2" >"$OUT/linux-gicv2.build.log" 2>&1; then
	fail "build linux-gicv2" "$(tail -n 3 "$OUT/linux-gicv2.build.log")"
	finish
	exit 1
fi
# linux1's disk: a tar archive with one known file (busybox tar reads it)
HELLO="partita GICv2 disk: hello from virtio-blk"
rm -rf "$OUT/disk" && mkdir -p "$OUT/disk/partita"
echo "$HELLO" >"$OUT/disk/partita/hello.txt"
tar --owner=0 --group=0 --mtime=@0 -C "$OUT/disk" -cf "$OUT/disk.tar" partita
log=$OUT/linux-gicv2.log
boot "$log" "$OUT/linux-gicv2/linux-gicv2.img" \
	-drive "if=none,file=$OUT/disk.tar,format=raw,id=d0" -device virtio-blk-device,drive=d0

for g in linux0 linux1; do
	if grep -q "^$g| GUEST-UP $g\$" "$log"; then pass "GICv2 $g GUEST-UP"; else fail "GICv2 $g GUEST-UP" "see $log"; fi
	bad=$(grep -E "^$g\| .*(WARNING|Call trace|BUG|Oops|GIC.*(error|fail)|arch_timer: .*(failed|error))" "$log" | head -n 2)
	if [ -z "$bad" ]; then pass "GICv2 $g dmesg clean"; else fail "GICv2 $g dmesg clean" "$bad"; fi
done
nproc=$(sed -n 's/^linux0| GUEST-CHECK nproc=\([0-9]*\) .*/\1/p' "$log")
if [ "$nproc" = 2 ] && grep -q '^linux0| .*CPU1: Booted secondary processor' "$log"; then
	pass "GICv2 SMP guest brings up its second vCPU"
else
	fail "GICv2 SMP guest brings up its second vCPU" "nproc '$nproc'"
fi
# linux0's /proc/interrupts: timer (PPI 27) ticks and IPIs on both vCPUs
timer=$(grep -m1 '^linux0| *[0-9]*: .* 27 Level *arch_timer' "$log")
ipi=$(grep -m1 '^linux0| *IPI1:' "$log")
err=$(grep -m1 '^linux0| *Err:' "$log")
if echo "$timer" | grep -Eq ': +[1-9][0-9]* +[1-9][0-9]* ' &&
   echo "$ipi" | grep -Eq ': +[1-9][0-9]* +[1-9][0-9]* ' &&
   echo "$err" | grep -Eq 'Err: +0$'; then
	pass "GICv2 virtual timer and IPIs on both vCPUs, no spurious interrupts"
else
	fail "GICv2 virtual timer and IPIs on both vCPUs, no spurious interrupts" \
		"timer '${timer#*|}', IPI1 '${ipi#*|}', '${err#*|}'"
fi
t1=$(grep -m1 '^linux1| *[0-9]*: .* 27 Level *arch_timer' "$log")
if echo "$t1" | grep -Eq ': +[1-9][0-9]* '; then pass "GICv2 linux1 timer ticks"; else fail "GICv2 linux1 timer ticks" "'${t1#*|}'"; fi
# the PL031 passthrough: linux0 reads a plausible time (after 2020), linux1 has no RTC
# (linux0's next line: linux1's console lines may come between the two)
secs=$(grep '^linux0| ' "$log" | grep -A1 '^linux0| rtc-pl031' | sed -n '2s/^linux0| \([0-9]*\)$/\1/p')
if [ -n "$secs" ] && [ "$secs" -gt 1577836800 ]; then pass "GICv2 linux0 reads the passthrough RTC"; else fail "GICv2 linux0 reads the passthrough RTC" "since_epoch '$secs'"; fi
if grep -q '^linux1| GUEST-RC 0' "$log" && ! grep -q '^linux1| rtc' "$log" && ! grep -q '^linux1| .*rtc-pl031' "$log"; then
	pass "GICv2 linux1 has no RTC"
else
	fail "GICv2 linux1 has no RTC" "see $log"
fi
# virtio-blk on GICv2: the file read back, its SPI (79) counted by linux1
if grep -q "^linux1| $HELLO\$" "$log" && grep -Eq '^linux1\| +[0-9]+: +[1-9][0-9]* +GIC-0 +79 ' "$log"; then
	pass "GICv2 linux1 reads its virtio-blk disk (HW-linked SPI 79)"
else
	fail "GICv2 linux1 reads its virtio-blk disk (HW-linked SPI 79)" "$(grep -E '^linux1\| .*(virtio|vda|tar)' "$log" | tail -n 2)"
fi
if markers "$log" marker; then pass "GICv2 marker beside Linux"; else fail "GICv2 marker beside Linux" "markers missing"; fi
if quiet "$log"; then pass "GICv2 runtime quiet"; else fail "GICv2 runtime quiet" "$(grep -E '^vmm\|.*(fault|panic|vgic:|unexpected|refused)' "$log" | head -2)"; fi
if powered_off "$log"; then pass "GICv2 Linux machine power-off"; else fail "GICv2 Linux machine power-off" "QEMU exit $(cat "$log.rc"), see $log"; fi
[ -f "$log.ms" ] && sed 's/^/TIME qemu-virt-gicv2 GUEST-UP /; s/$/ ms/' "$log.ms"

# cpu_state LOG MON: where each CPU of a stuck QEMU is, from its monitor on
# the pipes MON.in/MON.out ("info registers -a"), the runtime's PCs named
# from build/vmm/vmm.elf (linked at 0, run at the "runtime at" address):
# printed as "STATE CPU#n PC=... EL2h function file:line" lines
cpu_state() {
	base=$(sed -n 's/^vmm|boot: runtime at \(0x[0-9a-f]*\),.*/\1/p' "$1" | tr -d '\r' | head -n 1)
	printf 'info registers -a\n' >"$2.in"
	timeout 5 cat "$2.out" | tr -d '\r' | grep -E '^CPU#|^ PC=|^PSTATE=' |
		sed -n 's/^ *PC=\([0-9a-f]*\) .*/\1/p; s/^PSTATE=[0-9a-f]* [-NZCV]* \(EL[0-3][th]\).*/\1/p' |
		paste - - | while read -r pc el; do
			where=
			if [ -n "$base" ] && [ "$el" = EL2h ]; then
				where=$(aarch64-linux-gnu-addr2line -f -i -s -e build/vmm/vmm.elf \
					"$(printf '0x%x' $((0x$pc - base)))" 2>/dev/null | paste -sd ' ')
			fi
			echo "STATE CPU#$((n = ${n:--1} + 1)) PC=$pc $el $where"
		done
}

# 3: hotplug and restarts: run until linux0 checked itself three times
reboot_cycles() {
	log=$OUT/reboot.log
	mon=$OUT/reboot.mon
	rm -f "$mon.in" "$mon.out" && mkfifo "$mon.in" "$mon.out"
	# QEMU outlives the wait below, so a stuck one can be asked where it is
	timeout $((TIMEOUT + 30)) qemu-system-aarch64 -M "$MACHINE" -cpu cortex-a57 -smp 4 -m 2G \
		-nographic -no-reboot -kernel "$OUT/reboot/linux-reboot-gicv2.img" \
		-monitor "pipe:$mon" </dev/null >"$log" 2>&1 &
	pid=$!
	i=0
	while [ "$i" -lt "$TIMEOUT" ] && kill -0 "$pid" 2>/dev/null; do
		[ "$(grep -c '^linux0| GUEST-CHECK nproc=2 ' "$log")" -ge 3 ] && break
		sleep 1
		i=$((i + 1))
	done
	# stuck (issue: the GICv2 hotplug hang under load): where the CPUs are
	rm -f "$log.state"
	if kill -0 "$pid" 2>/dev/null && [ "$(grep -c '^linux0| GUEST-CHECK nproc=2 ' "$log")" -lt 3 ]; then
		cpu_state "$log" "$mon" >"$log.state"
	fi
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	echo "QEMU exit $? after ${i} s" >>"$log"
	[ -f "$log.state" ] && cat "$log.state" >>"$log"
	rm -f "$mon.in" "$mon.out"
	tr -d '\r' <"$log" >"$log.txt"
	checks=$(grep -c '^linux0| GUEST-CHECK nproc=2 ' "$log.txt")
	resets=$(grep -c '^vmm|linux0|restarting$' "$log.txt")
	bad=$(grep -E '^vmm\|.*(fault|panic|vgic:|unexpected)|WARNING|Call trace|BUG' "$log.txt" | head -n 2)
	check_perf "$log.txt" GICv2 linux0 0
	first=$(sed '/^vmm|linux0|restarting$/q' "$log.txt")
	if echo "$first" | grep -q '^linux0| .*psci: CPU1 killed' &&
	   [ "$(echo "$first" | grep -c '^linux0| .*CPU1: Booted secondary processor')" -eq 2 ]; then
		pass "GICv2 hotplug: vCPU 1 offline and back online"
	else
		fail "GICv2 hotplug: vCPU 1 offline and back online" \
			"see $log.txt$(grep '^STATE' "$log.txt" | cut -d' ' -f2,4- | sed 's/^/; /' | tr -d '\n')"
	fi
	if [ "$checks" -ge 3 ] && [ "$resets" -ge 2 ] && [ -z "$bad" ]; then
		pass "GICv2 reboot: SMP Linux comes back with 2 vCPUs after each reset"
	else
		fail "GICv2 reboot: SMP Linux comes back with 2 vCPUs after each reset" \
			"$checks checks, $resets restarts, ${bad:-no trouble lines}; see $log.txt"
	fi
}

if build/partita build tests/boards/reboot-gicv2.yaml -o "$OUT/reboot" >"$OUT/reboot.build.log" 2>&1; then
	reboot_cycles
else
	fail "build reboot-gicv2.yaml" "$(tail -n 3 "$OUT/reboot.build.log")"
fi
finish
