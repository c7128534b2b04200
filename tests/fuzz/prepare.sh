#!/bin/sh
# SPDX-License-Identifier: MIT
# Prepares what tests/fuzz/spec_fuzz reads, under $1 (default build/fuzz):
#   tree/   a copy of the source tree's data root (boards, templates) and
#           of tests/specs where every board tree is already a .dtb, so the
#           harness never runs dtc (a .dts board would fork and exec it on
#           every input). Specs resolve from tree/tests/specs/bad/, as the
#           bad corpus does from tests/specs/bad/; tree/build and
#           tree/images lead to the real ones.
#   seeds/  tests/fuzz/regressions/ (inputs past campaigns crashed on, byte
#           for byte), examples, good and bad specs and bad board specs, their payload
#           paths rewritten for that folder (Linux payloads become the small
#           fixture Image and initrd, so examples get past loading).
set -eu
cd "$(dirname "$0")/../.."
out=${1:-build/fuzz}
top=$(pwd)
tree=$out/tree
rm -rf "$out/seeds"
mkdir -p "$tree/tests/specs/bad" "$out/seeds"

# boards_dtb SRC DST: copy each board folder, compiling .dts trees once.
boards_dtb() {
	for b in "$1"/*/; do
		b=${b%/}
		name=$(basename "$b")
		mkdir -p "$2/$name"
		for f in "$b"/*; do
			[ -f "$f" ] || continue
			case $f in
			*.dts)
				dtb=$2/$name/$(basename "$f" .dts).dtb
				[ "$dtb" -nt "$f" ] || dtc -q -@ -I dts -O dtb -o "$dtb" "$f"
				;;
			*.yaml) sed 's/^\(devicetree: .*\)\.dts\b/\1.dtb/' "$f" > "$2/$name/$(basename "$f")" ;;
			*) cp "$f" "$2/$name/" ;;
			esac
		done
	done
}
boards_dtb boards "$tree/boards"
boards_dtb tests/specs/boards "$tree/tests/specs/boards"
for l in templates schema tests/specs/payloads tests/specs/templates build images; do
	ln -sfn "$top/$l" "$tree/$l"
done

for f in tests/fuzz/regressions/* tests/specs/bad/*.yaml tests/specs/good/*.yaml \
	 tests/boards/bad/*.yaml; do
	[ -f "$f" ] || continue
	cp "$f" "$out/seeds/$(echo "$f" | tr / -)"
done
for f in examples/*.yaml tests/golden/specs/*.yaml tests/cli/specs/*.yaml; do
	[ -f "$f" ] || continue
	sed -e 's#\.\./images/guests/linux/Image#../payloads/Image#' \
	    -e 's#\.\./images/guests/linux/initramfs\.cpio\.gz#../payloads/initrd.img#' \
	    -e 's#\.\./build/#../../../build/#' \
	    "$f" > "$out/seeds/$(echo "$f" | tr / -)"
done
