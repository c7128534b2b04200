/* SPDX-License-Identifier: MIT */
/*
 * Trapped MMIO: one access struct for every emulated device and a per-guest
 * table of emulated windows. The data-abort trap decodes the access,
 * finds its window (mmio_find) and calls the window's handler; devices (vPL011 now, a vGIC or virtio later) only
 * register a window with a handler.
 */
#ifndef CORE_MMIO_H
#define CORE_MMIO_H

#include <stdbool.h>
#include <stdint.h>

struct guest;
struct vcpu;

struct mmio_access {
	uint64_t ipa;       /* guest-physical address accessed */
	uint64_t offset;    /* ipa - window base */
	unsigned width;     /* bytes: 1, 2, 4 or 8 */
	bool write;
	unsigned reg;       /* Xn of the guest's load/store (31 = xzr) */
	uint64_t value;     /* write: data from the guest; read: handler fills */
	const char *refused; /* handler may say why it refused (the fault's detail) */
};

/* Returns false when the access is not one the device accepts (a fault). */
typedef bool (*mmio_handler_fn)(struct vcpu *v, struct mmio_access *a, void *priv);

struct mmio_window {
	uint64_t ipa;
	uint64_t size;
	mmio_handler_fn handler;
	void *priv;
};

#define MMIO_MAX_WINDOWS 16

bool mmio_register(struct guest *g, uint64_t ipa, uint64_t size,
		   mmio_handler_fn handler, void *priv);
/*
 * [ipa, ipa + width) lies wholly inside w. One unsigned compare tells
 * both "below the base" and "past the end" (off wraps), and size - off
 * cannot wrap once off < size.
 */
static inline bool mmio_inside(const struct mmio_window *w, uint64_t ipa, unsigned width)
{
	uint64_t off = ipa - w->ipa;

	return off < w->size && w->size - off >= width;
}

/* the window of w[0..n) the access lies inside, or NULL (inline: every trap looks) */
static inline const struct mmio_window *mmio_find(const struct mmio_window *w, uint32_t n,
						  uint64_t ipa, unsigned width)
{
	for (const struct mmio_window *end = w + n; w < end; w++)
		if (mmio_inside(w, ipa, width))
			return w;
	return 0;
}

#endif /* CORE_MMIO_H */
