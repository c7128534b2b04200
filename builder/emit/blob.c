/* SPDX-License-Identifier: MIT */
/*
 * Layout blob encode/decode. The records are the C structs of layout.h,
 * which are fixed width with explicit padding; the host must be
 * little-endian (asserted) so their memory image is the ABI's byte order.
 */
#include "blob.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "blob assumes a little-endian host");

static int blob_window_count(const struct model *m)
{
	int n = 0;

	for (int i = 0; i < m->plan_count; i++)
		n += m->plans[i].window_count;
	return n;
}

size_t blob_size(const struct alloc *a)
{
	return sizeof(struct layout_header) +
	       (size_t)a->m->guest_count * sizeof(struct layout_guest) +
	       (size_t)a->cap_count * sizeof(struct layout_cap) +
	       (size_t)a->payload_count * sizeof(struct layout_payload) +
	       (size_t)a->m->plan_count * sizeof(struct layout_plan) +
	       (size_t)blob_window_count(a->m) * sizeof(struct layout_window);
}

static void blob_board(const struct model_board *b, struct layout_board *out)
{
	out->ram_base = b->ram_base;
	out->ram_size = b->ram_size;
	out->uart_pa = b->uart_pa;
	out->gicd_pa = b->gicd.pa;
	out->gicd_size = b->gicd.size;
	out->gicr_pa = b->gicr.pa;
	out->gicr_size = b->gicr.size;
	out->gicc_pa = b->gicc.pa;
	out->gich_pa = b->gich.pa;
	out->gicv_pa = b->gicv.pa;
	out->gic_version = (uint32_t)b->gic_version;
	out->uart_irq = b->uart_irq;
	out->uart_kind = b->uart_kind;
	out->uart_reg_shift = b->uart_reg_shift;
	out->uart_io_width = b->uart_io_width;
	out->uart_tx_fifo = b->uart_tx_fifo;
	out->uart_sim_baud = b->uart_sim_baud;
	out->maint_irq = b->maint_irq;
	/* model timer order: secure phys, phys, virt, hyp */
	out->ptimer_irq = b->timer_irq[1];
	out->vtimer_irq = b->timer_irq[2];
	out->htimer_irq = b->timer_irq[3];
	out->psci_conduit = b->psci_conduit;
	out->cpu_count = (uint32_t)b->cpu_count;
	for (int i = 0; i < b->cpu_count && i < LAYOUT_MAX_CPUS; i++)
		out->cpu_mpidr[i] = b->cpu_mpidr[i];
}

static void blob_guest(const struct alloc *a, int gi, struct layout_guest *out)
{
	const struct model_guest *mg = &a->m->guests[gi];
	const struct alloc_guest *g = &a->guests[gi];

	snprintf(out->name, sizeof(out->name), "%s", mg->name);
	out->vmid = (uint32_t)gi + 1;
	out->vcpu_count = (uint32_t)alloc_vcpus(mg);
	out->cap_first = (uint32_t)g->cap_first;
	out->cap_count = (uint32_t)g->cap_count;
	out->payload_first = (uint32_t)g->payload_first;
	out->payload_count = (uint32_t)g->payload_count;
	out->console_kind = mg->console;
	out->on_fault = mg->on_fault;
	out->entry_ipa = g->entry_ipa;
	out->dtb_ipa = g->dtb_ipa;
	out->console_ipa = mg->console == LAYOUT_CONSOLE_NONE ? 0 : g->console_ipa;
	out->console_input = mg->console_input && mg->console != LAYOUT_CONSOLE_NONE;
	out->vgicd_ipa = g->vgicd_ipa;
	out->vgicr_ipa = g->vgicr_ipa;
	out->spi_count = g->spi_count;
}

static void blob_payload(const struct alloc_payload *p, struct layout_payload *out)
{
	out->guest = (uint32_t)p->guest;
	out->kind = p->kind;
	out->offset = p->offset;
	out->file_size = p->file_size;
	out->mem_size = p->mem_size;
	out->dest_pa = p->dest_pa;
}

/*
 * Time partitioning plans (by CPU), then their windows grouped by plan in
 * spec order. A window names the guest's vCPU pinned to the plan's CPU;
 * the checks made sure there is exactly one.
 */
static size_t blob_plans(const struct model *m, struct layout_header *h, uint8_t *buf,
			 size_t off)
{
	struct layout_plan *plan = (struct layout_plan *)(buf + off);
	struct layout_window *win;
	uint32_t first = 0;

	h->plan_count = (uint32_t)m->plan_count;
	h->plan_offset = (uint32_t)off;
	off += (size_t)m->plan_count * sizeof(*plan);
	h->window_count = (uint32_t)blob_window_count(m);
	h->window_offset = (uint32_t)off;
	win = (struct layout_window *)(buf + off);
	for (int i = 0; i < m->plan_count; i++) {
		const struct model_plan *p = &m->plans[i];
		plan[i].cpu = (uint32_t)p->cpu;
		plan[i].window_count = (uint32_t)p->window_count;
		plan[i].window_first = first;
		plan[i].period_ns = p->period_ns;
		for (int w = 0; w < p->window_count; w++, first++) {
			const struct model_window *mw = &p->windows[w];
			bool idle = mw->guest < 0;
			win[first].guest = idle ? LAYOUT_WINDOW_IDLE : (uint32_t)mw->guest;
			win[first].vcpu = idle ? 0
				: (uint32_t)model_vcpu_on(&m->guests[mw->guest], p->cpu);
			win[first].length_ns = mw->length_ns;
		}
	}
	return off + (size_t)first * sizeof(*win);
}

void blob_encode(const struct alloc *a, uint8_t *buf)
{
	struct layout_header *h = (struct layout_header *)buf;
	size_t off = sizeof(*h);

	memcpy(h->magic, LAYOUT_MAGIC, LAYOUT_MAGIC_SIZE);
	h->abi_version = LAYOUT_ABI_VERSION;
	h->size = (uint32_t)blob_size(a);
	h->guest_count = (uint32_t)a->m->guest_count;
	h->guest_offset = (uint32_t)off;
	for (int i = 0; i < a->m->guest_count; i++, off += sizeof(struct layout_guest))
		blob_guest(a, i, (struct layout_guest *)(buf + off));
	h->cap_count = (uint32_t)a->cap_count;
	h->cap_offset = (uint32_t)off;
	memcpy(buf + off, a->caps, (size_t)a->cap_count * sizeof(struct layout_cap));
	off += (size_t)a->cap_count * sizeof(struct layout_cap);
	h->payload_count = (uint32_t)a->payload_count;
	h->payload_offset = (uint32_t)off;
	for (int i = 0; i < a->payload_count; i++, off += sizeof(struct layout_payload))
		blob_payload(&a->payloads[i], (struct layout_payload *)(buf + off));
	off = blob_plans(a->m, h, buf, off);
	h->runtime_pa = a->runtime_pa;
	h->runtime_size = a->runtime_size;
	h->image_size = a->image_size;
	blob_board(&a->m->board, &h->board);
	h->crc32 = 0;
	h->crc32 = layout_crc32(buf, off);
}

__attribute__((format(printf, 3, 4)))
static int blob_fail(char *err, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, n, fmt, ap);
	va_end(ap);
	return -1;
}

/* CRC of the blob as stored with the crc32 field read as 0. */
static uint32_t blob_crc(const uint8_t *buf, size_t size)
{
	uint8_t *copy = malloc(size);
	uint32_t crc;

	if (!copy)
		abort();
	memcpy(copy, buf, size);
	memset(copy + offsetof(struct layout_header, crc32), 0, sizeof(uint32_t));
	crc = layout_crc32(copy, size);
	free(copy);
	return crc;
}

static int blob_table_ok(const struct layout_header *h, uint32_t off, uint32_t count,
			 size_t rec)
{
	return off >= sizeof(*h) && off % 8 == 0 && off <= h->size &&
	       (uint64_t)count * rec <= h->size - off;
}

int blob_decode(const uint8_t *buf, size_t len, struct blob_view *v, char *err,
		size_t err_size)
{
	const struct layout_header *h = (const struct layout_header *)buf;

	if (len < sizeof(*h))
		return blob_fail(err, err_size, "blob truncated: %zu bytes, the header needs %zu",
				 len, sizeof(*h));
	if (memcmp(h->magic, LAYOUT_MAGIC, LAYOUT_MAGIC_SIZE))
		return blob_fail(err, err_size, "bad magic (expected \"%s\")", LAYOUT_MAGIC);
	if (h->abi_version != LAYOUT_ABI_VERSION)
		return blob_fail(err, err_size, "ABI version %u, this tool reads %u",
				 h->abi_version, LAYOUT_ABI_VERSION);
	if (h->size < sizeof(*h) || h->size > len)
		return blob_fail(err, err_size, "size %u does not fit the %zu bytes available",
				 h->size, len);
	uint32_t crc = blob_crc(buf, h->size);
	if (crc != h->crc32)
		return blob_fail(err, err_size, "CRC mismatch (stored 0x%08x, computed 0x%08x)",
				 h->crc32, crc);
	if (!blob_table_ok(h, h->guest_offset, h->guest_count, sizeof(struct layout_guest)) ||
	    !blob_table_ok(h, h->cap_offset, h->cap_count, sizeof(struct layout_cap)) ||
	    !blob_table_ok(h, h->payload_offset, h->payload_count, sizeof(struct layout_payload)) ||
	    !blob_table_ok(h, h->plan_offset, h->plan_count, sizeof(struct layout_plan)) ||
	    !blob_table_ok(h, h->window_offset, h->window_count, sizeof(struct layout_window)))
		return blob_fail(err, err_size, "a table lies outside the %u-byte blob", h->size);
	v->hdr = h;
	v->guests = (const struct layout_guest *)(buf + h->guest_offset);
	v->caps = (const struct layout_cap *)(buf + h->cap_offset);
	v->payloads = (const struct layout_payload *)(buf + h->payload_offset);
	v->plans = (const struct layout_plan *)(buf + h->plan_offset);
	v->windows = (const struct layout_window *)(buf + h->window_offset);
	return 0;
}
