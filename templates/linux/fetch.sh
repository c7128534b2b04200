#!/bin/sh
# SPDX-License-Identifier: MIT
# Fetches one Debian arm64 package into the guest cache with apt-get download,
# checks it (dpkg-deb --info, name, architecture) and records its sha256 next
# to it; CACHE/NAME.deb becomes a link to the versioned file. A package that
# is already cached and still matches its sha256 is not fetched or touched.
#   fetch.sh CACHE NAME SPEC    SPEC: NAME[:ARCH][=VERSION] (ARCH defaults
#                               to arm64; "all" for arch-independent ones),
#                               or meta:METAPACKAGE for the linux-image the
#                               arm64 metapackage currently depends on
#   fetch.sh --verify CACHE     re-check every recorded sha256
set -eu

die() {
	echo "fetch: $*" >&2
	exit 1
}

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

verify_cache() {
	cd "$1"
	for sum in *.deb.sha256; do
		[ -e "${sum%.sha256}" ] || continue
		sha256sum --quiet -c "$sum" ||
			die "$1/${sum%.sha256}: cached package damaged"
	done
}

# apt knows arm64 packages only once the architecture is added and the lists
# are fresh; both happen only when a lookup fails. $1 is NAME:ARCH[=VERSION].
apt_knows() {
	case "$1" in
	*=*) apt-cache show "$1" >/dev/null 2>&1 ;;
	*) apt-cache show --no-all-versions "$1" >/dev/null 2>&1 ;;
	esac
}

apt_prepare() {
	apt_knows "$1" && return 0
	dpkg --print-foreign-architectures | grep -qx arm64 ||
		as_root dpkg --add-architecture arm64
	echo "fetch: apt-get update (no $1 in the package lists)" >&2
	as_root apt-get update -q >/dev/null
	apt_knows "$1" || die "no package $1 in the apt sources"
}

# NAME:ARCH[=VERSION] with the default architecture filled in.
qualify() {
	case "${1%%=*}" in
	*:*) echo "$1" ;;
	*) case "$1" in
		*=*) echo "${1%%=*}:arm64=${1#*=}" ;;
		*) echo "$1:arm64" ;;
		esac ;;
	esac
}

# The versioned linux-image-<abi>-<flavour> the metapackage depends on.
resolve() {
	case "$1" in
	meta:*)
		meta=${1#meta:}
		apt_prepare "$meta:arm64"
		dep=$(apt-cache depends "$meta:arm64" | sed -n \
			's/^ *Depends: \(linux-image-[^:]*\).*/\1/p' | head -1)
		[ -n "$dep" ] || die "$meta:arm64 depends on no linux-image"
		echo "$dep:arm64"
		;;
	*) qualify "$1" ;;
	esac
}

# $2 is NAME:ARCH[=VERSION]: the file must be exactly that package.
check_deb() {
	dpkg-deb --info "$1" >/dev/null 2>&1 || die "$1: not a valid .deb"
	want=${2%%=*}
	[ "$(dpkg-deb --field "$1" Package)" = "${want%:*}" ] ||
		die "$1: is not package ${want%:*}"
	[ "$(dpkg-deb --field "$1" Architecture)" = "${want#*:}" ] ||
		die "$1: is not built for ${want#*:}"
	case "$2" in
	*=*) [ "$(dpkg-deb --field "$1" Version)" = "${2#*=}" ] ||
		die "$1: is not version ${2#*=}" ;;
	esac
}

# Downloads into a private directory, then moves the checked file in.
download() {
	tmp=$(mktemp -d "$cache/.fetch.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	apt_prepare "$1"
	echo "fetch: apt-get download $1" >&2
	(cd "$tmp" && apt-get download -q -o APT::Sandbox::User="$(id -un)" \
		"$1" >/dev/null) || die "apt-get download $1 failed"
	set -- "$1" "$tmp"/*.deb
	[ $# -eq 2 ] && [ -f "$2" ] ||
		die "apt-get download gave no single .deb"
	check_deb "$2" "$1"
	file=$(basename "$2")
	(cd "$tmp" && sha256sum "$file" >"$file.sha256")
	touch "$2"
	mv "$tmp/$file.sha256" "$cache/"
	mv "$2" "$cache/"
	echo "$file"
}

# A cached file counts only if its recorded sha256 still matches. Debian
# names files NAME_VERSION_ARCH.deb with the epoch colon written %3a.
cached() {
	name=${1%%:*}
	arch=${1#*:}
	arch=${arch%%=*}
	case "$1" in
	*=*)
		version=$(echo "${1#*=}" | sed 's/:/%3a/')
		set -- "$cache/${name}_${version}_$arch.deb"
		;;
	*) set -- "$cache/${name}_"*"_$arch.deb" ;;
	esac
	for deb in "$@"; do
		sum=$deb.sha256
		[ -e "$sum" ] || continue
		(cd "$cache" && sha256sum --quiet -c "${sum##*/}") \
			>/dev/null 2>&1 && basename "$deb" && return 0
	done
	return 1
}

link() {
	[ "$(readlink "$cache/$2" 2>/dev/null)" = "$1" ] && return 0
	ln -sfn "$1" "$cache/$2.tmp"
	mv -f "$cache/$2.tmp" "$cache/$2"
}

if [ "${1:-}" = --verify ]; then
	[ $# -eq 2 ] || die "usage: fetch.sh --verify CACHE"
	[ -d "$2" ] || exit 0
	verify_cache "$2"
	exit 0
fi
[ $# -eq 3 ] || die "usage: fetch.sh CACHE NAME SPEC"
cache=$1
mkdir -p "$cache"
pkg=$(resolve "$3")
# Stale package lists name files the archive has dropped (the security
# suite keeps only the newest kernel): refresh once and resolve again.
if ! file=$(cached "$pkg") && ! file=$(download "$pkg"); then
	echo "fetch: retrying after apt-get update" >&2
	as_root apt-get update -q >/dev/null
	pkg=$(resolve "$3")
	file=$(cached "$pkg") || file=$(download "$pkg")
fi
link "$file" "$2"
