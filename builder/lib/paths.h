/* SPDX-License-Identifier: MIT */
/*
 * Where the tool finds its data (boards/, templates/, schema/) and the
 * prebuilt runtime, both in the source tree and after `make install`.
 */
#ifndef PATHS_H
#define PATHS_H

/*
 * The data root: $PARTITA_DATADIR if set; else <exe>/../share/partita when it
 * exists (installed); else the source tree, <exe>/.. (build/partita).
 */
const char *paths_data_dir(void);

/*
 * The runtime binary: $PARTITA_RUNTIME if set; else <exe>/vmm/vmm.bin (build
 * tree); else <data root>/vmm.bin (installed).
 */
const char *paths_runtime(void);

/* Joins a and b with one '/', into a string the caller frees. */
char *paths_join(const char *a, const char *b);

/* The folder part of a path ("." when it has none); caller frees. */
char *paths_dirname(const char *path);

#endif /* PATHS_H */
