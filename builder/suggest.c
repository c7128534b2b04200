/* SPDX-License-Identifier: MIT */
/*
 * Edit distance with one rolling row; words here are keys and enum values,
 * so anything longer than SUGGEST_MAX_LEN is simply never suggested.
 */
#include "suggest.h"

#include <string.h>

#define SUGGEST_MAX_LEN 64

size_t suggest_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t row[SUGGEST_MAX_LEN + 1];

	if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
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
