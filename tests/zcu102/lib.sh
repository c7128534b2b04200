#!/bin/sh
# SPDX-License-Identifier: MIT
# Shared helpers for tests/zcu102 topics: build a spec with the suite's own
# copy of the runtime, boot it through `partita run` (the board's qemu:
# block, so the test boots exactly what users boot) under a hard timeout,
# optionally typing into the console once a line shows, and read the log.
OUT=${O:-build}/tests/zcu102
PARTITA=${O:-build}/partita
BOOT_TIMEOUT=${BOOT_TIMEOUT:-150}

# missing NAME WHY: a payload is not there; a failure only when CI=true
missing() {
	if [ "${CI:-}" = true ]; then
		fail "$1" "$2"
	else
		echo "SKIP $1: $2"
	fi
}

# zcu_build SPEC DIR: build SPEC into DIR with the snapshot runtime
zcu_build() {
	PARTITA_RUNTIME=$PWD/$OUT/vmm.bin "$PARTITA" -q build "$1" -o "$2" >"$2.build.log" 2>&1
}

# zcu_boot LOG DIR [run options]: boot the build folder DIR, console without
# CRs to LOG, QEMU's exit status to LOG.rc (124: timed out)
zcu_boot() {
	log=$1 dir=$2
	shift 2
	{
		"$PARTITA" -q run "$dir" --timeout "$BOOT_TIMEOUT" "$@" </dev/null 2>&1
		echo $? >"$log.rc"
	} | tr -d '\r' >"$log"
}

# wait_line LOG PATTERN SECONDS PID: a line matching PATTERN (grep -E)
# shows in LOG, polled, while PID lives
wait_line() {
	n=$(($3 * 5))
	while [ "$n" -gt 0 ]; do
		tr -d '\r' <"$1" | grep -Eq "$2" && return 0
		kill -0 "$4" 2>/dev/null || { tr -d '\r' <"$1" | grep -Eq "$2"; return; }
		sleep 0.2
		n=$((n - 1))
	done
	return 1
}

# zcu_boot_typing LOG DIR READY TEXT...: boot DIR with stdin on a FIFO; once
# a line matching READY shows, type each TEXT followed by CR (as a terminal
# sends Enter); wait for QEMU to end. Console to LOG, exit status to LOG.rc.
zcu_boot_typing() {
	log=$1 dir=$2 ready=$3
	shift 3
	rm -f "$log.in"
	mkfifo "$log.in"
	: >"$log.raw"
	"$PARTITA" -q run "$dir" --timeout "$BOOT_TIMEOUT" <"$log.in" >"$log.raw" 2>&1 &
	pid=$!
	exec 3>"$log.in"
	if wait_line "$log.raw" "$ready" "$BOOT_TIMEOUT" "$pid"; then
		for text in "$@"; do
			printf '%s\r' "$text" >&3
		done
	fi
	wait "$pid"
	echo $? >"$log.rc"
	exec 3>&-
	rm -f "$log.in"
	tr -d '\r' <"$log.raw" >"$log"
}

# powered_off LOG: the runtime powered the machine off and QEMU exited 0
powered_off() {
	grep -q '^vmm|all guests stopped: power off$' "$1" && [ "$(cat "$1.rc")" = 0 ]
}

# quiet LOG: no fault, panic or stray interrupt at EL2 from the runtime on
quiet() {
	! sed -n '/^vmm|/,$p' "$1" | grep -Eq '^vmm\|.*(fault|panic|unexpected|refus)'
}

# line_no LOG PATTERN: number of the first line matching PATTERN (grep -E)
line_no() {
	grep -En "$2" "$1" | head -1 | cut -d: -f1
}
