// SPDX-License-Identifier: MIT
/*
 * heartbeat_ref WORK BEATS: the checksums the victim guest
 * (tests/guests/victim.c) must print, one `<n> <hex>` line per beat.
 * Written apart from the guest on purpose: if the two disagree, the runner
 * fails whether the guest or this reference is wrong.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define WORDS 512

int main(int argc, char **argv)
{
	static uint64_t buf[WORDS];
	uint64_t sum = 0x5eed, work, beats;

	if (argc != 3) {
		fprintf(stderr, "usage: heartbeat_ref WORK BEATS\n");
		return 2;
	}
	work = strtoull(argv[1], NULL, 0);
	beats = strtoull(argv[2], NULL, 0);
	for (uint64_t n = 1; n <= beats; n++) {
		for (uint64_t r = 0; r < work; r++) {
			uint64_t x = sum | 1;

			for (int i = 0; i < WORDS; i++) {
				x ^= x << 13;
				x ^= x >> 7;
				x ^= x << 17;
				buf[i] ^= x;
				sum = (sum << 5 | sum >> 59) ^ buf[i];
			}
		}
		printf("%llu %llx\n", (unsigned long long)n, (unsigned long long)sum);
	}
	return 0;
}
