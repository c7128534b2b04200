#!/bin/sh
# SPDX-License-Identifier: MIT
# Unpacks a cached .deb into a fresh directory with dpkg-deb -x (no root
# needed) and marks it complete with DIR/.stamp, so make never builds from
# a half-written tree.
#   extract.sh PACKAGE.deb DIR
set -eu
[ $# -eq 2 ] || { echo "usage: extract.sh PACKAGE.deb DIR" >&2; exit 2; }
rm -rf "$2"
mkdir -p "$2"
dpkg-deb -x "$1" "$2"
touch "$2/.stamp"
