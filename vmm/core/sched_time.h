/* SPDX-License-Identifier: MIT */
/*
 * Time-partitioning arithmetic, free of hardware so the host unit test
 * (tests/unit/test_sched.c) runs it: nanoseconds of the plan to counter
 * ticks at CNTFRQ_EL0 and back, and the boundary of window i of cycle k,
 * always computed from the one period start t0 (layout.h "Time
 * partitioning"), so rounding never accumulates over cycles.
 */
#ifndef CORE_SCHED_TIME_H
#define CORE_SCHED_TIME_H

#include <stdint.h>

#define SCHED_NS_PER_S 1000000000ull

/*
 * floor(ns * frq / 1e9) without a 128-bit product: whole seconds times frq,
 * plus the sub-second rest (< 1e9 * 2^32 < 2^62: CNTFRQ_EL0 is 32 bits).
 */
static inline uint64_t sched_ns_to_ticks(uint64_t ns, uint64_t frq)
{
	return ns / SCHED_NS_PER_S * frq + ns % SCHED_NS_PER_S * frq / SCHED_NS_PER_S;
}

/* floor(ticks * 1e9 / frq), by the same split */
static inline uint64_t sched_ticks_to_ns(uint64_t ticks, uint64_t frq)
{
	return ticks / frq * SCHED_NS_PER_S + ticks % frq * SCHED_NS_PER_S / frq;
}

/*
 * Counter value at which window i of cycle k starts: t0 + ticks(k * period
 * + cum_ns), cum_ns = the lengths of windows 0..i-1. Monotonic in (k, i)
 * because floor() is monotonic.
 */
static inline uint64_t sched_boundary(uint64_t t0, uint64_t frq, uint64_t k,
				      uint64_t period_ns, uint64_t cum_ns)
{
	return t0 + sched_ns_to_ticks(k * period_ns + cum_ns, frq);
}

/*
 * The window holding counter value now (>= t0): cycle *k and window *i of
 * a plan with count windows, cum[j] = ns from the period start to window j
 * (cum[count] = period). The cycle is estimated from the elapsed time and
 * then settled by exact compares against the same boundaries the timer
 * uses. Returns the counter value that ends that window.
 */
static inline uint64_t sched_find(uint64_t t0, uint64_t frq, uint64_t period_ns,
				  const uint64_t *cum, uint32_t count, uint64_t now,
				  uint64_t *k, uint32_t *i)
{
	uint64_t c = sched_ticks_to_ns(now - t0, frq) / period_ns;
	uint32_t w = count - 1;

	while (c && sched_boundary(t0, frq, c, period_ns, 0) > now)
		c--;
	while (sched_boundary(t0, frq, c + 1, period_ns, 0) <= now)
		c++;
	while (w && sched_boundary(t0, frq, c, period_ns, cum[w]) > now)
		w--;
	*k = c;
	*i = w;
	return sched_boundary(t0, frq, c, period_ns, cum[w + 1]);
}

#endif /* CORE_SCHED_TIME_H */
