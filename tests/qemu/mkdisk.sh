#!/bin/sh
# SPDX-License-Identifier: MIT
# Makes an MBR disk image whose partition 1 is a FAT filesystem holding the
# given files (boot.scr, <name>.itb): what u-boot-qemu's distro boot finds.
# No root needed: mkfs.vfat -C, mcopy (mtools), sfdisk on a plain file.
# Usage: tests/qemu/mkdisk.sh DISK FILE...
set -eu
disk=$1
shift
PATH=$PATH:/sbin:/usr/sbin
part=$disk.part
kib=0
for f in "$@"; do
	kib=$((kib + ($(stat -c %s "$f") + 1023) / 1024))
done
kib=$(((kib + 2048) / 1024 * 1024 + 1024))   # room for FAT metadata, MiB multiple
rm -f "$part" "$disk"
mkfs.vfat -C "$part" "$kib" >/dev/null
for f in "$@"; do
	mcopy -i "$part" "$f" ::/
done
# 1 MiB before the partition for the MBR, same size after nothing
truncate -s $(((kib + 1024) * 1024)) "$disk"
echo "start=2048, size=$((kib * 2)), type=c, bootable" | sfdisk -q "$disk"
dd if="$part" of="$disk" bs=1M seek=1 conv=notrunc status=none
rm -f "$part"
