// SPDX-License-Identifier: MIT
/*
 * Which RAM each CPU's EL2 view maps (issue 18 item 5). EL2 touches RAM
 * outside its own region only for the guests a CPU runs (payload copies on
 * restart, virtio rings and buffers, cache maintenance) and, on a virtio
 * network or vsock sender's CPU, the receiver's buffers it copies a packet
 * into. Everything else in RAM is left unmapped, so a gadget a guest
 * steers EL2 into speculatively cannot load another guest's data
 * (CVE-2017-5753/5715 class; the per-entry hardening is spectre.c).
 */
#include "arch/aarch64/mmu.h"
#include "core/el2view.h"
#include "core/guest.h"
#include "core/lib.h"
#include "core/log.h"

static bool el2view_serves(const struct guest *g, uint32_t cpu)
{
	for (uint32_t i = 0; i < g->vcpu_count; i++) {
		if (g->vcpu[i].pcpu == cpu)
			return true;
	}
	return false;
}

static bool el2view_has_net(const struct guest *h, uint32_t network)
{
	for (uint32_t i = 0; i < h->lg->cap_count; i++) {
		const struct layout_cap *c = &h->caps[i];

		if (c->kind == LAYOUT_CAP_VIRTIO && c->object == LAYOUT_VIRTIO_NET &&
		    c->peer == network)
			return true;
	}
	return false;
}

/* h's buffers receive what g's virtio devices send (same network, vsock reach) */
static bool el2view_peer(const struct guest *g, const struct guest *h)
{
	for (uint32_t i = 0; i < g->lg->cap_count; i++) {
		const struct layout_cap *c = &g->caps[i];

		if (c->kind != LAYOUT_CAP_VIRTIO)
			continue;
		if (c->object == LAYOUT_VIRTIO_NET && el2view_has_net(h, c->peer))
			return true;
		if (c->object == LAYOUT_VIRTIO_VSOCK && h->index < 64 && ((c->pa >> h->index) & 1))
			return true;
	}
	return false;
}

static bool el2view_map_guest(uint32_t cpu, const struct guest *g)
{
	for (uint32_t i = 0; i < g->lg->cap_count; i++) {
		const struct layout_cap *c = &g->caps[i];

		if ((c->kind == LAYOUT_CAP_MEMORY || c->kind == LAYOUT_CAP_CHANNEL) &&
		    !mmu_view_map_ram(cpu, c->pa, c->size))
			return false;
	}
	return true;
}

static bool el2view_build_cpu(uint32_t cpu)
{
	const struct layout_board *b = &rt.layout->board;

	if (!mmu_view_begin(cpu, b->ram_base, b->ram_size) ||
	    !mmu_view_map_ram(cpu, rt.base, rt.layout->runtime_size))
		return false;
	for (uint32_t i = 0; i < rt.guest_count; i++) {
		const struct guest *g = &rt.guest[i];

		if (!el2view_serves(g, cpu))
			continue;
		if (!el2view_map_guest(cpu, g))
			return false;
		for (uint32_t j = 0; j < rt.guest_count; j++) {
			if (j != i && el2view_peer(g, &rt.guest[j]) &&
			    !el2view_map_guest(cpu, &rt.guest[j]))
				return false;
		}
	}
	return true;
}

/* should cpu's view hold g's RAM: it runs g, or a guest sending into g */
static bool el2view_wanted(uint32_t cpu, const struct guest *g)
{
	if (el2view_serves(g, cpu))
		return true;
	for (uint32_t i = 0; i < rt.guest_count; i++) {
		if (&rt.guest[i] != g && el2view_serves(&rt.guest[i], cpu) &&
		    el2view_peer(&rt.guest[i], g))
			return true;
	}
	return false;
}

static void el2view_probe(uint32_t cpu, uint64_t pa, int *some, int *all)
{
	int m = mmu_view_maps(cpu, pa);

	*some |= m;
	*all &= m;
}

/*
 * g's RAM mapped wholly (1), not at all (0) or in part (-1), probed every
 * 2 MiB and at each region's last page: maps use 2 MiB blocks where
 * alignment allows and pages only at the edges
 */
static int el2view_holds(uint32_t cpu, const struct guest *g)
{
	int some = 0, all = 1, probed = 0;

	for (uint32_t i = 0; i < g->lg->cap_count; i++) {
		const struct layout_cap *c = &g->caps[i];

		if (c->kind != LAYOUT_CAP_MEMORY || !c->size)
			continue;
		probed = 1;
		for (uint64_t off = 0; off < c->size; off += 2ul << 20)
			el2view_probe(cpu, c->pa + off, &some, &all);
		el2view_probe(cpu, c->pa + c->size - 4096, &some, &all);
	}
	return !probed ? 0 : all ? 1 : some ? -1 : 0;
}

static void el2view_append(char *buf, unsigned size, unsigned *len, const char *s)
{
	unsigned n = (unsigned)lib_strnlen(s, size);

	if (*len + n + 2 >= size)
		return;
	buf[(*len)++] = ' ';
	memcpy(buf + *len, s, n);
	*len += n;
	buf[*len] = 0;
}

/*
 * Read the built tables back: each guest's RAM is wholly mapped where it
 * is wanted and not at all elsewhere, or the view is dropped. One line per
 * CPU names the guests whose RAM it maps.
 */
static bool el2view_check(uint32_t cpu)
{
	char names[160] = "";
	unsigned len = 0;

	for (uint32_t i = 0; i < rt.guest_count; i++) {
		const struct guest *g = &rt.guest[i];
		int held = el2view_holds(cpu, g);

		if (held != (el2view_wanted(cpu, g) ? 1 : 0)) {
			log_printf("vmm|boot: cpu%u: EL2 view wrong for %s's RAM\n", cpu, g->name);
			return false;
		}
		if (held)
			el2view_append(names, sizeof(names), &len, g->name);
	}
	log_printf("vmm|boot: cpu%u EL2 view: runtime,%s\n", cpu, len ? names : " no guest RAM");
	return true;
}

void el2view_build(void)
{
	for (uint32_t cpu = 0; cpu < rt.cpu_count; cpu++) {
		if (el2view_build_cpu(cpu) && el2view_check(cpu))
			continue;
		mmu_view_drop(cpu);
		log_printf("vmm|boot: cpu%u keeps the EL2 map of all RAM\n", cpu);
	}
}
