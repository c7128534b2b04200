#!/bin/sh
# SPDX-License-Identifier: MIT
# Cross-builds the out-of-tree modules in SRC (Kbuild + *.c) against the
# tree headers.sh prepared, in a scratch copy so the source stays clean,
# checks each .ko's vermagic against the headers' kernel release and copies
# it to OUTDIR. The kernel make gets a clean environment: our own make's
# variables (O=, V=) mean other things to Kbuild.
#   build.sh HEADERS SRC OUTDIR
set -eu

die() {
	echo "module: $*" >&2
	exit 1
}

[ $# -eq 3 ] || die "usage: build.sh HEADERS SRC OUTDIR"
headers=$(cd "$1" && pwd -P)
cross=${CROSS_COMPILE:-aarch64-linux-gnu-}
release=$(sed -n 's/^override KERNELRELEASE = //p' \
	"$headers/.kernelvariables")
[ -n "$release" ] || die "no KERNELRELEASE in $headers"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$2"/Kbuild "$2"/*.c "$2"/*.h "$scratch/"
env -u MAKEFLAGS -u MAKELEVEL -u MAKEOVERRIDES -u MFLAGS \
	make -s -C "$headers" M="$scratch" ARCH=arm64 CROSS_COMPILE="$cross" \
	KBUILD_BUILD_TIMESTAMP=@"${SOURCE_DATE_EPOCH:-0}" modules >/dev/null
mkdir -p "$3"
for ko in "$scratch"/*.ko; do
	magic=$("${cross}objcopy" -O binary --only-section=.modinfo "$ko" \
		/dev/stdout | tr '\0' '\n' | sed -n 's/^vermagic=//p')
	[ "${magic%% *}" = "$release" ] ||
		die "$ko vermagic '$magic' is not $release"
	cp "$ko" "$3/"
done
