/* SPDX-License-Identifier: MIT */
/*
 * `partita build`: the six kinds of output (<name>.img, <name>.itb,
 * boot.scr, <guest>.dtb, layout.txt, manifest.json) written into a temp
 * dir and renamed into place only when all of them succeeded. The image's
 * SHA-256 (for the FIT) is computed on a second thread meanwhile.
 */
#include "cmd.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fit.h"
#include "manifest.h"
#include "output.h"
#include "report.h"

typedef void (*cmd_writer)(FILE *f, const struct alloc *a);

static int cmd_write_text(const struct output *out, const char *name, cmd_writer fn,
			  const struct alloc *a)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		abort();
	fn(f, a);
	fclose(f);
	int rc = output_write(out, name, text, len);
	free(text);
	return rc;
}

/* <name>.img straight from the payload buffers (image_write.c). */
static int cmd_write_image(const struct output *out, const char *name,
			   const struct image_plan *img)
{
	char *path = output_path(out, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	int rc = fd < 0 || image_plan_write(img, fd);

	if (fd >= 0 && close(fd))
		rc = 1;
	if (rc)
		diag_fatal("cannot write '%s': %s", path, strerror(errno));
	free(path);
	return rc;
}

struct cmd_hash_job {
	const struct image_plan *img;
	uint8_t digest[SHA256_SIZE];
};

/* Reads only the plan's bytes, which nothing writes while it runs. */
static void *cmd_hash_image(void *arg)
{
	struct cmd_hash_job *job = arg;

	image_plan_sha256(job->img, job->digest);
	return NULL;
}

static int cmd_write_all(const struct cmd_system *s, const struct output *out,
			 const char *sign_key)
{
	const struct alloc *a = &s->a;
	struct image_plan img;
	struct cmd_hash_job hash = { .img = &img };
	pthread_t worker;
	char name[300];
	int rc = 0;

	image_plan_make(&img, a, s->runtime, s->runtime_size);
	bool threaded = !pthread_create(&worker, NULL, cmd_hash_image, &hash);
	if (!threaded)
		cmd_hash_image(&hash);
	snprintf(name, sizeof(name), "%s.img", s->m.name);
	rc |= cmd_write_image(out, name, &img);
	for (int i = 0; i < s->m.guest_count && !rc; i++) {
		snprintf(name, sizeof(name), "%s.dtb", s->m.guests[i].name);
		rc |= output_write(out, name, a->guests[i].dtb, a->guests[i].dtb_size);
	}
	if (!rc)
		rc |= cmd_write_text(out, "layout.txt", report_write, a);
	if (!rc)
		rc |= cmd_write_text(out, "manifest.json", manifest_write, a);
	if (threaded)
		pthread_join(worker, NULL);
	if (!rc)
		rc |= fit_write(out, a, sign_key, &img, hash.digest);
	image_plan_free(&img);
	return rc;
}

int cmd_build(const struct cmd_options *o)
{
	struct cmd_system s;
	struct output out = { 0 };
	char *dflt = NULL;

	int rc = cmd_prepare(&s, o);
	if (rc) {
		cmd_system_free(&s);
		return rc;
	}
	if (!o->out_dir && asprintf(&dflt, "images/%s", s.m.name) < 0)
		abort();
	rc = output_begin(&out, o->out_dir ? o->out_dir : dflt);
	if (!rc)
		rc = cmd_write_all(&s, &out, o->sign_key);
	if (!rc)
		rc = output_commit(&out);
	if (!rc && cmd_verbosity >= 0)
		printf("partita: built '%s' into %s (%s.img, 0x%llx bytes)\n", s.m.name, out.dir,
		       s.m.name, (unsigned long long)s.a.image_size);
	output_abort(&out);
	free(dflt);
	cmd_system_free(&s);
	return rc ? CMD_INTERNAL : CMD_OK;
}
