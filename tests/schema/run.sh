#!/bin/sh
# SPDX-License-Identifier: MIT
# The JSON Schema (schema/partita.schema.json) against real specs: every
# examples/*.yaml and tests/specs/good/*.yaml must validate, and every
# structural mistake listed in structural.txt must not. Ajv and yaml come
# from npm into build/tests/schema (cached, never committed).
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

OUT=build/tests/schema
if [ ! -f "$OUT/node_modules/ajv/package.json" ] || [ ! -f "$OUT/node_modules/yaml/package.json" ] ||
   ! cmp -s tests/schema/package.json "$OUT/package.json"; then
	mkdir -p "$OUT"
	cp tests/schema/package.json "$OUT/package.json"
	if ! (cd "$OUT" && npm install --no-audit --no-fund --loglevel=error >npm.log 2>&1); then
		cat "$OUT/npm.log"
		fail "npm install ajv yaml"
		finish
		exit 1
	fi
fi
export SCHEMA_MODULES="$PWD/$OUT/node_modules"

good=$(ls examples/*.yaml tests/specs/good/*.yaml 2>/dev/null)
bad=$(sed -n 's|^\([a-z0-9-][a-z0-9-]*\)$|tests/specs/bad/\1.yaml|p' tests/schema/structural.txt)
# shellcheck disable=SC2086
node tests/schema/validate.mjs schema/partita.schema.json $good $bad >"$OUT/result.txt" 2>&1 ||
	{ cat "$OUT/result.txt"; fail "validator runs"; finish; exit 1; }

for f in $good; do
	line=$(grep -F " $f" "$OUT/result.txt" | head -1)
	case $line in
	"valid $f") pass "schema accepts $f" ;;
	*) fail "schema accepts $f" "${line:-no result}" ;;
	esac
done
for f in $bad; do
	line=$(grep -F " $f" "$OUT/result.txt" | head -1)
	case $line in
	"invalid $f"*) pass "schema rejects $f" ;;
	*) fail "schema rejects $f" "${line:-no result}" ;;
	esac
done
finish
