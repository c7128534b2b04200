/* SPDX-License-Identifier: MIT */
/*
 * Running the external tools we rely on (dtc, mkimage) without a shell, so
 * paths with spaces or quotes are passed through untouched.
 */
#ifndef SPAWN_H
#define SPAWN_H

/*
 * Runs argv[0] (searched in PATH) with argv; stdout goes to stdout_path when
 * not NULL ("/dev/null" to silence). Returns the exit status, or -1 when the
 * program could not be started or died from a signal.
 */
int spawn_run(const char *const argv[], const char *stdout_path);

#endif /* SPAWN_H */
