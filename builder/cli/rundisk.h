/* SPDX-License-Identifier: MIT */
/*
 * The boot disk for `partita run --uboot`: an MBR disk whose partition 1 is
 * FAT and holds boot.scr and <name>.itb, which is where u-boot-qemu's distro
 * boot looks (DESIGN.md section 8). Made without root: mkfs.vfat -C, mcopy
 * (mtools) and sfdisk on plain files.
 */
#ifndef RUNDISK_H
#define RUNDISK_H

/* Writes disk from the files (NULL-terminated). Returns 0 or CMD_INTERNAL. */
int rundisk_make(const char *disk, const char *const files[]);

#endif /* RUNDISK_H */
