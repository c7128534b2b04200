# SPDX-License-Identifier: MIT
# `make guests`: the Linux guest payloads from Debian. Fetches the arm64
# cloud kernel and busybox-static once into images/guests/cache/ (checked,
# sha256 recorded), then builds images/guests/linux/Image and
# initramfs.cpio.gz without root. A run with everything in place fetches,
# rewrites and touches nothing. `make test` and `make demo` run it first.
# images/guests/zynqmp/ is the same for guests that own ZynqMP devices: the
# cloud kernel has no MACB (GEM) or SDHCI_OF_ARASAN at all, so it is
# Debian's generic arm64 kernel (same ABI), with those drivers as modules.
GUESTS_T := templates/linux
GUESTS_CACHE := images/guests/cache
GUESTS_DIR := images/guests/linux
# Unpacked packages stay out of $(O): the top Makefile includes every *.d
# under it, and Debian trees hold directories named like conf-hooks.d.
GUESTS_WORK := images/guests/work
GUESTS_IMAGE := $(GUESTS_DIR)/Image
GUESTS_INITRAMFS := $(GUESTS_DIR)/initramfs.cpio.gz
GUESTS_KERNEL_DEB := $(GUESTS_CACHE)/linux-image.deb
GUESTS_BUSYBOX_DEB := $(GUESTS_CACHE)/busybox-static.deb
# The metapackage names the kernel ABI we take (its Depends, resolved once).
GUESTS_KERNEL_META ?= linux-image-cloud-arm64
GUEST_MODULES ?= virtio virtio_ring virtio_mmio virtio_console virtio_net \
	virtio_blk vmw_vsock_virtio_transport uio
MKCPIO := $(O)/templates/linux/mkcpio
# Static arm64 programs every initramfs carries in /bin (GUEST_TOOLS).
GUESTS_PERF_TOOL := $(O)/templates/linux/partita-perf
GUESTS_TOOLS := $(GUESTS_PERF_TOOL)
# ZynqMP devices: GEM (macb, its PHY layer comes as dependencies), the
# Arasan SD controller, and FAT for a card's partition (codepage 437,
# iocharset ascii: the kernel's defaults).
GUESTS_GENERIC_DEB := $(GUESTS_CACHE)/linux-image-generic.deb
GUESTS_GENERIC_META ?= linux-image-arm64
GUESTS_ZYNQMP_DIR := images/guests/zynqmp
GUEST_ZYNQMP_MODULES ?= macb sdhci-of-arasan vfat nls_cp437 nls_ascii

.PHONY: clean-guests

guests: $(GUESTS_IMAGE) $(GUESTS_INITRAMFS) $(GUESTS_ZYNQMP_DIR)/Image \
		$(GUESTS_ZYNQMP_DIR)/initramfs.cpio.gz
	$(Q)$(GUESTS_T)/fetch.sh --verify $(GUESTS_CACHE)

# This rule is read before the top Makefile's `test: deps all`; naming deps
# first keeps the tools (objcopy, cpio, fdtget) installed before guests.
test demo: deps guests

all: $(MKCPIO)

# No prerequisites: a cached package is never fetched again (delete the
# link in images/guests/cache/ to take a newer one).
$(GUESTS_KERNEL_DEB):
	$(Q)$(GUESTS_T)/fetch.sh $(GUESTS_CACHE) $(notdir $@) \
		meta:$(GUESTS_KERNEL_META)

$(GUESTS_GENERIC_DEB):
	$(Q)$(GUESTS_T)/fetch.sh $(GUESTS_CACHE) $(notdir $@) \
		meta:$(GUESTS_GENERIC_META)

$(GUESTS_BUSYBOX_DEB):
	$(Q)$(GUESTS_T)/fetch.sh $(GUESTS_CACHE) $(notdir $@) busybox-static

$(GUESTS_WORK)/kernel/.stamp: $(GUESTS_KERNEL_DEB) $(GUESTS_T)/extract.sh
	@$(if $(Q),echo "  EXTRACT $<")
	$(Q)$(GUESTS_T)/extract.sh $< $(dir $@)

$(GUESTS_WORK)/generic/.stamp: $(GUESTS_GENERIC_DEB) $(GUESTS_T)/extract.sh
	@$(if $(Q),echo "  EXTRACT $<")
	$(Q)$(GUESTS_T)/extract.sh $< $(dir $@)

$(GUESTS_WORK)/busybox/.stamp: $(GUESTS_BUSYBOX_DEB) $(GUESTS_T)/extract.sh
	@$(if $(Q),echo "  EXTRACT $<")
	$(Q)$(GUESTS_T)/extract.sh $< $(dir $@)

$(GUESTS_IMAGE): $(GUESTS_WORK)/kernel/.stamp $(GUESTS_T)/image.sh
	@$(if $(Q),echo "  IMAGE   $@")
	$(Q)$(GUESTS_T)/image.sh $(GUESTS_WORK)/kernel $@

$(GUESTS_INITRAMFS): $(GUESTS_WORK)/kernel/.stamp \
		$(GUESTS_WORK)/busybox/.stamp $(GUESTS_T)/init $(GUESTS_T)/udhcpc.script \
		$(GUESTS_T)/mkinitramfs.sh $(MKCPIO) $(GUESTS_TOOLS)
	@$(if $(Q),echo "  CPIO    $@")
	$(Q)GUEST_MODULES="$(GUEST_MODULES)" CROSS_COMPILE=$(CROSS_COMPILE) \
		GUEST_TOOLS="$(GUESTS_TOOLS)" \
		$(GUESTS_T)/mkinitramfs.sh $(GUESTS_WORK)/kernel \
		$(GUESTS_WORK)/busybox $(GUESTS_T)/init $(MKCPIO) $@

$(GUESTS_ZYNQMP_DIR)/Image: $(GUESTS_WORK)/generic/.stamp $(GUESTS_T)/image.sh
	@$(if $(Q),echo "  IMAGE   $@")
	$(Q)$(GUESTS_T)/image.sh $(GUESTS_WORK)/generic $@

$(GUESTS_ZYNQMP_DIR)/initramfs.cpio.gz: $(GUESTS_WORK)/generic/.stamp \
		$(GUESTS_WORK)/busybox/.stamp $(GUESTS_T)/init $(GUESTS_T)/udhcpc.script \
		$(GUESTS_T)/mkinitramfs.sh $(MKCPIO) $(GUESTS_TOOLS)
	@$(if $(Q),echo "  CPIO    $@")
	$(Q)GUEST_MODULES="$(GUEST_ZYNQMP_MODULES)" CROSS_COMPILE=$(CROSS_COMPILE) \
		GUEST_TOOLS="$(GUESTS_TOOLS)" \
		$(GUESTS_T)/mkinitramfs.sh $(GUESTS_WORK)/generic \
		$(GUESTS_WORK)/busybox $(GUESTS_T)/init $(MKCPIO) $@

$(MKCPIO): $(GUESTS_T)/mkcpio.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(HOST_LDFLAGS) $< -o $@

# partita-perf: perf_event_open counts of a known loop (tests/linuxvm).
$(GUESTS_PERF_TOOL): $(GUESTS_T)/tools/partita-perf.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CCARM64 $@")
	$(Q)$(CROSS_COMPILE)gcc -std=gnu11 -O2 -static -Wall -Wextra -Werror \
		-Wl,--build-id=none -s $(REPRO_FLAGS) $< -o $@

# Built payloads only; the download cache stays.
clean-guests:
	rm -rf $(GUESTS_DIR) $(GUESTS_ZYNQMP_DIR) $(GUESTS_WORK)

-include $(GUESTS_T)/module/module.mk
