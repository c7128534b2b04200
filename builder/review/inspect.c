/* SPDX-License-Identifier: MIT */
/*
 * Image decoding for `inspect`. The blob is found the way the runtime finds
 * it conceptually (first 4 KiB boundary after the runtime binary): we try
 * each 4 KiB boundary that starts with the magic and take the first one
 * that verifies, since the runtime's own bytes may contain the magic string.
 */
#include "inspect.h"

#include <stdlib.h>
#include <string.h>

#include "blob.h"
#include "board.h"
#include "diag.h"
#include "report.h"
#include "sha256.h"

#define X(v) ((unsigned long long)(v))

static uint64_t inspect_le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

long inspect_find_blob(const uint8_t *img, size_t size, char *err, size_t err_size)
{
	struct blob_view v;

	snprintf(err, err_size, "no layout blob (magic \"%s\") at any 4 KiB boundary", LAYOUT_MAGIC);
	for (size_t off = LAYOUT_ALIGN; off + sizeof(struct layout_header) <= size;
	     off += LAYOUT_ALIGN) {
		if (memcmp(img + off, LAYOUT_MAGIC, LAYOUT_MAGIC_SIZE))
			continue;
		if (!blob_decode(img + off, size - off, &v, err, err_size))
			return (long)off;
	}
	return -1;
}

static void inspect_header(FILE *out, const struct layout_header *h, long off)
{
	const struct layout_board *b = &h->board;

	fprintf(out, "layout     at 0x%lx: magic %.8s abi %u size 0x%x crc32 0x%08x (ok)\n",
		off, (const char *)h->magic, h->abi_version, h->size, h->crc32);
	fprintf(out, "runtime    pa 0x%010llx size 0x%llx image 0x%llx\n", X(h->runtime_pa),
		X(h->runtime_size), X(h->image_size));
	fprintf(out, "board      ram 0x%010llx size 0x%llx cpus %u gic v%u psci %s\n",
		X(b->ram_base), X(b->ram_size), b->cpu_count, b->gic_version,
		b->psci_conduit == LAYOUT_PSCI_HVC ? "hvc" : "smc");
	fprintf(out, "           gicd 0x%010llx gicr 0x%010llx gicc 0x%010llx uart 0x%010llx irq %u\n",
		X(b->gicd_pa), X(b->gicr_pa), X(b->gicc_pa), X(b->uart_pa), b->uart_irq);
	fprintf(out, "           uart %s reg-shift %u io-width %u tx-fifo %u sim-baud %u\n",
		board_uart_kind_name(b->uart_kind), b->uart_reg_shift, b->uart_io_width,
		b->uart_tx_fifo, b->uart_sim_baud);
	fprintf(out, "           timers virt %u phys %u hyp %u maint %u\n", b->vtimer_irq,
		b->ptimer_irq, b->htimer_irq, b->maint_irq);
	for (uint32_t i = 0; i < b->cpu_count && i < LAYOUT_MAX_CPUS; i++)
		fprintf(out, "           cpu %u mpidr 0x%llx\n", i, X(b->cpu_mpidr[i]));
}

static void inspect_cap(FILE *out, const struct layout_cap *c)
{
	char r[4];

	fprintf(out, "    slot %3u %-8s pa 0x%010llx ipa 0x%010llx size 0x%llx %s irq %u->%u peer %u/%u object %u flags 0x%x\n",
		c->slot, report_cap_kind(c->kind), X(c->pa), X(c->ipa), X(c->size),
		report_rights(c->rights, r), c->phys_irq, c->virt_irq, c->peer, c->peer_slot,
		c->object, c->flags);
}

static int inspect_payload(FILE *out, const struct layout_payload *p, const uint8_t *img,
			   size_t size)
{
	char hex[SHA256_HEX_SIZE] = "(outside the image)";
	bool inside = p->offset <= size && p->file_size <= size - p->offset;

	if (inside)
		sha256_hex(img + p->offset, (size_t)p->file_size, hex);
	fprintf(out, "    %-8s offset 0x%08llx file 0x%llx mem 0x%llx pa 0x%010llx sha256 %s\n",
		report_payload_kind(p->kind), X(p->offset), X(p->file_size), X(p->mem_size),
		X(p->dest_pa), hex);
	return inside ? 0 : 1;
}

static int inspect_guest(FILE *out, const struct blob_view *v, uint32_t gi,
			 const uint8_t *img, size_t size)
{
	const struct layout_guest *g = &v->guests[gi];
	int bad = 0;

	fprintf(out, "\nguest %u %.*s\n", gi, LAYOUT_NAME_SIZE, g->name);
	fprintf(out, "  vmid %u vcpus %u entry 0x%010llx dtb 0x%010llx on-fault %s spis %u\n",
		g->vmid, g->vcpu_count, X(g->entry_ipa), X(g->dtb_ipa),
		report_on_fault(g->on_fault), g->spi_count);
	fprintf(out, "  console %s 0x%010llx vgicd 0x%010llx vgicr 0x%010llx%s\n",
		g->console_kind == LAYOUT_CONSOLE_PL011 ? "pl011" : "none", X(g->console_ipa),
		X(g->vgicd_ipa), X(g->vgicr_ipa), g->console_input ? " input" : "");
	if ((uint64_t)g->cap_first + g->cap_count > v->hdr->cap_count ||
	    (uint64_t)g->payload_first + g->payload_count > v->hdr->payload_count) {
		fprintf(out, "  error: cap or payload range outside the tables\n");
		return 1;
	}
	fprintf(out, "  caps\n");
	for (uint32_t i = g->cap_first; i < g->cap_first + g->cap_count; i++)
		inspect_cap(out, &v->caps[i]);
	fprintf(out, "  payloads\n");
	for (uint32_t i = g->payload_first; i < g->payload_first + g->payload_count; i++)
		bad += inspect_payload(out, &v->payloads[i], img, size);
	return bad;
}

/* The plan and window tables as stored; a window range outside the table
 * is reported, not followed (blob_decode bounds only the tables). */
static int inspect_plans(FILE *out, const struct blob_view *v)
{
	int bad = 0;

	for (uint32_t i = 0; i < v->hdr->plan_count; i++) {
		const struct layout_plan *p = &v->plans[i];
		fprintf(out, "\nplan cpu %u period %llu ns windows %u from %u\n", p->cpu,
			X(p->period_ns), p->window_count, p->window_first);
		if (p->window_first > v->hdr->window_count ||
		    p->window_count > v->hdr->window_count - p->window_first) {
			fprintf(out, "  error: window range outside the table\n");
			bad++;
			continue;
		}
		for (uint32_t w = p->window_first; w < p->window_first + p->window_count; w++) {
			const struct layout_window *win = &v->windows[w];
			if (win->guest == LAYOUT_WINDOW_IDLE)
				fprintf(out, "  window %llu ns idle\n", X(win->length_ns));
			else
				fprintf(out, "  window %llu ns guest %u vcpu %u\n", X(win->length_ns),
					win->guest, win->vcpu);
		}
	}
	return bad;
}

int inspect_image(FILE *out, const uint8_t *img, size_t size)
{
	struct blob_view v;
	char err[160];
	int bad = 0;

	if (size < 64 || memcmp(img + 0x38, "ARM\x64", 4)) {
		fprintf(stderr, "partita: not an arm64 Image (no \"ARM\\x64\" magic at 0x38)\n");
		return 1;
	}
	uint64_t image_size = inspect_le64(img + 0x10);
	fprintf(out, "image      %zu bytes, arm64 header image_size 0x%llx text_offset 0x%llx%s\n",
		size, X(image_size), X(inspect_le64(img + 0x08)),
		image_size == size ? "" : " (MISMATCH: not the file size)");
	bad += image_size != size;
	long off = inspect_find_blob(img, size, err, sizeof(err));
	if (off < 0) {
		fprintf(stderr, "partita: %s\n", err);
		return 1;
	}
	blob_decode(img + off, size - (size_t)off, &v, err, sizeof(err));
	inspect_header(out, v.hdr, off);
	if (v.hdr->image_size != size) {
		fprintf(out, "error: layout says the image has 0x%llx bytes\n", X(v.hdr->image_size));
		bad++;
	}
	for (uint32_t i = 0; i < v.hdr->guest_count; i++)
		bad += inspect_guest(out, &v, i, img, size);
	bad += inspect_plans(out, &v);
	return bad ? 1 : 0;
}
