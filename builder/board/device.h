/* SPDX-License-Identifier: MIT */
/*
 * Passthrough devices: a spec reference (node path, label or alias) resolved
 * in the board tree to its MMIO windows, GIC interrupts and DMA capability.
 */
#ifndef DEVICE_H
#define DEVICE_H

#include <stdbool.h>

#include "model.h"

/* Resolves ref into d (d->ref, d->pos set by the caller). Reports errors. */
bool device_resolve(const struct model_board *b, struct model_device *d);
/* The runtime's console UART, the GIC, or a node inside one of them. */
bool device_is_runtime_node(const struct model_board *b, int node);
/* Reads reg of node, translated by its parent's #address-/#size-cells. */
int device_read_reg(const void *fdt, int node, struct model_reg *out, int max);
/* Reads 3-cell GIC interrupts of node as INTIDs. */
int device_read_irqs(const void *fdt, int node, struct model_irq *out, int max);
void device_free(struct model_device *d);
/* A node path, alias (/aliases), label (/__symbols__) or unique node name. */
int device_find_node(const void *fdt, const char *ref);
/* device_clock.c: resolves every clocks entry of d to a rate or a board
 * fixed-clock; an entry without either is error[clock-rate-unknown]. */
bool device_clocks(const struct model_board *b, struct model_device *d);

#endif /* DEVICE_H */
