/* SPDX-License-Identifier: MIT */
/*
 * The read-only commands: `check` (the whole pipeline, nothing written),
 * `layout` (layout.txt to stdout), `dts` (a guest's tree decompiled by dtc)
 * and `inspect` (decode a built image).
 */
#include "cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "inspect.h"
#include "report.h"
#include "spawn.h"

int cmd_check(const struct cmd_options *o)
{
	struct cmd_system s;
	int rc = cmd_prepare(&s, o);

	if (!rc && cmd_verbosity >= 0)
		printf("partita: %s: ok (guests %d, channels %d, caps %d, image 0x%llx bytes)\n",
		       o->spec, s.m.guest_count, s.m.channel_count, s.a.cap_count,
		       (unsigned long long)s.a.image_size);
	cmd_system_free(&s);
	return rc;
}

int cmd_layout(const struct cmd_options *o)
{
	struct cmd_system s;
	int rc = cmd_prepare(&s, o);

	if (!rc)
		report_write(stdout, &s.a);
	cmd_system_free(&s);
	return rc;
}

static int cmd_find_guest(const struct model *m, const char *name)
{
	for (int i = 0; i < m->guest_count; i++)
		if (!strcmp(m->guests[i].name, name))
			return i;
	return -1;
}

static int cmd_dtc(const uint8_t *dtb, size_t size)
{
	char path[] = "/tmp/partita-dtb-XXXXXX";
	int fd = mkstemp(path);
	int rc = CMD_INTERNAL;

	if (fd < 0 || write(fd, dtb, size) != (ssize_t)size) {
		diag_fatal("cannot write a temporary file: %s", strerror(errno));
	} else {
		const char *const argv[] = { "dtc", "-q", "-I", "dtb", "-O", "dts", path, NULL };
		if (spawn_run(argv, NULL) == 0)
			rc = CMD_OK;
		else
			diag_fatal("dtc failed; is device-tree-compiler installed?");
	}
	if (fd >= 0)
		close(fd);
	unlink(path);
	return rc;
}

int cmd_dts(const struct cmd_options *o)
{
	struct cmd_system s;
	int rc = cmd_prepare(&s, o);

	if (!rc) {
		int gi = cmd_find_guest(&s.m, o->guest);
		if (gi < 0) {
			diag_error(&s.m.name_pos, "unknown-guest", "no guest named '%s' in %s",
				   o->guest, o->spec);
			rc = CMD_USER;
		} else {
			rc = cmd_dtc(s.a.guests[gi].dtb, s.a.guests[gi].dtb_size);
		}
	}
	cmd_system_free(&s);
	return rc;
}

int cmd_inspect(const char *image_path)
{
	FILE *f = fopen(image_path, "rb");
	struct stat st;

	if (!f || fstat(fileno(f), &st) || !S_ISREG(st.st_mode)) {
		diag_fatal("cannot read '%s': %s", image_path, f ? "not a regular file" : strerror(errno));
		if (f)
			fclose(f);
		return CMD_USER;
	}
	uint8_t *img = malloc((size_t)st.st_size + 1);
	if (!img)
		abort();
	size_t got = fread(img, 1, (size_t)st.st_size, f);
	fclose(f);
	int rc = inspect_image(stdout, img, got) ? CMD_USER : CMD_OK;
	free(img);
	return rc;
}
