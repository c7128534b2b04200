#!/bin/sh
# SPDX-License-Identifier: MIT
# Channels end to end (issue 5) under the runtime on QEMU: two bare-metal
# guests ping-pong 10,000 checksummed messages while a hostile guest
# notifies slots it does not hold and writes its read-only end; doorbell
# coalescing and clearing on restart; what a 100,000-notify storm costs the
# receiver in exits (GICv3 and GICv2), notifies racing with its
# acknowledge; a Debian Linux guest (partita_channel.ko
# and partita-chan, from `make guests guest-modules`) exchanging 10,000
# messages with a bare-metal guest.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/qemu/lib.sh
OUT=build/tests/channels
mkdir -p "$OUT"
make -s build/vmm/vmm.bin build/tests/guests/chan_pingpong.elf \
	build/tests/guests/chan_hostile.elf build/tests/guests/chan_burst.elf \
	build/tests/guests/chan_storm.elf >"$OUT/make.log" 2>&1 ||
	{ fail "build" "$(tail -3 "$OUT/make.log")"; finish; exit 1; }
# the host tool is not under test here: an existing one will do
make -s build/partita >>"$OUT/make.log" 2>&1 || [ -x build/partita ] ||
	{ fail "build" "no build/partita"; finish; exit 1; }

# chan_spec NAME: build tests/channels/specs/NAME.yaml, boot it; QEMU's status
chan_spec() {
	./build/partita build "tests/channels/specs/$1.yaml" -o "$OUT/$1" >"$OUT/$1.build.log" 2>&1 ||
		{ echo build; return; }
	qemu_boot "$OUT/$1.log" -kernel "$OUT/$1/$1.img"
}

# no_trouble_but_hostile LOG: no panic, and only the hostile guest faulted
no_trouble_but_hostile() {
	! grep -q 'panic' "$1" && ! grep '|fault' "$1" | grep -qv '^vmm|hostile|'
}

# ends_ok LOG ROLE: the guest's closing line says every message arrived intact
ends_ok() {
	grep -q "^$2| CHAN $2 done n=10000 ok=10000 bad=0 lost=0 refused=0 doorbells=[0-9]*$" "$1"
}

log=$OUT/pingpong.log
rc=$(chan_spec pingpong)
if [ "$rc" != 0 ]; then fail "ping-pong 10000" "QEMU exit $rc"
elif ! ends_ok "$log" ping; then fail "ping-pong 10000" "ping: $(grep 'ping| CHAN' "$log" | tail -1)"
elif ! ends_ok "$log" pong; then fail "ping-pong 10000" "pong: $(grep 'pong| CHAN' "$log" | tail -1)"
elif ! no_trouble_but_hostile "$log"; then fail "ping-pong 10000" "a rightful end faulted"
else pass "ping-pong 10000 ($(sed -n 's/^pong| CHAN pong done.*doorbells=//p' "$log") doorbells for 20000 notifies)"
fi

want='^hostile| HOSTILE done bad_slot=6000 denied=1000 aborts=1 intact=1$'
perm='^vmm|hostile|fault data abort (permission fault, level 3), IPA 0x41000000, write,'
if [ "$rc" != 0 ]; then fail "hostile contained" "QEMU exit $rc"
elif ! grep -q "$want" "$log"; then fail "hostile contained" "$(grep 'HOSTILE done' "$log")"
elif ! grep -q "$perm" "$log"; then fail "hostile contained" "no permission fault line"
elif [ "$(grep -c '^vmm|hostile|notify refused: slot [0-9]* is not a channel this guest holds$' "$log")" != 6 ]
then fail "hostile contained" "want one refusal line per foreign slot (6)"
elif [ "$(grep -c '^vmm|hostile|notify refused: slot 96 may not notify' "$log")" != 1 ]
then fail "hostile contained" "want one 'may not notify' line for its own end"
else pass "hostile contained (7000 refused notifies, 7 log lines, read-only write aborted)"
fi

if [ "$rc" = 0 ] && lines_whole "$log" && grep -q '^vmm|all guests stopped: power off$' "$log"
then pass "ping-pong run ends cleanly"
else fail "ping-pong run ends cleanly" "console lines or power off"
fi

# the same library on a GICv2 board: doorbells through the virtual GICv2
log=$OUT/pingpong-gicv2.log
rc=$(QEMU_MACHINE=virt,virtualization=on,gic-version=2 QEMU_TIMEOUT=90 chan_spec pingpong-gicv2)
if [ "$rc" != 0 ]; then fail "ping-pong 10000 on GICv2" "QEMU exit $rc"
elif ! ends_ok "$log" ping || ! ends_ok "$log" pong; then fail "ping-pong 10000 on GICv2" "$(grep 'CHAN p[io]ng done' "$log" | tr '\n' ' ')"
elif grep -q 'doorbells=0$' "$log" || grep -q '|fault' "$log"; then fail "ping-pong 10000 on GICv2" "no doorbells, or a fault"
else pass "ping-pong 10000 on GICv2 ($(sed -n 's/^pong| CHAN pong done.*doorbells=//p' "$log") doorbells)"
fi

# the documented fallback: receivers poll the sequence number, no GIC
log=$OUT/pingpoll.log
rc=$(QEMU_TIMEOUT=90 chan_spec pingpoll)   # ~18 s alone; polling suffers most from a loaded host
if [ "$rc" != 0 ]; then fail "ping-pong 10000 polling" "QEMU exit $rc"
elif ! ends_ok "$log" ping || ! ends_ok "$log" pong; then fail "ping-pong 10000 polling" "$(grep 'CHAN p[io]ng done' "$log" | tr '\n' ' ')"
elif ! grep -q "$want" "$log" || ! no_trouble_but_hostile "$log"; then fail "ping-pong 10000 polling" "hostile or fault"
else pass "ping-pong 10000 polling (fallback without doorbells)"
fi

log=$OUT/burst.log
rc=$(chan_spec burst)
if [ "$rc" != 0 ]; then fail "coalescing and restart" "QEMU exit $rc"
elif ! grep -q '^recv| BURST recv pending before reset=1$' "$log"; then fail "coalescing and restart" "no pending doorbell before the reset"
elif ! grep -q '^vmm|recv|restarting$' "$log"; then fail "coalescing and restart" "receiver did not restart"
elif ! grep -q '^recv| BURST recv done after reset=0 taken=1 extra=0$' "$log"
then fail "coalescing and restart" "$(grep 'BURST recv done' "$log")"
elif ! grep -q '^send| BURST send done notifies=200 refused=0$' "$log"; then fail "coalescing and restart" "sender"
elif ! no_trouble "$log"; then fail "coalescing and restart" "fault or panic"
else pass "coalescing and restart (100 notifies -> 1 doorbell, cleared by restart)"
fi
# a notify storm's cost to the receiver: 100,000 notifies while its doorbell
# is enabled but masked. Only the 0 -> 1 transition of its pending bit
# kicks its CPU, and none while the doorbell waits pending in one of its
# list registers (vgic_coalesce.c: the target publishes it once a repeat
# finds it there, and hears when the guest takes it: a trapped acknowledge
# on GICv3, the LR's EOI maintenance interrupt on GICv2). So the receiver
# takes a constant number of exits (2: the first kick places the doorbell,
# the second finds it listed), however loaded the host; before, every
# flush cleared the bit and the next notify kicked again (28 to 31,689
# exits, following QEMU's thread interleaving). Then 200 rounds of
# notifies racing with its acknowledge: a notify lost behind a listed
# doorbell (lost=) fails, and on GICv3 one not folded into the pending one
# (extra=). GICv2 cannot trap the acknowledge: notifies between the
# receiver's last exit and its acknowledge are delivered once more after
# the EOI maintenance interrupt, at most one extra doorbell a round
# (SECURITY.md); that bound is checked and the count printed.
storm_check() {   # NAME LABEL MACHINE MAX_EXTRA
	log=$OUT/$1.log
	rc=$(QEMU_MACHINE=$3 QEMU_TIMEOUT=90 chan_spec "$1")
	line=$(sed -n 's/^recv| STORM recv done notifies=100000 exits=\([0-9]*\) kicks=\([0-9]*\) doorbells=1$/\1 \2/p' "$log")
	exits=${line% *}
	kicks=${line#* }
	if [ "$rc" != 0 ]; then fail "notify storm$2" "QEMU exit $rc"
	elif ! grep -q '^send| STORM send done notifies=100000 refused=0$' "$log"; then fail "notify storm$2" "sender"
	elif [ -z "$line" ]; then fail "notify storm$2" "$(grep 'STORM recv' "$log")"
	elif [ "$exits" -gt 4 ] || [ "$kicks" -gt 4 ]; then fail "notify storm$2" "$exits exits, $kicks kicks: want at most 4"
	elif ! no_trouble "$log"; then fail "notify storm$2" "fault or panic"
	else pass "notify storm$2: 100000 notifies cost the receiver $exits exits, $kicks kicks and 1 doorbell"
	fi
	extra=$(sed -n 's/^recv| STORM race rounds=200 first=200 after=200 lost=0 extra=\([0-9]*\)$/\1/p' "$log")
	if [ "$rc" = 0 ] && [ -n "$extra" ] && [ "$extra" -le "$4" ]
	then pass "notifies racing with the acknowledge$2 (200 rounds: none lost, $extra extra)"
	else fail "notifies racing with the acknowledge$2" "$(grep 'STORM race' "$log") (QEMU exit $rc, at most $4 extra)"
	fi
}
storm_check storm "" "$QEMU_MACHINE" 0
storm_check storm-gicv2 " on GICv2" virt,virtualization=on,gic-version=2 200
# Linux <-> bare metal: partita-chan pings, chan_pingpong echoes
log=$OUT/linux-echo.log
if [ ! -f images/guests/linux/Image ] || [ ! -f images/guests/work/kbuild/.stamp ]; then
	echo "SKIP linux echo 10000: needs make guests guest-modules (Debian kernel and headers)"
elif ! make -s guest-modules >"$OUT/modules.log" 2>&1; then
	fail "linux echo 10000" "make guest-modules: $(grep -v BTF "$OUT/modules.log" | tail -2)"
else
	rc=$(QEMU_TIMEOUT=120 chan_spec linux-echo)
	lwant='^linux| CHAN linux ping done n=10000 ok=10000 bad=0 lost=0 refused=0 doorbells=[0-9]* timeouts=0 '
	if [ "$rc" != 0 ]; then fail "linux echo 10000" "QEMU exit $rc"
	elif ! grep -q '^linux| ab peer=echo size=4096 ipa=0x[0-9a-f]* slot=96 intid=96 ' "$log"
	then fail "linux echo 10000" "partita-chan list: $(grep 'partita-chan\|partita_channel' "$log" | tail -2)"
	elif ! grep -q "$lwant" "$log"; then fail "linux echo 10000" "$(grep 'CHAN linux' "$log")"
	elif ! grep -q '^echo| CHAN pong done n=10000 ok=10000 bad=0 lost=0 refused=0 ' "$log"
	then fail "linux echo 10000" "$(grep 'echo| CHAN' "$log")"
	elif ! grep -q '^linux| partita-chan: notify ro: Operation not permitted$' "$log" ||
		! grep -q '^vmm|linux|notify refused: slot 97 may not notify' "$log"
	then fail "linux echo 10000" "notify on the read-only end was not refused"
	elif ! grep -q '^linux| GUEST-RC 0$' "$log" || ! no_trouble "$log"; then fail "linux echo 10000" "rc or fault"
	else pass "linux echo 10000, read-only end refused ($(sed -n 's/^linux| CHAN linux ping done.*ns_per_msg=//p' "$log") ns per round trip, wall clock)"
	fi
fi
finish
