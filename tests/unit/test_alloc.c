/* SPDX-License-Identifier: MIT */
/*
 * Allocation on the hand-built fixture: RAM placement, channel windows,
 * virtual INTIDs, slot arithmetic, payload placement, determinism, the
 * runtime region, and the user errors ram-exhausted and
 * guest-ram-overlaps-runtime.
 */
#include "back_fixture.h"

static const struct layout_cap *cap_at(const struct alloc *a, int gi, uint32_t slot)
{
	const struct alloc_guest *g = &a->guests[gi];

	for (int i = g->cap_first; i < g->cap_first + g->cap_count; i++)
		if (a->caps[i].slot == slot)
			return &a->caps[i];
	return NULL;
}

static void test_placement(const struct alloc *a)
{
	BACK_CHECK("linux0 RAM at board base", a->guests[0].ram_pa == 0x40000000);
	BACK_CHECK("rtos RAM after linux0, 2M aligned", a->guests[1].ram_pa == 0x50000000);
	BACK_CHECK("default IPA = board RAM base", a->guests[1].ram_ipa == 0x40000000);
	BACK_CHECK("channel after guest RAM", a->channels[0].pa == 0x51000000);
	BACK_CHECK("channel IPA above linux0 RAM", a->channels[0].end[0].ipa == 0x50000000);
	BACK_CHECK("channel IPA above rtos RAM", a->channels[0].end[1].ipa == 0x41000000);
	BACK_CHECK("Image entry = base + text_offset", a->guests[0].entry_ipa == 0x40000000);
	BACK_CHECK("DTB in the top 2 MiB", a->guests[0].dtb_ipa == 0x4fe00000);
	BACK_CHECK("initrd just below the DTB, 4K aligned",
		   a->guests[0].initrd_ipa == 0x4fdff000 && a->guests[0].initrd_size == 100);
	BACK_CHECK("ELF entry", a->guests[1].entry_ipa == 0x40000000);
}

static void test_slots(const struct alloc *a)
{
	const struct layout_cap *c;

	BACK_CHECK("caps grouped by guest", a->guests[0].cap_first == 0 &&
		   a->guests[1].cap_first == a->guests[0].cap_count);
	c = cap_at(a, 0, 0);
	BACK_CHECK("vcpu slot 0 on cpu 0", c && c->kind == LAYOUT_CAP_VCPU && c->peer == 0);
	c = cap_at(a, 1, 0);
	BACK_CHECK("rtos vcpu on cpu 1", c && c->peer == 1);
	c = cap_at(a, 0, 16);
	BACK_CHECK("memory slot 16", c && c->kind == LAYOUT_CAP_MEMORY && c->size == 256u << 20);
	c = cap_at(a, 0, 32);
	BACK_CHECK("mmio slot 32 identity", c && c->kind == LAYOUT_CAP_MMIO &&
		   c->pa == 0x09010000 && c->ipa == 0x09010000 && !(c->flags & LAYOUT_CAPF_TRAPPED));
	c = cap_at(a, 0, 64);
	BACK_CHECK("irq slot 64 keeps INTID 34", c && c->phys_irq == 34 && c->virt_irq == 34);
	c = cap_at(a, 0, 96);
	BACK_CHECK("channel slot 96, doorbell 96, notify",
		   c && c->virt_irq == 96 && c->peer == 1 && c->peer_slot == 96 &&
		   (c->flags & LAYOUT_CAPF_NOTIFY));
	c = cap_at(a, 1, 96);
	BACK_CHECK("peer end read-only, no notify",
		   c && c->rights == LAYOUT_RIGHT_R && !(c->flags & LAYOUT_CAPF_NOTIFY) &&
		   c->peer == 0);
	BACK_CHECK("spi_count covers doorbell, >= 64, multiple of 32",
		   a->guests[0].spi_count == 96);
	bool sorted = true;
	for (int i = 1; i < a->cap_count; i++)
		if (i != a->guests[1].cap_first && a->caps[i].slot <= a->caps[i - 1].slot)
			sorted = false;
	BACK_CHECK("caps sorted by slot within a guest", sorted);
}

static void test_determinism(const struct model *m, const struct alloc *a)
{
	struct alloc b;

	BACK_CHECK("second plan succeeds", alloc_plan(m, false, &b) == 0);
	BACK_CHECK("same caps twice", b.cap_count == a->cap_count &&
		   !memcmp(a->caps, b.caps, (size_t)a->cap_count * sizeof(*a->caps)));
	BACK_CHECK("same payload placement twice", b.payload_count == a->payload_count &&
		   b.payloads[0].dest_pa == a->payloads[0].dest_pa);
	alloc_free(&b);
}

static void test_errors(struct model *m)
{
	struct alloc a;

	m->guests[1].mem_size = 0x40000000;  /* more than what is left */
	diag_reset();
	BACK_CHECK("ram-exhausted reported", alloc_plan(m, false, &a) > 0);
	alloc_free(&a);
	m->guests[1].mem_size = 16u << 20;
	m->guests[1].mem_phys_set = true;
	m->guests[1].mem_size = 0x400000;    /* reaches into the runtime's top 2 MiB */
	m->guests[1].mem_phys = 0x7fc00000;
	BACK_CHECK("fixed phys plans", alloc_plan(m, false, &a) == 0);
	BACK_CHECK("fixed phys honoured", a.guests[1].ram_pa == 0x7fc00000);
	BACK_CHECK("guest-ram-overlaps-runtime reported", alloc_place_runtime(&a, 0x1000) == 1);
	alloc_free(&a);
	m->guests[1].mem_phys_set = false;
	m->guests[1].mem_size = 16u << 20;
	diag_reset();
}

static void test_payload_errors(struct model *m)
{
	struct alloc a;

	m->guests[1].kernel.seg[0].ipa = 0x40fff000;  /* runs past the 16M RAM */
	BACK_CHECK("segment-outside-ram reported", alloc_plan(m, false, &a) > 0);
	alloc_free(&a);
	m->guests[1].kernel.seg[0].ipa = 0x40f00000;  /* inside RAM, in the DTB region */
	BACK_CHECK("segment over the DTB region reported", alloc_plan(m, false, &a) > 0);
	alloc_free(&a);
	m->guests[1].kernel.seg[0].ipa = 0x40000000;
	m->guests[0].kernel.image_size = 0x0ff00000;  /* kernel bss reaches the initrd */
	BACK_CHECK("kernel over the initrd reported", alloc_plan(m, false, &a) > 0);
	alloc_free(&a);
	m->guests[0].kernel.image_size = 0x100000;
	diag_reset();
}

static void test_raw_and_trapped(struct model *m)
{
	struct alloc a;
	struct model_guest *g = &m->guests[1];

	g->kernel.format = KERNEL_RAW;
	g->kernel.seg_count = 0;
	g->has_load = g->has_entry = true;
	g->load = 0x40080000;
	g->entry = 0x40080100;
	m->guests[0].devices[0].reg[0].size = 0x200;  /* shares its page */
	BACK_CHECK("raw plan", alloc_plan(m, false, &a) == 0);
	const struct alloc_payload *p = &a.payloads[a.guests[1].payload_first];
	BACK_CHECK("raw kernel at load", p->kind == LAYOUT_PAYLOAD_KERNEL &&
		   p->dest_pa == 0x50080000 && p->file_size == sizeof(back_elf_seg));
	BACK_CHECK("raw entry", a.guests[1].entry_ipa == 0x40080100);
	BACK_CHECK("sub-page MMIO is trapped", (cap_at(&a, 0, 32)->flags & LAYOUT_CAPF_TRAPPED) != 0);
	alloc_free(&a);
	m->guests[0].devices[0].reg[0].size = 0x1000;
	g->kernel.format = KERNEL_ELF;
	g->kernel.seg_count = 1;
}

int main(void)
{
	struct model m;
	struct alloc a;

	back_model(&m);
	BACK_CHECK("plan succeeds", alloc_plan(&m, false, &a) == 0);
	test_placement(&a);
	test_slots(&a);
	test_determinism(&m, &a);
	BACK_CHECK("runtime at top of RAM", alloc_place_runtime(&a, 0x1234) == 0 &&
		   a.runtime_size == 0x200000 && a.runtime_pa == 0x7fe00000);
	alloc_free(&a);
	test_errors(&m);
	test_payload_errors(&m);
	test_raw_and_trapped(&m);
	return back_finish();
}
