/* SPDX-License-Identifier: MIT */
/*
 * Did-you-mean: edit distances (with swapped neighbours costing one) and the
 * closeness limit that keeps wild guesses out of error messages.
 */
#include "front_check.h"
#include "suggest.h"

static const char *const keys[] = {
	"template", "kernel", "initrd", "memory", "cpus", "vcpus", "on_fault", "console",
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static bool suggests(const char *word, const char *want)
{
	const char *got = suggest_word(word, keys, NKEYS);

	return want ? got && !strcmp(got, want) : got == NULL;
}

int main(void)
{
	FRONT_CHECK("suggest: identical", suggest_distance("memory", "memory") == 0);
	FRONT_CHECK("suggest: one substitution", suggest_distance("kernal", "kernel") == 1);
	FRONT_CHECK("suggest: one insertion", suggest_distance("cpu", "cpus") == 1);
	FRONT_CHECK("suggest: swap counts one", suggest_distance("rtso", "rtos") == 1);
	FRONT_CHECK("suggest: empty vs word", suggest_distance("", "abc") == 3);
	FRONT_CHECK("suggest: kitten/sitting", suggest_distance("kitten", "sitting") == 3);
	FRONT_CHECK("suggest: too long", suggest_distance(
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "a") ==
		(size_t)-1);
	FRONT_CHECK("suggest: kernal -> kernel", suggests("kernal", "kernel"));
	FRONT_CHECK("suggest: cpu -> cpus", suggests("cpu", "cpus"));
	FRONT_CHECK("suggest: on-fault -> on_fault", suggests("on-fault", "on_fault"));
	FRONT_CHECK("suggest: memroy -> memory", suggests("memroy", "memory"));
	FRONT_CHECK("suggest: tempalte -> template", suggests("tempalte", "template"));
	FRONT_CHECK("suggest: vcpu -> vcpus, not cpus",
		    suggests("vcpu", "vcpus"));
	FRONT_CHECK("suggest: unrelated word gets none", suggests("bananas", NULL));
	FRONT_CHECK("suggest: short word, 2 edits gets none", suggests("xy", NULL));
	return front_finish();
}
