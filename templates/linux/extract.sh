#!/bin/sh
# SPDX-License-Identifier: MIT
# Unpacks a cached .deb into a fresh directory with dpkg-deb -x (no root
# needed), after checking it against the sha256 fetch.sh recorded beside it,
# and marks it complete with DIR/.stamp, so make never builds from a damaged
# package or a half-written tree.
#   extract.sh PACKAGE.deb DIR
set -eu
[ $# -eq 2 ] || { echo "usage: extract.sh PACKAGE.deb DIR" >&2; exit 2; }
deb=$(readlink -f "$1")
[ -f "$deb.sha256" ] || { echo "extract: no $deb.sha256" >&2; exit 1; }
(cd "$(dirname "$deb")" && sha256sum --quiet -c "$(basename "$deb").sha256") ||
	{ echo "extract: $1 does not match its recorded sha256" >&2; exit 1; }
rm -rf "$2"
mkdir -p "$2"
dpkg-deb -x "$deb" "$2"
touch "$2/.stamp"
