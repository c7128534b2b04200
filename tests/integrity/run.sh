#!/bin/sh
# SPDX-License-Identifier: MIT
# Image integrity (issue 9): one byte flipped inside either part of the FIT
# (the image with runtime, layout and guests; the board device tree) on the
# U-Boot disk is refused by U-Boot's sha256 check, and nothing of ours runs.
# The unmodified disk booting is tests/qemu's "markers via U-Boot boot.scr +
# FIT"; the runtime refusing a layout whose magic, ABI version or CRC is
# wrong is tests/qemu's "corrupt layout (...) refused". Verified boot: a FIT
# signed with --sign-key boots where U-Boot's control tree (the
# builder's u-boot-key.dtb, given to QEMU with -dtb) requires the key, and
# the unsigned FIT of the same system does not.
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
	: >"$log.raw"
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

# part_offset FILE PART MAGIC SKIP: where PART's first 4 KiB start inside
# FILE, trying each match of the grep -P pattern MAGIC, which sits SKIP bytes
# into PART; prints nothing when PART is not there
part_offset() {
	for m in $(LC_ALL=C grep -obUaP "$3" "$1" | cut -d: -f1); do
		at=$((m - $4))
		if [ "$at" -ge 0 ] && cmp -s -n 4096 -i "$at:0" "$1" "$2"; then
			echo "$at"
			return
		fi
	done
}

# flip_case WHAT NODE PART MAGIC SKIP INTO: a disk with one bit flipped INTO
# bytes into the FIT's PART (a file with its bytes) must be refused by
# U-Boot's sha256 check of image node NODE, before anything of ours runs
flip_case() {
	test="FIT with a flipped byte in its $1 refused by U-Boot"
	disk=$OUT/flip-$2.disk
	tests/qemu/mkdisk.sh "$disk" "$OUT/$name/boot.scr" "$OUT/$name/$name.itb"
	at=$(part_offset "$disk" "$3" "$4" "$5")
	[ -n "$at" ] || { fail "$test" "$2 data not found on the disk"; return; }
	flip_at "$disk" $((at + $6))
	log=$OUT/flip-$2.log
	rc=$(boot_until "$log" 'Bad Data Hash\|vmm|' -bios "$UBOOT_BIN" -nic none \
		-drive "if=none,file=$disk,format=raw,id=d0" -device virtio-blk-pci,drive=d0)
	if [ "$rc" != seen ]; then fail "$test" "U-Boot said nothing (QEMU $rc)"
	elif grep -q 'vmm|\|MARKER' "$log"; then fail "$test" "the runtime started"
	elif ! grep -q 'sha256 error' "$log" || ! grep -q "Bad hash value for 'hash-1' hash node in '$2' image node" "$log"
	then fail "$test" "no sha256 mismatch reported for '$2'"
	else pass "$test (sha256 mismatch in '$2', disk offset $((at + $6)))"
	fi
}

name=two-markers
if build_spec $name; then
	itb=$OUT/$name/$name.itb
	dumpimage -T flat_dt -p 1 -o "$OUT/board.dtb" "$itb" >/dev/null
	# a byte of the runtime's code, 64 KiB into the image ("ARMd" at 0x38)
	flip_case "runtime image" kernel "$OUT/$name/$name.img" 'ARMd' 56 65536
	# a byte of the board device tree's structure block
	flip_case "board device tree" fdt "$OUT/board.dtb" '\xd0\x0d\xfe\xed' 0 512
else
	fail "build $name" "$(tail -3 "$OUT/$name.build.log")"
fi

# -- verified boot: --sign-key signs the FIT's configuration ----------------
keys=$OUT/keys
rm -rf "$keys" "$OUT/signed" "$OUT/signed2" "$OUT/badkey"
mkdir -p "$keys"
openssl genrsa -out "$keys/test.key" 2048 2>/dev/null &&
	openssl req -batch -new -x509 -key "$keys/test.key" -out "$keys/test.crt" \
		-subj /CN=partita-test 2>/dev/null || fail "signing key" "openssl failed"
# sign_build DIR [OPTION...]: the signed system into DIR
sign_build() {
	d=$1
	shift
	PARTITA_RUNTIME=$PWD/$OUT/vmm.bin ./build/partita build \
		tests/qemu/specs/$name.yaml -o "$d" "$@" >"$d.log" 2>&1
}
if sign_build "$OUT/signed" --sign-key "$keys" &&
	PARTITA_SIGN_KEY=$keys sign_build "$OUT/signed2"; then
	if cmp -s "$OUT/signed/$name.itb" "$OUT/signed2/$name.itb" &&
		cmp -s "$OUT/signed/u-boot-key.dtb" "$OUT/signed2/u-boot-key.dtb"
	then pass "signed FIT and key tree byte-identical across builds (--sign-key, PARTITA_SIGN_KEY)"
	else fail "signed FIT and key tree byte-identical across builds" "they differ"
	fi
	disk=$OUT/signed.disk
	tests/qemu/mkdisk.sh "$disk" "$OUT/signed/boot.scr" "$OUT/signed/$name.itb"
	log=$OUT/signed.log
	rc=$(qemu_boot "$log" -bios "$UBOOT_BIN" -nic none -dtb "$OUT/signed/u-boot-key.dtb" \
		-drive "if=none,file=$disk,format=raw,id=d0" -device virtio-blk-pci,drive=d0)
	if [ "$rc" != 0 ]; then fail "signed FIT verified and booted" "QEMU exit $rc"
	elif ! grep -q 'Verifying Hash Integrity ... sha256,rsa2048:test+ OK' "$log"; then fail "signed FIT verified and booted" "no signature check"
	elif ! markers_ok "$log" alpha 100 || ! markers_ok "$log" beta 100; then fail "signed FIT verified and booted" "markers missing"
	else pass "signed FIT verified (sha256,rsa2048) and booted with the key required"
	fi
	# the unsigned FIT of the same system, where U-Boot requires the key
	disk=$OUT/unsigned.disk
	tests/qemu/mkdisk.sh "$disk" "$OUT/$name/boot.scr" "$OUT/$name/$name.itb"
	log=$OUT/unsigned.log
	rc=$(boot_until "$log" 'Bad Data Hash\|vmm|' -bios "$UBOOT_BIN" -nic none \
		-dtb "$OUT/signed/u-boot-key.dtb" \
		-drive "if=none,file=$disk,format=raw,id=d0" -device virtio-blk-pci,drive=d0)
	if [ "$rc" != seen ] || grep -q 'vmm|' "$log"; then fail "unsigned FIT refused when the key is required" "QEMU $rc"
	elif ! grep -q "Failed to verify required signature 'key-test'" "$log"; then fail "unsigned FIT refused when the key is required" "no signature failure reported"
	else pass "unsigned FIT refused when the key is required"
	fi
else
	fail "signed build" "$(tail -3 "$OUT/signed.log")"
fi
# a key folder without exactly one NAME.key: a clear error, nothing written
mkdir -p "$OUT/nokeys"
if ./build/partita build tests/qemu/specs/$name.yaml --sign-key "$OUT/nokeys" \
	-o "$OUT/badkey" >"$OUT/badkey.log" 2>&1; then fail "bad signing key refused" "built anyway"
elif ! grep -q "signing key folder '.*nokeys' must hold exactly one NAME.key (found 0)" "$OUT/badkey.log"
then fail "bad signing key refused" "$(head -1 "$OUT/badkey.log")"
elif [ -e "$OUT/badkey" ]; then fail "bad signing key refused" "output written"
else pass "bad signing key refused (clear error, nothing written)"
fi

finish
