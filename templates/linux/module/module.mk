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

.PHONY: guest-modules
guest-modules: $(GUESTS_HELLO_KO)

ifeq ($(GUEST_MODULES_BUILD),1)
guests: $(GUESTS_HELLO_KO)
endif

$(GUESTS_KBUILD)/.stamp: $(GUESTS_KERNEL_DEB) $(GUESTS_MOD_T)/headers.sh
	@$(if $(Q),echo "  HEADERS $(GUESTS_KBUILD)")
	$(Q)$(GUESTS_MOD_T)/headers.sh $(GUESTS_CACHE) $(GUESTS_KBUILD) $<

$(GUESTS_HELLO_KO): $(GUESTS_KBUILD)/.stamp $(GUESTS_MOD_T)/build.sh \
		$(GUESTS_MOD_T)/Kbuild $(wildcard $(GUESTS_MOD_T)/*.c)
	@$(if $(Q),echo "  KMOD    $@")
	$(Q)CROSS_COMPILE=$(CROSS_COMPILE) $(GUESTS_MOD_T)/build.sh \
		$(GUESTS_KBUILD)/headers $(GUESTS_MOD_T) $(GUESTS_MODULES_OUT)
