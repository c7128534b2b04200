#!/bin/sh
# SPDX-License-Identifier: MIT
# Shared by run.sh and refresh.sh: the golden fixtures (fake runtime and
# payloads from tests/golden/fixtures.sh, plus a second initrd), and the
# outputs that are compared with tests/review/expected/.
PARTITA=${PARTITA:-build/partita}
PARTITA_RUNTIME=$(pwd)/build/tests/fixtures/vmm.bin
SOURCE_DATE_EPOCH=0
NO_COLOR=1
export PARTITA_RUNTIME SOURCE_DATE_EPOCH NO_COLOR
S=tests/review/specs
# The payloads the specs name (fixed path, written by rename), then this
# run's own scratch and outputs, so two runs at once do not collide. Both
# are three levels below the top, like tests/review/specs/, so a copy of a
# spec there resolves its relative payload paths to the same files.
FIX=build/tests/review
OUT=build/tests/review-run.$$
GOT=build/tests/review-got.$$

review_prepare() {
	[ -x "$PARTITA" ] || { echo "review: $PARTITA missing: run make first"; exit 2; }
	sh tests/golden/fixtures.sh
	mkdir -p "$GOT" "$OUT" "$FIX"
	printf 'second initrd for the review fixtures\n' > "$FIX/.initrd.$$"
	mv -f "$FIX/.initrd.$$" "$FIX/initrd-v2.cpio.gz"
	head -c 65536 /dev/zero > "$FIX/.disk.$$"
	mv -f "$FIX/.disk.$$" "$FIX/disk.img"
}

# review_render: every golden output into $GOT (exit codes in *.rc).
review_render() {
	g=$GOT
	for pair in base:widened widened:base base:swapped base:reordered \
		net-base:net-widened net-widened:net-base sched-base:sched-widened \
		sched-widened:sched-base; do
		old=${pair%%:*} new=${pair#*:}
		for fmt in text markdown json; do
			"$PARTITA" diff --format "$fmt" "$S/$old.yaml" "$S/$new.yaml" \
				> "$g/diff-$old-$new.$fmt" 2>&1
			echo $? > "$g/diff-$old-$new.$fmt.rc"
		done
	done
	for spec in base widened net-widened sched-base; do
		"$PARTITA" graph "$S/$spec.yaml" > "$g/graph-$spec.dot" 2>&1
	done
	cp "$S/messy.yaml" "$g/messy.yaml"
	"$PARTITA" -q fmt "$g/messy.yaml" > /dev/null 2>&1
}
