/* SPDX-License-Identifier: MIT */
/*
 * Size and name syntax: decimal, hex, K/M/G/T and KiB.. suffixes, overflow
 * detected at every step, names as [a-z][a-z0-9_-]{0,30}.
 */
#include <stdint.h>
#include <string.h>

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

static bool time_is(const char *text, uint64_t want)
{
	uint64_t v = 0;

	return spec_parse_time(text, &v) == SPEC_SIZE_OK && v == want;
}

static void test_times(void)
{
	char buf[SPEC_TIME_TEXT];

	FRONT_CHECK("time: 500us", time_is("500us", 500000));
	FRONT_CHECK("time: 4ms", time_is("4ms", 4000000));
	FRONT_CHECK("time: 10s", time_is("10s", 10000000000ull));
	FRONT_CHECK("time: 0ms parses (spec_time refuses zero)", time_is("0ms", 0));
	FRONT_CHECK("time: bare number refused", !time_is("10", 10));
	FRONT_CHECK("time: fraction refused", !time_is("2.5ms", 2500000));
	FRONT_CHECK("time: hex refused", !time_is("0x10ms", 16000000));
	FRONT_CHECK("time: ns refused", !time_is("100ns", 100));
	FRONT_CHECK("time: space refused", !time_is("4 ms", 4000000));
	FRONT_CHECK("time: upper case refused", !time_is("4MS", 4000000));
	uint64_t v;
	FRONT_CHECK("time: overflow", spec_parse_time("18446744073710s", &v) == SPEC_SIZE_OVERFLOW);
	FRONT_CHECK("time text: 10ms", !strcmp(spec_time_text(10000000, buf, sizeof(buf)), "10ms"));
	FRONT_CHECK("time text: 1500us", !strcmp(spec_time_text(1500000, buf, sizeof(buf)), "1500us"));
	FRONT_CHECK("time text: 2s", !strcmp(spec_time_text(2000000000, buf, sizeof(buf)), "2s"));
	FRONT_CHECK("time text: 1ns", !strcmp(spec_time_text(1, buf, sizeof(buf)), "1ns"));
	FRONT_CHECK("time text: max fits",
		    !strcmp(spec_time_text(UINT64_MAX, buf, sizeof(buf)), "18446744073709551615ns"));
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
	test_times();
	test_names();
	return front_finish();
}
