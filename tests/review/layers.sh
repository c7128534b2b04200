#!/bin/sh
# SPDX-License-Identifier: MIT
# The builder's stage folders call one way (builder/README.md): a file may
# include headers of its own folder and of folders below it, never above.
# Prints every folder-to-folder include edge ("spec -> board"), and with an
# object directory (build/builder) also every folder-to-folder call edge from
# the objects' symbols; exits 1 with "upward ..." lines on any violation.
# Usage: tests/review/layers.sh [OBJDIR]
cd "$(dirname "$0")/../.." || exit 2
ORDER="lib model board spec check alloc emit pipeline review cli"

rank() {
	i=0
	for d in $ORDER; do
		[ "$d" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
	echo 99
}

# "folder header" for every header, "folder symbol" for every defined symbol.
for h in builder/*/*.h; do
	echo "$(basename "$(dirname "$h")") $(basename "$h")"
done | sort -k2 > "${TMPDIR:-/tmp}/layers.$$.h"

edges() {
	for f in builder/*/*.c builder/*/*.h; do
		from=$(basename "$(dirname "$f")")
		sed -n 's/^#include "\([^"/]*\)".*/\1/p' "$f" | while read -r inc; do
			to=$(awk -v h="$inc" '$2 == h { print $1 }' "${TMPDIR:-/tmp}/layers.$$.h")
			[ -n "$to" ] && [ "$to" != "$from" ] && echo "include $from -> $to"
		done
	done
	[ -n "$1" ] || return 0
	for o in "$1"/*/*.o; do
		d=$(basename "$(dirname "$o")")
		nm --defined-only -g "$o" | awk -v d="$d" 'NF == 3 { print $3, d }'
	done | sort -k1,1 > "${TMPDIR:-/tmp}/layers.$$.def"
	for o in "$1"/*/*.o; do
		d=$(basename "$(dirname "$o")")
		nm -u "$o" | awk -v d="$d" '{ print $2, d }'
	done | sort -k1,1 | join - "${TMPDIR:-/tmp}/layers.$$.def" |
		awk '$2 != $3 { print "call", $2, "->", $3 }'
}

bad=0
for e in $(edges "$1" | sort -u | tr ' ' '_'); do
	set -- $(echo "$e" | tr '_' ' ')
	if [ "$(rank "$2")" -lt "$(rank "$4")" ]; then
		echo "upward $1 $2 -> $4"
		bad=1
	else
		echo "$1 $2 -> $4"
	fi
done
rm -f "${TMPDIR:-/tmp}/layers.$$".*
exit $bad
