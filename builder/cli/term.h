/* SPDX-License-Identifier: MIT */
/*
 * Terminal facts for output decisions: colour only on a terminal, never when
 * NO_COLOR is set (https://no-color.org) or TERM is "dumb".
 */
#ifndef TERM_H
#define TERM_H

#include <stdbool.h>

/* Whether to colour what goes to file descriptor fd. */
bool term_colour(int fd);
/* --color=always (1) or never (0) overrides the rule above; -1 restores it. */
void term_force_colour(int on);

#endif /* TERM_H */
