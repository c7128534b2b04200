#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds the guest initramfs without root: busybox with its applet links,
# /init, udhcpc.script (beside this script: the DHCP client's event script),
# the requested kernel modules (plus what they depend on, in load
# order) from the same kernel package. Writes a cpio list, turns it into a
# newc archive with mkcpio (fixed owners and mtime) and compresses it with
# gzip -n, so the same inputs give the same bytes.
#   mkinitramfs.sh KERNEL_ROOT BUSYBOX_ROOT INIT MKCPIO OUT.cpio.gz
# Environment: GUEST_MODULES (module names), GUEST_EXTRA_MODULES (paths of
# out-of-tree .ko files, loaded last), GUEST_TOOLS (paths of static arm64
# programs, put in /bin), CROSS_COMPILE (for objcopy).
set -eu
export LC_ALL=C

die() {
	echo "mkinitramfs: $*" >&2
	exit 1
}

[ $# -eq 5 ] ||
	die "usage: mkinitramfs.sh KERNEL_ROOT BUSYBOX_ROOT INIT MKCPIO OUT"
kroot=$1 bbroot=$2 init=$3 mkcpio=$4 out=$5
modules=${GUEST_MODULES:-virtio virtio_ring virtio_mmio virtio_console \
virtio_net virtio_blk vmw_vsock_virtio_transport uio}
objcopy=${CROSS_COMPILE:-aarch64-linux-gnu-}objcopy
udhcpc=$(cd "$(dirname "$0")" && pwd)/udhcpc.script   # beside this script
busybox=$bbroot/bin/busybox

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
list=$stage/list

set -- "$kroot"/lib/modules/*/kernel
[ $# -eq 1 ] && [ -d "$1" ] || die "expected one lib/modules/*/kernel in $kroot"
kver=$(basename "$(dirname "$1")")
moddir=$kroot/lib/modules/$kver

# The applet names are one NUL-separated, sorted string table in the binary,
# starting "[", "[[" and ending with an empty string. Reading it avoids
# running an arm64 binary on the build machine.
applets() {
	tr '\0' '\n' <"$busybox" | awk '
		on && $0 == "" { exit }
		on { print }
		prev == "[" && $0 == "[[" { on = 1; print "["; print "[[" }
		{ prev = $0 }'
}

check_applets() {
	[ "$(wc -l <"$1")" -ge 100 ] || die "busybox applet table not found"
	sort -c "$1" 2>/dev/null || die "busybox applet table not sorted"
	for need in sh awk mount insmod hostname nproc poweroff setsid \
		cttyhack sed sort tr uname sync; do
		grep -qx "$need" "$1" || die "busybox lacks the $need applet"
	done
}

# Module names use '_'; file names may use '-' and may be compressed.
find_module() {
	pattern=$(echo "$1" | sed 's/[_-]/[_-]/g')
	find "$moddir/kernel" -regex ".*/$pattern\.ko\(\.xz\|\.gz\|\.zst\)?" |
		sort | head -1
}

modinfo_field() {
	"$objcopy" -O binary --only-section=.modinfo "$1" /dev/stdout |
		tr '\0' '\n' | sed -n "s/^$2=//p"
}

# REL without a compression suffix.
plain() {
	case "$1" in
	*.xz) echo "${1%.xz}" ;;
	*.gz) echo "${1%.gz}" ;;
	*.zst) echo "${1%.zst}" ;;
	*) echo "$1" ;;
	esac
}

# Copies module SRC (decompressed) to the stage as REL.
stage_module() {
	mkdir -p "$stage/mods/$(dirname "$2")"
	case "$1" in
	*.xz) xz -dc "$1" >"$stage/mods/$2" ;;
	*.gz) gzip -dc "$1" >"$stage/mods/$2" ;;
	*.zst) zstd -qdc "$1" >"$stage/mods/$2" ;;
	*) cp "$1" "$stage/mods/$2" ;;
	esac
}

# Stages SRC as REL, refuses it unless built for this kernel, then lists it
# after everything it depends on (depth-first). The recursion needs "local"
# (dash, bash and busybox sh all have it).
add_file() {
	local rel="$2" magic dep
	stage_module "$1" "$rel"
	magic=$(modinfo_field "$stage/mods/$rel" vermagic)
	[ "${magic%% *}" = "$kver" ] || die "$1: vermagic '$magic' is not $kver"
	for dep in $(modinfo_field "$stage/mods/$rel" depends | tr ',' ' '); do
		add_module "$dep"
	done
	echo "$rel" >>"$stage/mods/partita.order"
}

# A module of the kernel package, by name, once.
add_module() {
	local src
	grep -qx "$1" "$stage/seen" && return 0
	echo "$1" >>"$stage/seen"
	src=$(find_module "$1")
	[ -n "$src" ] || die "module $1 is not in $moddir"
	add_file "$src" "$(plain "${src#"$moddir"/}")"
}

# An out-of-tree module file goes to extra/ and loads after the others.
add_extra() {
	local base
	base=$(plain "$(basename "$1")")
	basename "$base" .ko | tr - _ >>"$stage/seen"
	add_file "$1" "extra/$base"
}

# Every directory above PATH (relative), one per line.
parents() {
	dir=$(dirname "$1")
	while [ "$dir" != . ]; do
		echo "$dir"
		dir=$(dirname "$dir")
	done
}

write_list() {
	m=lib/modules/$kver
	for d in bin dev etc lib proc root run sys usr; do
		echo "dir $d 0755"
	done
	echo "dir tmp 1777"
	echo "slink sbin 0777 bin"
	echo "slink usr/bin 0777 ../bin"
	echo "slink usr/sbin 0777 ../bin"
	echo "nod dev/console 0600 c 5 1"
	echo "nod dev/null 0666 c 1 3"
	echo "file init 0755 $init"
	echo "dir etc/udhcpc 0755"
	echo "file etc/udhcpc/default.script 0755 $udhcpc"
	echo "file bin/busybox 0755 $busybox"
	grep -vx busybox "$stage/applets" | sed 's|.*|slink bin/& 0777 busybox|'
	for tool in ${GUEST_TOOLS:-}; do
		[ -x "$tool" ] || die "no tool $tool"
		echo "file bin/${tool##*/} 0755 $tool"
	done
	{
		parents "$m/partita.order"
		while read -r rel; do
			parents "$m/$rel"
		done <"$stage/mods/partita.order"
	} | sort -u | grep -vx lib | sed 's|.*|dir & 0755|'
	echo "file $m/partita.order 0644 $stage/mods/partita.order"
	sed "s|.*|file $m/& 0644 $stage/mods/&|" "$stage/mods/partita.order"
}

[ -x "$busybox" ] || die "no bin/busybox in $bbroot"
applets >"$stage/applets"
check_applets "$stage/applets"
: >"$stage/seen"
mkdir -p "$stage/mods"
: >"$stage/mods/partita.order"
for mod in $modules; do add_module "$mod"; done
for ko in ${GUEST_EXTRA_MODULES:-}; do add_extra "$ko"; done
write_list >"$list"
mkdir -p "$(dirname "$out")"
"$mkcpio" "$list" >"$stage/initramfs.cpio"
gzip -n -9 <"$stage/initramfs.cpio" >"$out.tmp"
mv -f "$out.tmp" "$out"
