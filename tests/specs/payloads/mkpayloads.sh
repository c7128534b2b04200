#!/bin/sh
# SPDX-License-Identifier: MIT
# Makes the tiny payload fixtures the spec corpus points at (each < 2 KiB,
# committed; rerun after changing this script). Layouts: Linux
# Documentation/arch/arm64/booting.rst (Image header), ELF-64 gABI.
set -eu
cd "$(dirname "$0")"

# le N VALUE: VALUE as N little-endian bytes, printed as \NNN escapes (octal: dash's printf has no \x).
le() {
	n=$1 v=$2 i=0 out=''
	while [ "$i" -lt "$n" ]; do
		out="$out\\$(printf '%03o' $((v & 255)))"
		v=$((v >> 8)) i=$((i + 1))
	done
	printf '%s' "$out"
}
zeros() { le "$1" 0; }
emit() { printf "$1"; }

# image TEXT_OFFSET IMAGE_SIZE: a 64-byte arm64 Image header then 64 bytes of
# "code" (wfi; b . repeated), enough for the builder to sniff and place it.
image() {
	emit "$(le 4 0x14000010)$(zeros 4)$(le 8 "$1")$(le 8 "$2")$(le 8 10)"
	emit "$(zeros 24)ARM\\144$(zeros 4)"
	i=0; while [ $i -lt 16 ]; do emit "$(le 4 0xd503207f)"; i=$((i + 1)); done
}

# elf MACHINE PADDR ENTRY: ELF64 LE ET_EXEC, one PT_LOAD of 8 bytes (wfi; b .).
elf() {
	emit "\\177ELF\\002\\001\\001$(zeros 9)"
	emit "$(le 2 2)$(le 2 "$1")$(le 4 1)$(le 8 "$3")$(le 8 64)$(zeros 8)"
	emit "$(zeros 4)$(le 2 64)$(le 2 56)$(le 2 1)$(le 2 64)$(zeros 4)"
	emit "$(le 4 1)$(le 4 5)$(le 8 120)$(le 8 "$2")$(le 8 "$2")$(le 8 8)$(le 8 8)$(le 8 4096)"
	emit "$(le 4 0xd503207f)$(le 4 0x14000000)"
}

image 0 0x2000 > Image
image 0 0x20000000 > big.Image
image 0 0 > old.Image
image 0 0x2000 | head -c 40 > truncated.Image
elf 183 0x40000000 0x40000000 > tiny.elf
elf 62 0x40000000 0x40000000 > x86.elf
printf 'raw guest code: not an Image, not an ELF\n' > raw.bin
printf 'initrd bytes\n' > initrd.img
head -c 1024 /dev/zero > disk.img
