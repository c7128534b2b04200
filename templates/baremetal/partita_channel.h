/* SPDX-License-Identifier: MIT */
/*
 * partita_channel.h: header-only, freestanding C library for bare-metal
 * Partita guests (AArch64 EL1). Finds channels in the DTB the runtime passes
 * in x0 (or takes fixed addresses), copies to and from the shared memory,
 * rings the peer's doorbell (hvc PARTITA_HVC_NOTIFY, schema/hypercalls.md)
 * and waits for this end's doorbell through the virtual GICv3 or GICv2.
 *
 * Use:
 *   struct pc_channel ch;
 *   pc_find(dtb, "ctrl", &ch);     // by channel name (partita,channel)
 *   pc_gic_init(dtb);              // once: virtual GIC on, PMR open
 *   pc_irq_enable(&ch);            // this end's doorbell SPI enabled
 *   pc_write(&ch, 0, msg, n); pc_notify(&ch);
 *   pc_wait(&ch);                  // wfi until the peer notifies us
 * Without the virtual GIC, pc_poll_u32() waits on a counter the peer bumps
 * in the shared memory: the documented fallback (no interrupt needed).
 * Notifications coalesce: several notifies before the wait collapse into
 * one doorbell, so always re-check the shared state after pc_wait().
 * Memory is used with the MMU off or as Device/Normal-NC: pc_* copy with
 * aligned 64-bit accesses where alignment allows, bytes elsewhere.
 */
#ifndef PARTITA_CHANNEL_H
#define PARTITA_CHANNEL_H

#include <stddef.h>
#include <stdint.h>

#define PC_HVC_NOTIFY   0xC6000001u
#define PC_OK           0
#define PC_BAD_SLOT     (-2)
#define PC_DENIED       (-3)
#define PC_NAME_SIZE    32

struct pc_channel {
	volatile uint8_t *base;    /* this end's IPA of the shared memory */
	uint64_t size;
	uint32_t slot;             /* capability slot: what pc_notify names */
	uint32_t intid;            /* this end's doorbell INTID (an SPI) */
	char name[PC_NAME_SIZE];   /* channel name, from partita,channel */
};

/* ---- flattened device tree (Devicetree Specification "Structure Block") */

#define PC_FDT_MAGIC      0xD00DFEEDu
#define PC_FDT_BEGIN_NODE 1u
#define PC_FDT_END_NODE   2u
#define PC_FDT_PROP       3u
#define PC_FDT_NOP        4u
#define PC_FDT_END        9u

static inline uint32_t pc_be32(const void *p)
{
	const uint8_t *b = (const uint8_t *)p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static inline uint64_t pc_cells(const uint8_t *p, uint32_t n)
{
	uint64_t v = 0;

	for (uint32_t i = 0; i < n; i++)
		v = v << 32 | pc_be32(p + 4 * i);
	return v;
}

static inline int pc_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* one child of the root node, as far as the library cares */
struct pc_fdt_node {
	const char *compatible;
	const char *channel;        /* partita,channel */
	const uint8_t *reg;
	const uint8_t *irqs;
	uint32_t reg_len, irqs_len;
	uint32_t slot;
	int has_slot;
};

/* callback: return non-zero to stop the walk */
typedef int (*pc_fdt_visit)(const struct pc_fdt_node *n, uint32_t ac, uint32_t sc,
			    void *arg);

static inline void pc_fdt_prop(struct pc_fdt_node *n, const char *pname,
			       const uint8_t *val, uint32_t len, uint32_t *ac, uint32_t *sc,
			       int depth)
{
	if (depth == 1 && pc_streq(pname, "#address-cells"))
		*ac = pc_be32(val);
	else if (depth == 1 && pc_streq(pname, "#size-cells"))
		*sc = pc_be32(val);
	else if (depth != 2)
		return;
	else if (pc_streq(pname, "compatible"))
		n->compatible = (const char *)val;
	else if (pc_streq(pname, "partita,channel"))
		n->channel = (const char *)val;
	else if (pc_streq(pname, "reg")) {
		n->reg = val;
		n->reg_len = len;
	} else if (pc_streq(pname, "interrupts")) {
		n->irqs = val;
		n->irqs_len = len;
	} else if (pc_streq(pname, "partita,slot") && len == 4) {
		n->slot = pc_be32(val);
		n->has_slot = 1;
	}
}

/* visits every child of the root; 0 when the walk ended, 1 when stopped */
static inline int pc_fdt_walk(const void *dtb, pc_fdt_visit visit, void *arg)
{
	const uint8_t *fdt = (const uint8_t *)dtb, *p, *strings;
	struct pc_fdt_node n = { 0 };
	uint32_t ac = 2, sc = 2;
	int depth = 0;

	if (!fdt || pc_be32(fdt) != PC_FDT_MAGIC)
		return 0;
	p = fdt + pc_be32(fdt + 8);
	strings = fdt + pc_be32(fdt + 12);
	for (;;) {
		uint32_t tag = pc_be32(p), len;

		p += 4;
		if (tag == PC_FDT_BEGIN_NODE) {
			if (++depth == 2)
				n = (struct pc_fdt_node){ 0 };
			while (*p++)
				;
			p = (const uint8_t *)(((uintptr_t)p + 3) & ~(uintptr_t)3);
		} else if (tag == PC_FDT_END_NODE) {
			if (depth-- == 2 && visit(&n, ac, sc, arg))
				return 1;
		} else if (tag == PC_FDT_PROP) {
			len = pc_be32(p);
			pc_fdt_prop(&n, (const char *)strings + pc_be32(p + 4), p + 8, len,
				    &ac, &sc, depth);
			p += 8 + ((len + 3) & ~3u);
		} else if (tag != PC_FDT_NOP) {
			return 0;    /* FDT_END or garbage */
		}
	}
}

struct pc_find_arg {
	const char *name;
	struct pc_channel *ch;
	uint32_t index, seen;       /* pc_find_nth: the index-th channel */
};

static inline int pc_is_channel(const struct pc_fdt_node *n)
{
	return n->compatible && pc_streq(n->compatible, "partita,channel") &&
	       n->has_slot && n->channel && n->irqs_len >= 12;
}

static inline int pc_find_visit(const struct pc_fdt_node *n, uint32_t ac, uint32_t sc,
				void *arg)
{
	struct pc_find_arg *f = (struct pc_find_arg *)arg;
	struct pc_channel *ch = f->ch;
	uint32_t i;

	if (!pc_is_channel(n) || n->reg_len < 4 * (ac + sc))
		return 0;
	if (f->name ? !pc_streq(f->name, n->channel) : f->seen++ != f->index)
		return 0;
	ch->base = (volatile uint8_t *)(uintptr_t)pc_cells(n->reg, ac);
	ch->size = pc_cells(n->reg + 4 * ac, sc);
	ch->slot = n->slot;
	/* GIC binding: <type number flags>, type 0 = SPI: INTID = number + 32 */
	ch->intid = pc_be32(n->irqs + 4) + (pc_be32(n->irqs) == 0 ? 32 : 16);
	for (i = 0; i + 1 < PC_NAME_SIZE && n->channel[i]; i++)
		ch->name[i] = n->channel[i];
	ch->name[i] = 0;
	return 1;
}

/* the channel called name (its partita,channel); 0 found, -1 not found */
static inline int pc_find(const void *dtb, const char *name, struct pc_channel *ch)
{
	struct pc_find_arg f = { name, ch, 0, 0 };

	return pc_fdt_walk(dtb, pc_find_visit, &f) ? 0 : -1;
}

/* the index-th channel node in DTB order; 0 found, -1 not found */
static inline int pc_find_nth(const void *dtb, uint32_t index, struct pc_channel *ch)
{
	struct pc_find_arg f = { 0, ch, index, 0 };

	return pc_fdt_walk(dtb, pc_find_visit, &f) ? 0 : -1;
}

/* without a DTB: the addresses from `partita layout` (stable per spec) */
static inline void pc_fixed(struct pc_channel *ch, uint64_t ipa, uint64_t size,
			    uint32_t slot, uint32_t intid)
{
	ch->base = (volatile uint8_t *)(uintptr_t)ipa;
	ch->size = size;
	ch->slot = slot;
	ch->intid = intid;
	ch->name[0] = 0;
}

/* ---- shared memory */

static inline int pc_range_ok(const struct pc_channel *ch, uint64_t off, uint64_t len)
{
	return off <= ch->size && len <= ch->size - off;
}

/* copies len bytes to off; -1 when it does not fit (nothing written) */
static inline int pc_write(struct pc_channel *ch, uint64_t off, const void *src, uint64_t len)
{
	volatile uint8_t *d = ch->base + off;
	const uint8_t *s = (const uint8_t *)src;

	if (!pc_range_ok(ch, off, len))
		return -1;
	for (; len && ((uintptr_t)d & 7); len--)
		*d++ = *s++;
	if (!((uintptr_t)s & 7)) {
		for (; len >= 8; len -= 8, d += 8, s += 8)
			*(volatile uint64_t *)d = *(const uint64_t *)s;
	}
	while (len--)
		*d++ = *s++;
	return 0;
}

/* copies len bytes from off; -1 when it does not fit (nothing read) */
static inline int pc_read(const struct pc_channel *ch, uint64_t off, void *dst, uint64_t len)
{
	const volatile uint8_t *s = ch->base + off;
	uint8_t *d = (uint8_t *)dst;

	if (!pc_range_ok(ch, off, len))
		return -1;
	for (; len && ((uintptr_t)s & 7); len--)
		*d++ = *s++;
	if (!((uintptr_t)d & 7)) {
		for (; len >= 8; len -= 8, d += 8, s += 8)
			*(uint64_t *)d = *(const volatile uint64_t *)s;
	}
	while (len--)
		*d++ = *s++;
	return 0;
}

/* the 32-bit word at off (4-aligned), e.g. a sequence counter */
static inline volatile uint32_t *pc_u32(struct pc_channel *ch, uint64_t off)
{
	return (volatile uint32_t *)(ch->base + off);
}

/* ---- doorbells */

static inline int64_t pc_hvc1(uint64_t fn, uint64_t a1)
{
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = a1;

	__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1) : : "x2", "x3", "memory");
	return (int64_t)x0;
}

/* ring the peer's doorbell; writes before it are visible to the peer first */
static inline int64_t pc_notify(const struct pc_channel *ch)
{
	__asm__ volatile("dsb sy" ::: "memory");
	return pc_hvc1(PC_HVC_NOTIFY, ch->slot);
}

/*
 * The guest's virtual GIC: GICv3 (IHI 0069, distributor + this vCPU's
 * redistributor, system-register CPU interface) or GICv2 (IHI 0048,
 * distributor + memory-mapped CPU interface), whichever the DTB names.
 */
struct pc_gic {
	uint64_t gicd, gicr;   /* gicr: GICv3 only */
	uint64_t gicc;         /* GICv2 only */
	int v2;
};

static inline int pc_gic_visit(const struct pc_fdt_node *n, uint32_t ac, uint32_t sc,
			       void *arg)
{
	struct pc_gic *g = (struct pc_gic *)arg;

	if (!n->compatible || n->reg_len < 8 * (ac + sc))
		return 0;
	g->v2 = pc_streq(n->compatible, "arm,cortex-a15-gic") ||
		pc_streq(n->compatible, "arm,gic-400");
	if (!g->v2 && !pc_streq(n->compatible, "arm,gic-v3"))
		return 0;
	g->gicd = pc_cells(n->reg, ac);
	g->gicr = g->gicc = pc_cells(n->reg + 4 * (ac + sc), ac);
	return 1;
}

static struct pc_gic pc_gic_state;

#define PC_GICD_CTLR       0x0000u
#define PC_GICD_IGROUPR    0x0080u
#define PC_GICD_ISENABLER  0x0100u
#define PC_GICD_IPRIORITYR 0x0400u
#define PC_GICD_IROUTER    0x6000u
#define PC_GICD_ITARGETSR  0x0800u
#define PC_GICR_WAKER      0x0014u
#define PC_GICC_CTLR       0x0000u
#define PC_GICC_PMR        0x0004u
#define PC_GICC_IAR        0x000Cu
#define PC_GICC_EOIR       0x0010u
#define PC_DOORBELL_PRIO   0x80u

static inline void pc_mmio32(uint64_t a, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)a = v;
}

/*
 * Once per guest, vCPU 0: Group 1 on in the distributor (ARE is fixed on),
 * the redistributor awake, the CPU interface (ICC_* reach the virtual
 * interface ICV_*) taking Group 1 at any priority above PMR. IRQs stay
 * masked in PSTATE: pc_wait() wakes from wfi and acknowledges by hand.
 * On GICv2 the distributor and the CPU interface are simply enabled (the
 * guest's view is the non-secure one, where that is its only group).
 * Returns -1 when the DTB names no GIC this library knows.
 */
static inline int pc_gic_init(const void *dtb)
{
	if (!pc_fdt_walk(dtb, pc_gic_visit, &pc_gic_state))
		return -1;
	if (pc_gic_state.v2) {
		pc_mmio32(pc_gic_state.gicd + PC_GICD_CTLR, 1);
		pc_mmio32(pc_gic_state.gicc + PC_GICC_PMR, 0xF0);
		pc_mmio32(pc_gic_state.gicc + PC_GICC_CTLR, 1);
		__asm__ volatile("msr daifset, #2\nisb" ::: "memory");
		return 0;
	}
	pc_mmio32(pc_gic_state.gicr + PC_GICR_WAKER, 0);
	pc_mmio32(pc_gic_state.gicd + PC_GICD_CTLR, (1u << 4) | (1u << 1));
	__asm__ volatile("msr daifset, #2\n"
			 "msr S3_0_C4_C6_0, %0\n"     /* ICC_PMR_EL1 */
			 "msr S3_0_C12_C12_3, xzr\n"  /* ICC_BPR1_EL1 */
			 "msr S3_0_C12_C12_7, %1\n"   /* ICC_IGRPEN1_EL1 */
			 "isb" : : "r"(0xF0ul), "r"(1ul) : "memory");
	return 0;
}

static inline volatile uint32_t *pc_gicd32(uint32_t off)
{
	return (volatile uint32_t *)(uintptr_t)(pc_gic_state.gicd + off);
}

/* this end's doorbell: priority 0x80, to vCPU 0 (Group 1 on GICv3), enabled */
static inline void pc_irq_enable(const struct pc_channel *ch)
{
	uint32_t id = ch->intid, bit = 1u << (id % 32), sh = 8 * (id % 4);
	volatile uint32_t *prio = pc_gicd32(PC_GICD_IPRIORITYR + (id & ~3u));

	*prio = (*prio & ~(0xFFu << sh)) | (PC_DOORBELL_PRIO << sh);
	if (pc_gic_state.v2) {
		volatile uint32_t *target = pc_gicd32(PC_GICD_ITARGETSR + (id & ~3u));
		*target = (*target & ~(0xFFu << sh)) | (1u << sh);
	} else {
		*pc_gicd32(PC_GICD_IGROUPR + 4 * (id / 32)) |= bit;
		*(volatile uint64_t *)(uintptr_t)(pc_gic_state.gicd + PC_GICD_IROUTER + 8ul * id) = 0;
	}
	*pc_gicd32(PC_GICD_ISENABLER + 4 * (id / 32)) = bit;
}

static inline uint32_t pc_ack(void)
{
	uint64_t id;

	if (pc_gic_state.v2)
		return *(volatile uint32_t *)(uintptr_t)(pc_gic_state.gicc + PC_GICC_IAR) & 0x3FFu;
	__asm__ volatile("mrs %0, S3_0_C12_C12_0" : "=r"(id) : : "memory");  /* ICC_IAR1_EL1 */
	return (uint32_t)id & 0xFFFFFFu;
}

static inline void pc_eoi(uint32_t id)
{
	if (pc_gic_state.v2) {
		pc_mmio32(pc_gic_state.gicc + PC_GICC_EOIR, id);
		return;
	}
	__asm__ volatile("msr S3_0_C12_C12_1, %0\nisb" : : "r"((uint64_t)id) : "memory");  /* ICC_EOIR1_EL1 */
}

/*
 * Take one doorbell of ch: wfi (IRQs masked, so the interrupt only wakes
 * us) until acknowledge returns its INTID, then EOI. Other interrupts that
 * come in are acknowledged and counted in *other (may be 0) so nothing
 * stays active. Returns the number of wfi that slept.
 */
static inline uint64_t pc_wait_other(const struct pc_channel *ch, uint64_t *other)
{
	uint64_t sleeps = 0;

	for (;;) {
		uint32_t id = pc_ack();

		if (id < 1020) {
			pc_eoi(id);
			if (id == ch->intid)
				return sleeps;
			if (other)
				(*other)++;
			continue;
		}
		__asm__ volatile("dsb sy; wfi" ::: "memory");
		sleeps++;
	}
}

static inline uint64_t pc_wait(const struct pc_channel *ch)
{
	return pc_wait_other(ch, 0);
}

/* take a pending doorbell without sleeping: 1 taken, 0 none was pending */
static inline int pc_try_take(const struct pc_channel *ch)
{
	uint32_t id = pc_ack();

	if (id >= 1020)
		return 0;
	pc_eoi(id);
	return id == ch->intid;
}

/* the fallback without a virtual GIC: spin until *word != old; its value */
static inline uint32_t pc_poll_u32(volatile uint32_t *word, uint32_t old)
{
	uint32_t v;

	while ((v = *word) == old)
		__asm__ volatile("yield" ::: "memory");
	__asm__ volatile("dmb sy" ::: "memory");
	return v;
}

#endif /* PARTITA_CHANNEL_H */
