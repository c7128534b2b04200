# SPDX-License-Identifier: MIT
# The partita host tool: C11, libyaml, libfdt, libcrypto (SHA-256), jansson
# (JSON). Every builder/<stage>/*.c is linked (builder/README.md lists the
# stages); cli/main.c holds only the command line so unit tests and fuzzers
# can link the rest. Each stage folder is on the include path, so sources
# name headers without their folder.
PARTITA := $(O)/partita
BUILDER_DIRS := $(sort $(patsubst %/,%,$(dir $(wildcard builder/*/*.c builder/*/*.h))))
BUILDER_SRCS := $(sort $(wildcard builder/*/*.c))
BUILDER_OBJS := $(BUILDER_SRCS:%.c=$(O)/%.o)
BUILDER_LIB_OBJS := $(filter-out $(O)/builder/cli/main.o,$(BUILDER_OBJS))
HOST_CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror \
	-Wno-unused-parameter -MMD -MP $(addprefix -I,$(BUILDER_DIRS)) \
	-Ivmm/include $(REPRO_FLAGS) $(EXTRA_HOST_CFLAGS)
HOST_LDLIBS := -lyaml -lfdt -lcrypto -ljansson
HOST_LDFLAGS := $(EXTRA_HOST_LDFLAGS)

$(O)/builder/%.o: builder/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -c $< -o $@

$(PARTITA): $(BUILDER_OBJS)
	@$(if $(Q),echo "  HOSTLD  $@")
	$(Q)$(HOSTCC) $(HOST_LDFLAGS) $^ -o $@ $(HOST_LDLIBS)
