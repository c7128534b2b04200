// SPDX-License-Identifier: MIT
/*
 * A guest's RAM is zero when it is entered, at boot and after every
 * restart: nothing of firmware, of the boot image or of the guest's
 * previous run is left for it to read, and nothing of its previous run
 * sits dirty in a cache to be written back over fresh payloads later
 * (cache_zero_range cleans and invalidates to PoC). The RAM capabilities
 * are cut into chunks that every CPU of the guest takes from a shared
 * counter: before its first entry (on vCPU 0's CPU) and at a restart the
 * guest's other CPUs, idle then, clear beside the one starting it (kicked
 * out of their idle WFI).
 */
#include "arch/aarch64/arch.h"
#include "arch/aarch64/cache.h"
#include "arch/aarch64/sysregs.h"
#include "core/guest.h"
#include "core/guest_ram.h"

#define GUEST_RAM_CHUNK 0x200000ul     /* 2 MiB: a few ms of work in QEMU */

static uint32_t guest_ram_chunks(const struct guest *g)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < g->lg->cap_count; i++) {
		const struct layout_cap *c = &g->caps[i];

		if (c->kind == LAYOUT_CAP_MEMORY)
			n += (uint32_t)((c->size + GUEST_RAM_CHUNK - 1) / GUEST_RAM_CHUNK);
	}
	return n;
}

/* chunk n of the guest's RAM capabilities, in cap order */
static void guest_ram_clear_chunk(const struct guest *g, uint32_t n)
{
	for (uint32_t i = 0; i < g->lg->cap_count; i++) {
		const struct layout_cap *c = &g->caps[i];
		uint32_t in_cap;
		uint64_t off;

		if (c->kind != LAYOUT_CAP_MEMORY)
			continue;
		in_cap = (uint32_t)((c->size + GUEST_RAM_CHUNK - 1) / GUEST_RAM_CHUNK);
		if (n >= in_cap) {
			n -= in_cap;
			continue;
		}
		off = (uint64_t)n * GUEST_RAM_CHUNK;
		cache_zero_range(c->pa + off, c->size - off < GUEST_RAM_CHUNK ?
				 c->size - off : GUEST_RAM_CHUNK);
		return;
	}
}

void guest_ram_help(struct guest *g)
{
	for (;;) {
		uint32_t n = __atomic_fetch_add(&g->clear_next, 1, __ATOMIC_ACQ_REL);

		if (n >= __atomic_load_n(&g->clear_total, __ATOMIC_ACQUIRE))
			return;
		guest_ram_clear_chunk(g, n);
		__atomic_fetch_add(&g->clear_done, 1, __ATOMIC_ACQ_REL);
		sev();
	}
}

bool guest_ram_pending(const struct guest *g)
{
	return __atomic_load_n(&g->clear_next, __ATOMIC_ACQUIRE) <
	       __atomic_load_n(&g->clear_total, __ATOMIC_ACQUIRE);
}

/* the chunks handed out from 0, the guest's other CPUs woken to help */
static uint32_t guest_ram_start(struct guest *g, const struct vcpu *self)
{
	uint32_t total = guest_ram_chunks(g);

	__atomic_store_n(&g->clear_total, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&g->clear_next, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&g->clear_done, 0, __ATOMIC_RELEASE);
	__atomic_store_n(&g->clear_total, total, __ATOMIC_RELEASE);
	for (uint32_t i = 0; self && i < g->vcpu_count; i++) {
		if (&g->vcpu[i] != self)
			vcpu_wake(&g->vcpu[i]);     /* idle: its loop helps */
	}
	return total;
}

void guest_ram_clear(struct guest *g, const struct vcpu *self)
{
	uint32_t total = guest_ram_start(g, self);

	g->clear_stepping = 0;
	guest_ram_help(g);
	while (__atomic_load_n(&g->clear_done, __ATOMIC_ACQUIRE) < total)
		wfe();
}

/*
 * Time partitioning: the clearing before a time-shared vCPU 0's first
 * entry stops at counter value until (its window's end, interrupts being
 * masked here) and goes on in its next window, so a neighbour's windows
 * are not taken. True when all of the RAM is clear.
 */
bool guest_ram_clear_until(struct guest *g, const struct vcpu *self, uint64_t until)
{
	if (!g->clear_stepping) {
		guest_ram_start(g, self);
		g->clear_stepping = 1;
	}
	for (;;) {
		uint32_t n;

		isb();
		if (sysreg_read(cntpct_el0) >= until)
			break;
		n = __atomic_fetch_add(&g->clear_next, 1, __ATOMIC_ACQ_REL);
		if (n >= __atomic_load_n(&g->clear_total, __ATOMIC_ACQUIRE))
			break;
		guest_ram_clear_chunk(g, n);
		__atomic_fetch_add(&g->clear_done, 1, __ATOMIC_ACQ_REL);
		sev();
	}
	if (__atomic_load_n(&g->clear_done, __ATOMIC_ACQUIRE) <
	    __atomic_load_n(&g->clear_total, __ATOMIC_ACQUIRE))
		return false;
	g->clear_stepping = 0;
	return true;
}
