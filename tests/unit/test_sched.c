/* SPDX-License-Identifier: MIT */
/*
 * The time-partitioning arithmetic of the runtime (vmm/core/sched_time.h)
 * on the host: ns to counter ticks at the counter frequencies of the
 * supported boards and QEMU, boundaries that never drift over a million
 * periods (checked against exact 128-bit arithmetic), windows that tile
 * the period without gaps, and finding the window that holds a given
 * counter value, as a CPU that starts late does.
 */
#include <stdio.h>

#include "core/sched_time.h"

static int failed;

#define CHECK(name, cond) do { \
	if (cond) printf("PASS sched: %s\n", name); \
	else { printf("FAIL sched: %s (%s:%d: %s)\n", name, __FILE__, __LINE__, #cond); failed++; } \
} while (0)

/* exact floor(ns * frq / 1e9) */
static uint64_t ref_ticks(uint64_t ns, uint64_t frq)
{
	return (uint64_t)((unsigned __int128)ns * frq / 1000000000u);
}

int main(void)
{
	/* QEMU virt 62.5 MHz, ZynqMP 100 MHz, i.MX8MQ 8.333 MHz, BCM2711 54 MHz, an odd one */
	static const uint64_t frqs[] = { 62500000, 100000000, 8333333, 54000000, 33333333,
					 1000000000, 0xFFFFFFFFu };
	static const uint64_t cum[] = { 0, 4000000, 10000000 };   /* 4 + 6 ms */
	const uint64_t t0 = 123456789, period = 10000000;
	int exact = 1, tiled = 1, found = 1, monotonic = 1;

	CHECK("10 ms at 62.5 MHz is 625000 ticks", sched_ns_to_ticks(10000000, 62500000) == 625000);
	CHECK("4 ms at 62.5 MHz is 250000 ticks", sched_ns_to_ticks(4000000, 62500000) == 250000);
	CHECK("ticks back to ns at 62.5 MHz: 16 ns each", sched_ticks_to_ns(625000, 62500000) == 10000000);
	CHECK("10 s at 4.29 GHz does not overflow",
	      sched_ns_to_ticks(10000000000ull, 0xFFFFFFFFu) == ref_ticks(10000000000ull, 0xFFFFFFFFu));
	for (unsigned f = 0; f < sizeof(frqs) / sizeof(frqs[0]); f++) {
		uint64_t frq = frqs[f];
		uint64_t prev = 0;

		for (uint64_t k = 0; k < 1000000; k += 997) {
			for (uint32_t i = 0; i < 3; i++) {
				uint64_t b = sched_boundary(t0, frq, k, period, cum[i]);

				exact &= b == t0 + ref_ticks(k * period + cum[i], frq);
				monotonic &= b >= prev;
				prev = b;
			}
			/* the last window of cycle k ends where cycle k+1 starts */
			tiled &= sched_boundary(t0, frq, k, period, cum[2]) ==
				 sched_boundary(t0, frq, k + 1, period, 0);
		}
		for (uint64_t now = t0; now < t0 + 40 * frq / 100; now += frq / 997 + 1) {
			uint64_t k, end;
			uint32_t i;

			end = sched_find(t0, frq, period, cum, 2, now, &k, &i);
			found &= sched_boundary(t0, frq, k, period, cum[i]) <= now && now < end &&
				 end == sched_boundary(t0, frq, k, period, cum[i + 1]);
		}
	}
	CHECK("boundaries equal exact arithmetic over a million periods, 7 frequencies", exact);
	CHECK("boundaries never go backwards", monotonic);
	CHECK("the last window ends where the next period starts", tiled);
	CHECK("the window found holds the counter value, for 400 ms of values", found);
	{
		uint64_t k;
		uint32_t i;
		uint64_t end = sched_find(t0, 62500000, period, cum, 2, t0 + 250000, &k, &i);

		CHECK("the second window starts exactly at 4 ms", k == 0 && i == 1 && end == t0 + 625000);
		end = sched_find(t0, 62500000, period, cum, 2, t0 + 249999, &k, &i);
		CHECK("one tick before 4 ms is still the first window", k == 0 && i == 0 &&
		      end == t0 + 250000);
		end = sched_find(t0, 62500000, period, cum, 2, t0 + 625000ull * 1000 + 1, &k, &i);
		CHECK("cycle 1000 found", k == 1000 && i == 0);
	}
	return failed != 0;
}
