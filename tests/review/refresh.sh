#!/bin/sh
# SPDX-License-Identifier: MIT
# Regenerates tests/review/expected/ from the current builder. Review the
# resulting `git diff` before committing: it is the test's contract.
cd "$(dirname "$0")/../.." || exit 2
. tests/review/common.sh
review_prepare
rm -rf "$GOT"
mkdir -p "$GOT"
review_render
rm -rf tests/review/expected
cp -R "$GOT" tests/review/expected
rm -rf "$GOT" "$OUT"
echo "refreshed tests/review/expected ($(ls tests/review/expected | wc -l) files)"
