/* SPDX-License-Identifier: MIT */
/*
 * Diagnostics to stderr in the format of diag.h. Counting is separate from
 * printing so that a flood of errors is summarised, not lost.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

static int error_count;
static int warning_count;
static bool last_error_shown; /* notes follow the error they belong to */
static bool colour;           /* ANSI colour on the kind word; off by default */

void diag_set_colour(bool on)
{
	colour = on;
}

/* SGR codes: bold red errors, bold magenta warnings, bold cyan notes. */
static const char *kind_colour(const char *kind)
{
	return kind[0] == 'e' ? "\033[1;31m" : kind[0] == 'w' ? "\033[1;35m" : "\033[1;36m";
}

static void print_pos(const struct srcpos *pos)
{
	if (!pos || !pos->file)
		fputs("partita: ", stderr);
	else if (pos->line > 0)
		fprintf(stderr, "%s:%d:%d: ", pos->file, pos->line, pos->col);
	else
		fprintf(stderr, "%s: ", pos->file);
}

static void report(const struct srcpos *pos, const char *kind,
		   const char *check, const char *fmt, va_list ap)
{
	print_pos(pos);
	if (colour)
		fputs(kind_colour(kind), stderr);
	if (check)
		fprintf(stderr, "%s[%s]: ", kind, check);
	else
		fprintf(stderr, "%s: ", kind);
	if (colour)
		fputs("\033[0m", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void diag_error(const struct srcpos *pos, const char *check, const char *fmt, ...)
{
	va_list ap;

	last_error_shown = ++error_count <= DIAG_MAX_ERRORS;
	if (!last_error_shown)
		return;
	va_start(ap, fmt);
	report(pos, "error", check, fmt, ap);
	va_end(ap);
}

void diag_warning(const struct srcpos *pos, const char *check, const char *fmt, ...)
{
	va_list ap;

	warning_count++;
	last_error_shown = true;
	va_start(ap, fmt);
	report(pos, "warning", check, fmt, ap);
	va_end(ap);
}

void diag_note(const struct srcpos *pos, const char *fmt, ...)
{
	va_list ap;

	if (!last_error_shown)
		return;
	va_start(ap, fmt);
	report(pos, "note", NULL, fmt, ap);
	va_end(ap);
}

void diag_fatal(const char *fmt, ...)
{
	va_list ap;

	last_error_shown = ++error_count <= DIAG_MAX_ERRORS;
	va_start(ap, fmt);
	report(NULL, "error", NULL, fmt, ap);
	va_end(ap);
}

int diag_error_count(void)
{
	return error_count;
}

int diag_warning_count(void)
{
	return warning_count;
}

void diag_reset(void)
{
	error_count = 0;
	warning_count = 0;
	last_error_shown = false;
}

void diag_summary(void)
{
	if (error_count > DIAG_MAX_ERRORS)
		fprintf(stderr, "partita: %d more errors not shown\n",
			error_count - DIAG_MAX_ERRORS);
	if (error_count)
		fprintf(stderr, "%d error%s\n", error_count, error_count == 1 ? "" : "s");
}
