// SPDX-License-Identifier: MIT
/*
 * attack: runs the attack catalogue (attack_mem.c, attack_cpu.c,
 * attack_call.c) beside a victim. bootargs: attack=<name> runs one attack,
 * attack=all runs them all in order, each between `ATTACK begin <name>`
 * and `ATTACK end <name> exc=<n> <notes>`, then waits until the victim's
 * heartbeat (channel hb) moved twice more. attack=all keeps its place in
 * the runtime's scratch word (PARTITA_HVC_SCRATCH; RAM is zero after a
 * restart), so an attack that resets the guest resumes at the next one. rt=/blob= give the runtime region and the layout blob.
 */
#include "attack.h"

/* the place kept across restarts: 0 none, else the next attack + 1 */
static uint64_t progress(int set, uint64_t val)
{
	return (uint64_t)guest_hvc(PARTITA_HVC_SCRATCH, set ? 1 : 0, val, 0);
}
#define WAIT_SECONDS 5
#define EC_IABT_LOW 0x20u
#define EC_IABT_CUR 0x21u
#define EC_PC_ALIGN 0x22u

extern char attack_vectors[];
volatile uint64_t attack_exceptions;
volatile int attack_quiet;
static char notes[160];
static unsigned notes_len;
static uint64_t rand_state = 0x9e3779b97f4a7c15ull;

static void print_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	guest_puts("ATTACK exception esr=0x");
	guest_putu(esr, 16);
	guest_puts(" elr=0x");
	guest_putu(elr, 16);
	guest_puts(" far=0x");
	guest_putu(far, 16);
	guest_puts("\n");
}

uint64_t attack_exception(uint64_t *regs, uint64_t esr, uint64_t elr, uint64_t far)
{
	unsigned ec = (unsigned)(esr >> 26) & 0x3F;

	attack_exceptions++;
	if (!attack_quiet)
		print_exception(esr, elr, far);
	if (ec == EC_IABT_LOW || ec == EC_IABT_CUR || ec == EC_PC_ALIGN)
		return regs[21];    /* x30: back into attack_jump */
	return elr + 4;
}

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	return attack_exception(0, esr, elr, far);   /* not installed */
}

static void notes_add(const char *s)
{
	while (*s && notes_len + 1 < sizeof(notes))
		notes[notes_len++] = *s++;
	notes[notes_len] = 0;
}

void attack_note(const char *key, int64_t value)
{
	char num[24];
	int n = 23;
	uint64_t u = value < 0 ? (uint64_t)-value : (uint64_t)value;

	num[n] = 0;
	do {
		num[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (value < 0)
		num[--n] = '-';
	notes_add(" ");
	notes_add(key);
	notes_add("=");
	notes_add(&num[n]);
}

uint64_t attack_rand(void)
{
	rand_state ^= rand_state << 13;
	rand_state ^= rand_state >> 7;
	rand_state ^= rand_state << 17;
	return rand_state;
}

uint64_t attack_read(uint64_t addr)
{
	return *(volatile uint64_t *)addr;
}

void attack_write(uint64_t addr, uint64_t value)
{
	*(volatile uint64_t *)addr = value;
}

static uint64_t victim_beats(const struct attack_ctx *c)
{
	return c->has_hb ? *(volatile uint64_t *)c->hb.base : 0;
}

uint64_t attack_ticks(void)
{
	uint64_t t;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(t) : : "memory");
	return t;
}

static void put_ticks(void)
{
	guest_puts(" t=");
	guest_putu(attack_ticks(), 10);
}

/*
 * the victim must still be beating: its count must move twice after the
 * attack (a change, not a value: nothing to assume about where it starts)
 */
static void wait_victim(const struct attack_ctx *c)
{
	uint64_t last = victim_beats(c), moved = 0, frq, end;

	if (!c->has_hb)
		return;
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frq));
	end = attack_ticks() + WAIT_SECONDS * frq;
	while (moved < 2 && attack_ticks() < end) {
		uint64_t now = victim_beats(c);

		moved += now != last;
		last = now;
	}
	if (moved < 2)
		guest_puts("ATTACK victim stalled\n");
}

static const struct attack *const tables[] = {
	attack_mem_table, attack_cpu_table, attack_call_table, attack_last_table,
};

/* the n-th attack of the catalogue, or 0 past its end */
static const struct attack *attack_nth(uint64_t n)
{
	for (unsigned t = 0; t < sizeof(tables) / sizeof(tables[0]); t++) {
		for (const struct attack *a = tables[t]; a->name; a++) {
			if (n-- == 0)
				return a;
		}
	}
	return 0;
}

static void attack_one(struct attack_ctx *c, const struct attack *a)
{
	attack_exceptions = 0;
	notes_len = 0;
	notes[0] = 0;
	guest_puts("ATTACK begin ");
	guest_puts(a->name);
	put_ticks();
	guest_puts("\n");
	a->run(c);
	guest_puts("ATTACK end ");
	guest_puts(a->name);
	guest_puts(" exc=");
	guest_putu(attack_exceptions, 10);
	put_ticks();
	guest_puts(notes);
	guest_puts("\n");
	wait_victim(c);
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* attack=all: resume after the last attack begun (a reset comes back here) */
static void attack_all(struct attack_ctx *c)
{
	uint64_t next = progress(0, 0);
	const struct attack *a;

	if (next) {
		guest_puts("ATTACK end ");
		guest_puts(attack_nth(next - 1)->name);
		guest_puts(" exc=0");
		put_ticks();
		guest_puts(" restarted=1\n");
		wait_victim(c);
	}
	for (; (a = attack_nth(next)) != 0; next++) {
		progress(1, next + 1);
		attack_one(c, a);
	}
	progress(1, 0);
	guest_puts("ATTACK catalogue done\n");
}

void guest_main(const void *dtb)
{
	static struct attack_ctx c;
	char name[32], buf[24];
	const struct attack *a;

	c.dtb = dtb;
	__asm__ volatile("msr vbar_el1, %0; isb" : : "r"(attack_vectors));
	c.has_hb = pc_find(dtb, "hb", &c.hb) == 0;
	c.has_ctl = pc_find(dtb, "ctl", &c.ctl) == 0;
	c.runtime = guest_bootarg(dtb, "rt", buf, sizeof(buf)) ? guest_atou(buf) : 0xbfe00000ul;
	c.blob = guest_bootarg(dtb, "blob", buf, sizeof(buf)) ? guest_atou(buf) : c.runtime;
	if (!guest_bootarg(dtb, "attack", name, sizeof(name)))
		name[0] = 0;
	if (streq(name, "all")) {
		attack_all(&c);
	} else {
		for (uint64_t n = 0; (a = attack_nth(n)) != 0; n++) {
			if (streq(a->name, name))
				attack_one(&c, a);
		}
		for (a = attack_fatal_table; a->name; a++) {
			if (streq(a->name, name))
				attack_one(&c, a);
		}
		for (a = attack_owned_table; a->name; a++) {
			if (streq(a->name, name))
				attack_one(&c, a);
		}
	}
	if (c.has_ctl)
		*(volatile uint32_t *)c.ctl.base = ATTACK_DONE;
	guest_puts("ATTACK off\n");
	guest_off();
}
