#!/bin/sh
# SPDX-License-Identifier: MIT
# Reproducibility: every golden spec is built twice, into two different
# folders from two different working directories, and every output file
# must be byte-identical. Then the runtime's bytes must be the same inside
# the images of two different systems (only the header's image_size field,
# 0x10..0x17, is patched per image), and equal to the runtime binary itself.
# The FIT the builder writes itself (builder/emit/fit_tree.c) must be the bytes
# mkimage makes of the same .its (PARTITA_FIT_MKIMAGE=1), for every golden
# spec and with another SOURCE_DATE_EPOCH.
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

# The direct FIT against mkimage's, file for file.
for spec in tests/golden/specs/*.yaml; do
	name=$(basename "$spec" .yaml)
	PARTITA_FIT_MKIMAGE=1 "$PARTITA" build "$spec" -o "$out/m/$name" > /dev/null 2>&1 ||
		{ fail "$name build via mkimage"; continue; }
	cmp -s "$out/a/$name/$name.itb" "$out/m/$name/$name.itb" &&
		pass "$name.itb: direct FIT = mkimage's" || fail "$name.itb" "direct FIT differs from mkimage's"
done
for via in 0 1; do
	SOURCE_DATE_EPOCH=1700000000 PARTITA_FIT_MKIMAGE=$via "$PARTITA" build \
		tests/golden/specs/demo.yaml -o "$out/epoch-$via" > /dev/null 2>&1 || fail "demo epoch build $via"
done
cmp -s "$out/epoch-0/demo.itb" "$out/epoch-1/demo.itb" && ! cmp -s "$out/epoch-0/demo.itb" "$out/a/demo/demo.itb" &&
	pass "SOURCE_DATE_EPOCH stamps the direct FIT as mkimage does" ||
	fail "SOURCE_DATE_EPOCH" "direct and mkimage FITs differ, or the stamp did not change"

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
