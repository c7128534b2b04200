/* SPDX-License-Identifier: MIT */
/*
 * All-or-nothing output directories: files are written into a temporary
 * directory next to the target and renamed into place only when everything
 * succeeded. On failure nothing new is left and an old target is untouched.
 */
#ifndef OUTPUT_H
#define OUTPUT_H

#include <stddef.h>

struct output {
	char *dir;   /* the target, as given */
	char *tmp;   /* <parent>/.<base>.partita-tmp.<pid> */
	char *created;  /* topmost parent folder we created, removed on abort */
};

/* Creates the parent folders and the temp dir. 0 = ok (errors reported). */
int output_begin(struct output *o, const char *dir);
/* Path of name inside the temp dir; caller frees. */
char *output_path(const struct output *o, const char *name);
int output_write(const struct output *o, const char *name, const void *data, size_t size);
/* Replaces the target by the temp dir. 0 = ok. */
int output_commit(struct output *o);
/* Removes the temp dir and frees o. Safe after commit. */
void output_abort(struct output *o);
/* Removes a flat directory and its files (no subfolders). */
int output_remove_dir(const char *path);

#endif /* OUTPUT_H */
