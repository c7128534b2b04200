# SPDX-License-Identifier: MIT
# Partita: one non-recursive build. Each directory adds its rules through a
# build.mk fragment. Outputs go to $(O) (default build/). V=1 shows commands.

O ?= build
HOSTCC ?= gcc
CROSS_COMPILE ?= aarch64-linux-gnu-
PREFIX ?= /usr/local
SOURCE_DATE_EPOCH ?= 0
export SOURCE_DATE_EPOCH

ifeq ($(V),1)
Q :=
else
Q := @
endif

.DEFAULT_GOAL := all
.PHONY: all deps test demo install clean guests examples

# Reproducible host and cross builds: no build ids, no absolute paths.
REPRO_FLAGS := -ffile-prefix-map=$(CURDIR)/=

include mk/deps.mk
include builder/build.mk
include vmm/build.mk
include tests/build.mk
include templates/build.mk
include boards/build.mk
include mk/bench.mk
include mk/sanitize.mk
include mk/examples.mk

all: $(PARTITA) $(VMM_BIN) $(TEST_GUESTS)

# Everything the README's `make test` runs; tests/run prints "N passed, N failed".
test: deps all
	$(Q)tests/run

# Every example's payloads (make examples), so any DEMO_SPEC boots.
demo: examples
	$(Q)mk/demo.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/partita
	install -m 755 $(PARTITA) $(DESTDIR)$(PREFIX)/bin/partita
	install -m 644 $(VMM_BIN) $(DESTDIR)$(PREFIX)/share/partita/vmm.bin
	cp -R boards templates schema $(DESTDIR)$(PREFIX)/share/partita/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 644 builder/cli/partita.1 $(DESTDIR)$(PREFIX)/share/man/man1/partita.1
	install -m 644 builder/cli/partita.bash \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/partita

clean:
	rm -rf $(O)

-include $(shell find $(O) -type f -name '*.d' 2>/dev/null | sort)
