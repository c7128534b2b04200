/* SPDX-License-Identifier: MIT */
/*
 * Compiler-style diagnostics: "file:line:col: error[check-id]: message",
 * followed by "file:line:col: note: ..." lines. Errors are counted so a run
 * reports every mistake, then exits non-zero without writing anything.
 */
#ifndef DIAG_H
#define DIAG_H

#include <stdbool.h>

/* A place in a source file; line and col are 1-based, 0 when unknown. */
struct srcpos {
	const char *file;
	int line;
	int col;
};

#define DIAG_MAX_ERRORS 50  /* stop reporting (not counting) past this */

void diag_error(const struct srcpos *pos, const char *check, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_warning(const struct srcpos *pos, const char *check, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_note(const struct srcpos *pos, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* An error with no source position: I/O and internal failures. */
void diag_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int diag_error_count(void);
int diag_warning_count(void);
void diag_reset(void);
/* Prints "N errors" (or nothing when there were none) to stderr. */
void diag_summary(void);
/* Colour the "error"/"warning"/"note" words (main decides: a terminal, no NO_COLOR). */
void diag_set_colour(bool on);

#endif /* DIAG_H */
