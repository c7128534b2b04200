/* SPDX-License-Identifier: MIT */
/*
 * Runtime log on the board UART. Every call is a whole line, so lines from
 * different CPUs and guests never interleave (an open guest line is ended
 * before anything else is printed); once the guests run they are queued
 * (core/conout.c) rather than printed while the caller waits.
 */
#ifndef CORE_LOG_H
#define CORE_LOG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct layout_board;

/* the board UART of the layout (kind, registers); silent if unknown */
void log_init(const struct layout_board *b);
void log_enable_locking(void);
/* printf subset: %s %c %d %u %x %p, 'l' size prefix, '0' and width */
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* one line "<name>| <text>" for a guest console; ring = the guest's index */
void log_guest_line(uint32_t ring, const char *name, const char *text, size_t len);
/* the same left open (no newline): name's next text continues it */
void log_guest_partial(uint32_t ring, const char *name, const char *text, size_t len);
/* everything queued out, then nobody prints again: right before powering off */
void log_quiesce(void);

#endif /* CORE_LOG_H */
