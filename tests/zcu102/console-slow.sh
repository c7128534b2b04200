#!/bin/sh
# SPDX-License-Identifier: MIT
# Sourced by tests/zcu102/run.sh (issue 18 item 4): console output must not
# stall other CPUs on a slow UART. On a board whose console the runtime paces
# at 115200 baud (tests/zcu102/boards/qemu-virt-slow, uart-sim-baud), under
# -icount shift=0,sleep=off (1 ns = 1 instruction, deterministic), the ticker
# guest measures its timer interrupts' latency while printing a line every
# 25 ticks, once beside a guest that only exits (slow-quiet) and once beside
# one printing 200-byte lines nonstop (slow-chatty). The ticker's worst case
# may grow by the cost of one drain (budget 20 us, and 50 us in all: its
# own line must not hold it either, 1.3 ms at this rate), never by a line's
# transmit time (17 ms for 200 bytes); the chatty guest's excess is dropped
# and counted, the ticker's lines all come out. Then slow-burst: a guest
# prints a burst and a prompt, then never exits again (an untrapped WFI);
# all of it must still come out.

slow_boot() {
	dir=$OUT/$1 log=$OUT/$1.log
	if ! zcu_build "tests/zcu102/specs/$1.yaml" "$dir"; then
		fail "$1-build" "$(tail -3 "$dir.build.log")"
		return 1
	fi
	{
		timeout "$BOOT_TIMEOUT" qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 \
			-cpu cortex-a57 -smp 4 -m 2G -nographic -no-reboot \
			-icount shift=0,sleep=off -kernel "$dir/$1.img" </dev/null 2>"$log.err"
		echo $? >"$log.rc"
	} | tr -d '\r' >"$log"
}

# ticker_figure LOG max|mean: the ticker's latency figure in ns
ticker_figure() {
	sed -n "s/^ticker| TICKER max \([0-9]*\) mean \([0-9]*\) ticks .*/\1 \2/p" "$1" |
		{ read -r max mean; [ "$2" = max ] && echo "$max" || echo "$mean"; }
}

slow_console() {
	slow_boot slow-quiet || return
	slow_boot slow-chatty || return
	quiet=$OUT/slow-quiet.log chatty=$OUT/slow-chatty.log
	if grep -q '^  uart .* pl011 simulated 115200 baud$' "$OUT/slow-chatty/layout.txt"; then
		pass slow-uart-in-layout
	else
		fail slow-uart-in-layout "$(grep '^  uart' "$OUT/slow-chatty/layout.txt")"
	fi
	qmax=$(ticker_figure "$quiet" max) cmax=$(ticker_figure "$chatty" max)
	qmean=$(ticker_figure "$quiet" mean) cmean=$(ticker_figure "$chatty" mean)
	echo "ticker latency (ns): beside a quiet guest max $qmax mean $qmean;" \
		"beside a chatty one max $cmax mean $cmean"
	if [ -n "$qmax" ] && [ -n "$cmax" ] && [ "$cmax" -le $((qmax + 20000)) ] &&
	   [ "$cmax" -le 50000 ] && [ "$cmean" -le $((qmean * 2)) ]; then
		pass slow-uart-timer-latency-kept
	else
		fail slow-uart-timer-latency-kept "quiet max ${qmax:-none} mean ${qmean:-none}, chatty max ${cmax:-none} mean ${cmean:-none}"
	fi
	dropped=$(sed -n 's/^vmm|chatty|console: \([0-9]*\) bytes dropped$/\1/p' "$chatty")
	if [ "${dropped:-0}" -gt 0 ]; then pass "slow-uart-chatty-dropped ($dropped bytes)"
	else fail slow-uart-chatty-dropped "no 'vmm|chatty|console: N bytes dropped'"; fi
	ticks=$(grep -c '^ticker| TICK [0-9]*$' "$chatty")
	if [ "$ticks" = 16 ] && ! grep -q '^vmm|ticker|console:' "$chatty"; then
		pass slow-uart-ticker-lines-whole
	else
		fail slow-uart-ticker-lines-whole "$ticks of 16 TICK lines"
	fi
	if powered_off "$quiet" && powered_off "$chatty" && lines_ok "$chatty"; then
		pass slow-uart-power-off
	else
		fail slow-uart-power-off "QEMU exit $(cat "$quiet.rc") / $(cat "$chatty.rc")"
	fi
}

# A guest that prints a burst and then never exits again (slow-burst.yaml:
# its WFI, alone on its CPU, is not trapped): every line and its prompt
# must still come out, drained from the EL2 timer's retry and the prompt's
# deadline (nothing else runs). It never powers off: QEMU is ended once the
# prompt shows, or after 60 s.
slow_burst() {
	dir=$OUT/slow-burst log=$OUT/slow-burst.log
	if ! zcu_build tests/zcu102/specs/slow-burst.yaml "$dir"; then
		fail slow-burst-build "$(tail -3 "$dir.build.log")"
		return 1
	fi
	: >"$log.raw"
	timeout 60 qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 \
		-cpu cortex-a57 -smp 4 -m 2G -nographic -no-reboot \
		-icount shift=0,sleep=off -kernel "$dir/slow-burst.img" \
		</dev/null >"$log.raw" 2>"$log.err" &
	pid=$!
	wait_line "$log.raw" '^burst\| BURST done> ' 60 "$pid"
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	tr -d '\r' <"$log.raw" >"$log"
	lines=$(grep -c '^burst| BURST [0-9]* ABCDEFGHIJKLMNOPQRSTUVWXYZ.*UVWXYZABCDEFGHIJKL$' "$log")
	if [ "$lines" = 24 ] && ! grep -q '^vmm|burst|console:' "$log"; then
		pass "slow-uart-burst-then-wfi-drained (24 lines)"
	else
		fail slow-uart-burst-then-wfi-drained "$lines of 24 BURST lines"
	fi
	if grep -q '^burst| BURST done> $' "$log"; then
		pass slow-uart-burst-prompt-shown
	else
		fail slow-uart-burst-prompt-shown "no 'burst| BURST done> ' line"
	fi
}

# every line after the runtime's first is a runtime or a guest line, whole
lines_ok() {
	! sed -n '/^vmm|/,$p' "$1" | grep -v '^vmm|' | grep -qv '^[a-z0-9_-]*| '
}

slow_console
slow_burst
