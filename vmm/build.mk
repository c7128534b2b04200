# SPDX-License-Identifier: MIT
# The runtime: freestanding AArch64 C + assembly, cross-built once. Its bytes
# are the same in every system image (it is never rebuilt per system).
VMM_BIN := $(O)/vmm/vmm.bin
VMM_ELF := $(O)/vmm/vmm.elf
VMM_SRCS := $(sort $(shell find vmm -name '*.c' -o -name '*.S'))
VMM_OBJS := $(patsubst %,$(O)/%.o,$(VMM_SRCS))
CROSS_CC := $(CROSS_COMPILE)gcc
CROSS_OBJCOPY := $(CROSS_COMPILE)objcopy
VMM_CFLAGS := -std=c11 -ffreestanding -fno-builtin -nostdlib -O2 -g \
	-mgeneral-regs-only -mstrict-align -fpie -fno-stack-protector \
	-mno-outline-atomics -fno-tree-loop-distribute-patterns \
	-Wall -Wextra -Werror -Wno-unused-parameter -MMD -MP \
	-Ivmm/include -Ivmm $(REPRO_FLAGS)

$(O)/vmm/%.c.o: vmm/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CROSS_CC) $(VMM_CFLAGS) -c $< -o $@

$(O)/vmm/%.S.o: vmm/%.S
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(CROSS_CC) $(VMM_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(VMM_ELF): $(VMM_OBJS) vmm/vmm.lds vmm/build.mk
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CROSS_CC) $(VMM_CFLAGS) -static-pie -Wl,--build-id=none \
		-Wl,-T,vmm/vmm.lds -Wl,-z,norelro -Wl,--no-warn-rwx-segments $(VMM_OBJS) -o $@ -lgcc

$(VMM_BIN): $(VMM_ELF)
	$(Q)$(CROSS_OBJCOPY) -O binary $< $@
