# SPDX-License-Identifier: MIT
# Builder hardening. Sanitized builds get their own O= (build/fuzz,
# build/asan) so their objects never mix with the normal build:
#   make fuzz        libFuzzer over the spec pipeline (clang, ASan+UBSan) for
#                    FUZZ_TIME seconds, corpus kept in build/fuzz/corpus; then
#                    the manifest reader (FUZZ_TIME / 4, build/fuzz/mcorpus)
#   make fuzz-layout libFuzzer over the runtime's layout checker
#                    (vmm/core/layout.c built for the host), same flags,
#                    corpus in build/fuzz/layout-corpus
#   make test-asan   tests/sanitize/run.sh: builder + unit tests with
#                    ASan+UBSan (O=build/asan), the unit, specs, golden and
#                    cli suites against them; valgrind on the unit tests and
#                    two builds
.PHONY: fuzz fuzz-build fuzz-layout test-asan

FUZZ_O ?= build/fuzz
FUZZ_TIME ?= 240
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	-fno-omit-frame-pointer
FUZZ_BIN := $(FUZZ_O)/tests/fuzz/spec_fuzz $(FUZZ_O)/tests/fuzz/manifest_fuzz
LAYOUT_FUZZ_BIN := $(FUZZ_O)/tests/fuzz/layout_fuzz

# Each harness links the builder library (no main.c) with libFuzzer's main:
# spec_fuzz the spec pipeline, manifest_fuzz the manifest reader and diff.
$(O)/tests/fuzz/%_fuzz: tests/fuzz/%_fuzz.c $(BUILDER_LIB_OBJS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZLD  $@")
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -fsanitize=fuzzer $(HOST_LDFLAGS) $< \
		$(BUILDER_LIB_OBJS) -o $@ $(HOST_LDLIBS)

# The runtime's layout checker, freestanding C, built for the host with
# stand-ins for log_printf and lib_strnlen (the harness defines them).
$(O)/tests/fuzz/layout_fuzz: tests/fuzz/layout_fuzz.c vmm/core/layout.c vmm/core/layout_plan.c \
		vmm/core/layout.h vmm/include/partita/layout.h
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  FUZZLD  $@")
	$(Q)$(HOSTCC) -std=gnu11 -g -O1 -Wall -Wextra -Werror $(SAN_FLAGS) -fsanitize=fuzzer \
		-Ivmm/include -Ivmm tests/fuzz/layout_fuzz.c vmm/core/layout.c \
		vmm/core/layout_plan.c -o $@

fuzz-build:
	$(Q)$(MAKE) --no-print-directory O=$(FUZZ_O) HOSTCC=clang \
		EXTRA_HOST_CFLAGS="$(SAN_FLAGS) -fsanitize=fuzzer-no-link" \
		EXTRA_HOST_LDFLAGS="$(SAN_FLAGS)" $(FUZZ_BIN) $(LAYOUT_FUZZ_BIN)

fuzz: fuzz-build
	$(Q)FUZZ_O=$(FUZZ_O) sh tests/fuzz/fuzz.sh spec $(FUZZ_TIME)
	$(Q)FUZZ_O=$(FUZZ_O) sh tests/fuzz/fuzz.sh manifest $$(($(FUZZ_TIME) / 4))

fuzz-layout: fuzz-build build/partita $(VMM_BIN)
	$(Q)FUZZ_O=$(FUZZ_O) sh tests/fuzz/fuzz.sh layout $(FUZZ_TIME)

test-asan:
	$(Q)sh tests/sanitize/run.sh
