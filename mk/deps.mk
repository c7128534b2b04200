# SPDX-License-Identifier: MIT
# One idempotent step that installs the Debian packages the build and the
# tests need, only when something is missing (apt-get update first).
DEPS_PACKAGES := libyaml-dev libfdt-dev libssl-dev libjansson-dev device-tree-compiler u-boot-tools \
	gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm ipxe-qemu u-boot-qemu mtools \
	dosfstools fdisk cpio e2fsprogs pkg-config node=nodejs npm=npm \
	clang libclang-rt-14-dev valgrind graphviz

deps:
	$(Q)mk/deps.sh $(DEPS_PACKAGES)
