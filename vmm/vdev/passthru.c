// SPDX-License-Identifier: MIT
/*
 * Forwarding of trapped passthrough MMIO: the access is replayed on the
 * physical window with the guest's width. Only naturally aligned 8, 16 and
 * 32-bit accesses inside the capability are replayed; an external abort
 * the device answers with while replaying becomes a fault of this guest.
 */
#include "arch/aarch64/arch.h"
#include "core/guest.h"
#include "core/mmio.h"
#include "vdev/passthru.h"

/*
 * Trapped windows are register blocks smaller than a page (virtio-mmio
 * slots, fw-cfg, APB peripherals): their registers are at most 32 bits
 * wide and an AMBA APB bus has no 64-bit transfer, so a 64-bit access is
 * refused here rather than left to a device that may answer it with an
 * abort. Unaligned accesses to Device memory are alignment faults at EL2
 * (Arm ARM DDI 0487 "Alignment of data accesses"): refused too.
 */
#define PASSTHRU_MAX_WIDTH 4u

static bool passthru_access(struct vcpu *v, struct mmio_access *a, void *priv)
{
	const struct layout_cap *cap = priv;
	uint64_t pa = cap->pa + a->offset;
	int rc;

	if (a->width > PASSTHRU_MAX_WIDTH) {
		a->refused = "wider than the passthrough window's 32-bit registers";
		return false;
	}
	if (a->offset & (a->width - 1)) {
		a->refused = "unaligned access to a device";
		return false;
	}
	if (a->write)
		rc = mmio_replay_write(pa, a->width, a->value);
	else
		rc = mmio_replay_read(pa, a->width, &a->value);
	if (rc)
		a->refused = "the device answered with an external abort";
	return rc == 0;
}

bool passthru_attach(struct guest *g, const struct layout_cap *cap)
{
	return mmio_register(g, cap->ipa, cap->size, passthru_access, (void *)cap);
}
