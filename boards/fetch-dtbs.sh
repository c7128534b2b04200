#!/bin/sh
# SPDX-License-Identifier: MIT
# Puts the real boards' device trees in place: Debian's arm64 kernel package
# (linux-image-arm64's current linux-image-<abi>-arm64) is fetched once into
# images/boards/cache by templates/linux/fetch.sh (checked, sha256 recorded),
# then each board's .dtb is taken out of it with dpkg-deb into
# boards/<board>/ (git-ignored: the builder resolves `devicetree:` inside the
# board folder). A .dtb already identical is not rewritten or touched.
#   fetch-dtbs.sh            fetch (if needed) and extract
#   fetch-dtbs.sh --verify   re-check the cache and each .dtb (fdtdump)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cache=${BOARDS_CACHE:-$top/images/boards/cache}
# BOARDS_KERNEL=linux-image-6.1.0-56-arm64=6.1.192-2 pins one exact package.
kernel=${BOARDS_KERNEL:-meta:linux-image-arm64}
fetch=$top/templates/linux/fetch.sh

# board  path of the .dtb below /usr/lib/linux-image-<abi>/
BOARDS="rpi4b broadcom/bcm2711-rpi-4-b.dtb
zcu102 xilinx/zynqmp-zcu102-rev1.0.dtb
imx8mq-evk freescale/imx8mq-evk.dtb"

die() {
	echo "fetch-dtbs: $*" >&2
	exit 1
}

# A .dtb counts only if dtc can read it back: a truncated file is refused.
check_dtb() {
	dtc -q -I dtb -O dtb -o /dev/null "$1" 2>/dev/null ||
		die "$1: not a valid device-tree blob"
}

verify() {
	"$fetch" --verify "$cache"
	echo "$BOARDS" | while read -r board dtb; do
		check_dtb "$top/boards/$board/$(basename "$dtb")"
	done
}

# Extracts the three trees from the package into a private directory.
extract() {
	tmp=$(mktemp -d "$cache/.dtbs.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	pattern=$(echo "$BOARDS" | while read -r board dtb; do
		printf './usr/lib/linux-image-*/%s\n' "$dtb"
	done)
	# shellcheck disable=SC2086  # one wildcard pattern per board
	dpkg-deb --fsys-tarfile "$cache/linux-image.deb" |
		tar -x -C "$tmp" --wildcards $pattern ||
		die "$cache/linux-image.deb lacks one of the board trees"
	echo "$BOARDS" | while read -r board dtb; do
		set -- "$tmp"/usr/lib/linux-image-*/"$dtb"
		[ $# -eq 1 ] && [ -f "$1" ] || die "no single $dtb in the package"
		check_dtb "$1"
		out=$top/boards/$board/$(basename "$dtb")
		if ! cmp -s "$1" "$out"; then
			cp "$1" "$out.tmp"
			mv -f "$out.tmp" "$out"
			echo "fetch-dtbs: $board: $(basename "$dtb") from $(basename \
				"$(readlink "$cache/linux-image.deb")")" >&2
		fi
	done
}

if [ "${1:-}" = --verify ]; then
	verify
	exit 0
fi
[ $# -eq 0 ] || die "usage: fetch-dtbs.sh [--verify]"
command -v dtc >/dev/null || die "dtc missing (apt-get install device-tree-compiler)"
"$fetch" "$cache" linux-image.deb "$kernel"
extract
