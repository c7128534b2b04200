# SPDX-License-Identifier: MIT
# `make boards`: the real boards' device trees (rpi4b, zcu102, imx8mq-evk),
# taken by boards/fetch-dtbs.sh out of Debian's arm64 kernel package (cached
# in images/boards/cache/ with its sha256) into boards/<name>/ (git-ignored).
# A run with every tree in place fetches, rewrites and touches nothing; the
# trees are then re-checked against the cache. `make test` runs it first.
BOARDS_DTBS := boards/rpi4b/bcm2711-rpi-4-b.dtb \
	boards/zcu102/zynqmp-zcu102-rev1.0.dtb \
	boards/imx8mq-evk/imx8mq-evk.dtb

.PHONY: boards

boards: $(BOARDS_DTBS)
	$(Q)boards/fetch-dtbs.sh --verify

# One run of the script makes all three (a grouped target). No prerequisites:
# a tree in place is never fetched again (delete it to take a newer kernel's).
$(BOARDS_DTBS) &: | deps
	@$(if $(Q),echo "  FETCH   board device trees")
	$(Q)boards/fetch-dtbs.sh

test: deps boards
