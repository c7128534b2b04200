#!/bin/sh
# SPDX-License-Identifier: MIT
# Regenerates the golden files from the current builder: for every spec in
# tests/golden/specs/, layout.txt, manifest.json and each guest's DTS
# (`dtc -I dtb -O dts`) into tests/golden/expected/<name>/. Review the diff
# with `git diff tests/golden/expected` before committing it.
set -eu
cd "$(dirname "$0")/../.."
. tests/golden/common.sh
golden_prepare
for spec in tests/golden/specs/*.yaml; do
	name=$(basename "$spec" .yaml)
	golden_render "$spec" "tests/golden/expected/$name"
	echo "refreshed tests/golden/expected/$name"
done
