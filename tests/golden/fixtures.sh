#!/bin/sh
# SPDX-License-Identifier: MIT
# Writes the deterministic payload fixtures the golden, repro and bench specs
# use into build/tests/fixtures/ (or $1): a fake runtime and a fake Linux
# Image (arm64 Image headers per Linux Documentation/arch/arm64/booting.rst),
# an initrd, and a two-segment AArch64 ELF (ELF-64 gABI). No downloads, no
# compiler: the same bytes on every machine.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/build/tests/fixtures}
mkdir -p "$out"

# bytes N VALUE: VALUE as N little-endian bytes in octal escapes (dash's
# printf knows no \x), by shell arithmetic: no fork per byte (thousands of
# command substitutions made this script take minutes on a busy host).
bytes() {
	n=$1 v=$2 s=''
	while [ "$n" -gt 0 ]; do
		b=$((v & 0xff))
		s="$s\\$((b >> 6 & 7))$((b >> 3 & 7))$((b & 7))"
		v=$((v >> 8)) n=$((n - 1))
	done
	printf "$s"
}

# repeat N WORD: N copies of a 32-bit instruction word.
repeat() {
	i=0
	while [ "$i" -lt "$1" ]; do bytes 4 "$2"; i=$((i + 1)); done
}

# arm64_image TEXT_OFFSET IMAGE_SIZE BODY_WORDS: header, then wfi loops.
arm64_image() {
	bytes 4 0x14000010; bytes 4 0; bytes 8 "$1"; bytes 8 "$2"; bytes 8 0xa
	bytes 24 0; printf 'ARM\144'; bytes 4 0
	repeat "$3" 0xd503207f
}

# elf2 ADDR: ET_EXEC AArch64 with a 32-byte text PT_LOAD at ADDR and a data
# PT_LOAD at ADDR+0x10000 (16 bytes in the file, 0x1000 in memory: bss).
elf2() {
	printf '\177ELF\002\001\001'; bytes 9 0
	bytes 2 2; bytes 2 183; bytes 4 1; bytes 8 "$1"; bytes 8 64; bytes 8 0
	bytes 4 0; bytes 2 64; bytes 2 56; bytes 2 2; bytes 2 64; bytes 2 0; bytes 2 0
	bytes 4 1; bytes 4 5; bytes 8 176; bytes 8 "$1"; bytes 8 "$1"
	bytes 8 32; bytes 8 32; bytes 8 0x10000
	bytes 4 1; bytes 4 6; bytes 8 208; bytes 8 $(($1 + 0x10000)); bytes 8 $(($1 + 0x10000))
	bytes 8 16; bytes 8 0x1000; bytes 8 0x10000
	repeat 8 0xd503207f
	printf 'partita-fixture\n'
}

initrd() {
	i=0
	while [ "$i" -lt 64 ]; do printf 'initramfs fixture line %04d\n' "$i"; i=$((i + 1)); done
}

# put FILE CMD...: CMD's output into FILE by rename, so a suite running in
# parallel never reads a half-written fixture.
put() {
	f=$1
	shift
	"$@" > "$out/.$f.$$"
	mv -f "$out/.$f.$$" "$out/$f"
}

put vmm.bin arm64_image 0 0x4000 1500
put Image arm64_image 0 0x180000 2048
put initramfs.cpio.gz initrd
put marker.elf elf2 0x40000000
put ctl.elf elf2 0x60000000
