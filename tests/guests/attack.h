/* SPDX-License-Identifier: MIT */
/*
 * Attack catalogue guest (tests/attack): what the catalogue files share.
 * Each attack is a name and a function; it reports what it saw with
 * attack_note (printed on its `ATTACK end` line) and relies on the
 * exception vectors of attack_vec.S to come back from every fault.
 */
#ifndef TESTS_GUESTS_ATTACK_H
#define TESTS_GUESTS_ATTACK_H

#include "guest.h"
#include "../../templates/baremetal/partita_channel.h"

struct attack_ctx {
	const void *dtb;
	struct pc_channel hb, ctl;   /* victim's heartbeat (ro here), control (rw) */
	int has_hb, has_ctl;
	uint64_t runtime, blob;      /* runtime region and layout blob (PAs) */
};

struct attack {
	const char *name;
	void (*run)(struct attack_ctx *c);
};

/* NULL-terminated tables, one per catalogue file */
extern const struct attack attack_mem_table[];
extern const struct attack attack_cpu_table[];
extern const struct attack attack_call_table[];
extern const struct attack attack_last_table[];
/* attacks the guest cannot come back from: run only by name */
extern const struct attack attack_fatal_table[];
/* attacks through devices the attacker owns: run only by name (attack_owned.c) */
extern const struct attack attack_owned_table[];

/* exceptions taken since the current attack began */
extern volatile uint64_t attack_exceptions;
/* set: exceptions are counted, not printed (a flood at full speed) */
extern volatile int attack_quiet;

void attack_note(const char *key, int64_t value);
uint64_t attack_rand(void);
uint64_t attack_ticks(void);     /* CNTVCT: one clock for every guest */
uint64_t attack_read(uint64_t addr);
void attack_write(uint64_t addr, uint64_t value);
/* branch to addr; an instruction abort there comes back after the call */
void attack_jump(uint64_t addr);

#define ATTACK_VICTIM_PA 0x50000000ul    /* the victim's RAM (a PA, not ours) */
#define ATTACK_DONE 0x646f6e65u          /* ctl word 0: catalogue over */

#endif
