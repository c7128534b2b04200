/* SPDX-License-Identifier: MIT */
/*
 * Boards: boards/<name>/board.yaml plus the device tree it names (a .dts is
 * compiled with dtc). Everything the model knows about the machine comes
 * from these two files, never from constants in the tool.
 */
#ifndef BOARD_H
#define BOARD_H

#include <stdbool.h>

#include "model.h"
#include "yamldoc.h"

/* Fills m->board from the spec's `board:` value. Reports its own errors. */
bool board_load(struct model *m, const struct yamldoc_node *ref);
/* Reads the machine facts out of b->fdt (RAM, CPUs, GIC, UART, timer). */
bool board_read_tree(struct model_board *b, const char *uart_path, const struct srcpos *pos);
void board_free(struct model_board *b);

#endif /* BOARD_H */
