/* SPDX-License-Identifier: MIT */
/*
 * Boot disk assembly: a FAT image sized to the files plus room for its
 * metadata, placed at 1 MiB (sector 2048) behind an MBR with one bootable
 * FAT32-LBA partition (type 0x0c), partitioned before the FAT is copied in
 * so sfdisk finds no old signature to warn about.
 */
#include "rundisk.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "spawn.h"

static int rundisk_fat(const char *part, const char *const files[], unsigned long *kib)
{
	struct stat st;
	char size[32];

	*kib = 0;
	for (int i = 0; files[i]; i++) {
		if (stat(files[i], &st)) {
			diag_fatal("cannot read '%s': %s", files[i], strerror(errno));
			return CMD_INTERNAL;
		}
		*kib += ((unsigned long)st.st_size + 1023) / 1024;
	}
	*kib = (*kib + 2048) / 1024 * 1024 + 1024;   /* FAT metadata; whole MiB */
	snprintf(size, sizeof(size), "%lu", *kib);
	remove(part);
	const char *const mkfs[] = { "mkfs.vfat", "-C", part, size, NULL };
	if (spawn_run(mkfs, "/dev/null")) {
		diag_fatal("mkfs.vfat failed; is dosfstools installed?");
		return CMD_INTERNAL;
	}
	for (int i = 0; files[i]; i++) {
		const char *const mcopy[] = { "mcopy", "-i", part, files[i], "::/", NULL };
		if (spawn_run(mcopy, NULL)) {
			diag_fatal("mcopy failed; is mtools installed?");
			return CMD_INTERNAL;
		}
	}
	return CMD_OK;
}

/* An empty disk of (kib + 1024) KiB: the MBR's MiB, then the partition. */
static int rundisk_blank(const char *disk, unsigned long kib)
{
	FILE *f = fopen(disk, "wb");

	if (!f || ftruncate(fileno(f), (off_t)(kib + 1024) * 1024) || fclose(f)) {
		diag_fatal("cannot write '%s': %s", disk, strerror(errno));
		return CMD_INTERNAL;
	}
	return CMD_OK;
}

/* Copies part into the partitioned disk at byte offset 1 MiB. */
static int rundisk_place(const char *disk, const char *part)
{
	FILE *in = fopen(part, "rb"), *out = fopen(disk, "r+b");
	char buf[65536];
	size_t n;
	int rc = CMD_OK;

	if (!in || !out || fseek(out, 1024 * 1024, SEEK_SET)) {
		rc = CMD_INTERNAL;
	} else {
		while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
			if (fwrite(buf, 1, n, out) != n)
				rc = CMD_INTERNAL;
	}
	if (in)
		fclose(in);
	if (out && fclose(out))
		rc = CMD_INTERNAL;
	if (rc)
		diag_fatal("cannot write '%s': %s", disk, strerror(errno));
	return rc;
}

static int rundisk_partition(const char *disk, unsigned long kib)
{
	char *cmd;

	if (asprintf(&cmd, "sfdisk -q --wipe-partitions never '%s' >/dev/null", disk) < 0)
		abort();
	FILE *p = popen(cmd, "w");
	free(cmd);
	if (p)
		fprintf(p, "start=2048, size=%lu, type=c, bootable\n", kib * 2);
	if (!p || pclose(p)) {
		diag_fatal("sfdisk failed on '%s'; is fdisk installed?", disk);
		return CMD_INTERNAL;
	}
	return CMD_OK;
}

int rundisk_make(const char *disk, const char *const files[])
{
	char *part;
	unsigned long kib;
	const char *path = getenv("PATH");
	char *wider;

	/* mkfs.vfat and sfdisk live in sbin, often not on a user's PATH. */
	if (asprintf(&wider, "%s:/sbin:/usr/sbin", path ? path : "/usr/bin:/bin") < 0 ||
	    asprintf(&part, "%s.part", disk) < 0)
		abort();
	setenv("PATH", wider, 1);
	free(wider);
	int rc = rundisk_fat(part, files, &kib);
	if (!rc)
		rc = rundisk_blank(disk, kib);
	if (!rc)
		rc = rundisk_partition(disk, kib);
	if (!rc)
		rc = rundisk_place(disk, part);
	remove(part);
	free(part);
	return rc;
}
