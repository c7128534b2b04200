#!/bin/sh
# SPDX-License-Identifier: MIT
# `make demo`: build an example system and boot it on QEMU with the board's
# own settings through `partita run` (the -kernel path). DEMO_SPEC picks the
# system; DEMO_TIMEOUT bounds a run that is not interactive (seconds).
# SHELL_GUEST=<guest> leaves you at that guest's shell instead: it gets the
# board UART's input, Ctrl-C reaches its shell, `exit` powers it off, and
# Ctrl-A X quits QEMU.
set -eu
cd "$(dirname "$0")/.."
spec=${DEMO_SPEC:-examples/linux-pair.yaml}
O=${O:-build}
if [ -n "${SHELL_GUEST:-}" ]; then
	echo "demo: booting $spec with a shell on $SHELL_GUEST (type there; exit powers it off)"
	exec "$O/partita" run "$spec" --shell "$SHELL_GUEST"
fi
echo "demo: booting $spec (QEMU exits when every guest has powered off)"
exec "$O/partita" run "$spec" --timeout "${DEMO_TIMEOUT:-300}"
