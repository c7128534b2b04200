# SPDX-License-Identifier: MIT
# The runtime: freestanding AArch64 C + assembly, cross-built once. Its bytes
# are the same in every system image (it is never rebuilt per system).
VMM_BIN := $(O)/vmm/vmm.bin
VMM_ELF := $(O)/vmm/vmm.elf
VMM_SRCS := $(sort $(shell find vmm -name '*.c' -o -name '*.S'))
VMM_OBJS := $(patsubst %,$(O)/%.o,$(VMM_SRCS))
CROSS_CC := $(CROSS_COMPILE)gcc
CROSS_OBJCOPY := $(CROSS_COMPILE)objcopy
# Cortex-A53 errata 835769 (a 64-bit multiply-accumulate right after a
# memory access may compute a wrong result) and 843419 (ADRP at the end of
# a 4 KiB page): ZCU102 and i.MX8MQ are A53 r0p4. Asked for explicitly: a
# toolchain's defaults differ (tests/errata scans the result).
VMM_ERRATA := -mfix-cortex-a53-835769 -mfix-cortex-a53-843419
VMM_CFLAGS := $(VMM_ERRATA) -std=c11 -ffreestanding -fno-builtin -nostdlib -O2 -g \
	-mgeneral-regs-only -mstrict-align -fpie -fno-stack-protector \
	-mno-outline-atomics -fno-tree-loop-distribute-patterns \
	-Wall -Wextra -Werror -Wno-unused-parameter -MMD -MP \
	-Ivmm/include -Ivmm $(REPRO_FLAGS)

$(O)/vmm/%.c.o: vmm/%.c vmm/build.mk
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CROSS_CC) $(VMM_CFLAGS) -c $< -o $@

$(O)/vmm/%.S.o: vmm/%.S vmm/build.mk
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(CROSS_CC) $(VMM_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(VMM_ELF): $(VMM_OBJS) vmm/vmm.lds vmm/build.mk
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CROSS_CC) $(VMM_CFLAGS) -static-pie -Wl,--build-id=none \
		-Wl,--fix-cortex-a53-835769 -Wl,--fix-cortex-a53-843419 \
		-Wl,-T,vmm/vmm.lds -Wl,-z,norelro -Wl,--no-warn-rwx-segments $(VMM_OBJS) -o $@ -lgcc

$(VMM_BIN): $(VMM_ELF)
	$(Q)$(CROSS_OBJCOPY) -O binary $< $@
