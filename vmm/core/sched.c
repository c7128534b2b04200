// SPDX-License-Identifier: MIT
/*
 * The per-CPU cyclic plans of time partitioning. Window boundaries come
 * from the EL2 physical timer (Arm ARM DDI 0487 "CNTHP_CVAL_EL2",
 * "CNTHP_CTL_EL2"), always computed from one period start t0 that the boot
 * CPU picks for every CPU (sched_time.h), so plans keep a fixed phase and
 * never drift. The timer is an interrupt to EL2 whatever the guest does
 * (HCR_EL2.IMO: PSTATE.I of EL1 does not mask it), so no guest can extend
 * its window by masking interrupts or by trapping to EL2 in a loop. The
 * switch itself (context.c, vgic_switch.c) happens at the end of the exit
 * that saw the boundary, with the outgoing guest's complete frame.
 */
#include "arch/aarch64/arch.h"
#include "arch/aarch64/context.h"
#include "arch/aarch64/sysregs.h"
#include "core/guest.h"
#include "core/htimer.h"
#include "core/layout.h"
#include "core/log.h"
#include "core/sched.h"
#include "core/sched_time.h"

struct sched_cpu {
	uint32_t count;                        /* windows; 0: no plan */
	uint32_t window;                       /* current window */
	uint64_t cycle;                        /* periods since t0 */
	uint64_t period_ns;
	uint64_t cum[LAYOUT_MAX_WINDOWS + 1];  /* ns from the period start to window i */
	struct vcpu *owner[LAYOUT_MAX_WINDOWS];/* NULL: idle window */
	uint64_t start, end;                   /* counter values bounding the window */
	struct vcpu *next;                     /* SCHED_SWITCH: who comes in */
	uint64_t switches, skipped;
	uint64_t lat_min, lat_max, lat_sum, resumes;  /* boundary to resumed guest, ticks */
	uint64_t delayed, delay_max;           /* resumes EL2 work held up > 100 us */
};

static struct sched_cpu sched_cpus[LAYOUT_MAX_CPUS];
static struct vcpu_ctx sched_ctx[LAYOUT_MAX_SHARED_VCPUS];
static uint64_t sched_t0, sched_frq;

static uint64_t sched_now(void)
{
	return htimer_now();
}

static uint64_t sched_at(const struct sched_cpu *s, uint64_t cycle, uint32_t window)
{
	return sched_boundary(sched_t0, sched_frq, cycle, s->period_ns, s->cum[window]);
}

/* the EL2 timer is shared (core/htimer.c): the window end is one deadline */
static void sched_arm(struct cpu *c, uint64_t cval)
{
	htimer_set(c, HTIMER_SCHED, cval);
}

static bool sched_plan_load(const struct layout_plan *p, uint32_t *ctx_used)
{
	struct sched_cpu *s = &sched_cpus[p->cpu];
	const struct layout_window *w = layout_windows(rt.layout) + p->window_first;

	s->count = p->window_count;
	s->period_ns = p->period_ns;
	for (uint32_t i = 0; i < s->count; i++) {
		struct vcpu *v = w[i].guest == LAYOUT_WINDOW_IDLE ? 0
				 : &rt.guest[w[i].guest].vcpu[w[i].vcpu];

		s->cum[i + 1] = s->cum[i] + w[i].length_ns;
		s->owner[i] = v;
		if (v && !v->ctx) {
			if (*ctx_used >= LAYOUT_MAX_SHARED_VCPUS)
				return false;
			v->ctx = &sched_ctx[(*ctx_used)++];
		}
	}
	log_printf("vmm|sched: CPU %u: %u windows in a period of %lu ns\n",
		   p->cpu, s->count, s->period_ns);
	return true;
}

void sched_init(void)
{
	const struct layout_header *h = rt.layout;
	uint32_t used = 0;

	sched_frq = sysreg_read(cntfrq_el0);
	for (uint32_t i = 0; i < h->plan_count; i++) {
		if (!sched_plan_load(&layout_plans(h)[i], &used))
			arch_panic("more time-shared vCPUs than LAYOUT_MAX_SHARED_VCPUS");
	}
	sched_t0 = sched_now();
}

uint64_t sched_window_end(const struct cpu *c)
{
	const struct sched_cpu *s = &sched_cpus[c->index];

	return s->count ? s->end : ~0ul;
}

void sched_cpu_start(struct cpu *c)
{
	struct sched_cpu *s = &sched_cpus[c->index];

	if (!s->count)
		return;
	s->end = sched_find(sched_t0, sched_frq, s->period_ns, s->cum, s->count, sched_now(),
			    &s->cycle, &s->window);
	__atomic_store_n(&c->vcpu, s->owner[s->window], __ATOMIC_SEQ_CST);
	sched_arm(c, s->end);
}

static void sched_advance(struct sched_cpu *s)
{
	if (++s->window == s->count) {
		s->window = 0;
		s->cycle++;
	}
	s->end = sched_at(s, s->cycle, s->window + 1);
}

bool sched_timer_irq(struct cpu *c)
{
	struct sched_cpu *s = &sched_cpus[c->index];
	uint64_t now = sched_now();
	struct vcpu *next;

	if (!s->count)
		return true;            /* never armed without a plan */
	if (now < s->end)
		return true;            /* the line fell late: nothing is due */
	s->start = s->end;
	sched_advance(s);
	/* EL2 was busy past whole windows (a guest's RAM cleared at its start):
	 * those windows are gone, the plan keeps its phase */
	while (s->end <= now) {
		s->skipped++;
		s->start = s->end;
		sched_advance(s);
	}
	sched_arm(c, s->end);
	next = s->owner[s->window];
	if (next != c->vcpu) {
		s->next = next;
		__atomic_fetch_or(&c->sched, SCHED_SWITCH, __ATOMIC_ACQ_REL);
	}
	return true;
}

/* a descheduled vCPU asked to stop: parked here, its saved state dropped */
static void sched_reap(struct cpu *c)
{
	struct sched_cpu *s = &sched_cpus[c->index];

	for (uint32_t i = 0; i < s->count; i++) {
		struct vcpu *v = s->owner[i];

		if (v && v != c->vcpu && atomic_cas32(&v->state, VCPU_STOPPING, VCPU_OFF)) {
			v->ctx->valid = 0;
			sev();
		}
	}
}

void sched_request_reap(struct vcpu *v)
{
	if (v->ctx && v->pcpu < rt.cpu_count)
		__atomic_fetch_or(&rt.cpu[v->pcpu].sched, SCHED_REAP, __ATOMIC_ACQ_REL);
}

bool sched_exit_slow(struct cpu *c)
{
	if (__atomic_fetch_and(&c->sched, ~SCHED_REAP, __ATOMIC_ACQ_REL) & SCHED_REAP)
		sched_reap(c);
	return atomic_load32(&c->sched) & SCHED_SWITCH;
}

/*
 * The window switch cost: from the boundary to the resumed guest's entry,
 * its state loaded (under -icount shift=0, instructions). A resume held up more than 100 us was
 * waiting for EL2 work done with interrupts masked (a guest's RAM cleared
 * at its first entry or restart): counted apart.
 */
void sched_resumed(struct cpu *c)
{
	struct sched_cpu *s = &sched_cpus[c->index];
	uint64_t lat = sched_now() - s->start;

	if (lat > sched_ns_to_ticks(100000, sched_frq)) {
		s->delayed++;
		s->delay_max = lat > s->delay_max ? lat : s->delay_max;
		return;
	}
	if (!s->resumes || lat < s->lat_min)
		s->lat_min = lat;
	if (lat > s->lat_max)
		s->lat_max = lat;
	s->lat_sum += lat;
	s->resumes++;
}

void sched_report(void)
{
	for (uint32_t i = 0; i < rt.cpu_count; i++) {
		const struct sched_cpu *s = &sched_cpus[i];

		if (!s->count)
			continue;
		log_printf("vmm|sched: CPU %u: %lu switches, %lu windows skipped, %lu resumes "
			   "%lu-%lu ns after the boundary (mean %lu), %lu delayed (max %lu ns)\n",
			   i, s->switches, s->skipped, s->resumes,
			   sched_ticks_to_ns(s->lat_min, sched_frq),
			   sched_ticks_to_ns(s->lat_max, sched_frq),
			   s->resumes ? sched_ticks_to_ns(s->lat_sum / s->resumes, sched_frq) : 0,
			   s->delayed, sched_ticks_to_ns(s->delay_max, sched_frq));
	}
}

/*
 * in becomes this CPU's vCPU (published before its pending interrupts are
 * flushed: an injector that missed it has set the dirty flag the flush
 * reads, vgic_kick). A vCPU with saved state resumes; otherwise the idle
 * loop starts it (ON_PENDING) or waits for the window's end.
 */
static void __attribute__((noreturn)) sched_enter(struct cpu *c, struct vcpu *in)
{
	__atomic_store_n(&c->vcpu, in, __ATOMIC_SEQ_CST);
	if (in && in->ctx && in->ctx->valid) {
		if (atomic_load32(&in->state) == VCPU_RUNNING)
			arch_vcpu_resume(c, in);
		in->ctx->valid = 0;
		if (atomic_cas32(&in->state, VCPU_STOPPING, VCPU_OFF))
			sev();
	}
	arch_run_idle(c);
}

void sched_switch(struct frame *f)
{
	struct cpu *c = vcpu_this_cpu();
	struct sched_cpu *s = &sched_cpus[c->index];
	struct vcpu *out = c->vcpu;
	uint32_t state;

	__atomic_fetch_and(&c->sched, ~SCHED_SWITCH, __ATOMIC_ACQ_REL);
	state = out ? atomic_load32(&out->state) : VCPU_OFF;
	if (out && out->ctx && (state == VCPU_RUNNING || state == VCPU_STOPPING))
		context_save(out, f);
	s->switches++;
	sched_enter(c, s->next);
}

void sched_idle(struct cpu *c)
{
	if (!atomic_load32(&c->sched))
		return;
	if (sched_exit_slow(c)) {
		__atomic_fetch_and(&c->sched, ~SCHED_SWITCH, __ATOMIC_ACQ_REL);
		sched_cpus[c->index].switches++;
		sched_enter(c, sched_cpus[c->index].next);
	}
}
