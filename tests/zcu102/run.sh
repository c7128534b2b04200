#!/bin/sh
# SPDX-License-Identifier: MIT
# The ZCU102 on QEMU's model of it (xlnx-zcu102, virtualization=on; the
# board's qemu: block) and the runtime's console drivers. One topic per
# script, sourced in order into this shell (shared counters and helpers from
# tests/zcu102/lib.sh): boot.sh boots examples/zcu102-pair.yaml; console.sh
# has bare-metal guests print and take input through the runtime on the
# PL011 (QEMU virt) and the Cadence UART (ZCU102); devices.sh drives the
# example's UART1, GEM3 and SD1 from Linux and checks a non-owner touching
# GEM3 is stopped; console-slow.sh shows console output on a slow UART does
# not hold other guests back; shell.sh types reboot and poweroff into the
# example's Linux shell. Add a topic by adding a script to TOPICS.
# Needs `make boards` (the board tree) and, for Linux, `make guests`.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/zcu102/lib.sh
mkdir -p "$OUT"

if ! make -s "$PARTITA" build/vmm/vmm.bin build/tests/guests/marker.elf build/tests/guests/ticker.elf \
	build/tests/guests/echo.elf >"$OUT/make.log" 2>&1; then
	fail build "make failed, see $OUT/make.log"
	finish
	exit 1
fi
# one runtime for the whole run, even if build/vmm is rebuilt meanwhile
cp build/vmm/vmm.bin "$OUT/vmm.bin"
if [ ! -f boards/zcu102/zynqmp-zcu102-rev1.0.dtb ]; then
	missing zcu102-tree "boards/zcu102/zynqmp-zcu102-rev1.0.dtb missing (run make boards)"
	finish
	exit
fi

TOPICS=${ZCU102_TOPICS:-"boot console devices console-slow shell"}
for topic in $TOPICS; do
	echo "-- $topic"
	# shellcheck source=/dev/null
	. "tests/zcu102/$topic.sh"
done
finish
