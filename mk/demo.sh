#!/bin/sh
# SPDX-License-Identifier: MIT
# `make demo`: build an example system with partita and boot it on QEMU's
# virt machine with the board's own settings, through the `-kernel` path.
# DEMO_SPEC picks the system; DEMO_TIMEOUT bounds the run (seconds).
set -eu
cd "$(dirname "$0")/.."
spec=${DEMO_SPEC:-examples/linux-pair.yaml}
O=${O:-build}
out="$O/demo/$(basename "$spec" .yaml)"
"$O/partita" build "$spec" -o "$out"
img=$(ls "$out"/*.img)
board_machine=virt,virtualization=on,gic-version=3
echo "demo: booting $img (QEMU exits when every guest has powered off)"
exec timeout "${DEMO_TIMEOUT:-300}" qemu-system-aarch64 -M "$board_machine" \
	-cpu cortex-a57 -smp 4 -m 2G -nographic -no-reboot -kernel "$img"
