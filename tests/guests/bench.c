// SPDX-License-Identifier: MIT
/*
 * bench: runtime costs seen by a guest, under QEMU -icount shift=0,sleep=off
 * where virtual time advances one nanosecond per instruction executed on any
 * CPU (sleeping CPUs add none). CNTVCT deltas converted with CNTFRQ are
 * therefore instruction counts (resolution: one counter tick, 16 on QEMU's
 * 62.5 MHz counter; per-call figures average N calls).
 *
 * role=main (CPU 0, on_fault: abort) measures, in order: a plain loop (the
 * calibration: ~3 instructions), the null hypercall, a trapped read of the
 * virtual PL011's FR, the stage-2 fault an on_fault: abort guest gets back as
 * an injected abort (fault -> EL2 -> two log lines -> guest vector -> back),
 * the virtual timer (deadline -> guest IRQ handler, once spinning, once in
 * WFI), and a channel doorbell: NOTIFY on CPU 0 -> the peer's IRQ handler on
 * CPU 1 (role=peer). Prints `BENCH <what> <instructions>`.
 * role=jitter (tests/bench/jitter.sh, issue 15) takes jitter= virtual timer
 * interrupts (default 1000), spinning, and prints `BENCH jitter-min`,
 * `-median` and `-max`; meanwhile role=noise on another CPU hammers trapped
 * MMIO reads and NOTIFY hypercalls on channel ctl until role=jitter sets its
 * done word (`quiet` in its bootargs: it only waits, the baseline), and
 * then sets the done word of channel netctl if it has one (net_noise.c).
 * Bootargs: n= calls per figure (default 10000; hvcs= and mmios= set the
 * hypercall and MMIO counts alone, for tests/bench/profile.sh), irqs=
 * interrupts per figure (200; notifies= sets the doorbells' count alone),
 * faults= (50), fault= the IPA to fault on (0x20000000).
 */
#include "guest.h"
#include "../../templates/baremetal/partita_channel.h"

#define PARTITA_HVC_NULL 0xC6000000u
#define EC_DABT_CUR      0x25u
#define VTIMER_INTID     27u
#define GICR_SGI         0x10000u      /* the redistributor's SGI/PPI frame */
#define TIMER_DELAY      256u          /* counter ticks to the deadline */

/* shared words in channel ctl */
#define W_READY  0u    /* peer: doorbell enabled */
#define W_STAMP  8u    /* peer: CNTVCT at its handler's entry (64 bits) */
#define W_SEQ    16u   /* peer: doorbells handled */
#define W_DONE   20u   /* main: peer may power off */

static struct pc_channel ctl;
static volatile uint64_t irq_stamp;     /* CNTVCT at the handler, 0 = none yet */
static volatile uint64_t faults;
static int is_peer;

static uint64_t ticks(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

static uint64_t ns_per_tick(void)
{
	uint64_t frq;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(frq));
	return 1000000000ull / frq;
}

static void report(const char *what, uint64_t value)
{
	guest_puts("BENCH ");
	guest_puts(what);
	guest_puts(" ");
	guest_putu(value, 10);
	guest_puts("\n");
}

static void peer_doorbell(void)
{
	struct pc_channel *c = &ctl;

	if (*pc_u32(c, W_DONE))
		guest_off();
	*(volatile uint64_t *)(c->base + W_STAMP) = irq_stamp;
	*pc_u32(c, W_SEQ) += 1;
	pc_notify(c);
}

/* every EL1 exception: an IRQ when the CPU interface has one, else sync */
uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	uint64_t now = ticks();
	uint32_t id = pc_ack();

	if (id < 1020) {
		if (id == VTIMER_INTID)
			__asm__ volatile("msr cntv_ctl_el0, xzr; isb");
		irq_stamp = now;
		pc_eoi(id);
		if (is_peer && id == ctl.intid)
			peer_doorbell();
		return elr;
	}
	if ((esr >> 26) == EC_DABT_CUR && !is_peer) {
		faults++;
		return elr + 4;
	}
	guest_puts("BENCH unexpected exception esr=0x");
	guest_putu(esr, 16);
	guest_puts(" elr=0x");
	guest_putu(elr, 16);
	guest_puts("\n");
	guest_off();
}

/* the interrupted code keeps nothing in registers: crt0's vector saves only
 * x29/x30 around the C handler */
#define CLOBBER_CALLER "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", \
	"x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18", "x30", "cc", "memory"

static void wait_irq_spinning(void)
{
	__asm__ volatile("msr daifclr, #2\n"
			 "1: ldr x9, [%0]\n"
			 "cbz x9, 1b\n"
			 "msr daifset, #2" : : "r"(&irq_stamp) : CLOBBER_CALLER);
}

/*
 * Test, sleep and take the interrupt with IRQs masked except for the one
 * window after wfi: an interrupt that arrives before the wfi stays pending
 * and still ends it (Arm ARM DDI 0487 "Wait For Interrupt": an IRQ wakes
 * the PE whatever PSTATE.I), and irq_stamp is tested again before the next
 * one. Unmasked around wfi, as before, an interrupt taken just ahead of it
 * returned to the wfi with nothing left to wake it: beside a busy guest
 * the deadline passed before the wfi and the guest slept for good.
 */
static void wait_irq_sleeping(void)
{
	__asm__ volatile("1: ldr x9, [%0]\n"
			 "cbnz x9, 2f\n"
			 "wfi\n"
			 "msr daifclr, #2\n"
			 "isb\n"
			 "msr daifset, #2\n"
			 "b 1b\n"
			 "2:" : : "r"(&irq_stamp) : CLOBBER_CALLER);
}

static void gicr_sgi32(uint32_t off, uint32_t clear, uint32_t set)
{
	volatile uint32_t *r = (volatile uint32_t *)(uintptr_t)(pc_gic_state.gicr + GICR_SGI + off);

	*r = (*r & ~clear) | set;
}

static void vtimer_enable(void)
{
	uint32_t sh = 8 * (VTIMER_INTID % 4);

	gicr_sgi32(PC_GICD_IGROUPR, 0, 1u << VTIMER_INTID);
	gicr_sgi32(PC_GICD_IPRIORITYR + (VTIMER_INTID & ~3u), 0xFFu << sh, 0x80u << sh);
	gicr_sgi32(PC_GICD_ISENABLER, 0, 1u << VTIMER_INTID);
}

/* instructions from the virtual timer's deadline to its handler's entry */
static uint64_t vtimer_latency(uint32_t n, void (*wait)(void))
{
	uint64_t sum = 0;

	for (uint32_t i = 0; i < n; i++) {
		uint64_t cval = ticks() + TIMER_DELAY;

		irq_stamp = 0;
		__asm__ volatile("msr cntv_cval_el0, %0; msr cntv_ctl_el0, %1; isb"
				 : : "r"(cval), "r"(1ul) : "memory");
		wait();
		sum += irq_stamp - cval;
	}
	return sum * ns_per_tick() / n;
}

/* instructions from NOTIFY (just before the hvc) to the peer's handler */
static uint64_t notify_latency(uint32_t n)
{
	uint64_t sum = 0;

	while (!*pc_u32(&ctl, W_READY))
		__asm__ volatile("yield" ::: "memory");
	for (uint32_t i = 1; i <= n; i++) {
		uint64_t t0 = ticks();

		pc_notify(&ctl);
		while (*pc_u32(&ctl, W_SEQ) != i)
			pc_wait(&ctl);
		__asm__ volatile("dmb sy" ::: "memory");
		sum += *(volatile uint64_t *)(ctl.base + W_STAMP) - t0;
	}
	return sum * ns_per_tick() / n;
}

static uint64_t per_call(uint64_t t0, uint64_t n)
{
	return (ticks() - t0) * ns_per_tick() / n;
}

static void role_main(const void *dtb, uint64_t n, uint32_t irqs, uint32_t nfaults)
{
	char buf[24];
	uint64_t t0, sink = 0, fault_ipa = 0x20000000, nh = n, nm = n;
	uint32_t nn = irqs;

	if (guest_bootarg(dtb, "fault", buf, sizeof(buf)))
		fault_ipa = guest_atou(buf);
	if (guest_bootarg(dtb, "hvcs", buf, sizeof(buf)))
		nh = guest_atou(buf);
	if (guest_bootarg(dtb, "mmios", buf, sizeof(buf)))
		nm = guest_atou(buf);
	if (guest_bootarg(dtb, "notifies", buf, sizeof(buf)))
		nn = (uint32_t)guest_atou(buf);
	t0 = ticks();
	for (uint64_t i = 0; i < n; i++)
		__asm__ volatile("add %0, %0, %1" : "+r"(sink) : "r"(i));
	report("loop", per_call(t0, n));
	t0 = ticks();
	for (uint64_t i = 0; i < nh; i++)
		sink += (uint64_t)guest_hvc(PARTITA_HVC_NULL, 0, 0, 0);
	report("hvc-null", per_call(t0, nh));
	t0 = ticks();
	for (uint64_t i = 0; i < nm; i++)
		sink += *(volatile uint32_t *)(GUEST_UART + 0x18);
	report("mmio-read", per_call(t0, nm));
	t0 = ticks();
	for (uint32_t i = 0; i < nfaults; i++)
		__asm__ volatile("ldr w9, [%0]" : : "r"(fault_ipa) : CLOBBER_CALLER);
	report("fault-abort", per_call(t0, nfaults));
	if (faults != nfaults)
		report("fault-abort-missing", nfaults - faults);
	vtimer_enable();
	report("vtimer-irq-spin", vtimer_latency(irqs, wait_irq_spinning));
	report("vtimer-irq-wfi", vtimer_latency(irqs, wait_irq_sleeping));
	report("notify-irq", notify_latency(nn));
	*pc_u32(&ctl, W_DONE) = 1;
	pc_notify(&ctl);
	guest_puts(sink == 0x42 ? "\n" : "");
	guest_off();
}

#define JITTER_MAX 4096u
static uint32_t jitter_ns[JITTER_MAX];

/* spread of the timer latency from WFI: min, median, max of n */
static void role_jitter(uint32_t n)
{
	uint64_t nspt = ns_per_tick();

	if (n > JITTER_MAX)
		n = JITTER_MAX;
	*pc_u32(&ctl, W_READY) = 1;
	vtimer_enable();
	for (uint32_t i = 0; i < n; i++) {
		uint64_t cval = ticks() + TIMER_DELAY;
		uint32_t v, j;

		irq_stamp = 0;
		__asm__ volatile("msr cntv_cval_el0, %0; msr cntv_ctl_el0, %1; isb"
				 : : "r"(cval), "r"(1ul) : "memory");
		wait_irq_sleeping();
		v = (uint32_t)((irq_stamp - cval) * nspt);
		for (j = i; j > 0 && jitter_ns[j - 1] > v; j--)   /* insertion sort */
			jitter_ns[j] = jitter_ns[j - 1];
		jitter_ns[j] = v;
	}
	report("jitter-min", jitter_ns[0]);
	report("jitter-median", jitter_ns[n / 2]);
	report("jitter-p99", jitter_ns[n * 99 / 100]);
	report("jitter-max", jitter_ns[n - 1]);
	*pc_u32(&ctl, W_DONE) = 1;
	guest_off();
}

/* another guest's load: trapped MMIO and NOTIFY until the done word */
static void role_noise(const void *dtb)
{
	char buf[8];
	int quiet = guest_bootarg(dtb, "quiet", buf, sizeof(buf));
	uint64_t sink = 0;
	struct pc_channel net;   /* with jitter-net.yaml's virtio-net sender */
	int has_net = pc_find(dtb, "netctl", &net) == 0;

	while (!*pc_u32(&ctl, W_DONE)) {
		if (quiet) {
			__asm__ volatile("yield" ::: "memory");
			continue;
		}
		sink += *(volatile uint32_t *)(GUEST_UART + 0x18);
		pc_notify(&ctl);
	}
	if (has_net)
		*pc_u32(&net, W_DONE) = 1;   /* net_noise.c stops its traffic */
	guest_puts(sink == 0x42 ? "\n" : "");
	guest_off();
}

static void role_peer(void)
{
	is_peer = 1;
	*pc_u32(&ctl, W_READY) = 1;
	for (;;) {
		irq_stamp = 0;   /* the wait returns once the handler set it */
		wait_irq_sleeping();
	}
}

void guest_main(const void *dtb)
{
	char role[8] = "main", buf[16];
	uint64_t n = 10000;
	uint32_t irqs = 200, nfaults = 50;

	guest_bootarg(dtb, "role", role, sizeof(role));
	if (guest_bootarg(dtb, "n", buf, sizeof(buf)))
		n = guest_atou(buf);
	if (guest_bootarg(dtb, "irqs", buf, sizeof(buf)))
		irqs = (uint32_t)guest_atou(buf);
	if (guest_bootarg(dtb, "faults", buf, sizeof(buf)))
		nfaults = (uint32_t)guest_atou(buf);
	if (pc_find(dtb, "ctl", &ctl) || pc_gic_init(dtb)) {
		guest_puts("BENCH no channel ctl or no GIC in the DTB\n");
		guest_off();
	}
	/* noise and jitter keep their doorbells disabled: the noise's
	 * notifies stay pending at the jitter guest, no interrupt of their own */
	if (role[0] == 'n')
		role_noise(dtb);
	if (role[0] == 'j') {
		if (!guest_bootarg(dtb, "jitter", buf, sizeof(buf)))
			buf[0] = 0;
		role_jitter(buf[0] ? (uint32_t)guest_atou(buf) : 1000);
	}
	pc_irq_enable(&ctl);
	if (role[0] == 'p')
		role_peer();
	role_main(dtb, n, irqs, nfaults);
}
