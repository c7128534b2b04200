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
/* The console node's driver kind, reg-shift, io width and FIFO (board_uart.c);
 * an unknown compatible is error console-uart-unsupported at pos. */
bool board_uart_kind(struct model_board *b, int node, const char *uart_path,
		     const struct srcpos *pos);
/* "pl011", "cadence", "imx", "ns16550", "dw-apb" */
const char *board_uart_kind_name(uint32_t kind);
void board_free(struct model_board *b);
/* board_clocks.c: the descriptor's `clocks:` section into b->clock_rates. */
void board_clocks(struct model_board *b, const struct yamldoc_node *n);
/* Reads {name-or-specifier: Hz, ...} into *rates; returns how many. */
int board_clocks_rates(const struct yamldoc_node *n, struct model_rate **rates, int *count);
void board_clocks_free(struct model_rate *rates, int count);

#endif /* BOARD_H */
