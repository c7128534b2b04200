/* SPDX-License-Identifier: MIT */
/*
 * Did-you-mean: the closest known word to a misspelt one, by edit distance,
 * when it is close enough to be a plausible typo.
 */
#ifndef SUGGEST_H
#define SUGGEST_H

#include <stddef.h>

/* Edit distance: insert, delete, substitute, swap two neighbours; each costs 1. */
size_t suggest_distance(const char *a, const char *b);

/*
 * The candidate nearest to word, or NULL when none is within
 * max(1, strlen(word) / 3) edits. Ties go to the earlier candidate.
 */
const char *suggest_word(const char *word, const char *const *candidates, size_t count);

#endif /* SUGGEST_H */
