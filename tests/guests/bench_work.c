// SPDX-License-Identifier: MIT
/*
 * bench_work: a compute kernel and a memory-stream kernel, timed with CNTVCT.
 * The same ELF runs natively at EL1 (QEMU -kernel, virtualization=off: no DTB
 * in x0, PSCI over hvc to QEMU) and as a guest under the runtime, so the
 * ratio of the two runs' figures is what the runtime adds. Under
 * -icount shift=0 a CNTVCT delta in nanoseconds is the instructions executed
 * by all CPUs meanwhile. Prints `BENCH <kernel> <ns>` and a checksum that
 * must match between the runs (same work done).
 */
#include "guest.h"

#define STREAM_WORDS (256u * 1024u)     /* 2 MiB per array */
#define STREAM_PASSES 4u
#define COMPUTE_ROUNDS (4u * 1024u * 1024u)

static uint64_t src_a[STREAM_WORDS], src_b[STREAM_WORDS], dst[STREAM_WORDS];

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	guest_puts("BENCH unexpected exception esr=0x");
	guest_putu(esr, 16);
	guest_puts("\n");
	guest_off();
}

static void report(const char *what, uint64_t v, unsigned base)
{
	guest_puts("BENCH ");
	guest_puts(what);
	guest_puts(base == 16 ? " 0x" : " ");
	guest_putu(v, base);
	guest_puts("\n");
}

/* xorshift64* with a multiply-accumulate: registers only */
static uint64_t compute(uint32_t rounds)
{
	uint64_t x = 0x9E3779B97F4A7C15ull, acc = 0;

	for (uint32_t i = 0; i < rounds; i++) {
		x ^= x >> 12;
		x ^= x << 25;
		x ^= x >> 27;
		acc += (x * 0x2545F4914F6CDD1Dull) >> 7;
	}
	return acc;
}

/* STREAM-style triad dst = a + 3 * b, then a sum so nothing is dead */
static uint64_t stream(uint32_t passes)
{
	uint64_t sum = 0;

	for (uint32_t i = 0; i < STREAM_WORDS; i++) {
		src_a[i] = i;
		src_b[i] = (uint64_t)i << 1;
	}
	for (uint32_t p = 0; p < passes; p++) {
		for (uint32_t i = 0; i < STREAM_WORDS; i++)
			dst[i] = src_a[i] + 3 * src_b[i] + p;
		sum += dst[p * 4099u % STREAM_WORDS];
	}
	return sum;
}

void guest_main(const void *dtb)
{
	uint64_t t0, check;

	t0 = guest_vns();
	check = compute(COMPUTE_ROUNDS);
	report("compute", guest_vns() - t0, 10);
	t0 = guest_vns();
	check ^= stream(STREAM_PASSES);
	report("stream", guest_vns() - t0, 10);
	report("checksum", check, 16);
	guest_off();
}
