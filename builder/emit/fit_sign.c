/* SPDX-License-Identifier: MIT */
/*
 * Finds the signing key --sign-key or PARTITA_SIGN_KEY names (mkimage -k
 * wants a folder and a key-name-hint: NAME.key and NAME.crt inside it) and
 * publishes the public-key device tree mkimage -K wrote.
 */
#include "fit_sign.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"

/* the NAME of the only NAME.key in dir with a readable NAME.crt beside it */
static int fit_sign_find(const char *dir, char **name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int keys = 0;

	if (!d) {
		diag_fatal("signing key folder '%s': %s", dir, strerror(errno));
		return 1;
	}
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);

		if (n > 4 && !strcmp(e->d_name + n - 4, ".key") && keys++ == 0)
			*name = strndup(e->d_name, n - 4);
	}
	closedir(d);
	if (keys != 1) {
		diag_fatal("signing key folder '%s' must hold exactly one NAME.key (found %d)",
			   dir, keys);
		return 1;
	}
	char crt[4096];
	snprintf(crt, sizeof(crt), "%s/%s.crt", dir, *name);
	if (access(crt, R_OK)) {
		diag_fatal("no certificate '%s' beside the signing key: %s", crt,
			   strerror(errno));
		return 1;
	}
	return 0;
}

int fit_sign_key(struct fit_key *k, const char *dir)
{
	const char *env = dir ? dir : getenv("PARTITA_SIGN_KEY");

	k->dir = NULL;
	k->name = NULL;
	if (!env || !*env)
		return 0;
	k->dir = realpath(env, NULL);
	if (!k->dir) {
		diag_fatal("signing key folder '%s': %s", env, strerror(errno));
		return 1;
	}
	if (fit_sign_find(k->dir, &k->name)) {
		fit_sign_free(k);
		return 1;
	}
	return 0;
}

int fit_sign_publish(const struct output *o, const char *path)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	size_t size = 0;

	if (f && !fseek(f, 0, SEEK_END)) {
		long n = ftell(f);

		if (n > 0 && !fseek(f, 0, SEEK_SET) && (data = malloc((size_t)n)) &&
		    fread(data, 1, (size_t)n, f) == (size_t)n)
			size = (size_t)n;
	}
	if (f)
		fclose(f);
	int rc = size ? output_write(o, "u-boot-key.dtb", data, size) : 1;
	if (!size)
		diag_fatal("cannot read the public-key device tree '%s'", path);
	free(data);
	return rc;
}

void fit_sign_free(struct fit_key *k)
{
	free(k->dir);
	free(k->name);
	k->dir = NULL;
	k->name = NULL;
}
