#!/bin/sh
# SPDX-License-Identifier: MIT
# Console input: `partita run --shell linux0` boots tests/console/shell-pair.yaml
# with the board UART's input moved to linux0 and linux0's init in shell
# mode. A scripted writer types into QEMU's serial once the prompt shows and
# checks the answers come back; linux1 reads its own console meanwhile and
# must get nothing. Then `partita run` boots an example with a timeout.
# Without the Debian payloads it skips (a failure if CI=true).
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

PARTITA=${O:-build}/partita
SPEC=tests/console/shell-pair.yaml
TMP=$(mktemp -d)
QEMU_PID=
trap '[ -n "$QEMU_PID" ] && kill "$QEMU_PID" 2>/dev/null; rm -rf "$TMP"' EXIT

# The console with the carriage returns the runtime sends dropped.
console() {
	tr -d '\r' <"$TMP/console.log"
}

# wait_for PATTERN SECONDS: a console line matching PATTERN (grep -E) appears.
wait_for() {
	n=$(($2 * 5))
	while [ "$n" -gt 0 ]; do
		console | grep -Eq "$1" && return 0
		kill -0 "$QEMU_PID" 2>/dev/null || { console | grep -Eq "$1"; return; }
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}

# type TEXT: one line typed into the serial port, Enter as a terminal sends it.
type_line() {
	printf '%s\r' "$1" >&3
}

# line number of the first console line matching PATTERN
line_of() {
	console | grep -En "$1" | head -1 | cut -d: -f1
}

expect() {
	if wait_for "$2" "$3"; then pass "$1"; else fail "$1" "${4:-no line matching '$2'}"; fi
}

shell_session() {
	mkfifo "$TMP/in"
	: >"$TMP/console.log"
	# the timeout only ends a hung run; a good one powers off in ~20 s
	"$PARTITA" -q run "$SPEC" --shell linux0 --timeout 150 <"$TMP/in" \
		>"$TMP/console.log" 2>&1 &
	QEMU_PID=$!
	exec 3>"$TMP/in"
	expect input-owner '^vmm\|linux0\|console input from the board UART$' 60
	expect shell-prompt '^linux0\| / # ' 120 "no shell prompt from linux0"
	type_line 'echo $((6*7))'
	expect shell-arithmetic '^linux0\| 42$' 20
	type_line 'hostname'
	expect shell-hostname '^linux0\| linux0$' 20
	# three times the receive FIFO in one burst: flow control, nothing lost
	long=$(printf '%0180d' 0 | tr 0 x)
	type_line "echo $long | wc -c"
	expect shell-long-line '^linux0\| 181$' 20 "a 180-byte line did not arrive whole"
	type_line 'cat /proc/interrupts | grep -c uart-pl011'
	expect shell-uart-irq '^linux0\| 1$' 20 "ttyAMA0's interrupt is not registered"
	# linux1 reads its console for 12 s from its GUEST-UP: it must get nothing
	expect other-guest-reads-nothing '^linux1\| linux1-read:\[\]$' 60 \
		"$(console | grep '^linux1| linux1-read' || echo 'linux1 printed no read result')"
	first_up=$(line_of '^linux1\| GUEST-UP linux1$')
	read_end=$(line_of '^linux1\| linux1-read:')
	typed=$(line_of '^linux0\| 1$')
	if [ -n "$first_up" ] && [ -n "$typed" ] && [ "${read_end:-0}" -gt "$typed" ]; then
		pass other-guest-was-reading
	else
		fail other-guest-was-reading "linux1's read ended before the typing did"
	fi
	if console | grep -Eq '^linux1\|.*(echo \$|hostname$|uart-pl011|poweroff)'; then
		fail other-guest-silent "linux1 printed typed text: $(console | grep '^linux1|' | tail -3)"
	else
		pass other-guest-silent
	fi
	type_line 'poweroff'
	wait "$QEMU_PID"
	rc=$?
	QEMU_PID=
	exec 3>&-
	if [ "$rc" = 0 ] && console | grep -q '^vmm|all guests stopped: power off$'; then
		pass shell-poweroff
	else
		fail shell-poweroff "exit status $rc"
	fi
	[ "$FAILED" -eq 0 ] || console | tail -30
}

# `partita run` of an example: builds it, boots it with the board's own QEMU
# settings and exits with QEMU's status once every guest has stopped.
run_example() {
	log=$TMP/example.log
	"$PARTITA" -q run examples/baremetal-pair.yaml --timeout 90 </dev/null >"$log" 2>&1
	rc=$?
	if [ "$rc" = 0 ] && grep -q '^sensor| ' "$log" && grep -q '^ctl| ' "$log" &&
	   tr -d '\r' <"$log" | grep -q '^vmm|all guests stopped: power off$'; then
		pass run-example
	else
		fail run-example "exit status $rc: $(tail -3 "$log")"
	fi
	"$PARTITA" run images/baremetal-pair --shell sensor >"$log" 2>&1
	if [ $? = 2 ] && grep -q 'needs a spec' "$log"; then
		pass run-shell-needs-spec
	else
		fail run-shell-needs-spec "$(cat "$log")"
	fi
	"$PARTITA" run "$SPEC" --shell nosuch >"$log" 2>&1
	if [ $? = 2 ] && grep -q "has no guest 'nosuch'" "$log"; then
		pass run-shell-unknown-guest
	else
		fail run-shell-unknown-guest "$(cat "$log")"
	fi
}

make -s "${O:-build}/partita" "${O:-build}/vmm/vmm.bin" "${O:-build}/tests/guests/marker.elf" \
	>/dev/null || { fail build; finish; exit; }
run_example
if [ ! -r images/guests/linux/Image ] || [ ! -r images/guests/linux/initramfs.cpio.gz ]; then
	if [ "${CI:-}" = true ]; then
		fail console "no Linux payloads (run make guests)"
	else
		echo "SKIP console: no Linux payloads (run make guests)"
	fi
	finish
	exit
fi
shell_session
finish
