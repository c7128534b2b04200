# SPDX-License-Identifier: MIT
# Test programs: host unit tests (tests/unit/*.c, each linked with the builder
# library objects; -Ivmm for those that include runtime files) and bare-metal
# test guests (added by tests/guests/build.mk).
UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(O)/tests/unit/%)
TEST_GUESTS :=

$(O)/tests/unit/%: tests/unit/%.c $(BUILDER_LIB_OBJS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -Ivmm $(HOST_LDFLAGS) $< $(BUILDER_LIB_OBJS) -o $@ $(HOST_LDLIBS)

all: $(UNIT_BINS)

-include tests/guests/build.mk
