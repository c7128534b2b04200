#!/bin/sh
# SPDX-License-Identifier: MIT
# QEMU boot tests of the runtime (issue 3): markers from two guests, a
# contained attacker, a refused corrupt layout, the three boot paths,
# placement independence, guest SMP and reset, identical runtime bytes.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/qemu/lib.sh
mkdir -p "$OUT"

for spec in two-markers attack-stop attack-abort smp-reset; do
	build_spec "$spec" || fail "build $spec" "$(tail -3 "$OUT/$spec.build.log")"
done

. tests/qemu/cases.sh
finish
