#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds and runs every host unit test (tests/unit/*.c -> build/tests/unit/*).
# Each binary prints one "PASS name" or "FAIL name" line per assertion; they
# are summed here. A binary that fails to build, crashes, hangs, exits
# non-zero or prints nothing counts as one more failure.
cd "$(dirname "$0")/../.." || exit 2
export PARTITA_DATADIR="$PWD"
OUT=${O:-build}/tests/unit   # O=build/asan: the sanitized build (make test-asan)
mkdir -p "$OUT/logs"
passed=0
failed=0

for src in tests/unit/*.c; do
	name=$(basename "$src" .c)
	bin=$OUT/$name log=$OUT/logs/$name.log
	if ! make -s "$bin" >"$log" 2>&1; then
		cat "$log"
		echo "FAIL $name: does not build"
		failed=$((failed + 1))
		continue
	fi
	timeout 60 "$bin" >"$log" 2>"$log.err"
	rc=$?
	grep -E '^(PASS|FAIL) ' "$log"
	p=$(grep -c '^PASS ' "$log")
	f=$(grep -c '^FAIL ' "$log")
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -eq 0 ] && { [ "$rc" -ne 0 ] || [ "$p" -eq 0 ]; }; then
		echo "FAIL $name: exit status $rc, $p PASS lines, no FAIL line (stderr in $log.err)"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
