/* SPDX-License-Identifier: MIT */
/*
 * Guests: one mapping per guest, merged with its template (the guest's own
 * keys win; template keys keep their template-file positions), then read
 * into struct model_guest. Payloads are read once all keys are known.
 */
#include "spec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "device.h"
#include "payload.h"

enum {
	G_TEMPLATE, G_DESCRIPTION, G_KERNEL, G_FORMAT, G_INITRD, G_BOOTARGS, G_MEMORY,
	G_CPUS, G_VCPUS, G_ENTRY, G_LOAD, G_CONSOLE, G_DEVICES, G_ON_FAULT, G_VSOCK, G_COUNT
};
const char *const spec_guest_keys[G_COUNT] = {
	"template", "description", "kernel", "format", "initrd", "bootargs", "memory",
	"cpus", "vcpus", "entry", "load", "console", "devices", "on_fault", "vsock",
};
const int spec_guest_key_count = G_COUNT;
_Static_assert(G_COUNT <= SPEC_MAX_KEYS, "template.c sizes its key table by SPEC_MAX_KEYS");
static const char *const guest_formats[] = { "image", "elf", "raw" };
static const char *const guest_faults[] = { "stop", "abort", "restart" };
static const char *const guest_consoles[] = { "none", "pl011", "virtio" };

/* The guest's pairs followed by the template's pairs it does not override. */
static struct yamldoc_pair *guest_merge(struct spec_ctx *ctx, const struct yamldoc_node *map,
					int *count, const struct yamldoc_node **tmpl_ref)
{
	const struct yamldoc_node *ref = yamldoc_get(map, "template");
	const struct yamldoc_node *tmpl = ref ? template_find(ctx, ref) : NULL;
	int max = map->count + (tmpl ? tmpl->count : 0);
	struct yamldoc_pair *pairs = calloc((size_t)max + 1, sizeof(*pairs));

	if (!pairs)
		abort();
	*tmpl_ref = ref;
	if (map->count)  /* an empty map ({}) has no pair array to copy */
		memcpy(pairs, map->pairs, (size_t)map->count * sizeof(*pairs));
	*count = map->count;
	/* template_load already reported a nested template and unknown keys */
	for (int i = 0; tmpl && i < tmpl->count; i++) {
		const char *key = tmpl->pairs[i].key->text;
		if (strcmp(key, "template") && template_key_known(key) && !yamldoc_get(map, key))
			pairs[(*count)++] = tmpl->pairs[i];
	}
	return pairs;
}

static void guest_memory(struct model_guest *g, const struct yamldoc_node *n)
{
	enum { M_SIZE, M_BASE, M_PHYS, M_IDENTITY, M_COUNT };
	static const char *const keys[M_COUNT] = { "size", "base", "phys", "identity" };
	const struct yamldoc_pair *f[M_COUNT];

	g->mem_pos = n->pos;
	if (n->kind != YAMLDOC_MAP) {
		spec_size(n, &g->mem_size);
		return;
	}
	spec_fields(n->pairs, n->count, keys, M_COUNT, f, "memory");
	spec_require(f, keys, M_COUNT, 1u << M_SIZE, &n->pos, "memory");
	if (f[M_SIZE]) {
		g->mem_pos = f[M_SIZE]->value->pos;
		spec_size(f[M_SIZE]->value, &g->mem_size);
	}
	if (f[M_BASE] && spec_addr(f[M_BASE]->value, &g->mem_ipa)) {
		g->mem_ipa_set = true;
		g->mem_addr_pos = f[M_BASE]->value->pos;
	}
	if (f[M_PHYS] && spec_addr(f[M_PHYS]->value, &g->mem_phys)) {
		g->mem_phys_set = true;
		g->mem_addr_pos = f[M_PHYS]->value->pos;
	}
	if (f[M_IDENTITY])
		spec_bool(f[M_IDENTITY]->value, &g->mem_identity);
	if (g->mem_identity && g->mem_ipa_set)
		diag_error(&f[M_BASE]->key->pos, "memory-conflict",
			   "'base' and 'identity: true' contradict each other: "
			   "identity memory has base == phys");
	if (g->mem_identity && g->mem_phys_set) {
		g->mem_ipa = g->mem_phys;
		g->mem_ipa_set = true;
	}
}

static void guest_cpus(struct model_guest *g, const struct yamldoc_node *n)
{
	/* no position on a wrong type, so no-cpus does not repeat the error */
	if (!spec_seq(n, "a list of CPU numbers, e.g. [0, 1]"))
		return;
	g->cpus_pos = n->pos;
	for (int i = 0; i < n->count; i++) {
		uint64_t cpu;
		if (g->cpu_count == LAYOUT_MAX_CPUS) {
			diag_error(&n->items[i]->pos, "limits-exceeded",
				   "at most %d CPUs per guest", LAYOUT_MAX_CPUS);
			return;
		}
		if (!spec_uint(n->items[i], 1023, &cpu))
			continue;
		g->cpu_pos[g->cpu_count] = n->items[i]->pos;
		g->cpus[g->cpu_count++] = (int)cpu;
	}
}

static void guest_console(struct model_guest *g, const struct yamldoc_node *n,
			  const struct model_board *b)
{
	const struct yamldoc_node *type = n, *addr = NULL;
	int kind = LAYOUT_CONSOLE_PL011;

	g->console_pos = n->pos;
	if (n->kind == YAMLDOC_MAP) {
		enum { C_TYPE, C_ADDRESS, C_INPUT, C_COUNT };
		static const char *const keys[C_COUNT] = { "type", "address", "input" };
		const struct yamldoc_pair *f[C_COUNT];
		spec_fields(n->pairs, n->count, keys, C_COUNT, f, "console");
		type = f[C_TYPE] ? f[C_TYPE]->value : NULL;
		addr = f[C_ADDRESS] ? f[C_ADDRESS]->value : NULL;
		if (f[C_INPUT] && spec_bool(f[C_INPUT]->value, &g->console_input))
			g->console_input_pos = f[C_INPUT]->key->pos;
	}
	if (type && spec_enum(type, guest_consoles, 3, &kind)) {
		/* virtio: no virtual PL011; alloc_virtio.c adds the device */
		g->console_virtio = kind == 2;
		g->console = kind == 2 ? LAYOUT_CONSOLE_NONE : (enum layout_console_kind)kind;
	}
	if (addr && spec_addr(addr, &g->console_ipa)) {
		g->console_pos = addr->pos;
		if (g->console_ipa % 4096)
			diag_error(&addr->pos, "memory-ipa-unaligned",
				   "console address 0x%llx is not 4 KiB aligned",
				   (unsigned long long)g->console_ipa);
	}
}

/* A devices: item: a reference, or {device, clocks: {name: Hz}, dma: unprotected}. */
static const struct yamldoc_node *guest_device_entry(struct model_device *d,
						     const struct yamldoc_node *n)
{
	enum { D_DEVICE, D_CLOCKS, D_DMA, D_COUNT };
	static const char *const keys[D_COUNT] = { "device", "clocks", "dma" };
	static const char *const dma_words[] = { "unprotected" };
	const struct yamldoc_pair *f[D_COUNT];
	int word;

	if (n->kind != YAMLDOC_MAP)
		return spec_scalar(n, "a device-tree path, label or alias, or {device, clocks, dma}")
			? n : NULL;
	spec_fields(n->pairs, n->count, keys, D_COUNT, f, "device");
	spec_require(f, keys, D_COUNT, 1u << D_DEVICE, &n->pos, "device");
	if (f[D_CLOCKS])
		board_clocks_rates(f[D_CLOCKS]->value, &d->rates, &d->rate_count);
	if (f[D_DMA] && spec_enum(f[D_DMA]->value, dma_words, 1, &word)) {
		d->dma_unprotected = true;
		d->dma_pos = f[D_DMA]->key->pos;
	}
	if (f[D_DEVICE] && spec_scalar(f[D_DEVICE]->value, "a device-tree path, label or alias"))
		return f[D_DEVICE]->value;
	return NULL;
}

static void guest_devices(struct model_guest *g, const struct yamldoc_node *n,
			  const struct model_board *b)
{
	if (!spec_seq(n, "a list of board device-tree paths, labels or aliases"))
		return;
	g->devices = calloc((size_t)n->count + 1, sizeof(*g->devices));
	if (!g->devices)
		abort();
	for (int i = 0; i < n->count; i++) {
		struct model_device *d = &g->devices[g->device_count];
		const struct yamldoc_node *ref = guest_device_entry(d, n->items[i]);
		if (!ref) {
			device_free(d);
			memset(d, 0, sizeof(*d));
			continue;
		}
		d->ref = spec_strdup(ref->text);
		d->pos = ref->pos;
		d->node = -1;
		if (b->fdt && device_resolve(b, d)) {
			g->device_count++;
		} else {
			device_free(d);
			memset(d, 0, sizeof(*d));
		}
	}
}

/* kernel: PATH or {path: PATH, format: image|elf|raw}; returns the path node. */
static const struct yamldoc_node *guest_kernel_ref(const struct yamldoc_node *n,
						   const struct yamldoc_node **format)
{
	enum { K_PATH, K_FORMAT, K_COUNT };
	static const char *const keys[K_COUNT] = { "path", "format" };
	const struct yamldoc_pair *f[K_COUNT];

	if (n->kind != YAMLDOC_MAP)
		return spec_scalar(n, "a file path or {path, format}") ? n : NULL;
	spec_fields(n->pairs, n->count, keys, K_COUNT, f, "kernel");
	spec_require(f, keys, K_COUNT, 1u << K_PATH, &n->pos, "kernel");
	if (f[K_FORMAT])
		*format = f[K_FORMAT]->value;
	if (f[K_PATH] && spec_scalar(f[K_PATH]->value, "a file path"))
		return f[K_PATH]->value;
	return NULL;
}

static void guest_kernel(struct model *m, struct model_guest *g,
			 const struct yamldoc_node *n, const struct yamldoc_node *format)
{
	const struct yamldoc_node *path = guest_kernel_ref(n, &format);
	int declared = -1;

	if (format && !spec_enum(format, guest_formats, 3, &declared))
		return;
	if (!path || !payload_read(&g->kernel.file, m->spec_dir, path->text, &path->pos))
		return;
	payload_kernel(g, declared + 1, format ? &format->pos : NULL);
}

static void guest_scalars(struct model_guest *g, const struct yamldoc_pair **f)
{
	uint64_t v;

	if (f[G_DESCRIPTION])
		spec_scalar(f[G_DESCRIPTION]->value, "a line of text");
	if (f[G_BOOTARGS] && spec_scalar(f[G_BOOTARGS]->value, "a kernel command line")) {
		free(g->bootargs);
		g->bootargs = spec_strdup(f[G_BOOTARGS]->value->text);
	}
	if (f[G_VCPUS] && spec_uint(f[G_VCPUS]->value, 1024, &v)) {
		g->vcpus_pos = f[G_VCPUS]->value->pos;
		g->vcpus = (int)v;
		if (!v)
			diag_error(&g->vcpus_pos, "bad-value", "a guest needs at least one vCPU");
	}
	if (f[G_ENTRY] && spec_addr(f[G_ENTRY]->value, &g->entry)) {
		g->has_entry = true;
		g->entry_pos = f[G_ENTRY]->value->pos;
	}
	if (f[G_LOAD] && spec_addr(f[G_LOAD]->value, &g->load)) {
		g->has_load = true;
		g->load_pos = f[G_LOAD]->value->pos;
	}
	int fault;
	if (f[G_ON_FAULT] && spec_enum(f[G_ON_FAULT]->value, guest_faults, 3, &fault))
		g->on_fault = (enum layout_on_fault)fault;
	if (f[G_VSOCK])
		spec_bool(f[G_VSOCK]->value, &g->vsock);
}

static void guest_read(struct model *m, struct model_guest *g,
		       const struct yamldoc_pair *pairs, int count)
{
	const struct yamldoc_pair *f[G_COUNT];
	char what[64];

	snprintf(what, sizeof(what), "guest '%s'", g->name);
	spec_fields(pairs, count, spec_guest_keys, G_COUNT, f, "guest");
	spec_require(f, spec_guest_keys, G_COUNT, 1u << G_KERNEL | 1u << G_MEMORY | 1u << G_CPUS,
		     &g->pos, what);
	guest_scalars(g, f);
	if (f[G_MEMORY])
		guest_memory(g, f[G_MEMORY]->value);
	if (f[G_CPUS])
		guest_cpus(g, f[G_CPUS]->value);
	if (!f[G_VCPUS])
		g->vcpus = g->cpu_count;
	if (f[G_CONSOLE])
		guest_console(g, f[G_CONSOLE]->value, &m->board);
	if (f[G_DEVICES])
		guest_devices(g, f[G_DEVICES]->value, &m->board);
	if (f[G_INITRD] && spec_scalar(f[G_INITRD]->value, "a file path"))
		g->has_initrd = payload_read(&g->initrd, m->spec_dir, f[G_INITRD]->value->text,
					     &f[G_INITRD]->value->pos);
	if (f[G_KERNEL])
		guest_kernel(m, g, f[G_KERNEL]->value, f[G_FORMAT] ? f[G_FORMAT]->value : NULL);
}

static void guest_one(struct spec_ctx *ctx, const struct yamldoc_pair *entry)
{
	struct model *m = ctx->m;
	struct model_guest *g = &m->guests[m->guest_count++];
	const struct yamldoc_node *tmpl_ref;
	int count;

	g->name = spec_strdup(entry->key->text);
	g->pos = entry->key->pos;
	g->bootargs = spec_strdup("");
	g->console = LAYOUT_CONSOLE_PL011;
	g->console_ipa = m->board.uart_pa;
	g->console_pos = g->pos;
	g->on_fault = LAYOUT_ON_FAULT_STOP;
	spec_name(entry->key, "guest");
	if (!spec_map(entry->value, "a mapping of guest keys (kernel, memory, cpus, ...)"))
		return;
	struct yamldoc_pair *pairs = guest_merge(ctx, entry->value, &count, &tmpl_ref);
	if (tmpl_ref && tmpl_ref->kind == YAMLDOC_SCALAR) {
		g->template_name = spec_strdup(tmpl_ref->text);
		g->template_pos = tmpl_ref->pos;
	}
	guest_read(m, g, pairs, count);
	free(pairs);
}

void spec_guests(struct spec_ctx *ctx, const struct yamldoc_node *guests)
{
	struct model *m = ctx->m;

	if (!spec_map(guests, "a mapping of guest names to guests"))
		return;
	if (!guests->count) {
		diag_error(&guests->pos, "no-guests", "the system has no guests");
		return;
	}
	m->guests = calloc((size_t)guests->count, sizeof(*m->guests));
	if (!m->guests)
		abort();
	for (int i = 0; i < guests->count; i++)
		guest_one(ctx, &guests->pairs[i]);
}
