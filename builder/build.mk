# SPDX-License-Identifier: MIT
# The partita host tool: C11, libyaml, libfdt, libcrypto (SHA-256), jansson
# (JSON). Every builder/*.c is linked; main.c holds only the command line so
# unit tests can link the rest.
PARTITA := $(O)/partita
BUILDER_SRCS := $(sort $(wildcard builder/*.c))
BUILDER_OBJS := $(BUILDER_SRCS:%.c=$(O)/%.o)
BUILDER_LIB_OBJS := $(filter-out $(O)/builder/main.o,$(BUILDER_OBJS))
HOST_CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror \
	-Wno-unused-parameter -MMD -MP -Ibuilder -Ivmm/include $(REPRO_FLAGS) \
	$(EXTRA_HOST_CFLAGS)
HOST_LDLIBS := -lyaml -lfdt -lcrypto -ljansson
HOST_LDFLAGS := $(EXTRA_HOST_LDFLAGS)

$(O)/builder/%.o: builder/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -c $< -o $@

$(PARTITA): $(BUILDER_OBJS)
	@$(if $(Q),echo "  HOSTLD  $@")
	$(Q)$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@ $(HOST_LDLIBS)
