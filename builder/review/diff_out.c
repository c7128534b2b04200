/* SPDX-License-Identifier: MIT */
/*
 * Rendering a change list: security-relevant changes first, then the rest,
 * each section grouped by guest in the order guests first appear. Text for
 * terminals, Markdown for pull-request comments, JSON for machines (values
 * encoded by jansson, one change per line so the list greps and diffs well).
 */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "jsonio.h"

static char diff_sign(const struct diff_change *c)
{
	if (!strcmp(c->action, "added") || !strcmp(c->action, "widened"))
		return '+';
	if (!strcmp(c->action, "removed") || !strcmp(c->action, "narrowed"))
		return '-';
	return '~';
}

static const char *diff_scope(const struct diff_change *c)
{
	return c->guest ? c->guest : "";
}

/* Whether change i opens its group in this section (groups print in that order). */
static bool diff_first_of_group(const struct diff *d, int i, bool security)
{
	for (int j = 0; j < i; j++)
		if (d->changes[j].security == security &&
		    !strcmp(diff_scope(&d->changes[j]), diff_scope(&d->changes[i])))
			return false;
	return true;
}

typedef void (*diff_group_fn)(FILE *f, const struct diff_change *head, bool colour);
typedef void (*diff_line_fn)(FILE *f, const struct diff_change *c, bool colour);

static void diff_section(FILE *f, const struct diff *d, bool security, diff_group_fn group,
			 diff_line_fn line, bool colour)
{
	for (int i = 0; i < d->count; i++) {
		if (d->changes[i].security != security || !diff_first_of_group(d, i, security))
			continue;
		group(f, &d->changes[i], colour);
		for (int j = i; j < d->count; j++)
			if (d->changes[j].security == security &&
			    !strcmp(diff_scope(&d->changes[j]), diff_scope(&d->changes[i])))
				line(f, &d->changes[j], colour);
	}
}

static void diff_text_group(FILE *f, const struct diff_change *c, bool colour)
{
	if (c->guest)
		fprintf(f, "  guest %s\n", c->guest);
	else
		fprintf(f, "  system\n");
}

static void diff_text_line(FILE *f, const struct diff_change *c, bool colour)
{
	char sign = diff_sign(c);
	const char *on = !colour ? "" : sign == '+' ? "\033[32m" : sign == '-' ? "\033[31m" :
		"\033[33m";

	fprintf(f, "    %s%c %s%s%s: %s%s\n", on, sign, c->kind, *c->item ? " " : "", c->item,
		c->detail, colour ? "\033[0m" : "");
}

static void diff_summary(FILE *f, const struct diff *d)
{
	fprintf(f, "%d change%s, %d security-relevant", d->count, d->count == 1 ? "" : "s",
		d->security_count);
}

void diff_text(FILE *f, const struct diff *d, const char *old, const char *new, bool colour)
{
	fprintf(f, "partita diff %s %s\n", old, new);
	if (d->security_count) {
		fprintf(f, "%ssecurity-relevant (widens what a guest can reach):%s\n",
			colour ? "\033[1;31m" : "", colour ? "\033[0m" : "");
		diff_section(f, d, true, diff_text_group, diff_text_line, colour);
	}
	if (d->count > d->security_count) {
		fprintf(f, "other changes:\n");
		diff_section(f, d, false, diff_text_group, diff_text_line, colour);
	}
	if (!d->count)
		fprintf(f, "no changes\n");
	else {
		diff_summary(f, d);
		fputc('\n', f);
	}
}

static void diff_md_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (strchr("|*_`<\\", *s))
			fputc('\\', f);
		fputc(*s, f);
	}
}

static void diff_md_line(FILE *f, const struct diff_change *c, bool colour)
{
	fprintf(f, "- `%c` %s%s", diff_sign(c), c->kind, *c->item ? " `" : "");
	if (*c->item)
		fprintf(f, "%s`", c->item);
	fprintf(f, ": ");
	diff_md_escape(f, c->detail);
	fputc('\n', f);
}

static void diff_md_group(FILE *f, const struct diff_change *c, bool colour)
{
	if (c->guest)
		fprintf(f, "\n**guest `%s`**\n\n", c->guest);
	else
		fprintf(f, "\n**system**\n\n");
}

void diff_markdown(FILE *f, const struct diff *d, const char *old, const char *new)
{
	fprintf(f, "### partita diff\n\n`%s` → `%s`: ", old, new);
	if (!d->count) {
		fprintf(f, "no changes.\n");
		return;
	}
	diff_summary(f, d);
	fprintf(f, ".\n");
	if (d->security_count) {
		fprintf(f, "\n#### ⚠️ Security-relevant (widens what a guest can reach)\n");
		diff_section(f, d, true, diff_md_group, diff_md_line, false);
	}
	if (d->count > d->security_count) {
		fprintf(f, "\n#### Other changes\n");
		diff_section(f, d, false, diff_md_group, diff_md_line, false);
	}
}

/* One value, encoded by jansson on one line, then released. */
static void diff_json_put(FILE *f, json_t *v)
{
	jsonio_dump(f, v, 0, false);
	json_decref(v);
}

static int diff_json_printed;   /* items written so far: commas go between */

static void diff_json_group(FILE *f, const struct diff_change *c, bool colour)
{
}

static void diff_json_change(FILE *f, const struct diff_change *c, bool colour)
{
	json_t *o = json_pack("{s:o, s:o, s:o, s:b, s:o, s:o}",
			      "guest", c->guest ? jsonio_string(c->guest) : json_null(),
			      "kind", jsonio_string(c->kind), "action", jsonio_string(c->action),
			      "security", c->security, "item", jsonio_string(c->item),
			      "detail", jsonio_string(c->detail));

	if (!o)
		abort();
	fputs(diff_json_printed++ ? ",\n    " : "    ", f);
	diff_json_put(f, o);
}

/* The list in the text report's order: security-relevant first, by guest. */
void diff_json(FILE *f, const struct diff *d, const char *old, const char *new)
{
	fprintf(f, "{\n  \"old\": ");
	diff_json_put(f, jsonio_string(old));
	fprintf(f, ",\n  \"new\": ");
	diff_json_put(f, jsonio_string(new));
	fprintf(f, ",\n  \"changes\": %d,\n  \"security_relevant\": %d,\n  \"list\": [%s",
		d->count, d->security_count, d->count ? "\n" : "");
	diff_json_printed = 0;
	diff_section(f, d, true, diff_json_group, diff_json_change, false);
	diff_section(f, d, false, diff_json_group, diff_json_change, false);
	fprintf(f, "%s]\n}\n", d->count ? "\n  " : "");
}
