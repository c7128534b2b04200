// SPDX-License-Identifier: MIT
/*
 * Runtime log: a small printf over the board UART with a lock per call.
 * Callers pass whole lines ("vmm|...\n"); guest console lines are printed
 * with the guest's name as prefix. One guest line may be left open (a shell
 * prompt): its guest continues it, anyone else's output ends it first.
 */
#include <stdint.h>

#include <partita/layout.h>

#include "core/lib.h"
#include "core/lock.h"
#include "core/log.h"
#include "drivers/uart.h"

static struct spinlock log_lock;
static int log_locking;
static const char *log_open;    /* guest whose line is shown unterminated */

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

static void log_end_open_line(void)
{
	if (log_open) {
		uart_putc('\r');
		uart_putc('\n');
		log_open = 0;
	}
}

static void log_puts(const char *s)
{
	while (*s) {
		if (*s == '\n')
			uart_putc('\r');
		uart_putc(*s++);
	}
}

static void log_number(uint64_t v, unsigned base, int width, char pad, int neg)
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
		uart_putc(buf[--n]);
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

static const char *log_conversion(const char *f, va_list *ap)
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
	case 's': log_puts(va_arg(*ap, const char *)); break;
	case 'c': uart_putc((char)va_arg(*ap, int)); break;
	case 'd': v = log_arg(ap, longs, 1, &neg);
		log_number(v, 10, width, pad, neg); break;
	case 'u': v = log_arg(ap, longs, 0, &neg);
		log_number(v, 10, width, pad, 0); break;
	case 'x': v = log_arg(ap, longs, 0, &neg);
		log_number(v, 16, width, pad, 0); break;
	case 'p': log_puts("0x");
		log_number((uintptr_t)va_arg(*ap, void *), 16, width, pad, 0); break;
	case '%': uart_putc('%'); break;
	default: return f;
	}
	return f + 1;
}

void log_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_lock_take();
	log_end_open_line();
	while (*fmt) {
		if (*fmt != '%') {
			if (*fmt == '\n')
				uart_putc('\r');
			uart_putc(*fmt++);
			continue;
		}
		fmt = log_conversion(fmt + 1, &ap);
	}
	log_lock_give();
	va_end(ap);
}

/* the prefix unless name continues its own open line */
static void log_guest_text(const char *name, const char *text, size_t len)
{
	if (log_open != name) {
		log_end_open_line();
		log_puts(name);
		log_puts("| ");
	}
	for (size_t i = 0; i < len; i++)
		uart_putc(text[i]);
}

void log_guest_line(const char *name, const char *text, size_t len)
{
	log_lock_take();
	log_guest_text(name, text, len);
	log_puts("\n");
	log_open = 0;
	log_lock_give();
}

void log_guest_partial(const char *name, const char *text, size_t len)
{
	log_lock_take();
	log_guest_text(name, text, len);
	log_open = name;
	log_lock_give();
}

void log_quiesce(void)
{
	log_lock_take();
}
