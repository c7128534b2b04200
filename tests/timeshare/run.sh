#!/bin/sh
# SPDX-License-Identifier: MIT
# Time partitioning under the runtime (issue 16), on QEMU under -icount
# shift=0,sleep=off: the virtual counter advances one nanosecond per
# instruction, so every figure here is an instruction count, the same on
# every run. Bare-metal guests (tests/guests/tshare.c) measure the time
# they did not run:
#   pair  (GICv3 and GICv2) alpha 4 ms + beta 6 ms on CPU 0, gamma alone
#         on CPU 1: runs, gaps, shares and phase; FP/SIMD and TPIDR kept across windows; a
#         doorbell rung while beta is out arrives as its window starts; its
#         virtual timer expiring in alpha's window fires late, not lost;
#         gamma takes no exit from CPU 0's switches
#   rtc   (GICv3 and GICv2) owner 4 ms (the PL031 passed through) + busy
#         8 ms: owner's RTC alarm fires twice in busy's window (-rtc
#         clock=vm: its second is one of the virtual clock; -icount
#         shift=2, 4 ns an instruction, for QEMU's time); the SPI costs
#         busy no exit (its exits per window constant: the switch and the
#         call that counts them), reaches owner as its window starts, once
#         per alarm
#   idle  alpha 4 ms (flooding null hypercalls) + idle 2 ms + beta 4 ms
#         (waiting in WFI): alpha never gets more than its 4 ms
#   life  (GICv3 and GICv2) alpha 4 ms + duo's vCPU 1 3 ms + attacker 3 ms:
#         PSCI CPU_ON of a time-shared vCPU, a guest reset that must stop it
#         wherever it is, on_fault restarts of a time-shared guest; alpha's
#         windows unchanged once they are all past
#   t32   LAYOUT_MAX_GUESTS (32) marker guests, eight per CPU under 8 ms
#         plans: all start and finish, every CPU's EL2 view has its eight
#   linux a Debian arm64 guest and tshare half and half on CPU 0, without
#         icount (under it the boot takes minutes: the figures are
#         tests/bench/timeshare.sh's): Linux reaches GUEST-UP and powers off,
#         tshare's registers survive every switch
# Tolerance TOL: one window switch plus one loop iteration of the guest,
# about 2,000 instructions (2 us) measured; 10 us allowed.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
QEMU_TIMEOUT=${QEMU_TIMEOUT:-120}   # a loaded host: the icount boots take 5-25 s
. tests/qemu/lib.sh
OUT=build/tests/timeshare
TOL=10000
mkdir -p "$OUT"
make -s build/vmm/vmm.bin build/tests/guests/tshare.elf >"$OUT/make.log" 2>&1 ||
	{ fail "build" "$(tail -3 "$OUT/make.log")"; finish; exit 1; }
make -s build/partita >>"$OUT/make.log" 2>&1 || [ -x build/partita ] ||
	{ fail "build" "no build/partita"; finish; exit 1; }
QEMU_OPTS="$QEMU_OPTS -icount shift=0,sleep=off"

# ts_boot NAME IMAGE: build specs/NAME.yaml (its schedule: the plan), boot it
ts_boot() {
	PARTITA_RUNTIME=$PWD/build/vmm/vmm.bin ./build/partita build \
		"tests/timeshare/specs/$1.yaml" -o "$OUT/$1" >"$OUT/$1.build.log" 2>&1 ||
		{ echo build; return; }
	qemu_boot "$OUT/$1.log" -kernel "$OUT/$1/$2.img"
}

# within V LO HI
within() { [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }

# runs_ok LOG GUEST RUN GAP SHARE: 20 runs of RUN ns, gaps of GAP ns (the
# switch cost makes runs shorter and gaps longer, within TOL), the share in
# permille, resumes within TOL of whole periods, registers intact
runs_ok() {
	set -- "$1" "$2" "$3" "$4" "$5" $(sed -n "s/^$2| TSHARE runs //p" "$1")
	# $6.. = n rmin rmax gaps gmin gmax share S phase P fp F sys Y
	[ "$6" = 20 ] && within "$7" $(($3 - TOL)) "$3" && within "$8" $(($3 - TOL)) "$3" &&
		within "${10}" "$4" $(($4 + TOL)) && within "${11}" "$4" $(($4 + TOL)) &&
		within "${13}" $(($5 - 1)) "$5" && within "${15}" 0 "$TOL" &&
		[ "${17}" = ok ] && [ "${19}" = ok ]
}

line() { sed -n "s/^$2| TSHARE //p" "$1" | grep "^$3" | head -1; }

# the pair on GICv3, then on GICv2 (GICH list registers, GICV mapped)
for v in "" -v2; do
	log=$OUT/pair$v.log
	g=${v:+ (GICv2)}
	if [ -n "$v" ]; then
		rc=$(PARTITA_DATADIR=$(test_datadir) QEMU_MACHINE=virt,virtualization=on,gic-version=2 \
			ts_boot pair$v tshare$v)
	else
		rc=$(ts_boot pair tshare)
	fi
	if [ "$rc" != 0 ]; then
		fail "pair boots$g" "QEMU exit $rc"
	elif ! no_trouble "$log" || ! grep -q '^vmm|all guests stopped: power off$' "$log"; then
		fail "pair boots$g" "$(grep 'panic\||fault' "$log" | head -1)"
	else
		pass "pair boots$g, both guests on CPU 0 run to completion"
	fi
	if runs_ok "$log" alpha 4000000 6000000 400; then
		pass "alpha 4 ms of 10$g: $(line "$log" alpha runs)"
	else
		fail "alpha 4 ms of 10$g" "$(line "$log" alpha runs)"
	fi
	if runs_ok "$log" beta 6000000 4000000 600; then
		pass "beta 6 ms of 10$g: $(line "$log" beta runs)"
	else
		fail "beta 6 ms of 10$g" "$(line "$log" beta runs)"
	fi
	set -- $(line "$log" beta doorbell)
	if [ "$3" = yes ] && within "$5" 0 "$TOL"; then
		pass "doorbell rung while beta is out arrives as its window starts$g ($5 ns after)"
	else
		fail "doorbell to a descheduled guest$g" "$*"
	fi
	set -- $(line "$log" beta timer)
	if [ "$#" = 5 ] && within "$3" 1 $((4000000 + TOL)) && within "$5" 0 "$TOL"; then
		pass "beta's timer expiring in alpha's window fires late ($3 ns) as beta resumes$g"
	else
		fail "virtual timer of a descheduled guest$g" "${*:-no timer line}"
	fi
	set -- $(line "$log" gamma solo)
	if [ "$3" = 1 ]; then
		pass "gamma alone on CPU 1: no exit in 200 ms beside CPU 0's switches$g"
	else
		fail "gamma unaffected$g" "${*:-no solo line}"
	fi
done

# a descheduled guest's passthrough interrupt is held at the distributor.
# Two alarms take 2.2 s of virtual time: 4 ns per instruction (shift=2)
# instead of 1 keeps that to 550 million instructions
ts_opts=$QEMU_OPTS
rtc_opts="$(echo "$QEMU_OPTS" | sed 's/shift=0/shift=2/') -rtc clock=vm"
for v in "" -v2; do
	log=$OUT/rtc$v.log
	g=${v:+ (GICv2)}
	if [ -n "$v" ]; then
		rc=$(PARTITA_DATADIR=$(test_datadir) QEMU_MACHINE=virt,virtualization=on,gic-version=2 \
			QEMU_OPTS="$rtc_opts" QEMU_TIMEOUT=300 ts_boot rtc$v tsrtc$v)
	else
		rc=$(QEMU_OPTS="$rtc_opts" QEMU_TIMEOUT=300 ts_boot rtc tsrtc)
	fi
	if [ "$rc" != 0 ] || ! no_trouble "$log" || ! grep -q '^vmm|all guests stopped: power off$' "$log"; then
		fail "passthrough SPI of a descheduled guest$g" "QEMU exit $rc $(grep 'panic\||fault' "$log" | head -1)"
		continue
	fi
	# rtc alarms A taken T in-gap G at-resume MIN MAX
	set -- $(line "$log" owner rtc)
	if [ "$3" = 2 ] && [ "$5" = 2 ] && [ "$7" = 2 ] && within "$9" 0 "$TOL" && within "${10}" 0 "$TOL"; then
		pass "owner's RTC alarm firing in busy's window is taken as owner's starts$g ($9-${10} ns after), once per alarm ($5 of $3)"
	else
		fail "owner's held RTC interrupt$g" "${*:-no rtc line}"
	fi
	# exits MIN MAX over N: every run and gap of busy, the alarms' included
	set -- $(line "$log" busy exits)
	if [ "$#" = 5 ] && [ "$2" = "$3" ] && [ "$5" -ge 180 ]; then
		pass "owner's SPI costs busy no exit$g: $2 per window in all $5 (the switch and the counting call)"
	else
		fail "owner's SPI while busy runs$g" "${*:-no exits line}"
	fi
done
QEMU_OPTS=$ts_opts

log=$OUT/idle.log
rc=$(ts_boot idle tsidle)
if [ "$rc" != 0 ] || ! no_trouble "$log" || ! grep -q '^vmm|all guests stopped: power off$' "$log"; then
	fail "idle window" "QEMU exit $rc $(grep 'panic\||fault' "$log" | head -1)"
elif ! runs_ok "$log" alpha 4000000 6000000 400; then
	fail "idle window" "alpha: $(line "$log" alpha runs)"
elif ! line "$log" beta slept | grep -q '^slept 300 ms'; then
	fail "idle window" "beta: $(line "$log" beta slept)"
else
	pass "hypercall flood, idle window and WFI give alpha no more than 4 ms: $(line "$log" alpha runs)"
fi

# life cycles: duo starts, loses (reset) and starts again its time-shared
# vCPU 1; the attacker is restarted twice; alpha still gets exactly its 4 ms
for v in "" -v2; do
	log=$OUT/life$v.log
	if [ -n "$v" ]; then
		rc=$(PARTITA_DATADIR=$(test_datadir) QEMU_MACHINE=virt,virtualization=on,gic-version=2 \
			ts_boot life$v tslife$v)
	else
		rc=$(ts_boot life tslife)
	fi
	what="life cycles of time-shared vCPUs${v:+ on GICv2}"
	if [ "$rc" != 0 ]; then fail "$what" "QEMU exit $rc"
	elif [ "$(grep -c '^duo| SECONDARY 1 duo$' "$log")" != 2 ]; then fail "$what" "duo's vCPU 1 did not start twice"
	elif ! grep -q '^vmm|duo|restarting$' "$log" || ! markers_ok "$log" duo 100; then fail "$what" "duo: no reset or markers missing"
	elif [ "$(grep -c '^vmm|attacker|restarting$' "$log")" != 2 ] ||
	     ! grep -q '^attacker| ATTACKER round 3$' "$log"; then fail "$what" "attacker: want 2 restarts and a third run"
	elif grep -q panic "$log" || grep '|fault' "$log" | grep -qv '^vmm|attacker|'; then fail "$what" "unexpected fault or panic"
	elif ! grep -q '^vmm|all guests stopped: power off$' "$log"; then fail "$what" "no power off"
	elif ! sed -n 's/^alpha| TSHARE runs //p' "$log" | grep -q '^40 '; then fail "$what" "alpha: $(line "$log" alpha runs)"
	else
		set -- $(sed -n 's/^alpha| TSHARE runs //p' "$log")
		if within "$2" $((4000000 - TOL)) 4000000 && within "$3" $((4000000 - TOL)) 4000000 &&
		   within "$5" 6000000 $((6000000 + TOL)) && [ "${12}" = ok ]; then
			pass "$what: alpha runs $2-$3 ns, gaps $5-$6 ns"
		else
			fail "$what" "alpha: $*"
		fi
	fi
done

# 32 guests, the runtime's limit: translation tables, views, contexts suffice
log=$OUT/t32.log
rc=$(ts_boot t32 t32)
views=$(grep -c '^vmm|boot: cpu[0-3] EL2 view: runtime,\( g[0-9][0-9]\)\{8\}$' "$log")
if [ "$rc" != 0 ]; then fail "32 guests on 4 CPUs" "QEMU exit $rc"
elif [ "$(grep -c '^g[0-9][0-9]| MARKER 3 g[0-9][0-9]$' "$log")" != 32 ]; then
	fail "32 guests on 4 CPUs" "$(grep -c '| MARKER 3 ' "$log") of 32 guests printed their markers"
elif [ "$views" != 4 ] || grep -q 'cannot map\|not started\|keeps the EL2 map' "$log"; then
	fail "32 guests on 4 CPUs" "$(grep 'cannot map\|EL2 view\|EL2 map' "$log" | head -2)"
elif ! no_trouble "$log" || ! grep -q '^vmm|all guests stopped: power off$' "$log"; then
	fail "32 guests on 4 CPUs" "no clean power off"
else
	pass "32 guests on 4 CPUs, eight per CPU: all ran ($(sed -n 's/.*guests, \([0-9]*\) translation tables$/\1/p' "$log") translation tables)"
fi

# Linux sharing CPU 0 with a bare-metal guest (wall clock: only the outcome)
log=$OUT/linux.log
if [ ! -f images/guests/linux/Image ] || [ ! -f images/guests/linux/initramfs.cpio.gz ]; then
	# like tests/linux and tests/virtio: in `make test` tests/boards has run
	# `make guests` before this suite
	echo "SKIP Linux beside a bare-metal guest on one CPU: needs make guests (Debian kernel and initramfs)"
else
	rc=$(QEMU_OPTS="-cpu cortex-a57 -smp 4 -m 2G -nographic -no-reboot" ts_boot linux tslinux)
	if [ "$rc" != 0 ]; then fail "Linux beside a bare-metal guest on one CPU" "QEMU exit $rc"
	elif ! grep -q '^linux| GUEST-UP linux$' "$log"; then fail "Linux beside a bare-metal guest on one CPU" "no GUEST-UP"
	elif ! grep -q '^vmm|linux|stopped$' "$log" || ! grep -q '^vmm|all guests stopped: power off$' "$log"; then
		fail "Linux beside a bare-metal guest on one CPU" "no clean power off"
	elif ! no_trouble "$log"; then fail "Linux beside a bare-metal guest on one CPU" "$(grep 'panic\||fault' "$log" | head -1)"
	elif ! line "$log" tick runs | grep -q '^runs 400 .* fp ok sys ok$'; then
		fail "Linux beside a bare-metal guest on one CPU" "tick: $(line "$log" tick runs)"
	else
		pass "Linux boots to GUEST-UP beside a bare-metal guest on CPU 0 (5 + 5 ms), tick's state intact over 400 windows"
	fi
fi
finish
