// SPDX-License-Identifier: MIT
/*
 * Test guest library: polled PL011 output, hvc calls, and a minimal flattened
 * device tree walk (Devicetree Specification "Structure Block") that finds
 * /chosen/bootargs so one binary can be told its name and counts.
 */
#include "guest.h"

#define FDT_MAGIC 0xD00DFEEDu
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4

static uintptr_t guest_uart = GUEST_UART;

void guest_puts(const char *s)
{
	volatile uint32_t *uart = (volatile uint32_t *)guest_uart;

	while (*s) {
		while (uart[0x18 / 4] & (1u << 5))
			;
		uart[0] = (uint8_t)*s++;
	}
}

void guest_putu(uint64_t v, unsigned base)
{
	char buf[24];
	int n = 23;

	buf[n] = 0;
	do {
		buf[--n] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	guest_puts(&buf[n]);
}

int64_t guest_hvc(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;

	__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	return (int64_t)x0;
}

void guest_off(void)
{
	guest_hvc(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		__asm__ volatile("wfe");
}

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* finds /chosen/bootargs; returns its string or 0 */
static const char *guest_fdt_bootargs(const uint8_t *fdt)
{
	const uint8_t *p, *strings;
	int depth = 0, in_chosen = 0;

	if (!fdt || be32(fdt) != FDT_MAGIC)
		return 0;
	p = fdt + be32(fdt + 8);
	strings = fdt + be32(fdt + 12);
	for (;;) {
		uint32_t tag = be32(p);
		const char *name = (const char *)p + 4;
		uint32_t len;

		p += 4;
		switch (tag) {
		case FDT_BEGIN_NODE:
			depth++;
			in_chosen = depth == 2 && streq(name, "chosen");
			while (*p++)
				;
			p = (const uint8_t *)(((uintptr_t)p + 3) & ~(uintptr_t)3);
			break;
		case FDT_END_NODE:
			depth--;
			in_chosen = 0;
			break;
		case FDT_PROP:
			len = be32(p);
			if (in_chosen && streq((const char *)strings + be32(p + 4), "bootargs"))
				return (const char *)p + 8;
			p += 8 + ((len + 3) & ~3u);
			break;
		case FDT_NOP:
			break;
		default:
			return 0;
		}
	}
}

/* unit address of the first top-level node named "<prefix>@<hex>", or 0 */
static uintptr_t guest_fdt_unit(const uint8_t *fdt, const char *prefix)
{
	const uint8_t *p;
	int depth = 0;

	if (!fdt || be32(fdt) != FDT_MAGIC)
		return 0;
	for (p = fdt + be32(fdt + 8);;) {
		uint32_t tag = be32(p);
		const char *name = (const char *)p + 4, *k = prefix;

		p += 4;
		if (tag == FDT_END_NODE) {
			depth--;
		} else if (tag == FDT_PROP) {
			p += 8 + ((be32(p) + 3) & ~3u);
		} else if (tag == FDT_BEGIN_NODE) {
			depth++;
			while (depth == 2 && *k && *k == *name)
				k++, name++;
			if (depth == 2 && !*k && *name == '@') {
				uintptr_t a = 0;
				for (name++; *name; name++)
					a = a << 4 | (uintptr_t)(*name <= '9' ? *name - '0' : (*name | 32) - 'a' + 10);
				return a;
			}
			while (*p++)
				;
			p = (const uint8_t *)(((uintptr_t)p + 3) & ~(uintptr_t)3);
		} else if (tag != FDT_NOP) {
			return 0;
		}
	}
}

uintptr_t guest_console_from_dtb(const void *dtb)
{
	uintptr_t a = guest_fdt_unit(dtb, "pl011");

	if (a)
		guest_uart = a;
	return guest_uart;
}

int guest_bootarg(const void *dtb, const char *key, char *buf, unsigned size)
{
	const char *s = guest_fdt_bootargs(dtb);

	while (s && *s) {
		const char *k = key;
		const char *w = s;

		while (*k && *w == *k) {
			k++;
			w++;
		}
		if (!*k && *w == '=') {
			unsigned n = 0;

			for (w++; *w && *w != ' ' && n + 1 < size; w++)
				buf[n++] = *w;
			buf[n] = 0;
			return 1;
		}
		while (*s && *s != ' ')
			s++;
		while (*s == ' ')
			s++;
	}
	return 0;
}

uint64_t guest_atou(const char *s)
{
	uint64_t v = 0;
	unsigned base = 10;

	if (s[0] == '0' && s[1] == 'x') {
		base = 16;
		s += 2;
	}
	for (; *s; s++) {
		unsigned d = (*s >= 'a') ? (unsigned)(*s - 'a' + 10) : (unsigned)(*s - '0');

		if (d >= base)
			break;
		v = v * base + d;
	}
	return v;
}

/* guests that start no secondary vCPUs still link crt0_secondary */
__attribute__((weak)) void guest_secondary(uint64_t index)
{
	guest_off();
}

uint64_t guest_vns(void)
{
	uint64_t cnt, frq;

	__asm__ volatile("isb; mrs %0, cntvct_el0; mrs %1, cntfrq_el0" : "=r"(cnt), "=r"(frq));
	return cnt * (1000000000ull / frq);
}
