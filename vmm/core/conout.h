/* SPDX-License-Identifier: MIT */
/*
 * Console output without stalling other CPUs (issue 18 item 4): each guest
 * (and the runtime's own log) appends whole lines to its own ring under its
 * own lock, which costs a copy; whichever CPU next finds the board UART
 * free moves bytes while its FIFO has room, never waiting for it.
 */
#ifndef CORE_CONOUT_H
#define CORE_CONOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/lock.h"

#define CONOUT_RING_SIZE  4096u        /* bytes of records per guest */
#define CONOUT_TEXT_MAX   512u         /* longest record text */
#define CONOUT_RATE       16384u       /* bytes per second a guest may add ... */
#define CONOUT_BURST      16384u       /* ... after a quiet spell of this many */
#define CONOUT_RUNTIME    32u          /* ring index of the runtime's own lines */

struct layout_board;

/* start queueing (until now lines went straight out): after the guests are
 * built, before any vCPU runs; name of ring i = guest i's name */
void conout_start(const struct layout_board *b, const char *const *names, uint32_t count);
bool conout_started(void);
/* a line (or, partial, the start of one) for ring; false: dropped */
bool conout_line(uint32_t ring, const char *text, size_t len, bool partial);
/* on every exit: move what the UART takes now, if anything is queued */
void conout_poll(void);
/* this CPU's EL2 timer retry of a full FIFO came (core/htimer.c) */
struct cpu;
void conout_retry_due(struct cpu *c);
/* the idle loop after each wake-up: the drainer CPU drains if asked */
void conout_idle_cpu(struct cpu *c);
/* this CPU's guest idles (WFI): drain until done or an interrupt is pending */
void conout_idle(void);
/* everything out, waiting on the UART, then keep it: power off and panic */
void conout_flush_for_good(void);
/* "vmm|<g>|console: N bytes dropped" when ring dropped any (guest stop) */
void conout_report_dropped(uint32_t ring);

extern volatile uint32_t conout_pending;

static inline void conout_poll_if_pending(void)
{
	if (__atomic_load_n(&conout_pending, __ATOMIC_RELAXED))
		conout_poll();
}

#endif /* CORE_CONOUT_H */
