#!/bin/sh
# SPDX-License-Identifier: MIT
# Copies the kernel package's vmlinuz to OUT after checking it is an
# uncompressed arm64 Image: Debian's arm64 vmlinuz is one, and the builder
# and QEMU -kernel want exactly that (magic "ARM\x64" at offset 0x38, see
# the kernel's Documentation/arch/arm64/booting.rst).
#   image.sh KERNEL_ROOT OUT
set -eu
[ $# -eq 2 ] || { echo "usage: image.sh KERNEL_ROOT OUT" >&2; exit 2; }
set -- "$2" "$1"/boot/vmlinuz-*
[ $# -eq 2 ] && [ -f "$2" ] || {
	echo "image: expected one boot/vmlinuz-* in the kernel package" >&2
	exit 1
}
magic=$(od -An -tx1 -j 0x38 -N 4 "$2" | tr -d ' \n')
[ "$magic" = 41524d64 ] || {
	echo "image: $2 is not an uncompressed arm64 Image (magic $magic)" >&2
	exit 1
}
mkdir -p "$(dirname "$1")"
cp "$2" "$1.tmp"
mv -f "$1.tmp" "$1"
