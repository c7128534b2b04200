// SPDX-License-Identifier: MIT
/*
 * Forwarding of trapped passthrough MMIO: the access is replayed on the
 * physical window with the guest's width. Only offsets inside the
 * capability are reachable; the rest of the shared page faults.
 */
#include "core/guest.h"
#include "core/mmio.h"
#include "vdev/passthru.h"

static bool passthru_access(struct vcpu *v, struct mmio_access *a, void *priv)
{
	const struct layout_cap *cap = priv;
	uintptr_t pa = (uintptr_t)(cap->pa + a->offset);

	if (a->offset & (a->width - 1))
		return false;
	switch (a->width) {
	case 1:
		if (a->write) *(volatile uint8_t *)pa = (uint8_t)a->value;
		else a->value = *(volatile uint8_t *)pa;
		return true;
	case 2:
		if (a->write) *(volatile uint16_t *)pa = (uint16_t)a->value;
		else a->value = *(volatile uint16_t *)pa;
		return true;
	case 4:
		if (a->write) *(volatile uint32_t *)pa = (uint32_t)a->value;
		else a->value = *(volatile uint32_t *)pa;
		return true;
	default:
		if (a->write) *(volatile uint64_t *)pa = a->value;
		else a->value = *(volatile uint64_t *)pa;
		return true;
	}
}

bool passthru_attach(struct guest *g, const struct layout_cap *cap)
{
	return mmio_register(g, cap->ipa, cap->size, passthru_access, (void *)cap);
}
