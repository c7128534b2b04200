#!/bin/sh
# SPDX-License-Identifier: MIT
# Shared helpers for test runners: count results, print the closing line.
# Usage: . tests/lib.sh; pass NAME; fail NAME WHY; finish
PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "PASS $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $1${2:+: $2}"; }
finish() {
	echo "$PASSED passed, $FAILED failed"
	[ "$FAILED" -eq 0 ]
}
