/* SPDX-License-Identifier: MIT */
/*
 * <name>.itb written directly, byte for byte what `mkimage -f` makes of
 * fit.c's .its: the tree as dtc flattens it (properties in source order,
 * each string stored once, found again as a suffix), then mkimage's steps
 * done with libfdt (16 KiB room and fdt_pack, then 1 KiB room, a root
 * timestamp and each hash-1 value, each added as its node's first
 * property). The image's 57 MB never pass through dtc, mkimage or a second
 * buffer: the tree is built with an empty kernel data property and the
 * image pieces are written into that gap.
 */
#include "fit_tree.h"

#include <errno.h>
#include <fcntl.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "sha256.h"

/* The devicetree specification v0.4, 5.4: structure block tokens. */
#define FT_BEGIN_NODE 1u
#define FT_END_NODE 2u
#define FT_PROP 3u
#define FT_END 9u
#define FT_HEADER 40u      /* struct fdt_header */
#define FT_RSVMAP 16u      /* one terminating memory reservation entry */
#define FT_ROOM 1024u      /* mkimage's first size_inc that fits the hashes */

struct ft {
	uint8_t *st;
	size_t st_len;
	char *str;
	size_t str_len;
};

static void ft_grow(void *pp, size_t len, size_t add)
{
	void **p = pp;

	*p = realloc(*p, len + add + 4);
	if (!*p)
		abort();
}

static void ft_bytes(struct ft *t, const void *data, size_t len)
{
	ft_grow(&t->st, t->st_len, len);
	memcpy(t->st + t->st_len, data, len);
	t->st_len += len;
	while (t->st_len % 4)   /* FDT_TAGALIGN */
		t->st[t->st_len++] = 0;
}

static void ft_u32(struct ft *t, uint32_t v)
{
	fdt32_t be = cpu_to_fdt32(v);

	ft_bytes(t, &be, 4);
}

/* dtc's string table: a name already present, even as a suffix, is reused. */
static uint32_t ft_string(struct ft *t, const char *name)
{
	size_t len = strlen(name) + 1;

	for (size_t i = 0; i < t->str_len; i++)
		if (!strcmp(t->str + i, name))
			return (uint32_t)i;
	ft_grow(&t->str, t->str_len, len);
	memcpy(t->str + t->str_len, name, len);
	t->str_len += len;
	return (uint32_t)(t->str_len - len);
}

static void ft_begin(struct ft *t, const char *name)
{
	ft_u32(t, FT_BEGIN_NODE);
	ft_bytes(t, name, strlen(name) + 1);
}

static void ft_end(struct ft *t)
{
	ft_u32(t, FT_END_NODE);
}

static void ft_prop(struct ft *t, const char *name, const void *data, size_t len)
{
	ft_u32(t, FT_PROP);
	ft_u32(t, (uint32_t)len);
	ft_u32(t, ft_string(t, name));
	if (len)
		ft_bytes(t, data, len);
}

static void ft_str(struct ft *t, const char *name, const char *value)
{
	ft_prop(t, name, value, strlen(value) + 1);
}

static void ft_cell(struct ft *t, const char *name, uint32_t v)
{
	fdt32_t be = cpu_to_fdt32(v);

	ft_prop(t, name, &be, 4);
}

static void ft_hash_node(struct ft *t)
{
	ft_begin(t, "hash-1");
	ft_str(t, "algo", "sha256");
	ft_end(t);
}

/* The tree of fit.c's .its, kernel data left empty. */
static void ft_tree(struct ft *t, const struct alloc *a, uint32_t addr)
{
	const struct model *m = a->m;
	char text[256];

	ft_begin(t, "");
	snprintf(text, sizeof(text), "Partita system %s", m->name);
	ft_str(t, "description", text);
	ft_cell(t, "#address-cells", 1);
	ft_begin(t, "images");
	ft_begin(t, "kernel");
	ft_str(t, "description", "Partita runtime, layout and guests");
	ft_prop(t, "data", NULL, 0);
	ft_str(t, "type", "kernel");
	ft_str(t, "arch", "arm64");
	ft_str(t, "os", "linux");
	ft_str(t, "compression", "none");
	ft_cell(t, "load", addr);
	ft_cell(t, "entry", addr);
	ft_hash_node(t);
	ft_end(t);
	ft_begin(t, "fdt");
	snprintf(text, sizeof(text), "Board %s device tree", m->board.name);
	ft_str(t, "description", text);
	ft_prop(t, "data", m->board.fdt, m->board.fdt_size);
	ft_str(t, "type", "flat_dt");
	ft_str(t, "arch", "arm64");
	ft_str(t, "compression", "none");
	ft_hash_node(t);
	ft_end(t);
	ft_end(t);
	ft_begin(t, "configurations");
	ft_str(t, "default", "conf");
	ft_begin(t, "conf");
	ft_str(t, "description", m->name);
	ft_str(t, "kernel", "kernel");
	ft_str(t, "fdt", "fdt");
	ft_end(t);
	ft_end(t);
	ft_end(t);
	ft_u32(t, FT_END);
}

/* Header, reservation map, structure, strings: dtc's packed layout. */
static uint8_t *ft_flatten(struct ft *t, size_t *size)
{
	size_t st_off = FT_HEADER + FT_RSVMAP;
	size_t total = st_off + t->st_len + t->str_len;
	uint8_t *blob = calloc(1, total);
	fdt32_t *h = (fdt32_t *)blob;

	if (!blob)
		abort();
	h[0] = cpu_to_fdt32(FDT_MAGIC);
	h[1] = cpu_to_fdt32((uint32_t)total);
	h[2] = cpu_to_fdt32((uint32_t)st_off);
	h[3] = cpu_to_fdt32((uint32_t)(st_off + t->st_len));
	h[4] = cpu_to_fdt32(FT_HEADER);
	h[5] = cpu_to_fdt32(17);   /* version */
	h[6] = cpu_to_fdt32(16);   /* last compatible version */
	h[8] = cpu_to_fdt32((uint32_t)t->str_len);
	h[9] = cpu_to_fdt32((uint32_t)t->st_len);
	memcpy(blob + st_off, t->st, t->st_len);
	memcpy(blob + st_off + t->st_len, t->str, t->str_len);
	*size = total;
	return blob;
}

/* mkimage's additions, in its order: timestamp, then each image's hash. */
static int ft_mkimage_steps(void *fit, uint32_t stamp, const uint8_t kernel[SHA256_SIZE],
			    const uint8_t board[SHA256_SIZE])
{
	int err = fdt_setprop_u32(fit, 0, "timestamp", stamp);
	int k = fdt_path_offset(fit, "/images/kernel/hash-1");

	if (!err)
		err = k < 0 ? k : fdt_setprop(fit, k, "value", kernel, SHA256_SIZE);
	int b = fdt_path_offset(fit, "/images/fdt/hash-1");
	if (!err)
		err = b < 0 ? b : fdt_setprop(fit, b, "value", board, SHA256_SIZE);
	return err;
}

/* Offset in the blob of the (empty) kernel data property's value. */
static int ft_data_gap(const void *fit, size_t *at)
{
	int node = fdt_path_offset(fit, "/images/kernel"), off;

	if (node < 0)
		return node;
	fdt_for_each_property_offset(off, fit, node) {
		const char *name;
		int len;
		if (fdt_getprop_by_offset(fit, off, &name, &len) && !strcmp(name, "data") && !len) {
			*at = fdt_off_dt_struct(fit) + (size_t)off + sizeof(struct fdt_property);
			return 0;
		}
	}
	return -FDT_ERR_NOTFOUND;
}

static int ft_write(int fd, const void *data, size_t len)
{
	struct image_piece piece = { data, len };
	struct image_plan one = { .pieces = &piece, .count = 1, .size = len };

	return image_plan_write(&one, fd);
}

/* The final bytes: the tree up to the gap, the image padded to 4, the rest. */
static int ft_splice(int fd, uint8_t *fit, size_t gap, const struct image_plan *img)
{
	static const uint8_t pad[4];
	size_t len = (size_t)img->size, padded = (len + 3) & ~(size_t)3;
	size_t total = fdt_totalsize(fit);
	fdt32_t *prop_len = (fdt32_t *)(fit + gap - sizeof(struct fdt_property) + 4);

	if (len > UINT32_MAX - total)
		return -FDT_ERR_NOSPACE;
	*prop_len = cpu_to_fdt32((uint32_t)len);
	fdt_set_totalsize(fit, (uint32_t)(total + padded));
	fdt_set_off_dt_strings(fit, fdt_off_dt_strings(fit) + (uint32_t)padded);
	fdt_set_size_dt_struct(fit, fdt_size_dt_struct(fit) + (uint32_t)padded);
	if (ft_write(fd, fit, gap) || image_plan_write(img, fd) ||
	    ft_write(fd, pad, padded - len) || ft_write(fd, fit + gap, total - gap))
		return -1;
	return 0;
}

static uint32_t ft_timestamp(void)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");

	return epoch ? (uint32_t)strtol(epoch, NULL, 10) : 0;
}

int fit_tree_write(const char *path, const struct alloc *a, const struct image_plan *img,
		   const uint8_t img_sha256[SHA256_SIZE])
{
	struct ft t = { 0 };
	uint8_t board[SHA256_SIZE];
	size_t size, gap = 0;
	int err, fd = -1;
	uint64_t addr = a->m->board.uboot_image_addr;

	if (addr > UINT32_MAX) {
		diag_fatal("the U-Boot image address 0x%llx does not fit the FIT's 32-bit load cell",
			   (unsigned long long)addr);
		return 1;
	}
	ft_tree(&t, a, (uint32_t)addr);
	uint8_t *skel = ft_flatten(&t, &size);
	uint8_t *fit = calloc(1, size + FT_ROOM);   /* mkimage's room is a zero-filled file tail */
	if (!fit)
		abort();
	sha256_digest(a->m->board.fdt, a->m->board.fdt_size, board);
	err = fdt_open_into(skel, fit, (int)(size + FT_ROOM));
	if (!err)
		err = ft_mkimage_steps(fit, ft_timestamp(), img_sha256, board);
	if (!err)
		err = fdt_check_full(fit, size + FT_ROOM);
	if (!err)
		err = ft_data_gap(fit, &gap);
	if (!err && (fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666)) < 0)
		err = -1;
	if (!err)
		err = ft_splice(fd, fit, gap, img);
	if (fd >= 0 && close(fd))
		err = -1;
	if (err)
		diag_fatal("cannot write the FIT '%s': %s", path,
			   err == -1 ? strerror(errno) : fdt_strerror(err));
	free(t.st);
	free(t.str);
	free(skel);
	free(fit);
	return err ? 1 : 0;
}
