/* SPDX-License-Identifier: MIT */
/*
 * Console input: the runtime owns the board UART and hands what is typed on
 * it to one virtual console, fixed at build time. So at most one guest may
 * ask for it, and that guest needs a console to receive it on.
 */
#include "checks.h"

void checks_console_input(const struct model *m)
{
	const struct model_guest *first = NULL;

	for (int i = 0; i < m->guest_count; i++) {
		const struct model_guest *g = &m->guests[i];

		if (!g->console_input)
			continue;
		if (g->console == LAYOUT_CONSOLE_NONE) {
			diag_error(&g->console_input_pos, "console-input-without-console",
				   "guest '%s' asks for console input but has console type none",
				   g->name);
			continue;
		}
		if (first) {
			diag_error(&g->console_input_pos, "console-input-twice",
				   "guest '%s' asks for console input, but guest '%s' already "
				   "has it; the board UART's input goes to one guest", g->name,
				   first->name);
			diag_note(&first->console_input_pos, "'%s' takes the input here",
				  first->name);
			continue;
		}
		first = g;
	}
}
