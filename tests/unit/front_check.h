/* SPDX-License-Identifier: MIT */
/*
 * Shared by the front-end unit tests: one "PASS name" / "FAIL name" line per
 * assertion (tests/unit/run.sh counts them) and a helper that parses YAML
 * text with diagnostics counted.
 */
#ifndef FRONT_CHECK_H
#define FRONT_CHECK_H

#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "yamldoc.h"

static int front_failed;

#define FRONT_CHECK(name, cond) do { \
	if (cond) printf("PASS %s\n", name); \
	else { printf("FAIL %s (%s:%d: %s)\n", name, __FILE__, __LINE__, #cond); front_failed++; } \
} while (0)

/* Parses text; returns the errors it reported (diag counters reset first). */
static inline int front_parse(const char *text, struct yamldoc_node **root)
{
	diag_reset();
	yamldoc_load_buffer("test.yaml", text, strlen(text), root);
	return diag_error_count();
}

static inline int front_finish(void)
{
	return front_failed ? 1 : 0;
}

#endif /* FRONT_CHECK_H */
