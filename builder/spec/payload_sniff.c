/* SPDX-License-Identifier: MIT */
/*
 * Kernel formats. arm64 Image: Linux Documentation/arch/arm64/booting.rst
 * (magic "ARM\x64" at 0x38, text_offset at 0x08, image_size at 0x10, all
 * little-endian; image_size 0 means a pre-3.17 kernel: text_offset 0x80000).
 * ELF: ELF64, little-endian, EM_AARCH64, loaded by its PT_LOAD segments.
 * Anything else is raw and needs `load` and `entry`.
 */
#include "payload.h"

#include <elf.h>
#include <string.h>

#define IMAGE_HEADER_SIZE 64
#define IMAGE_OLD_TEXT_OFFSET 0x80000

static uint64_t sniff_le64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static bool sniff_is_image(const struct model_file *f)
{
	return f->size >= IMAGE_HEADER_SIZE && !memcmp(f->data + 0x38, "ARM\x64", 4);
}

static bool sniff_is_elf(const struct model_file *f)
{
	return f->size >= 4 && !memcmp(f->data, ELFMAG, SELFMAG);
}

static bool sniff_image(struct model_guest *g)
{
	struct model_kernel *k = &g->kernel;

	if (!sniff_is_image(&k->file)) {
		diag_error(&k->file.pos, "payload-format",
			   "%s is not an arm64 Image (%s)", k->file.path,
			   k->file.size < IMAGE_HEADER_SIZE ? "truncated header"
							    : "no \"ARM\\x64\" magic at 0x38");
		return false;
	}
	k->format = KERNEL_IMAGE;
	k->text_offset = sniff_le64(k->file.data + 0x08);
	k->image_size = sniff_le64(k->file.data + 0x10);
	if (k->image_size == 0) {
		k->text_offset = IMAGE_OLD_TEXT_OFFSET;
		k->image_size = k->file.size;
	}
	if (k->image_size < k->file.size)
		k->image_size = k->file.size;
	return true;
}

static bool sniff_elf_fail(const struct model_kernel *k, const char *why)
{
	diag_error(&k->file.pos, "payload-format", "%s is not a usable AArch64 ELF: %s",
		   k->file.path, why);
	return false;
}

static bool sniff_elf_segments(struct model_kernel *k, const Elf64_Ehdr *eh)
{
	for (int i = 0; i < eh->e_phnum; i++) {
		Elf64_Phdr ph;
		memcpy(&ph, k->file.data + eh->e_phoff + (uint64_t)i * eh->e_phentsize, sizeof(ph));
		if (ph.p_type != PT_LOAD || !ph.p_memsz)
			continue;
		if (ph.p_offset > k->file.size || ph.p_filesz > k->file.size - ph.p_offset ||
		    ph.p_filesz > ph.p_memsz)
			return sniff_elf_fail(k, "a PT_LOAD segment lies outside the file");
		if (k->seg_count == MODEL_MAX_SEGS) {
			diag_error(&k->file.pos, "limits-exceeded",
				   "%s has more than %d PT_LOAD segments", k->file.path, MODEL_MAX_SEGS);
			return false;
		}
		k->seg[k->seg_count++] = (struct model_segment){
			ph.p_paddr, ph.p_offset, ph.p_filesz, ph.p_memsz,
		};
	}
	return k->seg_count ? true : sniff_elf_fail(k, "no PT_LOAD segments");
}

static bool sniff_elf(struct model_guest *g)
{
	struct model_kernel *k = &g->kernel;
	Elf64_Ehdr eh;

	if (!sniff_is_elf(&k->file))
		return sniff_elf_fail(k, "no ELF magic");
	if (k->file.size < sizeof(eh))
		return sniff_elf_fail(k, "truncated ELF header");
	memcpy(&eh, k->file.data, sizeof(eh));
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB)
		return sniff_elf_fail(k, "not 64-bit little-endian");
	if (eh.e_machine != EM_AARCH64)
		return sniff_elf_fail(k, "not built for AArch64 (e_machine)");
	if (eh.e_type != ET_EXEC)
		return sniff_elf_fail(k, "not an executable (ET_EXEC)");
	if (eh.e_phentsize < sizeof(Elf64_Phdr) || eh.e_phoff > k->file.size ||
	    (uint64_t)eh.e_phnum * eh.e_phentsize > k->file.size - eh.e_phoff)
		return sniff_elf_fail(k, "truncated program headers");
	k->format = KERNEL_ELF;
	if (!g->has_entry)
		k->entry = eh.e_entry;
	return sniff_elf_segments(k, &eh);
}

static bool sniff_raw(struct model_guest *g)
{
	struct model_kernel *k = &g->kernel;

	k->format = KERNEL_RAW;
	if (!g->has_load || !g->has_entry) {
		diag_error(&k->file.pos, "raw-needs-load",
			   "%s is neither an arm64 Image nor an ELF: a raw binary needs "
			   "'load' and 'entry' addresses", k->file.path);
		return false;
	}
	k->entry = g->entry;
	k->seg[0] = (struct model_segment){ g->load, 0, k->file.size, k->file.size };
	k->seg_count = 1;
	return true;
}

static void sniff_unused_keys(const struct model_guest *g)
{
	if (g->has_load && g->kernel.format != KERNEL_RAW)
		diag_error(&g->load_pos, "bad-value",
			   "'load' applies to raw kernels only; this kernel places itself");
	if (g->has_entry && g->kernel.format == KERNEL_IMAGE)
		diag_error(&g->entry_pos, "bad-value",
			   "'entry' does not apply to an arm64 Image (it starts at its first byte)");
}

bool payload_kernel(struct model_guest *g, int declared, const struct srcpos *declared_pos)
{
	const struct model_file *f = &g->kernel.file;
	bool ok;

	if (!declared)
		declared = sniff_is_image(f) ? KERNEL_IMAGE : sniff_is_elf(f) ? KERNEL_ELF : KERNEL_RAW;
	if (declared == KERNEL_IMAGE)
		ok = sniff_image(g);
	else if (declared == KERNEL_ELF)
		ok = sniff_elf(g);
	else
		ok = sniff_raw(g);
	if (!ok && declared_pos && g->kernel.format != KERNEL_RAW)
		diag_note(declared_pos, "the format is declared here");
	if (ok)
		sniff_unused_keys(g);
	if (ok && g->kernel.format == KERNEL_ELF && g->has_entry)
		g->kernel.entry = g->entry;
	return ok;
}
