/* SPDX-License-Identifier: MIT */
/*
 * Payload placement: a kernel (and its initrd) must fit in guest RAM, raw and
 * ELF segments must land inside it and the entry point must be in it. Guest
 * RAM's IPA is memory.base, or by default the board RAM base.
 */
#include "checks.h"

static void checks_image(const struct model_guest *g)
{
	const struct model_kernel *k = &g->kernel;
	uint64_t need = k->text_offset + k->image_size;

	if (need > g->mem_size || need < k->image_size) {
		diag_error(&k->file.pos, "payload-too-large",
			   "kernel needs 0x%llx bytes (text_offset + image_size) but guest '%s' "
			   "has 0x%llx of RAM", (unsigned long long)need, g->name,
			   (unsigned long long)g->mem_size);
		return;
	}
	if (g->has_initrd && g->initrd.size > g->mem_size - need)
		diag_error(&g->initrd.pos, "payload-too-large",
			   "kernel and initrd (0x%llx bytes) do not fit in guest '%s' RAM (0x%llx)",
			   (unsigned long long)(need + g->initrd.size), g->name,
			   (unsigned long long)g->mem_size);
}

static const struct srcpos *checks_seg_pos(const struct model_guest *g)
{
	return g->kernel.format == KERNEL_RAW ? &g->load_pos : &g->kernel.file.pos;
}

static void checks_segments(const struct model *m, const struct model_guest *g)
{
	const struct model_kernel *k = &g->kernel;
	uint64_t ipa;
	bool known = checks_guest_ipa(m, g, &ipa);

	for (int i = 0; i < k->seg_count; i++) {
		const struct model_segment *s = &k->seg[i];
		if (s->mem_size > g->mem_size) {
			diag_error(&k->file.pos, "payload-too-large",
				   "kernel segment of 0x%llx bytes is larger than guest '%s' RAM (0x%llx)",
				   (unsigned long long)s->mem_size, g->name,
				   (unsigned long long)g->mem_size);
			return;
		}
		if (known && !checks_inside(s->ipa, s->mem_size, ipa, g->mem_size)) {
			diag_error(checks_seg_pos(g), "load-outside-ram",
				   "kernel loads at 0x%llx+0x%llx, outside guest '%s' RAM 0x%llx+0x%llx",
				   (unsigned long long)s->ipa, (unsigned long long)s->mem_size, g->name,
				   (unsigned long long)ipa, (unsigned long long)g->mem_size);
			diag_note(&g->mem_pos, "guest RAM declared here");
			return;
		}
	}
	/* a raw kernel without an entry already has its raw-needs-load error */
	bool entry_known = k->format != KERNEL_RAW || g->has_entry;
	if (known && entry_known && !checks_inside(k->entry, 4, ipa, g->mem_size)) {
		diag_error(g->has_entry ? &g->entry_pos : &k->file.pos, "entry-outside-ram",
			   "entry point 0x%llx is outside guest '%s' RAM 0x%llx+0x%llx",
			   (unsigned long long)k->entry, g->name, (unsigned long long)ipa,
			   (unsigned long long)g->mem_size);
		diag_note(&g->mem_pos, "guest RAM declared here");
	}
}

void checks_payloads(const struct model *m)
{
	for (int i = 0; i < m->guest_count; i++) {
		const struct model_guest *g = &m->guests[i];
		if (g->has_initrd && g->kernel.format && g->kernel.format != KERNEL_IMAGE)
			diag_error(&g->initrd.pos, "initrd-with-raw",
				   "an initrd is handed over by the Linux boot protocol only; guest "
				   "'%s' is not an arm64 Image", g->name);
		if (!g->mem_size || !g->kernel.format)
			continue;
		if (g->kernel.format == KERNEL_IMAGE)
			checks_image(g);
		else
			checks_segments(m, g);
	}
}

/* Passthrough windows are mapped at IPA == PA; guest RAM must not cover them. */
void checks_ipa(const struct model *m)
{
	for (int i = 0; i < m->guest_count; i++) {
		const struct model_guest *g = &m->guests[i];
		uint64_t ipa;
		if (!g->mem_size || !checks_guest_ipa(m, g, &ipa))
			continue;
		if (g->console != LAYOUT_CONSOLE_NONE && checks_overlap(ipa, g->mem_size,
									g->console_ipa, 4096)) {
			diag_error(&g->console_pos, "ipa-overlap",
				   "guest '%s' console at 0x%llx lies inside its RAM", g->name,
				   (unsigned long long)g->console_ipa);
			diag_note(&g->mem_pos, "guest RAM declared here");
		}
		for (int d = 0; d < g->device_count; d++) {
			const struct model_device *dev = &g->devices[d];
			for (int r = 0; r < dev->reg_count; r++) {
				if (!checks_overlap(ipa, g->mem_size, dev->reg[r].pa, dev->reg[r].size))
					continue;
				diag_error(&dev->pos, "ipa-overlap",
					   "device %s at 0x%llx lies inside guest '%s' RAM", dev->path,
					   (unsigned long long)dev->reg[r].pa, g->name);
				diag_note(&g->mem_pos, "guest RAM declared here");
				break;
			}
		}
	}
}
