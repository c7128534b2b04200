#!/bin/sh
# SPDX-License-Identifier: MIT
# A channel-ready initramfs: BASE (the guest initramfs) followed by a second
# newc archive holding /bin/partita-chan and
# /lib/modules/<release>/extra/partita_channel.ko. The kernel unpacks
# concatenated archives in order (Documentation/driver-api/early-userspace/
# buffer-format.rst), so nothing in BASE is rebuilt. Deterministic: mkcpio
# fixes owners and mtime, gzip -n.
#   chan-initramfs.sh MKCPIO BASE.cpio.gz MODULE.ko TOOL OUT.cpio.gz
set -eu
[ $# -eq 5 ] || { echo "usage: chan-initramfs.sh MKCPIO BASE KO TOOL OUT" >&2; exit 2; }
mkcpio=$1 base=$2 ko=$3 tool=$4 out=$5
objcopy=${CROSS_COMPILE:-aarch64-linux-gnu-}objcopy
magic=$("$objcopy" -O binary --only-section=.modinfo "$ko" /dev/stdout |
	tr '\0' '\n' | sed -n 's/^vermagic=//p')
release=${magic%% *}
[ -n "$release" ] || { echo "chan-initramfs: no vermagic in $ko" >&2; exit 1; }
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cat >"$stage/list" <<LIST
dir lib/modules/$release/extra 0755
file lib/modules/$release/extra/partita_channel.ko 0644 $ko
file bin/partita-chan 0755 $tool
LIST
"$mkcpio" "$stage/list" | gzip -n -9 >"$stage/overlay.gz"
cat "$base" "$stage/overlay.gz" >"$out.tmp"
mv -f "$out.tmp" "$out"
