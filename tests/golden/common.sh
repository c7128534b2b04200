#!/bin/sh
# SPDX-License-Identifier: MIT
# Shared by refresh.sh and run.sh: fixtures, the fixed fake runtime (so the
# goldens do not move when vmm/ changes size), and rendering one spec's
# reviewable outputs into a folder.
PARTITA=${PARTITA:-build/partita}
PARTITA_RUNTIME=$(pwd)/build/tests/fixtures/vmm.bin
SOURCE_DATE_EPOCH=0
export PARTITA_RUNTIME SOURCE_DATE_EPOCH

golden_prepare() {
	[ -x "$PARTITA" ] || { echo "golden: $PARTITA missing: run make first"; exit 2; }
	sh tests/golden/fixtures.sh
}

# golden_render SPEC DIR: layout.txt, manifest.json and <guest>.dts into DIR.
golden_render() {
	work=build/tests/golden/$(basename "$1" .yaml)
	rm -rf "$2"
	mkdir -p "$2"
	"$PARTITA" build "$1" -o "$work" > /dev/null
	cp "$work/layout.txt" "$work/manifest.json" "$2/"
	for dtb in "$work"/*.dtb; do
		dtc -q -I dtb -O dts "$dtb" > "$2/$(basename "$dtb" .dtb).dts"
	done
}
