// SPDX-License-Identifier: MIT
/*
 * vCPU life cycle on its pinned physical CPU: the idle loop waits for its
 * vCPU to become ON_PENDING and starts it; a vCPU asked to stop parks
 * itself at its next exit. Another CPU asks with a state change plus an SGI
 * (vcpu_wake). With a virtual GIC (GICv3, or GICv2 with GICH/GICV) the idle
 * loop sleeps in WFI, which QEMU turns into a halted host thread (WFE only
 * yields: idle CPUs would spin).
 */
#include "arch/aarch64/arch.h"
#include "arch/aarch64/gic.h"
#include "arch/aarch64/sysregs.h"
#include "core/guest.h"
#include "core/htimer.h"
#include "core/guest_ram.h"
#include "core/sched.h"
#include "arch/aarch64/context.h"
#include "vdev/vgic.h"
#include "vdev/vpl011.h"

/* interrupts that woke an idle CPU: kicks, or a parked vCPU's timer (stopped) */
static void vcpu_idle_drain(void)
{
	uint32_t iar, intid;

	while ((intid = gic_intid(iar = gic_ack())) < 1020) {
		if (intid != GIC_SGI_KICK && !htimer_take_irq(vcpu_this_cpu(), intid) &&
		    !vpl011_take_irq(intid) && !vgic_take_irq(0, intid))
			gic_disable(intid);
		gic_eoi(iar);
	}
}

void vcpu_idle_loop(struct cpu *c)
{
	for (;;) {
		struct vcpu *v;

		sched_idle(c);      /* a window started: may resume its vCPU */
		v = c->vcpu;
		if (v && v->restart_at)
			guest_restart_due(v);   /* its back-off is over */
		/* a time-shared guest's RAM is cleared in its own windows */
		if (v && v->ctx && atomic_load32(&v->state) == VCPU_ON_PENDING &&
		    !guest_first_entry_step(v, sched_window_end(c)))
			v = 0;
		if (v && atomic_cas32(&v->state, VCPU_ON_PENDING, VCPU_RUNNING)) {
			if (v->ctx)
				context_scrub();    /* another guest ran on this CPU */
			guest_first_entry(v);
			arch_vcpu_start(c, v);
		}
		if (v && guest_ram_pending(v->guest))
			guest_ram_help(v->guest);   /* its guest starts or restarts */
		if (!vgic_ready()) {
			wfe();
			continue;
		}
		__asm__ volatile("dsb sy; wfi" ::: "memory");
		vcpu_idle_drain();
		conout_idle_cpu(c);     /* this CPU may be the console's drainer */
	}
}

void vcpu_wake(struct vcpu *v)
{
	sev();
	/* out of its window: its CPU's idle loop starts it when the window
	 * comes (no exit forced on the guest running there meanwhile) */
	if (v->pcpu != ~0u && vcpu_scheduled(v))
		gic_send_sgi(rt.cpu[v->pcpu].mpidr, GIC_SGI_KICK);
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
	if (atomic_cas32(&v->state, VCPU_RUNNING, VCPU_STOPPING)) {
		sched_request_reap(v);      /* out of its window: its CPU parks it */
		gic_send_sgi(rt.cpu[v->pcpu].mpidr, GIC_SGI_KICK);
	}
}
