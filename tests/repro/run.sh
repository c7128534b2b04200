#!/bin/sh
# SPDX-License-Identifier: MIT
# Reproducibility: every golden spec is built twice, into two different
# folders from two different working directories, and every output file
# must be byte-identical. Then the runtime's bytes must be the same inside
# the images of two different systems (only the header's image_size field,
# 0x10..0x17, is patched per image), and equal to the runtime binary itself.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
top=$(pwd)
PARTITA=$top/build/partita
SOURCE_DATE_EPOCH=0
export SOURCE_DATE_EPOCH
sh tests/golden/fixtures.sh
runtime=$top/build/vmm/vmm.bin
[ -f "$runtime" ] || runtime=$top/build/tests/fixtures/vmm.bin
PARTITA_RUNTIME=$runtime
export PARTITA_RUNTIME
out=$top/build/tests/repro
rm -rf "$out"
mkdir -p "$out/cwd-b"

for spec in tests/golden/specs/*.yaml; do
	name=$(basename "$spec" .yaml)
	"$PARTITA" build "$spec" -o "$out/a/$name" > /dev/null 2>&1 ||
		{ fail "$name build a"; continue; }
	(cd "$out/cwd-b" && "$PARTITA" build "$top/$spec" -o "../b/$name" > /dev/null 2>&1) ||
		{ fail "$name build b"; continue; }
	n=$(ls "$out/a/$name" | wc -l)
	[ "$n" -ge 6 ] && pass "$name: $n files" || fail "$name: only $n files"
	for f in $(ls "$out/a/$name"); do
		if cmp -s "$out/a/$name/$f" "$out/b/$name/$f"; then
			pass "$name/$f identical"
		else
			fail "$name/$f" "differs between the two builds"
		fi
	done
done

# runtime_bytes IMG OUT: the runtime's bytes in IMG with image_size zeroed.
runtime_bytes() {
	size=$(stat -c %s "$runtime")
	head -c "$size" "$1" > "$2.tmp"
	{ head -c 16 "$2.tmp"; head -c 8 /dev/zero; tail -c +25 "$2.tmp"; } > "$2"
	rm -f "$2.tmp"
}
runtime_bytes "$out/a/demo/demo.img" "$out/rt-demo"
runtime_bytes "$out/a/baremetal-pair/baremetal-pair.img" "$out/rt-pair"
runtime_bytes "$runtime" "$out/rt-bin"
cmp -s "$out/rt-demo" "$out/rt-pair" && pass "runtime bytes identical in two systems" ||
	fail "runtime bytes differ between two systems"
cmp -s "$out/rt-demo" "$out/rt-bin" && pass "runtime bytes identical to $(basename "$runtime")" ||
	fail "runtime bytes differ from the runtime binary"
finish
