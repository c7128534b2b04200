/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the builder's whole in-memory pipeline on one spec text.
 * Load (YAML, templates, board, payloads), checks, allocation, guest device
 * trees and their cross-check, image layout and assembly, layout.txt and
 * manifest.json into memory. Nothing is written and nothing is spawned
 * (no dtc, no mkimage), so only the builder's own code is exercised.
 *
 * The data root is the tree tests/fuzz/prepare.sh makes (build/fuzz/tree,
 * or $PARTITA_DATADIR): boards with compiled trees, so dtc never runs.
 * Relative paths in the input resolve from its tests/specs/bad/, as the
 * bad-spec corpus's do; prepare.sh rewrites the other seeds to match.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "crosscheck.h"
#include "diag.h"
#include "guest_dt.h"
#include "image.h"
#include "manifest.h"
#include "model.h"
#include "paths.h"
#include "report.h"

static char *fuzz_spec_path;
static uint8_t *fuzz_runtime;
static size_t fuzz_runtime_size;

/* How far inputs got, printed at exit on stdout (stderr is closed by
 * -close_fd_mask=2): the CI suite checks the back end is reached at all. */
static unsigned long fuzz_inputs, fuzz_checked, fuzz_imaged;

static void fuzz_print_reach(void)
{
	printf("spec_fuzz: %lu inputs, %lu passed the checks, %lu assembled an image\n",
	       fuzz_inputs, fuzz_checked, fuzz_imaged);
	fflush(stdout);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	setenv("PARTITA_DATADIR", "build/fuzz/tree", 0);
	/* As the specs suite: a fixture Image stands in for vmm.bin. */
	setenv("PARTITA_RUNTIME", "tests/specs/payloads/Image", 0);
	fuzz_spec_path = paths_join(paths_data_dir(), "tests/specs/bad/fuzz.yaml");
	if (image_read_runtime(paths_runtime(), &fuzz_runtime, &fuzz_runtime_size)) {
		fprintf(stderr, "spec_fuzz: run from the source tree after tests/fuzz/prepare.sh\n");
		exit(2);
	}
	atexit(fuzz_print_reach);
	return 0;
}

/* The text outputs, rendered into memory and dropped. */
static void fuzz_reports(const struct alloc *a)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		abort();
	report_write(f, a);
	manifest_write(f, a);
	fclose(f);
	free(text);
}

/* cmd_prepare and cmd_image, minus the file reads and writes. */
static void fuzz_pipeline(struct model *m)
{
	struct alloc a;

	memset(&a, 0, sizeof(a));
	if (alloc_plan(m, false, &a) == 0 &&
	    guest_dt_build_all(&a) == 0 && crosscheck_all(&a) == 0 &&
	    alloc_place_runtime(&a, image_layout(&a, fuzz_runtime_size)) == 0) {
		free(image_build(&a, fuzz_runtime, fuzz_runtime_size));
		fuzz_reports(&a);
		fuzz_imaged++;
	}
	alloc_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model m;

	diag_reset();
	fuzz_inputs++;
	if (spec_load_buffer(fuzz_spec_path, (const char *)data, size, &m) == 0 &&
	    checks_run(&m) == 0) {
		fuzz_checked++;
		fuzz_pipeline(&m);
	}
	model_free(&m);
	return 0;
}
