/* SPDX-License-Identifier: MIT */
/*
 * Writes layout.txt. One section per object, fixed field order, hex
 * addresses zero-padded to a fixed width so columns line up and diffs show
 * only what changed.
 */
#include "report.h"

#include <string.h>

#include "board.h"
#include "sha256.h"
#include "spec_value.h"

#define X(v) ((unsigned long long)(v))

const char *report_cap_kind(uint32_t kind)
{
	static const char *const names[] = { "?", "vcpu", "memory", "mmio", "irq", "channel",
					      "virtio" };

	return kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "?";
}

const char *report_payload_kind(uint32_t kind)
{
	static const char *const names[] = { "?", "kernel", "dtb", "initrd", "segment", "disk" };

	return kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "?";
}

const char *report_on_fault(uint32_t on_fault)
{
	static const char *const names[] = { "stop", "abort", "restart" };

	return on_fault < 3 ? names[on_fault] : "?";
}

const char *report_rights(uint32_t rights, char buf[4])
{
	buf[0] = rights & LAYOUT_RIGHT_R ? 'r' : '-';
	buf[1] = rights & LAYOUT_RIGHT_W ? 'w' : '-';
	buf[2] = rights & LAYOUT_RIGHT_X ? 'x' : '-';
	buf[3] = '\0';
	return buf;
}

const char *report_basename(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;

	return slash ? slash + 1 : path ? path : "";
}

static void report_board(FILE *f, const struct alloc *a)
{
	const struct model_board *b = &a->m->board;

	fprintf(f, "board %s\n", b->name);
	fprintf(f, "  ram        0x%010llx size 0x%llx\n", X(b->ram_base), X(b->ram_size));
	fprintf(f, "  cpus       %d\n", b->cpu_count);
	if (b->gic_version == 2)
		fprintf(f, "  gic        v2 gicd 0x%010llx gicc 0x%010llx gich 0x%010llx gicv 0x%010llx\n",
			X(b->gicd.pa), X(b->gicc.pa), X(b->gich.pa), X(b->gicv.pa));
	else
		fprintf(f, "  gic        v3 gicd 0x%010llx gicr 0x%010llx\n", X(b->gicd.pa), X(b->gicr.pa));
	fprintf(f, "  uart       0x%010llx irq %u %s", X(b->uart_pa), b->uart_irq,
		board_uart_kind_name(b->uart_kind));
	if (b->uart_kind == LAYOUT_UART_NS16550 || b->uart_kind == LAYOUT_UART_DW_APB)
		fprintf(f, " reg-shift %u io-width %u fifo %u", b->uart_reg_shift,
			b->uart_io_width, b->uart_tx_fifo);
	if (b->uart_sim_baud)
		fprintf(f, " simulated %u baud", b->uart_sim_baud);
	fputc('\n', f);
	fprintf(f, "  psci       %s\n", b->psci_conduit == LAYOUT_PSCI_HVC ? "hvc" : "smc");
	fprintf(f, "runtime\n");
	fprintf(f, "  region     0x%010llx size 0x%llx\n", X(a->runtime_pa), X(a->runtime_size));
	fprintf(f, "  image      size 0x%llx (runtime 0x%llx, blob at 0x%llx size 0x%llx)\n",
		X(a->image_size), X(a->runtime_file_size), X(a->blob_offset), X(a->blob_size));
}

static void report_mac(FILE *f, uint64_t mac)
{
	for (int i = 0; i < 6; i++)
		fprintf(f, "%s%02x", i ? ":" : "", (unsigned)(mac >> (8 * i)) & 0xFF);
}

static void report_virtio_cap(FILE *f, const struct alloc *a, const struct layout_cap *c)
{
	char r[4];

	fprintf(f, "ipa 0x%010llx size 0x%llx virq %u ", X(c->ipa), X(c->size), c->virt_irq);
	if (c->object == LAYOUT_VIRTIO_CONSOLE) {
		fprintf(f, "console hvc0\n");
		return;
	}
	if (c->object == LAYOUT_VIRTIO_BLK) {
		fprintf(f, "blk %s %s\n", a->m->disks[c->peer].name, report_rights(c->rights, r));
		return;
	}
	if (c->object == LAYOUT_VIRTIO_VSOCK) {
		fprintf(f, "vsock cid %u reach", c->peer);
		for (int g = 0; g < a->m->guest_count && g < 64; g++)
			if (c->pa >> g & 1)
				fprintf(f, " %s", a->m->guests[g].name);
		fprintf(f, "\n");
		return;
	}
	fprintf(f, "net %s mac ", a->m->networks[c->peer].name);
	report_mac(f, c->pa);
	fprintf(f, "\n");
}

static void report_cap(FILE *f, const struct alloc *a, const struct layout_cap *c)
{
	char r[4];

	fprintf(f, "    slot %3u %-8s", c->slot, report_cap_kind(c->kind));
	switch (c->kind) {
	case LAYOUT_CAP_VCPU:
		fprintf(f, "vcpu %u on cpu %u\n", c->object, c->peer);
		break;
	case LAYOUT_CAP_IRQ:
		fprintf(f, "intid %u -> virq %u\n", c->phys_irq, c->virt_irq);
		break;
	case LAYOUT_CAP_CHANNEL:
		fprintf(f, "pa 0x%010llx ipa 0x%010llx size 0x%llx %s virq %u%s peer %s slot %u (%s)\n",
			X(c->pa), X(c->ipa), X(c->size), report_rights(c->rights, r), c->virt_irq,
			c->flags & LAYOUT_CAPF_NOTIFY ? " notify" : "",
			a->m->guests[c->peer].name, c->peer_slot, a->m->channels[c->object].name);
		break;
	case LAYOUT_CAP_VIRTIO:
		report_virtio_cap(f, a, c);
		break;
	default:
		fprintf(f, "pa 0x%010llx ipa 0x%010llx size 0x%llx %s%s\n", X(c->pa), X(c->ipa),
			X(c->size), report_rights(c->rights, r),
			c->flags & LAYOUT_CAPF_TRAPPED ? " trapped" : "");
	}
}

static void report_payload(FILE *f, const struct alloc_payload *p)
{
	const char *hex = alloc_payload_sha256(p);

	fprintf(f, "    %-8s offset 0x%08llx pa 0x%010llx ipa 0x%010llx file 0x%llx mem 0x%llx\n",
		report_payload_kind(p->kind), X(p->offset), X(p->dest_pa), X(p->ipa),
		X(p->file_size), X(p->mem_size));
	fprintf(f, "             sha256 %s %s\n", hex,
		p->source ? report_basename(p->source) : "(generated)");
}

static void report_guest(FILE *f, const struct alloc *a, int gi)
{
	const struct model_guest *mg = &a->m->guests[gi];
	const struct alloc_guest *g = &a->guests[gi];

	fprintf(f, "\nguest %s\n", mg->name);
	fprintf(f, "  vmid       %d\n", gi + 1);
	fprintf(f, "  ram        pa 0x%010llx ipa 0x%010llx size 0x%llx\n", X(g->ram_pa),
		X(g->ram_ipa), X(g->ram_size));
	fprintf(f, "  vcpus      %d\n", alloc_vcpus(mg));
	fprintf(f, "  entry      ipa 0x%010llx\n", X(g->entry_ipa));
	fprintf(f, "  dtb        ipa 0x%010llx size 0x%zx\n", X(g->dtb_ipa), g->dtb_size);
	if (g->initrd_size)
		fprintf(f, "  initrd     ipa 0x%010llx size 0x%llx\n", X(g->initrd_ipa), X(g->initrd_size));
	if (mg->console == LAYOUT_CONSOLE_PL011)
		fprintf(f, "  console    pl011 ipa 0x%010llx virq %u%s\n", X(g->console_ipa),
			g->console_virq, mg->console_input ? " input" : "");
	else if (mg->console_virtio)
		fprintf(f, "  console    virtio (hvc0) slot %u\n", LAYOUT_SLOT_BASE_VIRTIO);
	else
		fprintf(f, "  console    none\n");
	fprintf(f, "  vgic       gicd 0x%010llx %s 0x%010llx spis %u\n", X(g->vgicd_ipa),
		a->m->board.gic_version == 2 ? "gicc" : "gicr", X(g->vgicr_ipa), g->spi_count);
	fprintf(f, "  on-fault   %s\n", report_on_fault(mg->on_fault));
	fprintf(f, "  caps\n");
	for (int i = g->cap_first; i < g->cap_first + g->cap_count; i++)
		report_cap(f, a, &a->caps[i]);
	report_devices(f, a, gi);
	fprintf(f, "  payloads\n");
	for (int i = g->payload_first; i < g->payload_first + g->payload_count; i++)
		report_payload(f, &a->payloads[i]);
}

static void report_channel(FILE *f, const struct alloc *a, int c)
{
	const struct model_channel *mc = &a->m->channels[c];
	const struct alloc_channel *ch = &a->channels[c];
	char r[4];

	fprintf(f, "\nchannel %s\n", mc->name);
	fprintf(f, "  memory     pa 0x%010llx size 0x%llx\n", X(ch->pa), X(ch->size));
	for (int e = 0; e < 2; e++)
		fprintf(f, "  end        %s slot %u ipa 0x%010llx virq %u %s%s\n",
			a->m->guests[mc->end[e].guest].name, ch->end[e].slot, X(ch->end[e].ipa),
			ch->end[e].virq, report_rights(mc->end[e].rights, r),
			mc->end[e].notify ? " notify" : "");
}

/* One section per disk and per network port, after the channels. */
static void report_virtio(FILE *f, const struct alloc *a, const struct alloc_virtio *v)
{
	const char *guest = a->m->guests[v->guest].name;

	if (v->type == LAYOUT_VIRTIO_CONSOLE || v->type == LAYOUT_VIRTIO_VSOCK)
		return;     /* shown with the guest's capabilities */
	if (v->type == LAYOUT_VIRTIO_BLK) {
		const struct model_disk *d = &a->m->disks[v->backend];
		const struct alloc_payload *p = &a->payloads[v->payload];
		fprintf(f, "\ndisk %s\n", d->name);
		fprintf(f, "  guest      %s slot %u ipa 0x%010llx virq %u %s\n", guest, v->slot,
			X(v->ipa), v->virq, d->readonly ? "read-only" : "read-write");
		fprintf(f, "  image      pa 0x%010llx size 0x%llx (RAM disk: writes last until power off)\n",
			X(p->dest_pa), X(p->file_size));
		return;
	}
	uint64_t mac = 0;
	for (int b = 0; b < 6; b++)
		mac |= (uint64_t)v->mac[b] << (8 * b);
	fprintf(f, "\nnetwork %s port %s\n", a->m->networks[v->backend].name, guest);
	fprintf(f, "  device     slot %u ipa 0x%010llx virq %u mac ", v->slot, X(v->ipa), v->virq);
	report_mac(f, mac);
	fprintf(f, "\n");
}

/*
 * One section per time-shared CPU: the period, then each window with its
 * offset from the period start, so a reviewer reads the timeline directly.
 */
static void report_plan(FILE *f, const struct model *m, const struct model_plan *p)
{
	char t[SPEC_TIME_TEXT], at[SPEC_TIME_TEXT];
	uint64_t start = 0;

	fprintf(f, "\nschedule cpu%d\n", p->cpu);
	fprintf(f, "  period     %s (%llu ns)\n", spec_time_text(p->period_ns, t, sizeof(t)),
		X(p->period_ns));
	for (int i = 0; i < p->window_count; i++) {
		const struct model_window *w = &p->windows[i];
		fprintf(f, "  window     at %-8s %-8s ", spec_time_text(start, at, sizeof(at)),
			spec_time_text(w->length_ns, t, sizeof(t)));
		if (w->guest < 0)
			fprintf(f, "idle\n");
		else
			fprintf(f, "%s vcpu %d\n", m->guests[w->guest].name,
				model_vcpu_on(&m->guests[w->guest], p->cpu));
		start += w->length_ns;
	}
}

void report_write(FILE *f, const struct alloc *a)
{
	fprintf(f, "# Partita layout of system '%s' (ABI %u)\n", a->m->name, LAYOUT_ABI_VERSION);
	report_board(f, a);
	for (int i = 0; i < a->m->guest_count; i++)
		report_guest(f, a, i);
	for (int c = 0; c < a->m->channel_count; c++)
		report_channel(f, a, c);
	for (int i = 0; i < a->virtio_count; i++)
		report_virtio(f, a, &a->virtio[i]);
	for (int i = 0; i < a->m->plan_count; i++)
		report_plan(f, a->m, &a->m->plans[i]);
}
