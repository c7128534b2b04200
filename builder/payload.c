/* SPDX-License-Identifier: MIT */
/*
 * Reading payload files. stat() comes first so a directory, FIFO or device
 * node is reported instead of opened (a FIFO would block the build forever).
 * Kernel formats are sniffed in payload_sniff.c.
 */
#include "payload.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "spec.h"

#define PAYLOAD_MAX_SIZE (1ull << 32)

static const char *payload_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device node";
	return "not a regular file";
}

static bool payload_slurp(struct model_file *f, int fd, size_t size)
{
	f->data = malloc(size ? size : 1);
	if (!f->data)
		abort();
	while (f->size < size) {
		ssize_t n = read(fd, f->data + f->size, size - f->size);
		if (n <= 0)
			return false;
		f->size += (size_t)n;
	}
	return true;
}

bool payload_read(struct model_file *f, const char *dir, const char *path,
		  const struct srcpos *pos)
{
	struct stat st;
	int fd = -1;

	f->path = path[0] == '/' ? spec_strdup(path) : paths_join(dir, path);
	f->pos = *pos;
	if (stat(f->path, &st)) {
		diag_error(pos, errno == ENOENT ? "payload-missing" : "payload-unreadable",
			   "cannot find %s: %s", f->path, strerror(errno));
		return false;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(pos, "payload-unreadable", "%s is %s", f->path, payload_kind(st.st_mode));
		return false;
	}
	if ((unsigned long long)st.st_size > PAYLOAD_MAX_SIZE) {
		diag_error(pos, "payload-too-large", "%s is larger than 4 GiB", f->path);
		return false;
	}
	fd = open(f->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || !payload_slurp(f, fd, (size_t)st.st_size)) {
		diag_error(pos, "payload-unreadable", "cannot read %s: %s", f->path,
			   fd < 0 ? strerror(errno) : "short read");
		if (fd >= 0)
			close(fd);
		return false;
	}
	close(fd);
	return true;
}

void payload_free(struct model_file *f)
{
	free(f->path);
	free(f->data);
	f->path = NULL;
	f->data = NULL;
	f->size = 0;
}
