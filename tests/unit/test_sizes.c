/* SPDX-License-Identifier: MIT */
/*
 * Size and name syntax: decimal, hex, K/M/G/T and KiB.. suffixes, overflow
 * detected at every step, names as [a-z][a-z0-9_-]{0,30}.
 */
#include <stdint.h>

#include "front_check.h"
#include "spec.h"

static bool size_is(const char *text, uint64_t want)
{
	uint64_t v = 0;

	return spec_parse_size(text, &v) == SPEC_SIZE_OK && v == want;
}

static bool size_fails(const char *text, enum spec_size_result why)
{
	uint64_t v = 0;

	return spec_parse_size(text, &v) == why;
}

static void test_good_sizes(void)
{
	FRONT_CHECK("size: 4096", size_is("4096", 4096));
	FRONT_CHECK("size: 0x1000", size_is("0x1000", 0x1000));
	FRONT_CHECK("size: 0X1f", size_is("0X1f", 0x1f));
	FRONT_CHECK("size: 4K", size_is("4K", 4096));
	FRONT_CHECK("size: 256M", size_is("256M", 256ull << 20));
	FRONT_CHECK("size: 1G", size_is("1G", 1ull << 30));
	FRONT_CHECK("size: 2T", size_is("2T", 2ull << 40));
	FRONT_CHECK("size: 16MiB", size_is("16MiB", 16ull << 20));
	FRONT_CHECK("size: 0x10M", size_is("0x10M", 16ull << 20));
	FRONT_CHECK("size: max u64", size_is("18446744073709551615", UINT64_MAX));
	FRONT_CHECK("size: max u64 hex", size_is("0xffffffffffffffff", UINT64_MAX));
	FRONT_CHECK("size: 16777215T fits", size_is("16777215T", 16777215ull << 40));
}

static void test_bad_sizes(void)
{
	FRONT_CHECK("size: empty", size_fails("", SPEC_SIZE_BAD));
	FRONT_CHECK("size: suffix only", size_fails("M", SPEC_SIZE_BAD));
	FRONT_CHECK("size: unknown suffix", size_fails("256Q", SPEC_SIZE_BAD));
	FRONT_CHECK("size: lower-case suffix", size_fails("4k", SPEC_SIZE_BAD));
	FRONT_CHECK("size: space", size_fails("4 K", SPEC_SIZE_BAD));
	FRONT_CHECK("size: negative", size_fails("-1", SPEC_SIZE_BAD));
	FRONT_CHECK("size: bare 0x", size_fails("0x", SPEC_SIZE_BAD));
	FRONT_CHECK("size: hex digits in decimal", size_fails("12ab", SPEC_SIZE_BAD));
	FRONT_CHECK("size: two suffixes", size_fails("1KM", SPEC_SIZE_BAD));
	FRONT_CHECK("size: u64 + 1 overflows", size_fails("18446744073709551616", SPEC_SIZE_OVERFLOW));
	FRONT_CHECK("size: 17 hex digits overflow", size_fails("0x10000000000000000", SPEC_SIZE_OVERFLOW));
	FRONT_CHECK("size: suffix overflows", size_fails("16777216T", SPEC_SIZE_OVERFLOW));
	FRONT_CHECK("size: 2^34 G overflows", size_fails("17179869184G", SPEC_SIZE_OVERFLOW));
}

static void test_names(void)
{
	FRONT_CHECK("name: linux0", spec_name_ok("linux0"));
	FRONT_CHECK("name: a_b-c", spec_name_ok("a_b-c"));
	FRONT_CHECK("name: 31 chars", spec_name_ok("abcdefghijklmnopqrstuvwxyz01234"));
	FRONT_CHECK("name: 32 chars rejected", !spec_name_ok("abcdefghijklmnopqrstuvwxyz012345"));
	FRONT_CHECK("name: empty rejected", !spec_name_ok(""));
	FRONT_CHECK("name: leading digit rejected", !spec_name_ok("0linux"));
	FRONT_CHECK("name: capital rejected", !spec_name_ok("Linux"));
	FRONT_CHECK("name: dot rejected", !spec_name_ok("a.b"));
	FRONT_CHECK("name: slash rejected", !spec_name_ok("a/b"));
}

int main(void)
{
	test_good_sizes();
	test_bad_sizes();
	test_names();
	return front_finish();
}
