#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden tests: renders every tests/golden/specs/*.yaml again and compares
# layout.txt, manifest.json and every guest DTS with tests/golden/expected/.
# Also checks that `partita dts` and `partita inspect` agree with the build.
# Refresh on purpose with tests/golden/refresh.sh.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/golden/common.sh
golden_prepare

for spec in tests/golden/specs/*.yaml; do
	name=$(basename "$spec" .yaml)
	want=tests/golden/expected/$name
	got=build/tests/golden-out/$name
	mkdir -p build/tests/golden-out
	if ! golden_render "$spec" "$got" 2> "$got.err"; then
		fail "$name build" "$(head -3 "$got.err")"
		continue
	fi
	[ -d "$want" ] || { fail "$name" "no expected files: run tests/golden/refresh.sh"; continue; }
	for f in $(cd "$want" && ls) $(cd "$got" && ls); do
		[ -n "$(echo "$seen" | grep -x "$name/$f")" ] && continue
		seen="$seen
$name/$f"
		if diff -u "$want/$f" "$got/$f" > "$got.diff" 2>&1; then
			pass "$name/$f"
		else
			fail "$name/$f" "differs from the golden file:"
			head -20 "$got.diff"
		fi
	done
	img=build/tests/golden/$name/$name.img
	if "$PARTITA" inspect "$img" > "$got.inspect" 2>&1 && grep -q "crc32 .* (ok)" "$got.inspect"; then
		pass "$name inspect"
	else
		fail "$name inspect" "$(tail -2 "$got.inspect")"
	fi
	guest=$(ls "$want"/*.dts | head -1 | xargs basename | sed 's/\.dts$//')
	if "$PARTITA" dts "$spec" "$guest" 2>/dev/null | cmp -s - "$want/$guest.dts"; then
		pass "$name dts $guest"
	else
		fail "$name dts $guest" "partita dts differs from the built DTB"
	fi
done
finish
