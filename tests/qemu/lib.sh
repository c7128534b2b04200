#!/bin/sh
# SPDX-License-Identifier: MIT
# Helpers for the QEMU boot tests: build a spec's image, boot it one of
# several ways under a hard timeout, and check the console output.
QEMU_TIMEOUT=${QEMU_TIMEOUT:-30}
QEMU_MACHINE=virt,virtualization=on,gic-version=3
QEMU_OPTS="-cpu cortex-a57 -smp 4 -m 2G -nographic -no-reboot"
UBOOT_BIN=/usr/lib/u-boot/qemu_arm64/u-boot.bin
OUT=build/tests/qemu

# test boards (tests/qemu/boards) next to the real ones, for PARTITA_DATADIR
test_datadir() {
	d=$OUT/data
	rm -rf "$d"
	mkdir -p "$d/boards"
	# a real board wins over a test board of the same name (ln -s onto an
	# existing directory link would write into the board's directory)
	for b in boards/* tests/qemu/boards/*; do
		[ -e "$d/boards/$(basename "$b")" ] || ln -s "$PWD/$b" "$d/boards/$(basename "$b")"
	done
	ln -s "$PWD/templates" "$d/templates"
	echo "$d"
}

# snapshot_runtime: every image of this run uses one copy of vmm.bin, so a
# rebuild of build/vmm/vmm.bin during the run cannot mix two runtimes
snapshot_runtime() {
	cp build/vmm/vmm.bin "$OUT/vmm.bin"
}

# build_spec NAME: build tests/qemu/specs/NAME.yaml into $OUT/NAME
build_spec() {
	PARTITA_RUNTIME=$PWD/$OUT/vmm.bin ./build/partita build "tests/qemu/specs/$1.yaml" \
		-o "$OUT/$1" >"$OUT/$1.build.log" 2>&1
}

# qemu_boot LOG ARGS...: boot under a hard timeout, console (without CRs)
# to LOG; prints QEMU's exit status (124: timed out)
qemu_boot() {
	log=$1
	shift
	# -k: a QEMU stuck under -icount (a guest that never wakes) ignores TERM
	# shellcheck disable=SC2086
	( timeout -k 10 "$QEMU_TIMEOUT" qemu-system-aarch64 -M "$QEMU_MACHINE" $QEMU_OPTS "$@" \
		</dev/null 2>&1; echo "rc=$?" >"$log.rc" ) |
		tr -d '\r' >"$log"
	sed -n 's/^rc=//p' "$log.rc"
}

# markers_ok LOG GUEST COUNT: lines "GUEST| MARKER n GUEST" for n = 1..COUNT,
# each exactly once and in order, and no other MARKER line from GUEST
markers_ok() {
	got=$(grep "^$2| MARKER [0-9]" "$1" | tr '\n' ';')
	want=$(i=1; while [ "$i" -le "$3" ]; do printf '%s| MARKER %d %s;' "$2" "$i" "$2"; i=$((i + 1)); done)
	[ "$got" = "$want" ]
}

# lines_whole LOG: after the runtime's first line, every line is a runtime
# line (vmm|...) or a guest console line (<name>| ...): nothing interleaved
lines_whole() {
	sed -n '/^vmm|/,$p' "$1" | grep -v '^vmm|' | grep -qv '^[a-z0-9_-]*| ' && return 1
	return 0
}

# no_trouble LOG: from the runtime's first line on, no panic and no fault
no_trouble() {
	! sed -n '/^vmm|/,$p' "$1" | grep -q 'panic\||fault'
}

# same_runtime A B: the first size-of-vmm.bin bytes of A and B are equal
# except the image_size field (0x10-0x17) the builder patches
same_runtime() {
	n=$(stat -c %s "$OUT/vmm.bin")
	cmp -s -n 16 "$1" "$2" && cmp -s -i 24 -n $((n - 24)) "$1" "$2"
}
