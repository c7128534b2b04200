#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the named Debian packages when any is missing. Idempotent: a
# machine that has them all runs no apt-get at all. An argument CMD=PKG means
# "install PKG only when the command CMD is missing", for tools such as npm
# that a machine may already have from elsewhere (Debian's npm conflicts
# with NodeSource's nodejs, which ships its own npm).
set -eu
missing=""
for arg in "$@"; do
	case $arg in
	*=*)
		command -v "${arg%%=*}" >/dev/null 2>&1 || missing="$missing ${arg#*=}"
		;;
	*)
		dpkg-query -W -f='${Status}' "$arg" 2>/dev/null | grep -q "ok installed" ||
			missing="$missing $arg"
		;;
	esac
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
