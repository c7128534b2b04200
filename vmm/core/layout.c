// SPDX-License-Identifier: MIT
/*
 * Layout verification, run once on the boot CPU before anything trusts the
 * blob: magic, ABI version, size and CRC (layout.h), then every table offset
 * and count, the runtime region and the CPU pinning. Any failure refuses to
 * start with one clear line on the board UART. The time-partitioning plans
 * are checked in layout_plan.c.
 */
#include "core/layout.h"
#include "core/lib.h"
#include "core/log.h"

extern char _head[], __image_file_end[];

_Static_assert(LAYOUT_MAX_GUESTS <= 32, "cpu_guests masks are 32 bits");

uint64_t layout_blob_offset(void)
{
	return ALIGN_UP((uint64_t)(__image_file_end - _head), LAYOUT_ALIGN);
}

const struct layout_header *layout_at(uint64_t image_base)
{
	return (const struct layout_header *)(uintptr_t)(image_base + layout_blob_offset());
}

static uint32_t layout_crc_of(struct layout_header *h)
{
	uint32_t saved = h->crc32, crc;

	h->crc32 = 0;
	crc = layout_crc32(h, h->size);
	h->crc32 = saved;
	return crc;
}

static bool layout_table_ok(const struct layout_header *h, uint32_t off,
			    uint32_t count, uint32_t elem, uint32_t max)
{
	return count <= max && IS_ALIGNED(off, 8) &&
	       lib_inside(off, (uint64_t)count * elem, 0, h->size);
}

static bool layout_envelope_ok(uint64_t base, struct layout_header *h)
{
	uint64_t file_size = *(const uint64_t *)(uintptr_t)(base + 0x10);
	uint64_t room = file_size > layout_blob_offset() ? file_size - layout_blob_offset() : 0;

	if (memcmp(h->magic, LAYOUT_MAGIC, LAYOUT_MAGIC_SIZE) != 0) {
		log_printf("vmm|layout: bad magic at offset 0x%lx: " LAYOUT_REFUSE,
			   layout_blob_offset());
		return false;
	}
	if (h->abi_version != LAYOUT_ABI_VERSION) {
		log_printf("vmm|layout: ABI version %u, runtime speaks %u: " LAYOUT_REFUSE,
			   h->abi_version, LAYOUT_ABI_VERSION);
		return false;
	}
	if (h->size < sizeof(*h) || h->size > room || (h->size & 3)) {
		log_printf("vmm|layout: size %u does not fit the image (%lu bytes after the runtime): "
			   LAYOUT_REFUSE, h->size, room);
		return false;
	}
	uint32_t crc = layout_crc_of(h);
	if (crc != h->crc32) {
		log_printf("vmm|layout: CRC mismatch (expected 0x%08x, got 0x%08x): " LAYOUT_REFUSE,
			   h->crc32, crc);
		return false;
	}
	if (h->image_size != file_size) {
		log_printf("vmm|layout: image size %lu but the Image header says %lu: " LAYOUT_REFUSE,
			   h->image_size, file_size);
		return false;
	}
	return true;
}

static bool layout_tables_ok(const struct layout_header *h)
{
	const struct layout_board *b = &h->board;

	if (!layout_table_ok(h, h->guest_offset, h->guest_count,
			     sizeof(struct layout_guest), LAYOUT_MAX_GUESTS) ||
	    !layout_table_ok(h, h->cap_offset, h->cap_count,
			     sizeof(struct layout_cap), LAYOUT_MAX_CAPS) ||
	    !layout_table_ok(h, h->payload_offset, h->payload_count,
			     sizeof(struct layout_payload), LAYOUT_MAX_PAYLOADS) ||
	    !layout_table_ok(h, h->plan_offset, h->plan_count,
			     sizeof(struct layout_plan), LAYOUT_MAX_CPUS) ||
	    !layout_table_ok(h, h->window_offset, h->window_count,
			     sizeof(struct layout_window), LAYOUT_MAX_ALL_WINDOWS)) {
		log_printf("vmm|layout: a table lies outside the blob or exceeds its limit: "
			   LAYOUT_REFUSE);
		return false;
	}
	if (b->cpu_count == 0 || b->cpu_count > LAYOUT_MAX_CPUS || b->ram_size == 0 ||
	    !IS_ALIGNED(h->runtime_pa, 2ul << 20) || h->runtime_size < h->image_size ||
	    !lib_inside(h->runtime_pa, h->runtime_size, b->ram_base, b->ram_size)) {
		log_printf("vmm|layout: runtime region 0x%lx+0x%lx or board (%u CPUs, RAM 0x%lx+0x%lx) invalid: "
			   LAYOUT_REFUSE, h->runtime_pa, h->runtime_size, b->cpu_count,
			   b->ram_base, b->ram_size);
		return false;
	}
	/* an unknown UART left the log silent (log_init): refuse all the same */
	if (b->uart_kind == 0 || b->uart_kind > LAYOUT_UART_KIND_MAX) {
		log_printf("vmm|layout: UART kind %u unknown: " LAYOUT_REFUSE, b->uart_kind);
		return false;
	}
	return true;
}

static bool layout_payloads_owned(const struct layout_header *h,
				  const struct layout_guest *g, uint32_t gi)
{
	for (uint32_t i = 0; i < g->payload_count; i++) {
		if (layout_payloads(h)[g->payload_first + i].guest != gi) {
			log_printf("vmm|layout: guest %s lists payload %u of another guest: "
				   LAYOUT_REFUSE, g->name, g->payload_first + i);
			return false;
		}
	}
	return true;
}

/*
 * cpu_guests[cpu] collects bit gi for every guest with a vCPU pinned there;
 * one guest never has two vCPUs on one CPU (they could not both run), and a
 * CPU with more than one guest needs a plan (layout_plans_ok).
 */
static bool layout_guest_ok(const struct layout_header *h, const struct layout_guest *g,
			    uint32_t *cpu_guests, uint32_t gi)
{
	const struct layout_cap *caps = layout_caps(h);

	if (lib_strnlen(g->name, LAYOUT_NAME_SIZE) == LAYOUT_NAME_SIZE ||
	    g->vcpu_count == 0 || g->vcpu_count > LAYOUT_MAX_VCPUS ||
	    !lib_inside(g->cap_first, g->cap_count, 0, h->cap_count) ||
	    !lib_inside(g->payload_first, g->payload_count, 0, h->payload_count)) {
		log_printf("vmm|layout: guest %u has a bad name, vCPU count or table range: "
			   LAYOUT_REFUSE, gi);
		return false;
	}
	if (!layout_payloads_owned(h, g, gi))
		return false;
	for (uint32_t i = 0; i < g->cap_count; i++) {
		const struct layout_cap *c = &caps[g->cap_first + i];

		if (c->kind != LAYOUT_CAP_VCPU)
			continue;
		if (c->peer >= h->board.cpu_count || c->object >= g->vcpu_count ||
		    (cpu_guests[c->peer] & (1u << gi))) {
			log_printf("vmm|layout: guest %s vCPU %u on CPU %u: CPU missing or taken: "
				   LAYOUT_REFUSE, g->name, c->object, c->peer);
			return false;
		}
		cpu_guests[c->peer] |= 1u << gi;
	}
	return true;
}

/* the board UART's input goes to one virtual PL011 at most */
static bool layout_console_input_ok(const struct layout_header *h)
{
	uint32_t inputs = 0;

	for (uint32_t i = 0; i < h->guest_count; i++) {
		const struct layout_guest *g = &layout_guests(h)[i];

		if (!g->console_input)
			continue;
		if (g->console_input != 1 || g->console_kind != LAYOUT_CONSOLE_PL011 ||
		    ++inputs > 1) {
			log_printf("vmm|layout: guest %s cannot take the console input: "
				   LAYOUT_REFUSE, g->name);
			return false;
		}
	}
	return true;
}

bool layout_verify(uint64_t base)
{
	struct layout_header *h = (struct layout_header *)layout_at(base);
	uint32_t cpu_guests[LAYOUT_MAX_CPUS] = { 0 };

	if (!layout_envelope_ok(base, h) || !layout_tables_ok(h))
		return false;
	for (uint32_t i = 0; i < h->guest_count; i++) {
		if (!layout_guest_ok(h, &layout_guests(h)[i], cpu_guests, i))
			return false;
	}
	return layout_plans_ok(h, cpu_guests) && layout_console_input_ok(h);
}
