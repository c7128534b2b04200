#!/bin/sh
# SPDX-License-Identifier: MIT
# Sourced by tests/zcu102/run.sh: examples/zcu102-pair.yaml boots on the
# model as `partita run` boots it: the runtime's lines on UART0 (Cadence),
# Linux (console=ttyAMA0, a virtual PL011 multiplexed onto UART0) up on both
# vCPUs and printing GUEST-UP, the bare-metal marker's output, power off,
# QEMU exit status 0. Prints the seconds from QEMU start to power off.

boot_example() {
	dir=$OUT/zcu102-pair log=$OUT/zcu102-pair.log
	if [ ! -f images/guests/zynqmp/Image ] || [ ! -f images/guests/zynqmp/initramfs.cpio.gz ]; then
		missing zcu102-boot "no Linux payloads (run make guests)"
		return
	fi
	if ! zcu_build examples/zcu102-pair.yaml "$dir"; then
		fail zcu102-build "$(tail -3 "$dir.build.log")"
		return
	fi
	start=$(date +%s)
	zcu_boot "$log" "$dir" --serial1 "$OUT/zcu102-pair.uart1"
	echo "zcu102-pair: $(($(date +%s) - start)) s from QEMU start to its exit"
	if grep -q '^vmm|boot: runtime at 0x[0-9a-f]*, 4 CPUs, 2 guests' "$log"; then
		pass zcu102-runtime-on-uart0
	else
		fail zcu102-runtime-on-uart0 "no vmm|boot line: $(head -3 "$log" | tr '\n' ' ')"
	fi
	if grep -q '^linux| GUEST-UP zcu102$' "$log"; then pass zcu102-linux-up
	else fail zcu102-linux-up "no 'linux| GUEST-UP zcu102'"; fi
	if grep -q '^linux| .*smp: Brought up 1 node, 2 CPUs$' "$log"; then pass zcu102-linux-2-vcpus
	else fail zcu102-linux-2-vcpus "$(grep '^linux| .*smp:' "$log" | tail -1)"; fi
	got=$(grep '^marker| MARKER [0-9]' "$log" | tr '\n' ';')
	if [ "$got" = "marker| MARKER 1 marker;marker| MARKER 2 marker;marker| MARKER 3 marker;marker| MARKER 4 marker;marker| MARKER 5 marker;" ]; then
		pass zcu102-marker
	else
		fail zcu102-marker "markers: $got"
	fi
	if powered_off "$log"; then pass zcu102-power-off
	else fail zcu102-power-off "QEMU exit $(cat "$log.rc"), $(tail -1 "$log")"; fi
	if quiet "$log"; then pass zcu102-no-fault
	else fail zcu102-no-fault "$(grep -E '^vmm\|.*(fault|panic|unexpected|refus)' "$log" | head -1)"; fi
}

boot_example
