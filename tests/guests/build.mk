# SPDX-License-Identifier: MIT
# Bare-metal test guests (ELF, linked at IPA 0x40000000), cross-built with
# the runtime's compiler. Each guest is guest.c + crt0.S + <name>.c.
GUEST_NAMES := marker attacker bench bench_work psci echo ticker tshare
GUEST_CFLAGS := -std=c11 -ffreestanding -fno-builtin -nostdlib -O2 \
	-mgeneral-regs-only -mstrict-align -fno-pie -fno-stack-protector \
	-fno-tree-loop-distribute-patterns -mno-outline-atomics \
	-Wall -Wextra -Werror -Wno-unused-parameter $(REPRO_FLAGS)
GUEST_LDFLAGS := -static -nostdlib -no-pie -Wl,--build-id=none \
	-Wl,-T,tests/guests/guest.lds -Wl,-z,max-page-size=4096 \
	-Wl,--no-warn-rwx-segments
GUEST_COMMON := tests/guests/crt0.S tests/guests/guest.c tests/guests/guest.h \
	tests/guests/guest.lds tests/guests/build.mk

$(O)/tests/guests/%.elf: tests/guests/%.c $(GUEST_COMMON)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GUEST   $@")
	$(Q)$(CROSS_CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) tests/guests/crt0.S \
		tests/guests/guest.c $< -o $@

TEST_GUESTS += $(GUEST_NAMES:%=$(O)/tests/guests/%.elf)
guests-test: $(GUEST_NAMES:%=$(O)/tests/guests/%.elf)
.PHONY: guests-test

# Channel guests (tests/channels): they also use the bare-metal channel library.
CHAN_GUEST_NAMES := chan_pingpong chan_hostile chan_burst chan_bench chan_storm
$(O)/tests/guests/chan_%.elf: tests/guests/chan_%.c templates/baremetal/partita_channel.h $(GUEST_COMMON)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GUEST   $@")
	$(Q)$(CROSS_CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) tests/guests/crt0.S \
		tests/guests/guest.c $< -o $@
TEST_GUESTS += $(CHAN_GUEST_NAMES:%=$(O)/tests/guests/%.elf)
guests-test: $(CHAN_GUEST_NAMES:%=$(O)/tests/guests/%.elf)

# virtio guests (tests/virtio): plain guests, listed apart for the runner.
VIRTIO_GUEST_NAMES := virtio_hostile net_noise
TEST_GUESTS += $(VIRTIO_GUEST_NAMES:%=$(O)/tests/guests/%.elf)
guests-test: $(VIRTIO_GUEST_NAMES:%=$(O)/tests/guests/%.elf)
$(O)/tests/guests/virtio_hostile.elf: templates/baremetal/partita_channel.h tests/guests/virtio_guest.h
$(O)/tests/guests/net_noise.elf: templates/baremetal/partita_channel.h tests/guests/virtio_guest.h
$(O)/tests/guests/ticker.elf: templates/baremetal/partita_channel.h

# Attack catalogue (tests/attack): the attacker is several files with its
# own vectors; the victim beside it uses the channel library.
ATTACK_SRCS := tests/guests/attack.c tests/guests/attack_mem.c \
	tests/guests/attack_cpu.c tests/guests/attack_call.c tests/guests/attack_owned.c tests/guests/attack_vec.S
$(O)/tests/guests/attack.elf: $(ATTACK_SRCS) tests/guests/attack.h \
		templates/baremetal/partita_channel.h $(GUEST_COMMON)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GUEST   $@")
	$(Q)$(CROSS_CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) tests/guests/crt0.S \
		tests/guests/guest.c $(ATTACK_SRCS) -o $@
$(O)/tests/guests/victim.elf: templates/baremetal/partita_channel.h
TEST_GUESTS += $(O)/tests/guests/attack.elf $(O)/tests/guests/victim.elf
guests-test: $(O)/tests/guests/attack.elf $(O)/tests/guests/victim.elf

# The fidelity guest (tests/fidelity): its own entry and vectors (every
# register saved, SPSR writable for single step), guest.c for the console.
FID_SRCS := $(sort $(wildcard tests/fidelity/*.c)) tests/fidelity/fid_start.S
$(O)/tests/guests/fidelity.elf: $(FID_SRCS) tests/fidelity/fid.h $(GUEST_COMMON)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GUEST   $@")
	$(Q)$(CROSS_CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) tests/fidelity/fid_start.S \
		tests/guests/guest.c $(sort $(wildcard tests/fidelity/*.c)) -o $@
TEST_GUESTS += $(O)/tests/guests/fidelity.elf
guests-test: $(O)/tests/guests/fidelity.elf

# The latency bench guest (tests/bench/latency.sh): the fidelity guest's
# entry, vectors and GIC code around tests/bench/lat.c.
LAT_SRCS := tests/fidelity/fid_start.S tests/fidelity/fid_gic.c tests/bench/lat.c
$(O)/tests/guests/latbench.elf: $(LAT_SRCS) tests/fidelity/fid.h $(GUEST_COMMON)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  GUEST   $@")
	$(Q)$(CROSS_CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) tests/guests/guest.c $(LAT_SRCS) -o $@
TEST_GUESTS += $(O)/tests/guests/latbench.elf
guests-test: $(O)/tests/guests/latbench.elf
