// SPDX-License-Identifier: MIT
/*
 * vCPU life cycle on its pinned physical CPU: the idle loop waits (WFE) for
 * its vCPU to become ON_PENDING and starts it; a vCPU asked to stop parks
 * itself at its next exit. Another CPU asks with a state change plus an SGI
 * (running vCPU) or SEV (idle CPU).
 */
#include "arch/aarch64/arch.h"
#include "arch/aarch64/gic.h"
#include "arch/aarch64/sysregs.h"
#include "core/guest.h"

struct cpu *vcpu_this_cpu(void)
{
	return (struct cpu *)(uintptr_t)sysreg_read(tpidr_el2);
}

void vcpu_idle_loop(struct cpu *c)
{
	struct vcpu *v = c->vcpu;

	for (;;) {
		if (v && atomic_cas32(&v->state, VCPU_ON_PENDING, VCPU_RUNNING))
			arch_vcpu_start(c, v);
		wfe();
	}
}

void vcpu_park_self(struct vcpu *v)
{
	atomic_store32(&v->state, VCPU_OFF);
	sev();
	arch_run_idle(vcpu_this_cpu());
}

void vcpu_request_stop(struct vcpu *v)
{
	if (atomic_cas32(&v->state, VCPU_ON_PENDING, VCPU_OFF))
		return;
	if (atomic_cas32(&v->state, VCPU_RUNNING, VCPU_STOPPING))
		gic_send_sgi(rt.cpu[v->pcpu].mpidr, GIC_SGI_KICK);
}

void vcpu_check_stop(struct vcpu *v)
{
	if (v && atomic_load32(&v->state) == VCPU_STOPPING)
		vcpu_park_self(v);
}
