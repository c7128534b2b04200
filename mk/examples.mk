# SPDX-License-Identifier: MIT
# `make examples`: every payload any examples/*.yaml names, so that
# `build/partita build examples/X.yaml` then works for each of them: the
# runtime and the test guests (all), the Debian kernel and initramfs
# (guests), the real boards' device trees (boards), and the virtio
# example's ext2 disk, made from examples/virtio-files/ with mke2fs -d (no
# root; fixed UUID, hash seed and time so the same files give the same disk).
.PHONY: examples

EXAMPLES_DISK_DIR := examples/virtio-files
EXAMPLES_DISK := images/virtio/files.ext2

examples: deps all guests boards $(EXAMPLES_DISK)

$(EXAMPLES_DISK): $(sort $(wildcard $(EXAMPLES_DISK_DIR)/*)) mk/examples.mk | deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  MKE2FS  $@")
	$(Q): > $@.tmp && E2FSPROGS_FAKE_TIME=1 mke2fs -q -t ext2 -b 1024 -U clear \
		-E root_owner=0:0,hash_seed=00000000-0000-0000-0000-000000000000 \
		-d $(EXAMPLES_DISK_DIR) $@.tmp 8M && mv $@.tmp $@
