// SPDX-License-Identifier: MIT
/*
 * Console output rings (issue 18 item 4). Printing a line used to hold one
 * global lock while the CPU spun on the UART's TX-full bit: at 115200 baud
 * a 256-byte line is 22 ms in which every other CPU that logs spins with
 * its guest's interrupts blocked. Now a line is a record in its guest's
 * ring (a copy under that ring's lock); the UART is fed by whichever CPU
 * gets conout_uart with a trylock, as long as the FIFO takes bytes, on the
 * writer's own exit, on every later exit of any CPU while anything is
 * queued, by a CPU whose guest waits for an interrupt in a trapped WFI,
 * until one comes, and, for a FIFO left full, from the EL2 timer of a
 * CPU that runs no guest (or, without one, of the CPU that left it full):
 * a guest whose WFI is not trapped may never exit again. Records carry a global sequence number, so lines come out in the
 * order they were completed. A guest over CONOUT_RATE bytes/s or with a full
 * ring loses the line, counted; the runtime's own lines wait for room.
 */
#include <partita/layout.h>

#include "arch/aarch64/gic.h"
#include "arch/aarch64/sysregs.h"
#include "core/conout.h"
#include "core/guest.h"
#include "core/htimer.h"
#include "core/lib.h"
#include "core/log.h"
#include "drivers/uart.h"

#define CONOUT_RINGS   (CONOUT_RUNTIME + 1)
#define CONOUT_PARTIAL 1u
#define CONOUT_MASK    (CONOUT_RING_SIZE - 1)
#define CONOUT_SIM_FIFO 16u     /* bytes the simulated slow UART buffers (a 16550's) */

_Static_assert(CONOUT_RUNTIME == LAYOUT_MAX_GUESTS, "the runtime's ring follows the guests'");
_Static_assert((CONOUT_RING_SIZE & CONOUT_MASK) == 0, "ring size is a power of two");

struct conout_rec {
	uint32_t seq;
	uint16_t len;
	uint16_t flags;            /* CONOUT_PARTIAL: no line end */
};

struct conout_ring {
	struct spinlock lock;      /* producers */
	const char *name;          /* line prefix; NULL: the runtime's lines, as they are */
	volatile uint32_t head;    /* bytes consumed, by the drainer */
	volatile uint32_t tail;    /* bytes produced, under lock */
	uint64_t dropped;          /* text bytes refused */
	uint64_t tokens, refill;   /* rate limit: bytes allowed now, CNTPCT they count from */
	bool dropping;             /* a line was refused: noted once, counted at stop */
	uint8_t buf[CONOUT_RING_SIZE];
};

static struct conout_ring conout_rings[CONOUT_RINGS];
static uint32_t conout_guests;     /* rings 0..n-1 in use, then the runtime's */
static struct spinlock conout_uart;        /* the UART and the staging line */
static uint32_t conout_seq;
volatile uint32_t conout_pending;          /* something queued or staged */
static volatile uint32_t conout_on;
static const struct conout_ring *conout_open;  /* guest line left unterminated */
static char conout_stage[CONOUT_TEXT_MAX + LAYOUT_NAME_SIZE + 8];
static uint32_t conout_stage_len, conout_stage_pos;
static uint64_t conout_byte_ticks, conout_sim_empty;  /* simulated slow UART */
static uint64_t conout_retry_ticks;        /* a full FIFO is tried again after this */
static uint32_t conout_drainer = ~0u;      /* the CPU that retries it (~0: each its own) */
static volatile uint32_t conout_drainer_asked;

static struct conout_ring *conout_oldest(void);
static void conout_stage_begin(const struct conout_ring *r);
static void conout_stage_add(const char *s, uint32_t n);
static void conout_stage_end(const struct conout_ring *r, bool partial);
static bool conout_drain_locked(void);
static void conout_retry(void);

#define ISR_IF (3u << 6)        /* ISR_EL1.I, ISR_EL1.F */

/* ring bytes [at, at + n) in at most two pieces */
static void conout_copy_in(struct conout_ring *r, uint32_t at, const void *src, uint32_t n)
{
	uint32_t off = at & CONOUT_MASK, first = n < CONOUT_RING_SIZE - off ? n : CONOUT_RING_SIZE - off;

	memcpy(&r->buf[off], src, first);
	memcpy(r->buf, (const uint8_t *)src + first, n - first);
}

static void conout_copy_out(const struct conout_ring *r, uint32_t at, void *dst, uint32_t n)
{
	uint32_t off = at & CONOUT_MASK, first = n < CONOUT_RING_SIZE - off ? n : CONOUT_RING_SIZE - off;

	memcpy(dst, &r->buf[off], first);
	memcpy((uint8_t *)dst + first, r->buf, n - first);
}

void conout_start(const struct layout_board *b, const char *const *names, uint32_t count)
{
	uint64_t now = sysreg_read(cntpct_el0);

	conout_guests = count < CONOUT_RUNTIME ? count : CONOUT_RUNTIME;
	for (uint32_t i = 0; i < conout_guests; i++) {
		conout_rings[i].name = names[i];
		conout_rings[i].tokens = CONOUT_BURST;
		conout_rings[i].refill = now;
	}
	if (b->uart_sim_baud)   /* 10 bits per byte: start, 8 data, stop */
		conout_byte_ticks = sysreg_read(cntfrq_el0) * 10 / b->uart_sim_baud;
	/* half a simulated FIFO's time; a real UART's FIFO (16-64 bytes) takes
	 * longer than 500 us to empty at 115200 baud */
	conout_retry_ticks = conout_byte_ticks ? conout_byte_ticks * CONOUT_SIM_FIFO / 2
			     : sysreg_read(cntfrq_el0) / 2000;
	for (uint32_t i = 0; i < rt.cpu_count && conout_drainer == ~0u; i++) {
		if (!rt.cpu[i].vcpu)
			conout_drainer = i;     /* no vCPU pinned there, ever */
	}
	atomic_store32(&conout_on, 1);
}

bool conout_started(void)
{
	return atomic_load32(&conout_on) != 0;
}

/* token bucket of CONOUT_RATE bytes/s, at most CONOUT_BURST saved up */
static bool conout_rate_ok(struct conout_ring *r, uint32_t n)
{
	uint64_t now = sysreg_read(cntpct_el0), frq = sysreg_read(cntfrq_el0);
	uint64_t earned = (now - r->refill) * CONOUT_RATE / frq;

	if (earned) {
		r->refill += earned * frq / CONOUT_RATE;
		r->tokens = r->tokens + earned > CONOUT_BURST ? CONOUT_BURST : r->tokens + earned;
	}
	if (r->tokens < n)
		return false;
	r->tokens -= n;
	return true;
}

/*
 * Nothing older queued and the UART free: stage the line straight from the
 * caller's buffer (no trip through the ring) and send what the FIFO takes;
 * the rest goes on like any staged line.
 */
static bool conout_direct(struct conout_ring *r, const char *text, uint32_t len, bool partial)
{
	bool done = false, full = false;

	if (!spin_trylock(&conout_uart))
		return false;
	if (conout_stage_pos == conout_stage_len && !conout_oldest()) {
		spin_lock(&r->lock);
		done = !r->name || conout_rate_ok(r, len);   /* refused: the ring path counts it */
		spin_unlock(&r->lock);
		if (done) {
			conout_stage_begin(r);
			conout_stage_add(text, len);
			conout_stage_end(r, partial);
			full = conout_drain_locked();
		}
	}
	spin_unlock(&conout_uart);
	if (full)
		conout_retry();
	return done;
}

/*
 * The runtime's own lines (fault and containment records) are not dropped
 * for a full ring: the writer feeds the UART until there is room. They are
 * few (fault lines are rate-limited per guest). Only a UART that takes
 * nothing for a second (another CPU stuck holding it, or the machine going
 * off) makes it give up, counted like a guest's line.
 */
static bool conout_runtime_waits(const struct conout_ring *r, uint64_t *until)
{
	uint64_t now = sysreg_read(cntpct_el0);

	if (r->name)
		return false;
	if (!*until)
		*until = now + sysreg_read(cntfrq_el0);
	return now < *until;
}

bool conout_line(uint32_t ring, const char *text, size_t len, bool partial)
{
	struct conout_ring *r = &conout_rings[ring < CONOUT_RINGS ? ring : CONOUT_RUNTIME];
	struct conout_rec rec = { .len = (uint16_t)(len > CONOUT_TEXT_MAX ? CONOUT_TEXT_MAX : len),
				  .flags = partial ? CONOUT_PARTIAL : 0 };
	uint32_t need = (uint32_t)sizeof(rec) + rec.len;
	bool ok, note;

	if (conout_direct(r, text, rec.len, partial))
		return true;
	for (uint64_t until = 0;;) {
		spin_lock(&r->lock);
		ok = need <= CONOUT_RING_SIZE - (r->tail - atomic_load32(&r->head)) &&
		     (!r->name || conout_rate_ok(r, rec.len));
		if (ok || !conout_runtime_waits(r, &until))
			break;
		spin_unlock(&r->lock);
		conout_poll();
	}
	if (ok) {
		rec.seq = __atomic_fetch_add(&conout_seq, 1, __ATOMIC_RELAXED);
		conout_copy_in(r, r->tail, &rec, sizeof(rec));
		conout_copy_in(r, r->tail + (uint32_t)sizeof(rec), text, rec.len);
		atomic_store32(&r->tail, r->tail + need);
	} else {
		r->dropped += rec.len;
	}
	note = !ok && !r->dropping && r->name;
	r->dropping |= !ok;
	spin_unlock(&r->lock);
	if (ok)
		__atomic_store_n(&conout_pending, 1, __ATOMIC_SEQ_CST);
	if (note)
		log_printf("vmm|%s|console: over %u bytes/s or %u bytes queued: dropping lines "
			   "(counted, total when it stops)\n", r->name, CONOUT_RATE, CONOUT_RING_SIZE);
	conout_poll();
	return ok;
}

/* the ring whose oldest record was completed first, or NULL; only the
 * rings in use are looked at (32 guest slots, most of them empty) */
static struct conout_ring *conout_oldest(void)
{
	struct conout_ring *best = 0;
	uint32_t best_seq = 0;

	for (uint32_t i = 0; i <= conout_guests; i++) {
		struct conout_ring *r = &conout_rings[i == conout_guests ? CONOUT_RUNTIME : i];
		struct conout_rec rec;

		if (__atomic_load_n(&r->tail, __ATOMIC_SEQ_CST) == r->head)
			continue;
		conout_copy_out(r, r->head, &rec, sizeof(rec));
		if (!best || (int32_t)(rec.seq - best_seq) < 0) {
			best = r;
			best_seq = rec.seq;
		}
	}
	return best;
}

static void conout_stage_add(const char *s, uint32_t n)
{
	memcpy(&conout_stage[conout_stage_len], s, n);
	conout_stage_len += n;
}

/*
 * A line for ring r, formatted in the staging buffer: "<guest>| text\r\n"
 * (a partial one without the line end, continued by its guest's next line
 * without the prefix; anything else ends it first), the runtime's lines as
 * they are (log.c wrote their "\r\n"). Text is added between the two.
 */
static void conout_stage_begin(const struct conout_ring *r)
{
	conout_stage_len = conout_stage_pos = 0;
	if (conout_open == r && r->name)
		return;
	if (conout_open)
		conout_stage_add("\r\n", 2);
	if (r->name) {
		conout_stage_add(r->name, (uint32_t)lib_strnlen(r->name, LAYOUT_NAME_SIZE - 1));
		conout_stage_add("| ", 2);
	}
}

static void conout_stage_end(const struct conout_ring *r, bool partial)
{
	if (r->name && !partial)
		conout_stage_add("\r\n", 2);
	conout_open = r->name && partial ? r : 0;
}

/* the oldest record of all rings, staged */
static bool conout_stage_next(void)
{
	struct conout_ring *r = conout_oldest();
	struct conout_rec rec;

	if (!r)
		return false;
	conout_copy_out(r, r->head, &rec, sizeof(rec));
	conout_stage_begin(r);
	conout_copy_out(r, r->head + (uint32_t)sizeof(rec), &conout_stage[conout_stage_len], rec.len);
	conout_stage_len += rec.len;
	atomic_store32(&r->head, r->head + (uint32_t)sizeof(rec) + rec.len);
	conout_stage_end(r, rec.flags & CONOUT_PARTIAL);
	return true;
}

/*
 * What the UART (or the simulated slow line) takes now of the staged line.
 * The simulation is a CONOUT_SIM_FIFO-byte FIFO emptied at the line rate:
 * conout_sim_empty is when the bytes accepted so far will have left.
 */
static void conout_tx(void)
{
	uint64_t now, busy;
	uint32_t room, n;

	if (!conout_byte_ticks) {
		conout_stage_pos += (uint32_t)uart_tx_some(&conout_stage[conout_stage_pos],
							   conout_stage_len - conout_stage_pos);
		return;
	}
	now = sysreg_read(cntpct_el0);
	busy = conout_sim_empty > now ? conout_sim_empty - now : 0;
	room = CONOUT_SIM_FIFO - (uint32_t)((busy + conout_byte_ticks - 1) / conout_byte_ticks);
	n = conout_stage_len - conout_stage_pos;
	n = (uint32_t)uart_tx_some(&conout_stage[conout_stage_pos], n < room ? n : room);
	conout_stage_pos += n;
	conout_sim_empty = (busy ? conout_sim_empty : now) + n * conout_byte_ticks;
}

/* with conout_uart held: move bytes while the UART takes them; true: it
 * stopped on a full FIFO with bytes left */
static bool conout_drain_locked(void)
{
	for (;;) {
		if (conout_stage_pos < conout_stage_len)
			conout_tx();
		if (conout_stage_pos < conout_stage_len) {
			/* FIFO full: the next exit, or the retry, goes on */
			__atomic_store_n(&conout_pending, 1, __ATOMIC_SEQ_CST);
			return true;
		}
		if (!conout_stage_next())
			break;
	}
	/* all out; a producer that queued meanwhile sees 0 and sets it again */
	__atomic_store_n(&conout_pending, 0, __ATOMIC_SEQ_CST);
	if (conout_oldest())
		__atomic_store_n(&conout_pending, 1, __ATOMIC_SEQ_CST);
	return false;
}

/*
 * This CPU left the FIFO full: an EL2 timer comes back to it (core/htimer.c).
 * Best that of a CPU that runs no guest, the drainer, asked once with a
 * kick: its retries cost no guest an exit, where a guest CPU's would land
 * in that guest's interrupt latency (tests/zcu102's ticker beside a
 * chatty guest: its mean latency more than doubled). Without such a CPU
 * (every CPU runs a guest) the CPU that found the FIFO full retries.
 */
static void conout_retry(void)
{
	struct cpu *c = vcpu_this_cpu();

	if (conout_drainer != ~0u && c->index != conout_drainer) {
		if (!__atomic_exchange_n(&conout_drainer_asked, 1, __ATOMIC_SEQ_CST))
			gic_send_sgi(rt.cpu[conout_drainer].mpidr, GIC_SGI_KICK);
		return;
	}
	if (!htimer_get(c, HTIMER_CONOUT))
		htimer_set(c, HTIMER_CONOUT, htimer_now() + conout_retry_ticks);
}

/*
 * The retry came (HTIMER_CONOUT), or the drainer woke: drain. The drainer
 * keeps its retry armed while anything is queued, whoever holds the UART,
 * and stops being asked only with nothing queued (Dekker with
 * conout_retry: asked cleared, then conout_pending read; pending set, then
 * asked exchanged).
 */
void conout_retry_due(struct cpu *c)
{
	conout_poll();
	if (c->index != conout_drainer)
		return;             /* conout_poll re-armed it if the FIFO is full */
	for (;;) {
		if (__atomic_load_n(&conout_pending, __ATOMIC_SEQ_CST)) {
			if (!htimer_get(c, HTIMER_CONOUT))
				htimer_set(c, HTIMER_CONOUT, htimer_now() + conout_retry_ticks);
			return;
		}
		__atomic_store_n(&conout_drainer_asked, 0, __ATOMIC_SEQ_CST);
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (!__atomic_load_n(&conout_pending, __ATOMIC_SEQ_CST))
			return;
		__atomic_store_n(&conout_drainer_asked, 1, __ATOMIC_SEQ_CST);
	}
}

void conout_idle_cpu(struct cpu *c)
{
	if (c->index == conout_drainer && __atomic_load_n(&conout_drainer_asked, __ATOMIC_SEQ_CST))
		conout_retry_due(c);
}

/*
 * Dekker with the producers: a producer sets conout_pending, then tries
 * the lock; the holder unlocks, then reads conout_pending. One of them sees
 * the other (the fences), so a record queued while the holder finished is
 * drained by the holder's second round or by the producer itself, and a
 * full FIFO always leaves a retry armed (conout_retry).
 */
void conout_poll(void)
{
	if (!atomic_load32(&conout_on))
		return;
	do {
		bool full;

		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (!spin_trylock(&conout_uart))
			return;     /* the holder reads conout_pending after unlocking */
		full = conout_drain_locked();
		spin_unlock(&conout_uart);
		if (full) {
			conout_retry();
			return;
		}
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
	} while (__atomic_load_n(&conout_pending, __ATOMIC_SEQ_CST));
}

/*
 * This CPU's guest waits for an interrupt (WFI): the CPU has nothing else
 * to do, so it feeds the UART, waiting on it, until the queue is empty or an
 * interrupt is pending for it (ISR_EL1 at EL2: the physical IRQ and FIQ
 * lines, DDI 0487 "ISR_EL1"), which its guest then gets without delay.
 */
void conout_idle(void)
{
	while (__atomic_load_n(&conout_pending, __ATOMIC_RELAXED) &&
	       !(sysreg_read(isr_el1) & ISR_IF))
		conout_poll();
}

void conout_flush_for_good(void)
{
	uint64_t lost;

	if (!atomic_load32(&conout_on))
		return;
	/* never given back: the machine is going off. A panic on a CPU that
	 * holds it (or one stuck there) must still reach power off: after about
	 * a second of trying, go on without it */
	for (uint64_t spin = 0; !spin_trylock(&conout_uart) && spin < 100000000; spin++)
		__asm__ volatile("yield");
	do
		conout_drain_locked();
	while (__atomic_load_n(&conout_pending, __ATOMIC_SEQ_CST));
	/* the runtime's own lines wait for room; only a stuck UART loses them */
	lost = conout_rings[CONOUT_RUNTIME].dropped;
	if (lost) {
		log_printf("vmm|console: %lu bytes of runtime lines dropped (ring full)\n", lost);
		do
			conout_drain_locked();
		while (__atomic_load_n(&conout_pending, __ATOMIC_SEQ_CST));
	}
}

void conout_report_dropped(uint32_t ring)
{
	struct conout_ring *r = &conout_rings[ring < CONOUT_RUNTIME ? ring : 0];
	uint64_t dropped;

	spin_lock(&r->lock);
	dropped = r->dropped;
	spin_unlock(&r->lock);
	if (dropped && r->name)
		log_printf("vmm|%s|console: %lu bytes dropped\n", r->name, dropped);
}
