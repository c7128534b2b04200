// SPDX-License-Identifier: MIT
/*
 * SGIs between the guest's two CPUs (GICv2 GICD_SGIR, IHI 0048 "Software
 * Generated Interrupts"; GICv3 ICC_SGI1R_EL1): to self, to a target list,
 * to all others; on GICv2 the acknowledged value names the sending CPU in
 * bits [12:10] and each source's SGI is pending on its own (two sources:
 * two acknowledges) and GICD_SPENDSGIR/CPENDSGIR show and clear each
 * source's, on GICv3 (affinity routing) one. Then byte-wide
 * distributor registers: GICD_IPRIORITYR, and GICD_ITARGETSR (GICv2; RAZ/WI
 * under GICv3 affinity routing).
 */
#include "fid.h"

struct sgi_seen {
	volatile uint32_t count;
	volatile uint32_t last_iar;
};

static struct sgi_seen seen[2][16];

static void sgi_irq(uint32_t iar)
{
	unsigned cpu = fid_cpu() & 1, intid = iar & 0x3FF;

	if (intid < 16) {
		seen[cpu][intid].last_iar = iar;
		seen[cpu][intid].count++;
	}
}

static void sgi_clear(void)
{
	for (unsigned c = 0; c < 2; c++)
		for (unsigned i = 0; i < 16; i++)
			seen[c][i].count = seen[c][i].last_iar = 0;
	dsb();
}

/* wait until CPU cpu has taken SGI intid */
static int sgi_wait(unsigned cpu, unsigned intid)
{
	uint64_t end = fid_deadline(20000);

	while (!seen[cpu][intid].count && fid_before(end))
		;
	return seen[cpu][intid].count != 0;
}

static unsigned sgi_src(unsigned cpu, unsigned intid)
{
	return (seen[cpu][intid].last_iar >> 10) & 7;
}

static void cpu1_list_to_cpu0(void) { gic_sgi(3, 0, 1u << 0); }
static void cpu1_broadcast(void) { gic_sgi(4, 1, 0); }
static void cpu1_irq_on(void) { irq_on(); }
static void cpu1_irq_off(void) { irq_off(); }
static void cpu1_sgi5_to_cpu0(void) { gic_sgi(5, 0, 1u << 0); }
static void cpu1_sgi6_to_cpu0(void) { gic_sgi(6, 0, 1u << 0); }

/* first acknowledge within 2 ms, EOI'd; 1023 when nothing came */
static uint32_t ack_one(void)
{
	uint64_t end = fid_deadline(2000);
	uint32_t iar;

	do {
		iar = gic_ack();
	} while ((iar & 0x3FF) >= 1020 && fid_before(end));
	if ((iar & 0x3FF) < 1020)
		gic_eoi(iar);
	return iar;
}

/*
 * GICv2 GICD_SPENDSGIR shows SGI 6 pending from both sources; clearing
 * source 1 through GICD_CPENDSGIR leaves only source 0's to take. Under
 * GICv3 affinity routing both registers are RAZ/WI and one SGI is taken.
 */
static void case_sgi_pend_regs(void)
{
	uint8_t both, left;
	uint32_t iar0, iar1;

	irq_off();
	gic_enable(6);
	gic_sgi(6, 2, 0);
	fid_on_cpu1(cpu1_sgi6_to_cpu0);
	both = rd8(GICD_BASE + 0xF20 + 6);
	wr8(GICD_BASE + 0xF10 + 6, 0x02);
	dsb();
	left = rd8(GICD_BASE + 0xF20 + 6);
	iar0 = ack_one();
	iar1 = ack_one();
	if (gic_v3)
		fid_report("sgi-pending-regs", !both && !left && iar0 == 6 && (iar1 & 0x3FF) >= 1020,
			   "GICv3 ARE: RAZ/WI; IARs", (uint64_t)both << 8 | left, (uint64_t)iar0 << 16 | iar1);
	else
		fid_report("sgi-pending-regs", both == 3 && left == 1 && iar0 == 6 &&
			   (iar1 & 0x3FF) >= 1020, "SPENDSGIR both, after CPENDSGIR; IARs",
			   (uint64_t)both << 8 | left, (uint64_t)iar0 << 16 | iar1);
}

static void sgi_report(const char *name, unsigned cpu, unsigned intid, unsigned want_src)
{
	int got = sgi_wait(cpu, intid);
	/* the source field exists only without affinity routing (GICv2) */
	int src_ok = gic_v3 ? (seen[cpu][intid].last_iar >> 10) == 0 : sgi_src(cpu, intid) == want_src;

	fid_report(name, got && src_ok && seen[cpu][intid].count == 1, "count, IAR",
		   seen[cpu][intid].count, seen[cpu][intid].last_iar);
}

/* two sources, one SGI: GICv2 keeps one pending per source */
static void case_per_source(void)
{
	uint32_t iar[3];
	int ok;

	irq_off();
	gic_sgi(5, 2, 0);
	fid_on_cpu1(cpu1_sgi5_to_cpu0);
	for (unsigned i = 0; i < 3; i++) {
		uint64_t end = fid_deadline(2000);

		do {
			iar[i] = gic_ack();
		} while ((iar[i] & 0x3FF) >= 1020 && fid_before(end));
		if ((iar[i] & 0x3FF) < 1020)
			gic_eoi(iar[i]);
	}
	if (gic_v3)
		ok = iar[0] == 5 && iar[1] >= 1020;
	else
		ok = (iar[0] == 5 && iar[1] == (5 | 1u << 10)) ||
		     (iar[1] == 5 && iar[0] == (5 | 1u << 10));
	ok = ok && (iar[2] & 0x3FF) >= 1020;
	fid_report("sgi-one-pending-per-source", ok, gic_v3 ? "GICv3: one; IARs" : "GICv2: two; IARs",
		   (uint64_t)iar[0] << 16 | iar[1], iar[2]);
}

void fid_sgi_cases(void)
{
	const char *const names[] = { "sgi-self", "sgi-target-list", "sgi-broadcast",
				      "sgi-one-pending-per-source", "sgi-pending-regs" };

	if (!fid_have_cpu1()) {
		for (unsigned i = 0; i < 5; i++)
			fid_skip(names[i], "no second CPU");
		return;
	}
	sgi_clear();
	fid_irq_hook = sgi_irq;
	for (unsigned i = 2; i < 6; i++)
		gic_enable(i);
	fid_on_cpu1(cpu1_irq_on);
	irq_on();
	gic_sgi(2, 2, 0);
	sgi_report("sgi-self", 0, 2, 0);
	fid_on_cpu1(cpu1_list_to_cpu0);
	sgi_report("sgi-target-list", 0, 3, 1);
	fid_on_cpu1(cpu1_broadcast);
	sgi_report("sgi-broadcast", 0, 4, 1);
	if (seen[1][4].count)
		guest_puts("FID note: the broadcast reached its sender\n");
	fid_on_cpu1(cpu1_irq_off);
	case_per_source();
	case_sgi_pend_regs();
	irq_off();
	fid_irq_hook = 0;
}

void fid_dist_cases(void)
{
	const uint32_t spi = 40;
	uint8_t b0, b1, t0, t1;
	uint32_t w0, w1;

	wr8(GICD_BASE + 0x400 + spi, 0xA0);
	dsb();
	b0 = rd8(GICD_BASE + 0x400 + spi);
	w0 = rd32(GICD_BASE + 0x400 + (spi & ~3u));
	fid_report("ipriorityr-byte", b0 == 0xA0 && (w0 & 0xFF) == 0xA0, "byte, word",
		   b0, w0);
	wr8(GICD_BASE + 0x800 + spi, 0x02);
	dsb();
	t0 = rd8(GICD_BASE + 0x800 + spi);
	w1 = rd32(GICD_BASE + 0x800 + (spi & ~3u));
	wr8(GICD_BASE + 0x800 + spi, 0x03);
	dsb();
	t1 = rd8(GICD_BASE + 0x800 + spi);
	b1 = (uint8_t)w1;
	if (gic_v3)
		fid_report("itargetsr-byte", !t0 && !t1 && !w1, "GICv3 ARE: RAZ/WI", t0, t1);
	else
		fid_report("itargetsr-byte", t0 == 2 && b1 == 2 && t1 == 3, "byte 0x02, word, byte 0x03",
			   (uint64_t)t0 << 8 | b1, t1);
	wr8(GICD_BASE + 0x800 + spi, 0x01);
}
