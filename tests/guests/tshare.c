// SPDX-License-Identifier: MIT
/*
 * tshare: a guest that measures the time it did not run (time partitioning,
 * tests/timeshare). It spins reading CNTVCT; two reads further apart than
 * thr= us are a gap (another guest's window, or an idle one). After skip=
 * gaps it measures gaps= of them (the first ends a partial run) and prints
 *   TSHARE runs <n> <min> <max> gaps <min> <max> share <permille> fp <ok|bad> sys <ok|bad>
 * (ns), having filled V0-V31 and TPIDR_EL0/TPIDR_EL1 with a pattern from
 * pat= and checked them after every gap. Options, each printing one more
 * line: timer=US arms the virtual timer US after a resume and reports when
 * the interrupt came relative to the deadline and to the gap it fell in
 * (`TSHARE timer late <ns> at-resume <ns>`); notify=CHAN rings that
 * channel's doorbell mid-window, stamping the time into its first word;
 * listen=CHAN takes that doorbell and reports `TSHARE doorbell sent-in-gap
 * <yes|no> at-resume <ns>`; rtc=N (a guest owning the PL031) arms its
 * alarm N times, each for 1 s after a point 1 ms into a window, so that
 * under a plan whose period does not divide 1 s it fires in a gap, and
 * reports `TSHARE rtc alarms <n> taken <n> in-gap <n> at-resume <min>
 * <max>` (ns from the first counter read after the gap; 0: acknowledged
 * before it); exits=1 reports this vCPU's exits to EL2 per run and gap
 * (`TSHARE exits <min> <max> over <n>`, the PARTITA_HVC_EXITS call that
 * counts them included). Interrupts are polled (ICC_IAR1_EL1 with
 * PSTATE.I set, or GICC_IAR on GICv2), so no vector is needed.
 */
#include "guest.h"
#include "../../templates/baremetal/partita_channel.h"

#define VTIMER_INTID 27u
#define GICR_SGI     0x10000u
#define MAX_GAPS     64u
#define HVC_EXITS    0xC6000002u   /* PARTITA_HVC_EXITS */
/* PL031 RTC on QEMU virt (ARM DDI 0224): the match interrupt, a level line
 * RTCINTR = RTCRIS & RTCIMSC, cleared by writing RTCICR */
#define RTC_BASE     0x09010000ul
#define RTC_DR       0x00u
#define RTC_MR       0x04u
#define RTC_CR       0x0Cu
#define RTC_IMSC     0x10u
#define RTC_ICR      0x1Cu
#define RTC_INTID    34u

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	guest_puts("TSHARE unexpected exception esr=0x");
	guest_putu(esr, 16);
	guest_puts("\n");
	guest_off();
}

static uint64_t ticks(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

static uint64_t frq(void)
{
	uint64_t f;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(f));
	return f;
}

static uint64_t to_ns(uint64_t t)
{
	return t / frq() * 1000000000u + t % frq() * 1000000000u / frq();
}

/* V0-V31: pattern p + register number in both halves */
#define FP_SET(n) "mov x9, %0\n add x9, x9, #" #n "\n mov v" #n ".d[0], x9\n mov v" #n ".d[1], x9\n"
#define FP_GET(n) "mov x9, v" #n ".d[0]\n mov x10, v" #n ".d[1]\n sub x9, x9, #" #n "\n" \
	"sub x10, x10, #" #n "\n cmp x9, %1\n cinc %0, %0, ne\n cmp x10, %1\n cinc %0, %0, ne\n"
#define FP8(M, a) M(a##0) M(a##1) M(a##2) M(a##3) M(a##4) M(a##5) M(a##6) M(a##7)

static void fp_fill(uint64_t p)
{
	/* CPACR_EL1.FPEN = 0b11: FP/SIMD at EL1 and EL0 untrapped */
	__asm__ volatile("mrs x9, cpacr_el1; orr x9, x9, #(3 << 20); msr cpacr_el1, x9; isb"
			 ::: "x9", "memory");
	__asm__ volatile(".arch_extension simd\n"
			 FP_SET(0) FP_SET(1) FP_SET(2) FP_SET(3) FP_SET(4) FP_SET(5) FP_SET(6)
			 FP_SET(7) FP_SET(8) FP_SET(9) FP8(FP_SET, 1) FP8(FP_SET, 2)
			 FP_SET(30) FP_SET(31)
			 "msr tpidr_el0, %0\n msr tpidr_el1, %0\n"
			 : : "r"(p) : "x9", "memory");
}

/* number of halves (and system registers) that lost the pattern */
static uint64_t fp_bad(uint64_t p)
{
	uint64_t bad = 0, t0, t1;

	__asm__ volatile(".arch_extension simd\n"
			 FP_GET(0) FP_GET(1) FP_GET(2) FP_GET(3) FP_GET(4) FP_GET(5) FP_GET(6)
			 FP_GET(7) FP_GET(8) FP_GET(9) FP8(FP_GET, 1) FP8(FP_GET, 2)
			 FP_GET(30) FP_GET(31)
			 : "+r"(bad) : "r"(p) : "x9", "x10", "cc");
	__asm__ volatile("mrs %0, tpidr_el0; mrs %1, tpidr_el1" : "=r"(t0), "=r"(t1));
	return bad + (t0 != p) + (t1 != p);
}

/* PPI 27 enabled, priority 0x80: in the redistributor's SGI frame on
 * GICv3, in the banked distributor registers on GICv2 */
static void vtimer_arm(uint64_t cval)
{
	uint64_t base = pc_gic_state.v2 ? pc_gic_state.gicd : pc_gic_state.gicr + GICR_SGI;
	volatile uint32_t *r = (volatile uint32_t *)(uintptr_t)base;
	uint32_t sh = 8 * (VTIMER_INTID % 4);
	volatile uint32_t *prio = r + (PC_GICD_IPRIORITYR + (VTIMER_INTID & ~3u)) / 4;

	if (!pc_gic_state.v2)
		r[PC_GICD_IGROUPR / 4] |= 1u << VTIMER_INTID;
	*prio = (*prio & ~(0xFFu << sh)) | (0x80u << sh);
	r[PC_GICD_ISENABLER / 4] = 1u << VTIMER_INTID;
	__asm__ volatile("msr cntv_cval_el0, %0; msr cntv_ctl_el0, %1; isb"
			 : : "r"(cval), "r"(1ul) : "memory");
}

struct run {
	uint64_t thr, skip, want, pat, timer_us, period_us;
	struct pc_channel tx, rx;
	int notify, listen;
	uint64_t gap_start[MAX_GAPS], gap_end[MAX_GAPS];   /* the first MAX_GAPS */
	uint64_t first_end, prev_end;                      /* ticks */
	uint64_t rmin, rmax, gmin, gmax, run, gaps, phase; /* ns, from gap 1 on */
	uint64_t n, seen, bad;
	uint64_t deadline, timer_at, timer_gap;      /* timer: stamp, index of its gap */
	uint64_t bell_at, bell_sent, bell_gap;
	int timer_armed, bell_rung, flood;
	uint64_t last_start, last_end;               /* the latest gap, ticks */
	uint64_t rtc_n, rtc_armed, rtc_taken, rtc_in_gap, rtc_min, rtc_max;
	uint64_t rtc_due;                            /* ticks: the alarm's second */
	int rtc_pending;                             /* armed, not yet taken */
	uint64_t count_exits, exits_last, exits_min, exits_max, exits_n;
};

static uint64_t exits(void)
{
	return (uint64_t)guest_hvc(HVC_EXITS, 0, 0, 0);
}

static uint32_t rtc_rd(uint32_t off)
{
	return *(volatile uint32_t *)(RTC_BASE + off);
}

static void rtc_wr(uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(RTC_BASE + off) = v;
}

/*
 * 1 ms into this window (resumed at now), the alarm one second on: the
 * PL031 model counts seconds from the write of RTCMR (MR = DR + 1), on
 * QEMU's virtual clock with -rtc clock=vm. The line stays low until then.
 */
static void rtc_arm(struct run *r, uint64_t now)
{
	uint64_t at = now + frq() / 1000;

	while (ticks() < at)
		;
	rtc_wr(RTC_ICR, 1);
	rtc_wr(RTC_IMSC, 1);
	__asm__ volatile("dsb sy" ::: "memory");
	at = ticks();
	rtc_wr(RTC_MR, rtc_rd(RTC_DR) + 1);
	r->rtc_due = at + frq();
	r->rtc_armed++;
	r->rtc_pending = 1;
}

/* after each recorded resume: the timer or the doorbell, once */
static void after_gap(struct run *r, uint64_t now)
{
	if (r->rtc_n && !r->rtc_armed && r->n == 2)
		rtc_arm(r, now);
	if (r->timer_us && !r->timer_armed && r->n == 2) {
		r->deadline = now + r->timer_us * (frq() / 1000000u);
		vtimer_arm(r->deadline);
		r->timer_armed = 1;
	}
	if (r->notify && !r->bell_rung && r->n == 3) {
		uint64_t mid = now + frq() / 1000;    /* 1 ms into the window */

		while (ticks() < mid)
			;
		now = ticks();
		*pc_u32(&r->tx, 0) = (uint32_t)now;
		*pc_u32(&r->tx, 4) = (uint32_t)(now >> 32);
		pc_notify(&r->tx);
		r->bell_rung = 1;
	}
}

static uint64_t min(uint64_t a, uint64_t b) { return a < b ? a : b; }
static uint64_t max(uint64_t a, uint64_t b) { return a > b ? a : b; }

/* runs and gaps from the second gap on (the first ends a partial run) */
static void account(struct run *r, uint64_t start, uint64_t end)
{
	uint64_t g = to_ns(end - start), x = to_ns(start - r->prev_end);

	r->prev_end = end;
	if (!r->n) {
		r->first_end = end;
		r->rmin = r->gmin = ~0ul;
		return;
	}
	r->gmin = min(r->gmin, g);
	r->gmax = max(r->gmax, g);
	r->gaps += g;
	r->rmin = min(r->rmin, x);
	r->rmax = max(r->rmax, x);
	r->run += x;
	if (r->period_us) {
		/* resumes keep the plan's phase: a whole number of periods
		 * after the first, within the spread reported */
		uint64_t p = r->period_us * 1000, d = to_ns(end - r->first_end) % p;

		r->phase = max(r->phase, d > p / 2 ? p - d : d);
	}
}

/* a gap from last to now; after it, the timer or the doorbell, once */
static void gap(struct run *r, uint64_t last, uint64_t now)
{
	r->last_start = last;
	r->last_end = now;
	if (r->count_exits) {
		uint64_t e = exits(), d = e - r->exits_last;

		/* from the second call on: one run and one gap each */
		if (r->exits_last && r->seen >= r->skip) {
			r->exits_min = r->exits_n ? min(r->exits_min, d) : d;
			r->exits_max = max(r->exits_max, d);
			r->exits_n++;
		}
		r->exits_last = e;
	}
	if (r->seen++ >= r->skip) {
		if (r->n < MAX_GAPS) {
			r->gap_start[r->n] = last;
			r->gap_end[r->n] = now;
		}
		account(r, last, now);
		r->n++;
		after_gap(r, now);
	}
	r->bad += fp_bad(r->pat);
}

/* id was acknowledged at now, in the window that began with gap n - 1 */
static void take_irq(struct run *r, uint32_t id, uint64_t now)
{
	if (id == VTIMER_INTID) {
		__asm__ volatile("msr cntv_ctl_el0, xzr; isb" ::: "memory");
		r->timer_at = now;
		r->timer_gap = r->n;
	} else if (id == RTC_INTID && r->rtc_n) {
		/* the line low before the EOI: one interrupt per alarm */
		rtc_wr(RTC_ICR, 1);
		__asm__ volatile("dsb sy" ::: "memory");
		r->rtc_taken++;
		if (r->rtc_pending && r->rtc_due > r->last_start && r->rtc_due < r->last_end &&
		    now >= r->last_end) {
			uint64_t d = to_ns(now - r->last_end);

			r->rtc_min = r->rtc_in_gap++ ? min(r->rtc_min, d) : d;
			r->rtc_max = max(r->rtc_max, d);
		}
		r->rtc_pending = 0;
		pc_eoi(id);
		if (r->rtc_armed < r->rtc_n)
			rtc_arm(r, r->last_end);
		return;
	} else if (r->listen && id == r->rx.intid && !r->bell_at) {
		r->bell_at = now;
		r->bell_sent = *pc_u32(&r->rx, 0) | (uint64_t)*pc_u32(&r->rx, 4) << 32;
		r->bell_gap = r->n;
	}
	pc_eoi(id);
}

static void measure(struct run *r)
{
	uint64_t last = ticks(), now;
	uint32_t id;

	fp_fill(r->pat);
	while (r->n < r->want) {
		if (r->flood)
			guest_hvc(0xC6000000u, 0, 0, 0);   /* PARTITA_HVC_NULL */
		now = ticks();
		if (now - last > r->thr) {
			gap(r, last, now);
			last = ticks();     /* the work in gap() is no gap */
			continue;
		}
		last = now;
		if ((id = pc_ack()) >= 1020)
			continue;
		/* stamped after the acknowledge; a window may end between the
		 * read above and it: that gap comes first */
		now = ticks();
		if (now - last > r->thr)
			gap(r, last, now);
		take_irq(r, id, now);
		last = ticks();
	}
}

static void put(const char *s, uint64_t v)
{
	guest_puts(s);
	guest_putu(v, 10);
}

/*
 * A guest alone on its CPU beside a shared one: spin ms of virtual time
 * and count this vCPU's exits to EL2 meanwhile (PARTITA_HVC_EXITS, the
 * call itself included): the neighbour's window switches must cost it none.
 */
static void solo(uint64_t ms)
{
	uint64_t end, before, after;

	before = (uint64_t)guest_hvc(0xC6000002u, 0, 0, 0);
	end = ticks() + ms * (frq() / 1000);
	while (ticks() < end)
		;
	after = (uint64_t)guest_hvc(0xC6000002u, 0, 0, 0);
	put("TSHARE solo exits ", after - before);
	put(" in ", ms);
	guest_puts(" ms\n");
}

/*
 * A guest that idles: wfi with only its virtual timer (1 ms ticks) to wake
 * it, for ms of virtual time; the time it leaves in its window is nobody's.
 */
static void sleep_ms(uint64_t ms)
{
	uint64_t end = ticks() + ms * (frq() / 1000), wakes = 0;

	while (ticks() < end) {
		uint32_t id;

		vtimer_arm(ticks() + frq() / 1000);
		__asm__ volatile("dsb sy; wfi" ::: "memory");
		if ((id = pc_ack()) < 1020) {
			__asm__ volatile("msr cntv_ctl_el0, xzr; isb" ::: "memory");
			pc_eoi(id);
			wakes++;
		}
	}
	put("TSHARE slept ", ms);
	put(" ms, woke ", wakes);
	guest_puts("\n");
}

static void report(const struct run *r)
{
	put("TSHARE runs ", r->n - 1);
	put(" ", r->rmin);
	put(" ", r->rmax);
	put(" gaps ", r->gmin);
	put(" ", r->gmax);
	put(" share ", r->run * 1000 / (r->run + r->gaps));
	if (r->period_us)
		put(" phase ", r->phase);
	guest_puts(r->bad ? " fp bad" : " fp ok");
	guest_puts(r->bad ? " sys bad\n" : " sys ok\n");
	if (r->timer_us) {
		put("TSHARE timer late ", r->timer_at ? to_ns(r->timer_at - r->deadline) : 0);
		put(" at-resume ", r->timer_at ? to_ns(r->timer_at - r->gap_end[r->timer_gap - 1]) : 0);
		guest_puts(r->timer_at ? "\n" : " lost\n");
	}
	if (r->rtc_n) {
		put("TSHARE rtc alarms ", r->rtc_armed);
		put(" taken ", r->rtc_taken);
		put(" in-gap ", r->rtc_in_gap);
		put(" at-resume ", r->rtc_min);
		put(" ", r->rtc_max);
		guest_puts("\n");
	}
	if (r->count_exits) {
		put("TSHARE exits ", r->exits_min);
		put(" ", r->exits_max);
		put(" over ", r->exits_n);
		guest_puts("\n");
	}
	if (r->listen) {
		uint64_t g = r->bell_gap - 1;
		int in_gap = r->bell_at && r->bell_sent > r->gap_start[g] &&
			     r->bell_sent < r->gap_end[g];

		guest_puts(r->bell_at ? (in_gap ? "TSHARE doorbell sent-in-gap yes"
						: "TSHARE doorbell sent-in-gap no")
				      : "TSHARE doorbell lost");
		put(" at-resume ", r->bell_at ? to_ns(r->bell_at - r->gap_end[g]) : 0);
		guest_puts("\n");
	}
}

static uint64_t arg(const void *dtb, const char *key, uint64_t dflt)
{
	char buf[24];

	return guest_bootarg(dtb, key, buf, sizeof(buf)) ? guest_atou(buf) : dflt;
}

void guest_main(const void *dtb)
{
	static struct run r;
	char buf[PC_NAME_SIZE];

	guest_console_from_dtb(dtb);
	r.thr = arg(dtb, "thr", 100) * (frq() / 1000000u);
	r.skip = arg(dtb, "skip", 3);
	r.want = arg(dtb, "gaps", 20) + 1;
	r.pat = arg(dtb, "pat", 1) << 32 | 0x5A5A00;
	r.timer_us = arg(dtb, "timer", 0);
	r.period_us = arg(dtb, "period", 0);
	r.flood = (int)arg(dtb, "hvc", 0);
	r.rtc_n = arg(dtb, "rtc", 0);
	r.count_exits = arg(dtb, "exits", 0);
	pc_gic_init(dtb);
	if (r.rtc_n) {
		struct pc_channel rtc = {.intid = RTC_INTID};

		rtc_wr(RTC_IMSC, 0);
		rtc_wr(RTC_CR, 1);
		rtc_wr(RTC_ICR, 1);
		pc_irq_enable(&rtc);
	}
	if (guest_bootarg(dtb, "notify", buf, sizeof(buf)))
		r.notify = pc_find(dtb, buf, &r.tx) == 0;
	if (guest_bootarg(dtb, "listen", buf, sizeof(buf))) {
		r.listen = pc_find(dtb, buf, &r.rx) == 0;
		if (r.listen)
			pc_irq_enable(&r.rx);
	}
	guest_puts("TSHARE start\n");
	if (arg(dtb, "sleep", 0)) {
		sleep_ms(arg(dtb, "sleep", 0));
		guest_off();
	}
	if (arg(dtb, "solo", 0)) {
		solo(arg(dtb, "solo", 0));
		guest_off();
	}
	measure(&r);
	report(&r);
	guest_off();
}
