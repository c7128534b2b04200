/* SPDX-License-Identifier: MIT */
/*
 * Reading payload files. stat() comes first so a directory, FIFO or device
 * node is reported instead of opened (a FIFO would block the build forever).
 * A file named twice (two guests, one kernel) is read once: both share one
 * buffer (nothing writes payload bytes) and one SHA-256. Kernel formats are
 * sniffed in payload_sniff.c.
 */
#include "payload.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "sha256.h"
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

/* The files read so far that a model still holds, by identity. */
struct payload_shared {
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
	uint8_t *data;
	int refs;
	char sha256[SHA256_HEX_SIZE];   /* "" until asked for */
};

static struct payload_shared *payload_files;
static int payload_file_count;

static struct payload_shared *payload_same_file(const struct stat *st)
{
	for (int i = 0; i < payload_file_count; i++) {
		struct payload_shared *s = &payload_files[i];
		if (s->dev == st->st_dev && s->ino == st->st_ino && s->size == st->st_size &&
		    s->mtime.tv_sec == st->st_mtim.tv_sec && s->mtime.tv_nsec == st->st_mtim.tv_nsec)
			return s;
	}
	return NULL;
}

static void payload_share(const struct stat *st, struct model_file *f)
{
	size_t n = (size_t)payload_file_count + 1;

	payload_files = realloc(payload_files, sizeof(*payload_files) * n);
	if (!payload_files)
		abort();
	payload_files[payload_file_count++] = (struct payload_shared){
		.dev = st->st_dev, .ino = st->st_ino, .size = st->st_size, .mtime = st->st_mtim,
		.data = f->data, .refs = 1,
	};
}

static struct payload_shared *payload_by_data(const uint8_t *data)
{
	for (int i = 0; data && i < payload_file_count; i++)
		if (payload_files[i].data == data)
			return &payload_files[i];
	return NULL;
}

const char *payload_sha256(const uint8_t *data, size_t len)
{
	struct payload_shared *s = payload_by_data(data);

	if (!s || (size_t)s->size != len)
		return NULL;
	if (!s->sha256[0])
		sha256_hex(data, len, s->sha256);
	return s->sha256;
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
	struct payload_shared *same = fd >= 0 && !fstat(fd, &st) ? payload_same_file(&st) : NULL;
	if (same) {
		same->refs++;
		f->data = same->data;
		f->size = (size_t)same->size;
	} else if (fd < 0 || !payload_slurp(f, fd, (size_t)st.st_size)) {
		diag_error(pos, "payload-unreadable", "cannot read %s: %s", f->path,
			   fd < 0 ? strerror(errno) : "short read");
		if (fd >= 0)
			close(fd);
		return false;
	} else {
		payload_share(&st, f);
	}
	close(fd);
	return true;
}

void payload_free(struct model_file *f)
{
	struct payload_shared *s = payload_by_data(f->data);

	if (s && --s->refs == 0) {
		*s = payload_files[--payload_file_count];
		free(f->data);
	} else if (!s) {
		free(f->data);
	}
	free(f->path);
	f->path = NULL;
	f->data = NULL;
	f->size = 0;
}
