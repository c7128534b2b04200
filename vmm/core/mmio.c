// SPDX-License-Identifier: MIT
/*
 * Per-guest table of emulated MMIO windows. Windows are registered while
 * the guest is built (boot CPU only) and read-only afterwards.
 */
#include "core/guest.h"
#include "core/lib.h"
#include "core/mmio.h"

bool mmio_register(struct guest *g, uint64_t ipa, uint64_t size,
		   mmio_handler_fn handler, void *priv)
{
	struct mmio_window *w;

	if (g->window_count >= MMIO_MAX_WINDOWS)
		return false;
	w = &g->window[g->window_count++];
	w->ipa = ipa;
	w->size = size;
	w->handler = handler;
	w->priv = priv;
	return true;
}

bool mmio_dispatch(struct vcpu *v, struct mmio_access *a)
{
	struct guest *g = v->guest;

	for (uint32_t i = 0; i < g->window_count; i++) {
		struct mmio_window *w = &g->window[i];

		if (lib_inside(a->ipa, a->width, w->ipa, w->size)) {
			a->offset = a->ipa - w->ipa;
			return w->handler(v, a, w->priv);
		}
	}
	return false;
}
