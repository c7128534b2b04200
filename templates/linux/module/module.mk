# SPDX-License-Identifier: MIT
# Out-of-tree guest modules against Debian's packaged headers, only when
# asked: `make guest-modules` (or `make guests GUEST_MODULES_BUILD=1`)
# builds images/guests/linux/modules/hello.ko for the cached kernel. The
# headers, their -common part and this machine's linux-kbuild are cached
# like the kernel; the recipe is explained in templates/linux/README.md.
GUESTS_MOD_T := $(GUESTS_T)/module
GUESTS_KBUILD := $(GUESTS_WORK)/kbuild
GUESTS_MODULES_OUT := $(GUESTS_DIR)/modules
GUESTS_HELLO_KO := $(GUESTS_MODULES_OUT)/hello.ko
GUESTS_PCHAN_KO := $(GUESTS_MODULES_OUT)/partita_channel.ko
GUESTS_PCHAN_TOOL := $(GUESTS_MODULES_OUT)/partita-chan
GUESTS_CHAN_INITRAMFS := $(GUESTS_DIR)/initramfs-chan.cpio.gz
GUESTS_PVSOCK_TOOL := $(GUESTS_MODULES_OUT)/partita-vsock

.PHONY: guest-modules
guest-modules: $(GUESTS_HELLO_KO) $(GUESTS_PCHAN_KO) $(GUESTS_PCHAN_TOOL) \
	$(GUESTS_CHAN_INITRAMFS) $(GUESTS_PVSOCK_TOOL)

# The test suite drives the channel driver and tool in a Linux guest.
test: guest-modules

ifeq ($(GUEST_MODULES_BUILD),1)
guests: $(GUESTS_HELLO_KO)
endif

$(GUESTS_KBUILD)/.stamp: $(GUESTS_KERNEL_DEB) $(GUESTS_MOD_T)/headers.sh
	@$(if $(Q),echo "  HEADERS $(GUESTS_KBUILD)")
	$(Q)$(GUESTS_MOD_T)/headers.sh $(GUESTS_CACHE) $(GUESTS_KBUILD) $<

$(GUESTS_HELLO_KO) $(GUESTS_PCHAN_KO) &: $(GUESTS_KBUILD)/.stamp $(GUESTS_MOD_T)/build.sh \
		$(GUESTS_MOD_T)/Kbuild $(wildcard $(GUESTS_MOD_T)/*.[ch])
	@$(if $(Q),echo "  KMOD    $@")
	$(Q)CROSS_COMPILE=$(CROSS_COMPILE) $(GUESTS_MOD_T)/build.sh \
		$(GUESTS_KBUILD)/headers $(GUESTS_MOD_T) $(GUESTS_MODULES_OUT)

# partita-chan: the channel tool for Linux guests, static so it runs in the
# busybox initramfs; initramfs-chan.cpio.gz is the guest initramfs plus the
# channel driver and the tool (tests/channels, examples with channels).
$(GUESTS_PCHAN_TOOL): $(GUESTS_T)/tools/partita-chan.c $(GUESTS_MOD_T)/partita_channel_uapi.h
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CCARM64 $@")
	$(Q)$(CROSS_COMPILE)gcc -std=gnu11 -O2 -static -Wall -Wextra -Werror \
		-Wl,--build-id=none -s $(REPRO_FLAGS) $< -o $@

$(GUESTS_CHAN_INITRAMFS): $(GUESTS_INITRAMFS) $(GUESTS_PCHAN_KO) $(GUESTS_PCHAN_TOOL) \
		$(GUESTS_MOD_T)/chan-initramfs.sh $(MKCPIO)
	@$(if $(Q),echo "  CPIO    $@")
	$(Q)CROSS_COMPILE=$(CROSS_COMPILE) $(GUESTS_MOD_T)/chan-initramfs.sh $(MKCPIO) \
		$(GUESTS_INITRAMFS) $(GUESTS_PCHAN_KO) $(GUESTS_PCHAN_TOOL) $@

# partita-vsock: a vsock client and server (busybox has none), static;
# tests/vsock puts it on the guests' disks.
$(GUESTS_PVSOCK_TOOL): $(GUESTS_T)/tools/partita-vsock.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CCARM64 $@")
	$(Q)$(CROSS_COMPILE)gcc -std=gnu11 -O2 -static -Wall -Wextra -Werror \
		-Wl,--build-id=none -s $(REPRO_FLAGS) $< -o $@
