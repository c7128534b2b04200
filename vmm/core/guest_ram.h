/* SPDX-License-Identifier: MIT */
/*
 * Zeroing a guest's RAM before it is entered, shared among its CPUs.
 */
#ifndef CORE_GUEST_RAM_H
#define CORE_GUEST_RAM_H

#include <stdbool.h>

struct guest;
struct vcpu;

/* zero g's RAM capabilities, clean and invalid to PoC; self (NULL at
 * boot, before other CPUs run) wakes the guest's other CPUs to help */
void guest_ram_clear(struct guest *g, const struct vcpu *self);
/* an idle CPU of g: take chunks until none is left */
void guest_ram_help(struct guest *g);
bool guest_ram_pending(const struct guest *g);
/* a time-shared vCPU 0's first entry: clear until counter value until;
 * true when all of the RAM is clear (else go on in its next window) */
bool guest_ram_clear_until(struct guest *g, const struct vcpu *self, uint64_t until);

#endif /* CORE_GUEST_RAM_H */
