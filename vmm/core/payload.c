// SPDX-License-Identifier: MIT
/*
 * Payload copy: source inside the image, destination inside board RAM and
 * inside one of the guest's memory capabilities, never over the runtime
 * region (which holds the image and the blob). The tail past file_size is
 * zeroed and the range cleaned and invalidated to PoC (DC CIVAC): guests
 * start with caches off.
 */
#include "arch/aarch64/cache.h"
#include "core/guest.h"
#include "core/layout.h"
#include "core/lib.h"
#include "core/log.h"
#include "core/payload.h"

static bool payload_in_guest_ram(const struct guest *g, uint64_t pa, uint64_t size)
{
	for (uint32_t i = 0; i < g->lg->cap_count; i++) {
		const struct layout_cap *c = &g->caps[i];

		if (c->kind == LAYOUT_CAP_MEMORY && lib_inside(pa, size, c->pa, c->size))
			return true;
	}
	return false;
}

static const char *payload_check(const struct guest *g, const struct layout_payload *p)
{
	const struct layout_header *h = rt.layout;
	uint64_t blob = rt.base + layout_blob_offset();

	if (p->file_size > p->mem_size || p->mem_size == 0)
		return "file size exceeds memory size";
	if (!lib_inside(p->offset, p->file_size, 0, h->image_size))
		return "source outside the image";
	if (!lib_inside(p->dest_pa, p->mem_size, h->board.ram_base, h->board.ram_size))
		return "destination outside RAM";
	if (lib_overlaps(p->dest_pa, p->mem_size, h->runtime_pa, h->runtime_size) ||
	    lib_overlaps(p->dest_pa, p->mem_size, blob, h->size))
		return "destination overlaps the runtime or the layout";
	if (!payload_in_guest_ram(g, p->dest_pa, p->mem_size))
		return "destination outside the guest's memory";
	return 0;
}

bool payload_load_all(struct guest *g)
{
	const struct layout_payload *all = layout_payloads(rt.layout);

	for (uint32_t i = 0; i < g->lg->payload_count; i++) {
		const struct layout_payload *p = &all[g->lg->payload_first + i];
		const char *why = payload_check(g, p);
		uint8_t *dst = (uint8_t *)(uintptr_t)p->dest_pa;

		if (p->kind == LAYOUT_PAYLOAD_DISK)
			continue;   /* used in place by virtio-blk, never copied */
		if (why) {
			log_printf("vmm|%s|payload %u (0x%lx+0x%lx): %s\n",
				   g->name, i, p->dest_pa, p->mem_size, why);
			return false;
		}
		memcpy(dst, (const void *)(uintptr_t)(rt.base + p->offset), p->file_size);
		memset(dst + p->file_size, 0, p->mem_size - p->file_size);
		/* clean for the guest's uncached start, invalidate so no stale
		 * line outlives it once the guest turns its caches on */
		cache_clean_inval_range(p->dest_pa, p->mem_size);
	}
	cache_inval_icache_all();
	return true;
}
