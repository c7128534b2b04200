// SPDX-License-Identifier: MIT
/*
 * Runtime log: a small printf for whole lines ("vmm|...\n") and the guests'
 * console lines, prefixed with the guest's name. Until conout_start they go
 * straight to the board UART under one lock (boot: one CPU); after it they
 * are queued in the guest's or the runtime's ring (core/conout.c), so no CPU
 * waits for the UART. One guest line may be left open (a shell prompt): its
 * guest continues it, anyone else's output ends it first.
 */
#include <stdint.h>

#include <partita/layout.h>

#include "core/conout.h"
#include "core/lib.h"
#include "core/lock.h"
#include "core/log.h"
#include "drivers/uart.h"

struct log_buf {
	char s[CONOUT_TEXT_MAX];
	uint32_t n;
};

static struct spinlock log_lock;
static int log_locking;
static const char *log_open;    /* guest whose line is shown unterminated (before conout) */

void log_init(const struct layout_board *b)
{
	uart_init(b->uart_pa, b->uart_kind, b->uart_reg_shift, b->uart_io_width, b->uart_tx_fifo);
}

void log_enable_locking(void)
{
	log_locking = 1;
}

static void log_lock_take(void)
{
	if (log_locking)
		spin_lock(&log_lock);
}

static void log_lock_give(void)
{
	if (log_locking)
		spin_unlock(&log_lock);
}

/* "\n" is stored as "\r\n", as the UART wants it */
static void log_putc(struct log_buf *b, char c)
{
	if (c == '\n' && b->n < sizeof(b->s))
		b->s[b->n++] = '\r';
	if (b->n < sizeof(b->s))
		b->s[b->n++] = c;
}

static void log_puts(struct log_buf *b, const char *s)
{
	while (*s)
		log_putc(b, *s++);
}

static void log_number(struct log_buf *b, uint64_t v, unsigned base, int width, char pad, int neg)
{
	char buf[24];
	int n = 0;

	do {
		buf[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (neg)
		buf[n++] = '-';
	while (n < width && n < (int)sizeof(buf))
		buf[n++] = pad;
	while (n)
		log_putc(b, buf[--n]);
}

static uint64_t log_arg(va_list *ap, int longs, int is_signed, int *neg)
{
	int64_t s;

	*neg = 0;
	if (!is_signed)
		return longs ? va_arg(*ap, uint64_t) : va_arg(*ap, unsigned);
	s = longs ? va_arg(*ap, int64_t) : va_arg(*ap, int);
	if (s < 0) {
		*neg = 1;
		return (uint64_t)0 - (uint64_t)s;
	}
	return (uint64_t)s;
}

static const char *log_conversion(struct log_buf *b, const char *f, va_list *ap)
{
	char pad = ' ';
	int width = 0, longs = 0, neg;
	uint64_t v;

	if (*f == '0')
		pad = '0';
	while (*f >= '0' && *f <= '9')
		width = width * 10 + (*f++ - '0');
	while (*f == 'l') {
		longs = 1;
		f++;
	}
	switch (*f) {
	case 's': log_puts(b, va_arg(*ap, const char *)); break;
	case 'c': log_putc(b, (char)va_arg(*ap, int)); break;
	case 'd': v = log_arg(ap, longs, 1, &neg);
		log_number(b, v, 10, width, pad, neg); break;
	case 'u': v = log_arg(ap, longs, 0, &neg);
		log_number(b, v, 10, width, pad, 0); break;
	case 'x': v = log_arg(ap, longs, 0, &neg);
		log_number(b, v, 16, width, pad, 0); break;
	case 'p': log_puts(b, "0x");
		log_number(b, (uintptr_t)va_arg(*ap, void *), 16, width, pad, 0); break;
	case '%': log_putc(b, '%'); break;
	default: return f;
	}
	return f + 1;
}

/* straight to the UART, before conout_start */
static void log_uart(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		uart_putc(s[i]);
}

static void log_end_open_line(void)
{
	if (log_open) {
		log_uart("\r\n", 2);
		log_open = 0;
	}
}

void log_printf(const char *fmt, ...)
{
	struct log_buf b;
	va_list ap;

	b.n = 0;
	va_start(ap, fmt);
	while (*fmt) {
		if (*fmt != '%')
			log_putc(&b, *fmt++);
		else
			fmt = log_conversion(&b, fmt + 1, &ap);
	}
	va_end(ap);
	if (conout_started()) {
		conout_line(CONOUT_RUNTIME, b.s, b.n, false);
		return;
	}
	log_lock_take();
	log_end_open_line();
	log_uart(b.s, b.n);
	log_lock_give();
}

/* before conout_start: the prefix unless name continues its own open line */
static void log_guest_text(const char *name, const char *text, size_t len, bool partial)
{
	log_lock_take();
	if (log_open != name) {
		log_end_open_line();
		log_uart(name, lib_strnlen(name, LAYOUT_NAME_SIZE));
		log_uart("| ", 2);
	}
	for (size_t i = 0; i < len; i++)
		uart_putc(text[i]);
	if (!partial)
		log_uart("\r\n", 2);
	log_open = partial ? name : 0;
	log_lock_give();
}

void log_guest_line(uint32_t ring, const char *name, const char *text, size_t len)
{
	if (conout_started())
		conout_line(ring, text, len, false);
	else
		log_guest_text(name, text, len, false);
}

void log_guest_partial(uint32_t ring, const char *name, const char *text, size_t len)
{
	if (conout_started())
		conout_line(ring, text, len, true);
	else
		log_guest_text(name, text, len, true);
}

void log_quiesce(void)
{
	if (conout_started())
		conout_flush_for_good();
	else
		log_lock_take();
}
