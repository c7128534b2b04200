/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: a build folder's manifest.json as `partita diff` reads
 * it. jansson behind builder/lib/jsonio.c's limits, the system view built from
 * it, then diffed against an empty system both ways and rendered as text,
 * Markdown and JSON into /dev/null. Seeds: tests/fuzz/manifests/ (real
 * manifests of three examples: plain, virtio, unprotected DMA).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "diff.h"
#include "jsonio.h"
#include "sysview.h"

static FILE *fuzz_null;
static struct sysview fuzz_empty;
static unsigned long fuzz_inputs, fuzz_views;

static void fuzz_print_reach(void)
{
	printf("manifest_fuzz: %lu inputs, %lu read as a system\n", fuzz_inputs, fuzz_views);
	fflush(stdout);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char empty[] = "{\"name\": \"empty\", \"guests\": [], \"channels\": []}";
	char err[200];
	json_t *root = jsonio_parse(empty, sizeof(empty) - 1, err, sizeof(err));

	fuzz_null = fopen("/dev/null", "w");
	if (!fuzz_null || !root || sysview_from_json(root, &fuzz_empty) != CMD_OK)
		abort();
	json_decref(root);
	atexit(fuzz_print_reach);
	return 0;
}

static void fuzz_diff(const struct sysview *old, const struct sysview *new)
{
	struct diff d = { 0 };

	diff_compare(old, new, false, &d);
	diff_text(fuzz_null, &d, "old", "new", false);
	diff_markdown(fuzz_null, &d, "old", "new");
	diff_json(fuzz_null, &d, "old", "new");
	diff_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[200];
	struct sysview v = { 0 };
	json_t *root = jsonio_parse((const char *)data, size, err, sizeof(err));

	fuzz_inputs++;
	if (root && sysview_from_json(root, &v) == CMD_OK) {
		fuzz_views++;
		fuzz_diff(&fuzz_empty, &v);
		fuzz_diff(&v, &fuzz_empty);
		fuzz_diff(&v, &v);
	}
	sysview_free(&v);
	json_decref(root);
	return 0;
}
