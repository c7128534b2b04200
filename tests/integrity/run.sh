#!/bin/sh
# SPDX-License-Identifier: MIT
# Image integrity (issue 9): one byte flipped inside the FIT's image data on
# the U-Boot disk is refused by U-Boot's sha256 check, and nothing of the
# runtime starts. The unmodified disk booting is tests/qemu's "markers via
# U-Boot boot.scr + FIT"; the runtime refusing a layout whose magic, ABI
# version or CRC is wrong is tests/qemu's "corrupt layout (...) refused".
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/qemu/lib.sh
OUT=build/tests/integrity
QEMU_TIMEOUT=${QEMU_TIMEOUT:-60}
mkdir -p "$OUT"
make -s build/vmm/vmm.bin build/tests/guests/marker.elf >"$OUT/make.log" 2>&1 ||
	{ fail "build" "$(tail -3 "$OUT/make.log")"; finish; exit 1; }
make -s build/partita >>"$OUT/make.log" 2>&1 || [ -x build/partita ] ||
	{ fail "build" "no build/partita"; finish; exit 1; }
snapshot_runtime

# boot_until LOG PATTERN ARGS...: boot, stop QEMU as soon as LOG matches
# PATTERN (U-Boot goes on to other boot targets after a refusal); prints
# "seen" or QEMU's exit status
boot_until() {
	log=$1 pattern=$2
	shift 2
	: >"$log"
	# shellcheck disable=SC2086
	timeout "$QEMU_TIMEOUT" qemu-system-aarch64 -M "$QEMU_MACHINE" $QEMU_OPTS "$@" \
		</dev/null >"$log.raw" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		if tr -d '\r' <"$log.raw" | grep -q "$pattern"; then
			kill "$pid" 2>/dev/null
			wait "$pid" 2>/dev/null
			tr -d '\r' <"$log.raw" >"$log"
			echo seen
			return
		fi
		sleep 0.5
	done
	wait "$pid"
	echo $?
	tr -d '\r' <"$log.raw" >"$log"
}

# flip_at FILE OFFSET: bit 0 of the byte at OFFSET, in place
flip_at() {
	byte=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	printf "$(printf '\\%03o' $((byte ^ 1)))" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

# image_offset FILE IMG: where IMG's first 4 KiB start inside FILE (the arm64
# Image magic "ARMd" sits at 0x38 of the image header), or nothing
image_offset() {
	for m in $(LC_ALL=C grep -obUa 'ARMd' "$1" | cut -d: -f1); do
		at=$((m - 0x38))
		if [ "$at" -ge 0 ] && cmp -s -n 4096 -i "$at:0" "$1" "$2"; then
			echo "$at"
			return
		fi
	done
}

name=two-markers
if build_spec $name; then
	img=$OUT/$name/$name.img
	disk=$OUT/fit-flipped.disk
	tests/qemu/mkdisk.sh "$disk" "$OUT/$name/boot.scr" "$OUT/$name/$name.itb"
	at=$(image_offset "$disk" "$img")
	if [ -z "$at" ]; then
		fail "FIT with a flipped byte refused by U-Boot" "image data not found on the disk"
	else
		# a byte of the runtime's code, 64 KiB into the image
		flip_at "$disk" $((at + 0x10000))
		log=$OUT/fit-flipped.log
		rc=$(boot_until "$log" 'Bad Data Hash\|vmm|' -bios "$UBOOT_BIN" -nic none \
			-drive "if=none,file=$disk,format=raw,id=d0" -device virtio-blk-pci,drive=d0)
		if [ "$rc" != seen ]; then fail "FIT with a flipped byte refused by U-Boot" "U-Boot said nothing (QEMU $rc)"
		elif grep -q 'vmm|\|MARKER' "$log"; then fail "FIT with a flipped byte refused by U-Boot" "the runtime started"
		elif ! grep -q 'sha256 error' "$log" || ! grep -q "Bad hash value for 'hash-1' hash node in 'kernel' image node" "$log"
		then fail "FIT with a flipped byte refused by U-Boot" "no sha256 mismatch reported"
		else pass "FIT with a flipped byte refused by U-Boot (sha256 mismatch at disk offset $((at + 0x10000)))"
		fi
	fi
else
	fail "build $name" "$(tail -3 "$OUT/$name.build.log")"
fi

finish
