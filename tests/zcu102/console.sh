#!/bin/sh
# SPDX-License-Identifier: MIT
# Sourced by tests/zcu102/run.sh: the runtime's console drivers, booted.
# For each UART kind a QEMU 7.2 machine with EL2 models (PL011 on virt,
# Cadence on xlnx-zcu102; none has a 16550 or an i.MX UART), two bare-metal
# echo guests print through the runtime; echo0 has the console input. Once
# both are ready the test types a line and `bye`: echo0 must echo the line
# and stop on bye, echo1 reads its console for 6 s and must get 0 bytes.

console_kind() {
	kind=$1 spec=tests/zcu102/specs/console-$1.yaml
	dir=$OUT/console-$kind log=$OUT/console-$kind.log
	if ! zcu_build "$spec" "$dir"; then
		fail "console-$kind-build" "$(tail -3 "$dir.build.log")"
		return
	fi
	if grep -q "^  uart .* $2\$" "$dir/layout.txt"; then pass "console-$kind-driver-chosen"
	else fail "console-$kind-driver-chosen" "$(grep '^  uart' "$dir/layout.txt")"; fi
	zcu_boot_typing "$log" "$dir" '^echo1\| ECHO-READY echo1$' "typed-on-$kind" bye
	if grep -q '^echo0| ECHO-READY echo0$' "$log" && grep -q '^echo1| ECHO-READY echo1$' "$log"; then
		pass "console-$kind-output"
	else
		fail "console-$kind-output" "$(head -5 "$log" | tr '\n' ' ')"
	fi
	if grep -q "^echo0| ECHO echo0 line:\[typed-on-$kind\]\$" "$log" &&
	   grep -q '^echo0| ECHO echo0 line:\[bye\]$' "$log"; then
		pass "console-$kind-input"
	else
		fail "console-$kind-input" "$(grep '^echo0|' "$log" | tr '\n' ' ')"
	fi
	typed=$(line_no "$log" '^echo0\| ECHO echo0 line:\[bye\]$')
	other=$(line_no "$log" '^echo1\| ECHO echo1 done:')
	if grep -q '^echo1| ECHO echo1 done:\[0 bytes\]$' "$log" && [ -n "$typed" ] &&
	   [ "${other:-0}" -gt "$typed" ]; then
		pass "console-$kind-input-only-to-owner"
	else
		fail "console-$kind-input-only-to-owner" "$(grep '^echo1|' "$log" | tr '\n' ' ')"
	fi
	if powered_off "$log" && quiet "$log"; then pass "console-$kind-power-off"
	else fail "console-$kind-power-off" "QEMU exit $(cat "$log.rc"): $(tail -2 "$log" | tr '\n' ' ')"; fi
}

console_kind virt pl011
console_kind zcu102 cadence
