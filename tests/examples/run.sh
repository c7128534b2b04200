#!/bin/sh
# SPDX-License-Identifier: MIT
# Every example one command away: a clean copy of the tree (the files git
# tracks or would track, as they are in this working tree; no build/, no
# images/) runs
# `make examples`, and then `build/partita build examples/X.yaml` must
# work for every examples/*.yaml, as a new user would try it, with no
# environment variables. To stay cheap it reuses the Debian packages already
# downloaded into images/*/cache/ (hard links; run `make guests boards`
# first), so nothing is fetched; everything else is built from scratch.
# A second `make examples` must leave the disk image untouched.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

top=$(pwd)
OUT=$top/build/tests/examples
t=$OUT/tree
rm -rf "$OUT"
mkdir -p "$t/images"
for c in guests boards; do
	if [ ! -d "images/$c/cache" ]; then
		echo "SKIP examples: needs images/$c/cache (make guests boards)"
		finish
		exit
	fi
	mkdir -p "$t/images/$c"
	cp -al "images/$c/cache" "$t/images/$c/cache"
done
git ls-files -z --cached --others --exclude-standard | xargs -0 cp -P --parents -t "$t" 2>"$OUT/copy.log" ||
	{ fail "clean copy" "$(head -3 "$OUT/copy.log")"; finish; exit 1; }
[ ! -e "$t/build" ] && pass "clean copy has no build/" || fail "clean copy has no build/"

unset PARTITA_DATADIR PARTITA_RUNTIME PARTITA_SIGN_KEY
if (cd "$t" && make -j2 examples) >"$OUT/make.log" 2>&1; then
	pass "make examples in a clean tree"
else
	fail "make examples in a clean tree" "$(tail -5 "$OUT/make.log")"
	finish
	exit 1
fi
grep -q "fetch: apt-get download" "$OUT/make.log" &&
	fail "no download" "make examples fetched a package: $(grep -m1 'fetch:' "$OUT/make.log")" ||
	pass "no download (the cached packages were used)"

n=0
for spec in "$t"/examples/*.yaml; do
	name=$(basename "$spec" .yaml)
	n=$((n + 1))
	if (cd "$t" && build/partita build "examples/$name.yaml") >"$OUT/$name.log" 2>&1; then
		sys=$(sed -n 's/^name: *//p' "$spec")
		if [ -s "$t/images/$sys/$sys.img" ] && [ -s "$t/images/$sys/$sys.itb" ]; then
			pass "build examples/$name.yaml"
		else
			fail "build examples/$name.yaml" "no images/$sys/$sys.img or .itb"
		fi
	else
		fail "build examples/$name.yaml" "$(grep -m2 error "$OUT/$name.log")"
	fi
done
[ "$n" -ge 9 ] && pass "$n examples built" || fail "examples" "only $n found"

disk=$t/images/virtio/files.ext2
before=$(stat -c %Y.%s "$disk" 2>/dev/null)
(cd "$t" && make examples) >"$OUT/make2.log" 2>&1 && [ "$(stat -c %Y.%s "$disk")" = "$before" ] &&
	pass "second make examples leaves the disk alone" ||
	fail "second make examples" "$(tail -3 "$OUT/make2.log")"
finish
