#!/bin/sh
# SPDX-License-Identifier: MIT
# Prepares a kernel-module build tree matching the cached guest kernel,
# without root: fetches (cached) linux-headers-<abi>-<flavour>:arm64, its
# linux-headers-<abi>-common and the build machine's own linux-kbuild (its
# fixdep/modpost must run here), all at the kernel's exact version, unpacks
# them into WORK/root and points the headers Makefile at the unpacked common
# tree instead of /usr/src. Prints nothing; WORK/.stamp marks it complete.
#   headers.sh CACHE WORK KERNEL.deb
set -eu
[ $# -eq 3 ] || { echo "usage: headers.sh CACHE WORK KERNEL.deb" >&2; exit 2; }
cache=$1 work=$2
fetch=$(dirname "$0")/../fetch.sh
pkg=$(dpkg-deb --field "$3" Package)
ver=$(dpkg-deb --field "$3" Version)
flavour=${pkg#linux-image-}
flavour=${flavour%-unsigned}

# One dependency of the headers package, by name prefix and suffix.
dep() {
	dpkg-deb --field "$cache/linux-headers.deb" Depends | tr ',' '\n' |
		sed -n "s/^ *\($1[^ ]*${2:-}\)\( .*\)\{0,1\}$/\1/p" | head -1
}

"$fetch" "$cache" linux-headers.deb "linux-headers-$flavour:arm64=$ver"
common=$(dep linux-headers- -common)
kbuild=$(dep linux-kbuild-)
if [ -z "$common" ] || [ -z "$kbuild" ]; then
	echo "headers: unexpected Depends in linux-headers-$flavour" >&2
	exit 1
fi
"$fetch" "$cache" linux-headers-common.deb "$common:all=$ver"
"$fetch" "$cache" linux-kbuild.deb "$kbuild:$(dpkg --print-architecture)=$ver"

rm -rf "$work"
mkdir -p "$work/root"
root=$(cd "$work/root" && pwd)
for deb in linux-headers linux-headers-common linux-kbuild; do
	dpkg-deb -x "$cache/$deb.deb" "$root"
done
# The package's Makefile includes /usr/src/<common>/Makefile by absolute path.
sed -i "s|^include /usr/src/|include $root/usr/src/|" \
	"$root/usr/src/linux-headers-$flavour/Makefile"
ln -sfn "root/usr/src/linux-headers-$flavour" "$work/headers"
touch "$work/.stamp"
