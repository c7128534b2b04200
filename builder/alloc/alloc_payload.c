/* SPDX-License-Identifier: MIT */
/*
 * Payload placement inside each guest's RAM, following the Linux arm64
 * booting protocol (Documentation/arch/arm64/booting.rst): Image at a 2 MiB
 * aligned base + text_offset, DTB in the top 2 MiB, initrd just below it.
 * ELF: one segment per PT_LOAD; raw: one blob at `load`. Then a check that
 * no two windows of a guest's IPA space overlap.
 */
#include "alloc.h"

#include <stdlib.h>
#include <string.h>

#include "payload.h"
#include "sha256.h"

static struct alloc_payload *alloc_new_payload(struct alloc *a, int gi,
					       enum layout_payload_kind kind)
{
	struct alloc_payload *p = &a->payloads[a->payload_count++];

	memset(p, 0, sizeof(*p));
	p->guest = gi;
	p->kind = kind;
	return p;
}

static bool alloc_in_ram(const struct alloc_guest *g, uint64_t ipa, uint64_t size)
{
	return ipa >= g->ram_ipa && size <= g->ram_size && ipa - g->ram_ipa <= g->ram_size - size;
}

static void alloc_set_dest(struct alloc_payload *p, const struct alloc_guest *g, uint64_t ipa)
{
	p->ipa = ipa;
	p->dest_pa = alloc_ipa_to_pa(g, ipa);
}

static int alloc_image_kernel(struct alloc *a, int gi)
{
	const struct model_kernel *k = &a->m->guests[gi].kernel;
	struct alloc_guest *g = &a->guests[gi];
	struct alloc_payload *p = alloc_new_payload(a, gi, LAYOUT_PAYLOAD_KERNEL);

	p->data = k->file.data;
	p->source = k->file.path;
	p->file_size = k->file.size;
	p->mem_size = k->image_size > k->file.size ? k->image_size : k->file.size;
	alloc_set_dest(p, g, alloc_align_up(g->ram_ipa, ALLOC_SZ_2M) + k->text_offset);
	g->entry_ipa = p->ipa;
	g->kernel_ipa = p->ipa;
	g->kernel_end = p->ipa + p->mem_size;
	return 0;
}

static int alloc_segments(struct alloc *a, int gi)
{
	const struct model_guest *mg = &a->m->guests[gi];
	const struct model_kernel *k = &mg->kernel;
	struct alloc_guest *g = &a->guests[gi];
	struct model_segment raw = { mg->load, 0, k->file.size, k->file.size };
	int count = k->seg_count;
	int errors = 0;

	g->kernel_ipa = UINT64_MAX;
	g->entry_ipa = k->format == KERNEL_RAW && mg->has_entry ? mg->entry : k->entry;
	for (int s = 0; s < (count ? count : 1); s++) {
		const struct model_segment *seg = count ? &k->seg[s] : &raw;
		struct alloc_payload *p = alloc_new_payload(a, gi, k->format == KERNEL_ELF ?
			LAYOUT_PAYLOAD_SEGMENT : LAYOUT_PAYLOAD_KERNEL);
		p->data = k->file.data + seg->file_offset;
		p->source = k->file.path;
		p->file_size = seg->file_size;
		p->mem_size = seg->mem_size > seg->file_size ? seg->mem_size : seg->file_size;
		if (!alloc_in_ram(g, seg->ipa, p->mem_size)) {
			diag_error(&k->file.pos, "segment-outside-ram",
				   "guest '%s': payload segment 0x%llx+0x%llx is outside its RAM 0x%llx+0x%llx",
				   mg->name, (unsigned long long)seg->ipa,
				   (unsigned long long)p->mem_size, (unsigned long long)g->ram_ipa,
				   (unsigned long long)g->ram_size);
			errors++;
			continue;
		}
		alloc_set_dest(p, g, seg->ipa);
		if (p->ipa < g->kernel_ipa)
			g->kernel_ipa = p->ipa;
		if (p->ipa + p->mem_size > g->kernel_end)
			g->kernel_end = p->ipa + p->mem_size;
	}
	return errors;
}

static int alloc_no_room(const struct srcpos *pos, const char *guest, const char *what,
			 uint64_t end, uint64_t limit)
{
	diag_error(pos, "payload-does-not-fit",
		   "guest '%s': %s ends at 0x%llx but must stay below 0x%llx; give the guest more memory",
		   guest, what, (unsigned long long)end, (unsigned long long)limit);
	return 1;
}

/* DTB in the top 2 MiB of RAM, initrd just below it; both above the kernel. */
static int alloc_boot_data(struct alloc *a, int gi)
{
	const struct model_guest *mg = &a->m->guests[gi];
	struct alloc_guest *g = &a->guests[gi];
	int errors = 0;

	if (g->ram_size <= ALLOC_SZ_2M)
		return alloc_no_room(&mg->mem_pos, mg->name, "RAM (the DTB takes the top 2 MiB)",
				     g->ram_ipa + g->ram_size, g->ram_ipa + ALLOC_SZ_2M);
	g->dtb_ipa = g->ram_ipa + g->ram_size - ALLOC_SZ_2M;
	uint64_t limit = g->dtb_ipa;
	if (mg->has_initrd) {
		g->initrd_size = mg->initrd.size;
		if (g->initrd_size > limit - g->ram_ipa)
			return alloc_no_room(&mg->initrd.pos, mg->name, "the initrd",
					     g->ram_ipa + g->initrd_size, limit);
		g->initrd_ipa = alloc_align_down(limit - g->initrd_size, ALLOC_SZ_4K);
		struct alloc_payload *p = alloc_new_payload(a, gi, LAYOUT_PAYLOAD_INITRD);
		p->data = mg->initrd.data;
		p->source = mg->initrd.path;
		p->file_size = p->mem_size = g->initrd_size;
		alloc_set_dest(p, g, g->initrd_ipa);
		limit = g->initrd_ipa;
	}
	if (g->kernel_end > limit)
		errors += alloc_no_room(&mg->kernel.file.pos, mg->name,
					mg->has_initrd ? "the kernel (below the initrd)" :
					"the kernel (below the DTB)", g->kernel_end, limit);
	g->dtb_payload = a->payload_count;
	struct alloc_payload *dtb = alloc_new_payload(a, gi, LAYOUT_PAYLOAD_DTB);
	alloc_set_dest(dtb, g, g->dtb_ipa);
	return errors;
}

int alloc_payloads(struct alloc *a)
{
	size_t max = 0;
	int errors = 0;

	for (int i = 0; i < a->m->guest_count; i++)
		max += (size_t)a->m->guests[i].kernel.seg_count + 3;
	max += (size_t)a->m->disk_count;
	a->payloads = calloc(max + 1, sizeof(*a->payloads));
	if (!a->payloads)
		abort();
	for (int i = 0; i < a->m->guest_count; i++) {
		struct alloc_guest *g = &a->guests[i];
		g->payload_first = a->payload_count;
		if (a->m->guests[i].kernel.format == KERNEL_IMAGE)
			errors += alloc_image_kernel(a, i);
		else
			errors += alloc_segments(a, i);
		errors += alloc_boot_data(a, i);
		alloc_virtio_payloads(a, i);
		g->payload_count = a->payload_count - g->payload_first;
	}
	if (!a->no_limits && a->payload_count > LAYOUT_MAX_PAYLOADS) {
		diag_error(&a->m->name_pos, "limits-exceeded",
			   "the system has %d payloads; the runtime holds at most %d",
			   a->payload_count, LAYOUT_MAX_PAYLOADS);
		errors++;
	}
	return errors;
}

const char *alloc_payload_sha256(const struct alloc_payload *p)
{
	/* A memo in a heap object: writing it through the const view is defined. */
	char *memo = (char *)p->sha256;

	_Static_assert(sizeof(p->sha256) == SHA256_HEX_SIZE, "hex digest size");
	if (!memo[0]) {
		const char *file = payload_sha256(p->data, (size_t)p->file_size);
		if (file)
			memcpy(memo, file, SHA256_HEX_SIZE);
		else
			sha256_hex(p->data, (size_t)p->file_size, memo);
	}
	return memo;
}
