/* SPDX-License-Identifier: MIT */
/*
 * Edit distance (optimal string alignment) with three rolling rows. Words
 * here are keys and enum values: longer than SUGGEST_MAX_LEN is never suggested.
 */
#include "suggest.h"

#include <string.h>

#define SUGGEST_MAX_LEN 64

size_t suggest_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t rows[3][SUGGEST_MAX_LEN + 1];   /* i-2, i-1, i (rolling) */

	if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		rows[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t *cur = rows[i % 3], *up = rows[(i - 1) % 3], *up2 = rows[(i + 1) % 3];
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t best = up[j - 1] + (a[i - 1] != b[j - 1]);
			if (up[j] + 1 < best)
				best = up[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    up2[j - 2] + 1 < best)
				best = up2[j - 2] + 1;   /* swapped neighbours count once */
			cur[j] = best;
		}
	}
	return rows[la % 3][lb];
}

const char *suggest_word(const char *word, const char *const *candidates, size_t count)
{
	size_t limit = strlen(word) / 3;
	const char *best = NULL;
	size_t best_distance = (size_t)-1;

	if (limit < 1)
		limit = 1;
	for (size_t i = 0; i < count; i++) {
		size_t d = suggest_distance(word, candidates[i]);
		if (d <= limit && d < best_distance) {
			best = candidates[i];
			best_distance = d;
		}
	}
	return best;
}
