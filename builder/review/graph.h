/* SPDX-License-Identifier: MIT */
/*
 * Graphviz DOT of a system view: guests, the CPUs they are pinned to, their
 * passthrough devices, and channels with each end's rights and the doorbells
 * it may ring. Output depends only on the view, so it is deterministic.
 */
#ifndef GRAPH_H
#define GRAPH_H

#include <stdio.h>

#include "sysview.h"

void graph_dot(FILE *f, const struct sysview *v);

#endif /* GRAPH_H */
