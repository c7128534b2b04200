#!/bin/sh
# SPDX-License-Identifier: MIT
# Helpers for the QEMU boot tests: build a spec's image, boot it one of
# several ways under a hard timeout, and check the console output.
QEMU_TIMEOUT=${QEMU_TIMEOUT:-30}
QEMU_BASE="qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 \
	-cpu cortex-a57 -smp 4 -m 2G -nographic -no-reboot"
UBOOT_BIN=/usr/lib/u-boot/qemu_arm64/u-boot.bin
OUT=build/tests/qemu

# build_spec NAME: build tests/qemu/specs/NAME.yaml into $OUT/NAME
build_spec() {
	./build/partita build "tests/qemu/specs/$1.yaml" -o "$OUT/$1" >"$OUT/$1.build.log" 2>&1
}

# qemu_run LOG ARGS...: boot, console (without CRs) to LOG; returns QEMU's status
qemu_run() {
	log=$1
	shift
	# shellcheck disable=SC2086
	timeout "$QEMU_TIMEOUT" $QEMU_BASE "$@" </dev/null 2>&1 | tr -d '\r' >"$log"
	return "$(cat "$log.rc" 2>/dev/null || echo 0)"
}

# qemu_boot LOG ARGS...: like qemu_run, keeping the exit status
qemu_boot() {
	log=$1
	shift
	# shellcheck disable=SC2086
	( timeout "$QEMU_TIMEOUT" $QEMU_BASE "$@" </dev/null 2>&1; echo "rc=$?" >"$log.rc" ) |
		tr -d '\r' >"$log"
	sed -n 's/^rc=//p' "$log.rc"
}

# markers_ok LOG GUEST COUNT: lines "GUEST| MARKER n GUEST" for n = 1..COUNT,
# each exactly once and in order, and no other MARKER line from GUEST
markers_ok() {
	got=$(grep "^$2| MARKER " "$1" | tr '\n' ';')
	want=$(i=1; while [ "$i" -le "$3" ]; do printf '%s| MARKER %d %s;' "$2" "$i" "$2"; i=$((i + 1)); done)
	[ "$got" = "$want" ]
}

# lines_whole LOG: after the runtime's first line, every line is a runtime
# line (vmm|...) or a guest console line (<name>| ...): nothing interleaved
lines_whole() {
	sed -n '/^vmm|/,$p' "$1" | grep -v '^vmm|' | grep -qv '^[a-z0-9_-]*| ' && return 1
	return 0
}

# no_trouble LOG: no panic and no fault line at all
no_trouble() {
	! grep -q 'panic\|fault' "$1"
}
