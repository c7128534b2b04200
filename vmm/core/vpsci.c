// SPDX-License-Identifier: MIT
/*
 * PSCI 1.0 for guests (Arm DEN 0022): VERSION, FEATURES, CPU_ON/CPU_OFF and
 * AFFINITY_INFO over the guest's own vCPUs (target MPIDR Aff0 = vCPU index,
 * as the guest's cpu@N reg says), MIGRATE_INFO_TYPE, SYSTEM_OFF (stops this
 * guest) and SYSTEM_RESET (restarts it from fresh payload copies, as
 * rate-limited as a fault restart).
 */
#include "arch/aarch64/psci.h"
#include "arch/aarch64/sysregs.h"
#include "core/fault.h"
#include "core/guest.h"
#include "core/hvc.h"
#include "core/lib.h"
#include "core/log.h"

#define PSCI_VERSION_1_0 0x10000
#define PSCI_MIGRATE_NONE 2   /* Trusted OS not present or needs no migration */

static const uint32_t vpsci_ids[] = {
	PSCI_VERSION, PSCI_CPU_OFF, PSCI_CPU_ON32, PSCI_CPU_ON64,
	PSCI_AFFINITY_INFO32, PSCI_AFFINITY_INFO64, PSCI_MIGRATE_INFO_TYPE,
	PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET, PSCI_FEATURES,
	0x80000000u,    /* SMCCC_VERSION: SMCCC 1.1 discovery (DEN 0022 "PSCI_FEATURES") */
};

static int vpsci_supported(uint32_t fn)
{
	for (unsigned i = 0; i < ARRAY_SIZE(vpsci_ids); i++) {
		if (vpsci_ids[i] == fn)
			return 1;
	}
	return 0;
}

int vpsci_handles(uint32_t fn)
{
	return (fn & 0xBFFFFFE0u) == 0x84000000u;   /* PSCI: 0x84000000-1F, 0xC4000000-1F */
}

static struct vcpu *vpsci_target(struct guest *g, uint64_t mpidr)
{
	if ((mpidr & ~0xFFul & 0xFF00FFFFFFul) || (mpidr & 0xFF) >= g->vcpu_count)
		return 0;
	return &g->vcpu[mpidr & 0xFF];
}

static bool vpsci_entry_ok(const struct guest *g, uint64_t ipa)
{
	for (uint32_t i = 0; i < g->lg->cap_count; i++) {
		const struct layout_cap *c = &g->caps[i];

		if (c->kind == LAYOUT_CAP_MEMORY && (c->rights & LAYOUT_RIGHT_X) &&
		    lib_inside(ipa, 4, c->ipa, c->size))
			return true;
	}
	return false;
}

static int64_t vpsci_cpu_on(struct guest *g, uint64_t mpidr, uint64_t entry, uint64_t ctx)
{
	struct vcpu *t = vpsci_target(g, mpidr);
	int64_t ret = PSCI_SUCCESS;

	if (!t)
		return PSCI_INVALID_PARAMS;
	if (!vpsci_entry_ok(g, entry))
		return PSCI_INVALID_ADDRESS;
	if (t->pcpu == ~0u)
		return PSCI_INTERNAL_FAILURE;
	spin_lock(&g->lock);
	if (t->state == VCPU_ON_PENDING)
		ret = PSCI_ON_PENDING;
	else if (t->state != VCPU_OFF || g->state != GUEST_RUNNING)
		ret = PSCI_ALREADY_ON;
	else {
		t->entry = entry;
		t->context = ctx;
		atomic_store32(&t->state, VCPU_ON_PENDING);
		vcpu_wake(t);
	}
	spin_unlock(&g->lock);
	return ret;
}

static int64_t vpsci_affinity_info(struct guest *g, uint64_t mpidr, uint64_t level)
{
	struct vcpu *t = vpsci_target(g, mpidr);

	if (!t || level != 0)
		return PSCI_INVALID_PARAMS;
	switch (atomic_load32(&t->state)) {
	case VCPU_OFF: return 1;
	case VCPU_ON_PENDING: return 2;
	default: return 0;
	}
}

static int64_t vpsci_simple(struct vcpu *v, struct frame *f, uint32_t fn)
{
	struct guest *g = v->guest;

	switch (fn) {
	case PSCI_VERSION: return PSCI_VERSION_1_0;
	case PSCI_FEATURES:
		return vpsci_supported((uint32_t)f->x[1]) ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
	case PSCI_MIGRATE_INFO_TYPE: return PSCI_MIGRATE_NONE;
	case PSCI_CPU_ON32: case PSCI_CPU_ON64:
		return vpsci_cpu_on(g, f->x[1], f->x[2], f->x[3]);
	case PSCI_AFFINITY_INFO32: case PSCI_AFFINITY_INFO64:
		return vpsci_affinity_info(g, f->x[1], f->x[2]);
	default:
		hvc_log_once(v, fn, "psci");
		return PSCI_NOT_SUPPORTED;
	}
}

void vpsci_call(struct vcpu *v, struct frame *f)
{
	uint32_t fn = (uint32_t)f->x[0];

	switch (fn) {
	case PSCI_CPU_OFF:
		vcpu_park_self(v);
	case PSCI_SYSTEM_OFF:
		log_printf("vmm|%s|system off\n", v->guest->name);
		guest_stop(v->guest, v);
	case PSCI_SYSTEM_RESET:
		log_printf("vmm|%s|system reset\n", v->guest->name);
		/* a guest resetting in a loop is throttled like one faulting */
		fault_restart(v->guest, v, "reset");
		guest_stop(v->guest, v);
	default:
		f->x[0] = (uint64_t)vpsci_simple(v, f, fn);
	}
}
