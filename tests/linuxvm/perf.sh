# SPDX-License-Identifier: MIT
# Sourced by tests/linuxvm/run.sh and tests/boards/run.sh: judges the PERF
# lines partita-perf (templates/linux/tools/partita-perf.c) printed in a
# Linux guest under the runtime, one per boot of the guest:
#   PERF pmu=<armv8_*> loop=<n> instructions=<n|no-event> cycles=<n> irqs=<n>
# QEMU models INST_RETIRED only under -icount (PMCEID0 bit 8 is clear
# otherwise, and Linux refuses the event with ENOENT, natively too), and its
# cycle counter counts nanoseconds of virtual time (1 GHz), which under
# -icount shift=0 is one per instruction. Natively under -icount the count
# is the loop + 43; under the runtime it measured + 51 to + 7,225 (at
# 263b1cb: + 6,587 to + 6,623), deterministic per boot, growing with the
# interrupts taken at EL2 during the loop (cycles grow alike; not yet
# explained), so the bound is 1 % over the loop. Under -icount
# natively QEMU delivers a sampled counter's overflow interrupts late (3-4
# for 100 periods); under the runtime 100-101 arrived.
# Functions use perf_* names only: the callers' variables stay intact.

# perf_line_ok LINE ICOUNT(0|1)
perf_line_ok() {
	perf_pmu=$(echo "$1" | sed -n 's/.* pmu=\([^ ]*\).*/\1/p')
	perf_loop=$(echo "$1" | sed -n 's/.* loop=\([0-9]*\).*/\1/p')
	perf_insns=$(echo "$1" | sed -n 's/.* instructions=\([^ ]*\).*/\1/p')
	perf_cycles=$(echo "$1" | sed -n 's/.* cycles=\([^ ]*\).*/\1/p')
	perf_irqs=$(echo "$1" | sed -n 's/.* irqs=\([^ ]*\).*/\1/p')
	case "$perf_pmu" in armv8_*) ;; *) return 1 ;; esac
	case "$perf_loop$perf_cycles$perf_irqs" in *[!0-9]* | "") return 1 ;; esac
	[ "$perf_cycles" -gt 0 ] && [ "$perf_irqs" -ge 1 ] || return 1
	if [ "$2" = 1 ]; then
		case "$perf_insns" in *[!0-9]* | "") return 1 ;; esac
		[ "$perf_insns" -ge "$perf_loop" ] &&
			[ "$perf_insns" -le $((perf_loop + perf_loop / 100)) ] &&
			[ "$perf_cycles" -ge "$perf_loop" ]
	else
		[ "$perf_insns" = no-event ]
	fi
}

# check_perf LOG TAG GUEST ICOUNT(0|1): every PERF line of GUEST in LOG
check_perf() {
	perf_lines=$(grep "^$3| PERF " "$1" | sed "s/^$3| //")
	perf_name="$2 $3 perf: armv8 PMU in sysfs, loop counted, overflow interrupts"
	[ "$4" = 1 ] || perf_name="$perf_name (no -icount: no instruction event)"
	if [ -z "$perf_lines" ]; then
		fail "$perf_name" "no PERF line in $1"
		return
	fi
	perf_bad=$(echo "$perf_lines" | while IFS= read -r perf_l; do
		perf_line_ok "$perf_l" "$4" || echo "$perf_l"
	done | head -n 1)
	if [ -z "$perf_bad" ]; then
		pass "$perf_name"
		echo "$perf_lines" | sed "s/^/INFO $2 $3 /"
	else
		fail "$perf_name" "$perf_bad"
	fi
}
