// SPDX-License-Identifier: MIT
/*
 * Per-guest table of emulated MMIO windows. Windows are registered while
 * the guest is built (boot CPU only) and read-only afterwards.
 */
#include "core/guest.h"
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
