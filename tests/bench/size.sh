#!/bin/sh
# SPDX-License-Identifier: MIT
# Runtime size (a benchmark, not a test): section sizes of build/vmm/vmm.elf
# (code = .head + .text; .data holds the bss, which the link keeps inside
# the binary: per-CPU stacks and translation tables), the size of vmm.bin,
# lines in vmm/ (C sources and headers; assembly), the bss and the guest
# limits it is sized for.
cd "$(dirname "$0")/../.." || exit 2
make -s build/vmm/vmm.bin || exit 1
sec() {
	aarch64-linux-gnu-size -A build/vmm/vmm.elf | awk -v s="$1" '$1 == s { print $2 }'
}
echo "runtime-code: $(($(sec .head) + $(sec .text))) bytes"
echo "runtime-rodata: $(sec .rodata) bytes"
echo "runtime-data: $(sec .data) bytes"
echo "runtime-file: $(stat -c %s build/vmm/vmm.bin) bytes"
echo "runtime-lines-c: $(find vmm -name '*.[ch]' -exec cat {} + | wc -l) lines"
echo "runtime-lines-asm: $(find vmm -name '*.S' -exec cat {} + | wc -l) lines"
echo "runtime-files: $(find vmm -name '*.[chS]' | wc -l) files"
sym() { aarch64-linux-gnu-nm build/vmm/vmm.elf | awk -v n="$1" '$3 == n { print $1 }'; }
echo "runtime-bss: $((0x$(sym __bss_end) - 0x$(sym __bss_start))) bytes"
limit() { sed -n "s/^#define $1 *\([0-9]*\).*/\1/p" vmm/include/partita/layout.h; }
echo "runtime-max-guests: $(limit LAYOUT_MAX_GUESTS)"
echo "runtime-max-shared: $(limit LAYOUT_MAX_SHARED_VCPUS)"
