/* SPDX-License-Identifier: MIT */
/*
 * Locating the data root and the runtime relative to the running executable,
 * so the same binary works from build/ and from an installed prefix.
 */
#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char exe_dir[PATH_MAX];

static const char *find_exe_dir(void)
{
	if (exe_dir[0])
		return exe_dir;
	ssize_t n = readlink("/proc/self/exe", exe_dir, sizeof(exe_dir) - 1);
	if (n <= 0) {
		strcpy(exe_dir, ".");
		return exe_dir;
	}
	exe_dir[n] = '\0';
	char *slash = strrchr(exe_dir, '/');
	if (slash)
		*slash = '\0';
	return exe_dir;
}

char *paths_join(const char *a, const char *b)
{
	size_t la = strlen(a);
	char *out = malloc(la + strlen(b) + 2);

	if (!out)
		abort();
	sprintf(out, "%s%s%s", a, (la && a[la - 1] == '/') ? "" : "/", b);
	return out;
}

char *paths_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

static const char *cached(char *buf, const char *value)
{
	snprintf(buf, PATH_MAX, "%s", value);
	return buf;
}

const char *paths_data_dir(void)
{
	static char root[PATH_MAX];
	const char *env = getenv("PARTITA_DATADIR");

	if (root[0])
		return root;
	if (env && *env)
		return cached(root, env);
	char *installed = paths_join(find_exe_dir(), "../share/partita");
	if (access(installed, R_OK) == 0)
		cached(root, installed);
	else
		snprintf(root, sizeof(root), "%s/..", find_exe_dir());
	free(installed);
	return root;
}

const char *paths_runtime(void)
{
	static char runtime[PATH_MAX];
	const char *env = getenv("PARTITA_RUNTIME");

	if (runtime[0])
		return runtime;
	if (env && *env)
		return cached(runtime, env);
	char *built = paths_join(find_exe_dir(), "vmm/vmm.bin");
	if (access(built, R_OK) == 0)
		cached(runtime, built);
	else
		snprintf(runtime, sizeof(runtime), "%s/vmm.bin", paths_data_dir());
	free(built);
	return runtime;
}
