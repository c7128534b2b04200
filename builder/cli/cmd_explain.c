/* SPDX-License-Identifier: MIT */
/*
 * `partita explain CHECK-ID`: what a diagnostic guards and how to fix it.
 * `partita explain --list` prints every id with its first line. An unknown
 * id exits 2 with the nearest known id as a hint.
 */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "suggest.h"

static int cmd_explain_list(void)
{
	for (int i = 0; i < explain_count; i++) {
		const char *t = explain_entries[i].text;
		const char *nl = strchr(t, '\n');
		printf("%-27s %.*s\n", explain_entries[i].id, nl ? (int)(nl - t) : (int)strlen(t), t);
	}
	return CMD_OK;
}

int cmd_explain(const char *id)
{
	if (!strcmp(id, "--list"))
		return cmd_explain_list();
	/* Accept the id as printed in a diagnostic too: "error[cpu-shared]". */
	const char *open = strchr(id, '[');
	char buf[64];
	if (open && strchr(open, ']')) {
		snprintf(buf, sizeof(buf), "%.*s", (int)(strchr(open, ']') - open - 1), open + 1);
		id = buf;
	}
	const struct explain_entry *e = explain_find(id);
	if (e) {
		printf("%s\n\n%s\n", e->id, e->text);
		return CMD_OK;
	}
	const char **ids = malloc(sizeof(*ids) * (size_t)explain_count);
	if (!ids)
		abort();
	for (int i = 0; i < explain_count; i++)
		ids[i] = explain_entries[i].id;
	const char *near = suggest_word(id, ids, (size_t)explain_count);
	if (near)
		diag_fatal("unknown check id '%s'; did you mean '%s'?", id, near);
	else
		diag_fatal("unknown check id '%s'; `partita explain --list` lists them all", id);
	free(ids);
	return CMD_INTERNAL;
}
