#!/bin/sh
# SPDX-License-Identifier: MIT
# Regression guard (suite `bench`): the benchmarks whose figures are
# deterministic instruction counts under -icount shift=0,sleep=off
# (tests/bench/runtime.sh, tests/bench/latency.sh, tests/bench/work.sh)
# must stay within budgets set at about 1.5 times what make bench measured
# at 7266d5b and after (issue 15, BENCHMARKS.md): null hvc 96, MMIO 186,
# timer IRQ 144/144 spinning/WFI, the latency guest's timer 160/176,
# doorbell IRQ 430, IPI 439/590 on GICv3/GICv2, passthrough SPI 193/210
# (GICv2: WFI trapped only while a timer PPI is held, arch_twi_irq_exit);
# the contained fault, 5,968 with its console
# lines, keeps its budget. A budget failing means a slow path crept in,
# not noise.
# The workload ratio budget is issue 10's target.
# Seven QEMU boots.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
OUT=build/bench
mkdir -p "$OUT"

# budget NAME FIGURE LIMIT: pass when the figure is a number <= LIMIT
budget() {
	if [ -n "$2" ] && awk -v v="$2" -v l="$3" 'BEGIN { exit !(v + 0 <= l + 0) }'; then
		pass "$1: $2 <= $3"
	else
		fail "$1" "figure '${2:-none}' over the budget $3"
	fi
}

if sh tests/bench/runtime.sh >"$OUT/guard-runtime.out" 2>&1; then
	pass "runtime micro-benchmarks ran"
else
	fail "runtime micro-benchmarks ran" "$(tail -n 3 "$OUT/guard-runtime.out")"
fi
fig() { sed -n "s/^$2: \([0-9.]*\).*/\1/p" "$OUT/guard-$1.out" | head -n 1; }
budget "null hypercall" "$(fig runtime hvc-null)" 145
budget "trapped MMIO read" "$(fig runtime mmio-read)" 280
budget "contained stage-2 fault" "$(fig runtime fault-abort)" 7000
budget "virtual timer IRQ (spinning)" "$(fig runtime vtimer-irq-spin)" 216
budget "virtual timer IRQ (WFI)" "$(fig runtime vtimer-irq-wfi)" 216
budget "doorbell to peer IRQ handler" "$(fig runtime notify-irq)" 645
if sh tests/bench/latency.sh >"$OUT/guard-latency.out" 2>&1; then
	pass "interrupt latency bench ran natively and under the runtime"
else
	fail "interrupt latency bench ran natively and under the runtime" "$(tail -n 3 "$OUT/guard-latency.out")"
fi
budget "IPI vCPU 0 to vCPU 1, GICv3" "$(fig latency ipi-v3-runtime)" 670
budget "IPI vCPU 0 to vCPU 1, GICv2" "$(fig latency ipi-v2-runtime)" 885
budget "passthrough SPI, GICv3" "$(fig latency spi-v3-runtime)" 285
budget "passthrough SPI, GICv2" "$(fig latency spi-v2-runtime)" 297
budget "virtual timer, latency guest, GICv3" "$(fig latency vtimer-spin-v3-runtime)" 240
budget "virtual timer, latency guest, GICv2" "$(fig latency vtimer-spin-v2-runtime)" 240
if sh tests/bench/work.sh >"$OUT/guard-work.out" 2>&1; then
	pass "workload native and under the runtime did the same work"
else
	fail "workload native and under the runtime did the same work" "$(tail -n 3 "$OUT/guard-work.out")"
fi
budget "workload ratio, compute" "$(fig work work-compute-ratio)" 1.01
budget "workload ratio, memory stream" "$(fig work work-stream-ratio)" 1.01
finish
