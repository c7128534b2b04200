// SPDX-License-Identifier: MIT
/*
 * Fault policy: log `vmm|<guest>|fault <what> (<detail>), IPA ..., read|write,
 * ESR ..., ELR ...`, then stop the guest, inject a synchronous external
 * abort into its EL1, or restart it, as its on_fault says. A faulting guest
 * must not flood the shared console, nor restart forever: fault lines are
 * rate-limited per guest, and restarts back off, then give up (stop).
 */
#include "arch/aarch64/arch.h"
#include "arch/aarch64/sysregs.h"
#include "core/fault.h"
#include "core/guest.h"
#include "core/lock.h"
#include "core/log.h"

#define FAULT_LOG_BURST 64           /* fault lines per guest at once ... */
#define FAULT_LOG_PER_SECOND 16      /* ... and then at most this rate */
#define FAULT_RESTART_LIMIT 4        /* restarts in one storm; the next fault stops */
#define FAULT_STORM_CALM_MS 2000     /* a guest that ran this long starts a new count */
#define FAULT_BACKOFF_MS 10          /* before the first restart; doubles each time */

struct fault_state {
	struct spinlock lock;
	uint64_t log_due;                /* ticks: when the log budget is spent */
	uint32_t dropped;                /* lines not printed since the last one */
	uint64_t last_restart;
	uint32_t restarts;
};

static struct fault_state fault_states[LAYOUT_MAX_GUESTS];

static uint64_t fault_now(void)
{
	isb();
	return sysreg_read(cntpct_el0);
}

static uint64_t fault_ms(uint64_t ms)
{
	return ms * sysreg_read(cntfrq_el0) / 1000;
}

static void fault_line(const struct guest *g, const struct fault *ft)
{
	static const char *const access[] = { "", ", read", ", write" };
	const char *open = ft->detail ? " (" : "";
	const char *detail = ft->detail ? ft->detail : "";
	const char *close = ft->detail ? ")" : "";

	/* one call per line: the log lock keeps lines whole */
	if (ft->has_ipa)
		log_printf("vmm|%s|fault %s%s%s%s, IPA 0x%lx%s, ESR 0x%lx, ELR 0x%lx\n",
			   g->name, ft->what, open, detail, close, ft->ipa,
			   access[ft->access + 1], ft->esr, ft->elr);
	else
		log_printf("vmm|%s|fault %s%s%s%s%s, ESR 0x%lx, ELR 0x%lx\n",
			   g->name, ft->what, open, detail, close,
			   access[ft->access + 1], ft->esr, ft->elr);
}

/*
 * true when this fault's line may be printed: a budget of FAULT_LOG_BURST
 * lines that refills at FAULT_LOG_PER_SECOND (each line moves log_due one
 * line's worth of time later; a line is allowed while log_due is less than
 * the burst ahead of now)
 */
static bool fault_log_allowed(struct guest *g)
{
	struct fault_state *s = &fault_states[g->index];
	uint64_t now = fault_now(), line = sysreg_read(cntfrq_el0) / FAULT_LOG_PER_SECOND;
	uint32_t dropped = 0;
	bool allowed, first_drop = false;

	spin_lock(&s->lock);
	if (s->log_due < now)
		s->log_due = now;
	allowed = s->log_due - now < FAULT_LOG_BURST * line;
	if (allowed) {
		s->log_due += line;
		dropped = s->dropped;
		s->dropped = 0;
	} else {
		first_drop = s->dropped++ == 0;
	}
	spin_unlock(&s->lock);
	if (dropped)
		log_printf("vmm|%s|%u faults not logged (rate limit)\n", g->name, dropped);
	if (first_drop)
		log_printf("vmm|%s|more than %u faults at once: logging at most %u a second\n",
			   g->name, FAULT_LOG_BURST, FAULT_LOG_PER_SECOND);
	return allowed;
}

static void fault_log(struct guest *g, const struct fault *ft)
{
	if (fault_log_allowed(g))
		fault_line(g, ft);
}

static void fault_delay(uint64_t ticks)
{
	uint64_t start = fault_now();

	while (fault_now() - start < ticks)
		;   /* no yield hint: no SMT here, and QEMU exits its loop on each */
}

/*
 * A restart storm: the guest faults (or asks for a reset) again within
 * FAULT_STORM_CALM_MS of its last restart. Each restart of a storm waits
 * twice as long as the one before; after FAULT_RESTART_LIMIT of them the
 * guest is stopped. Returns false when it must stop. Only this guest's
 * CPU that asked waits.
 */
void fault_restart(struct guest *g, struct vcpu *self, const char *why)
{
	struct fault_state *s = &fault_states[g->index];
	uint64_t now = fault_now(), backoff;
	uint32_t n;

	spin_lock(&s->lock);
	if (s->restarts && now - s->last_restart > fault_ms(FAULT_STORM_CALM_MS))
		s->restarts = 0;
	n = s->restarts < FAULT_RESTART_LIMIT ? ++s->restarts : 0;
	spin_unlock(&s->lock);
	if (!n) {
		log_printf("vmm|%s|restart storm: %s again after %u restarts, each within %u ms: stopped\n",
			   g->name, why, FAULT_RESTART_LIMIT, FAULT_STORM_CALM_MS);
		return;
	}
	backoff = (uint64_t)FAULT_BACKOFF_MS << (n - 1);
	log_printf("vmm|%s|restart %u of at most %u, after %lu ms back-off\n",
		   g->name, n, FAULT_RESTART_LIMIT, backoff);
	spin_lock(&s->lock);
	s->last_restart = now + fault_ms(backoff);
	spin_unlock(&s->lock);
	if (self->ctx)
		guest_restart_at(g, self, now + fault_ms(backoff));
	fault_delay(fault_ms(backoff));
	guest_restart(g, self);
}

void fault_raise(struct vcpu *v, struct frame *f, const struct fault *ft)
{
	struct guest *g = v->guest;

	fault_log(g, ft);
	switch (g->lg->on_fault) {
	case LAYOUT_ON_FAULT_ABORT:
		if (ft->kind == FAULT_OTHER)
			arch_inject_undef(f);
		else if (ft->kind == FAULT_SERROR)
			arch_inject_serror();
		else
			arch_inject_abort(f, ft->kind == FAULT_DATA_ABORT, ft->far, ft->esr);
		if (fault_states[g->index].dropped == 0)
			log_printf("vmm|%s|abort injected\n", g->name);
		return;
	case LAYOUT_ON_FAULT_RESTART:
		fault_restart(g, v, "faulted");
		guest_stop(g, v);
	default:
		guest_stop(g, v);
	}
}
