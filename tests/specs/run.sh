#!/bin/sh
# SPDX-License-Identifier: MIT
# The spec corpus: every tests/specs/bad/*.yaml must fail `partita check`
# with the error ids and line:col of its "# expect: ID LINE:COL" header,
# without crashing, hanging or writing a file; every good/*.yaml must pass;
# and every diagnostic id in the catalog (builder/check/checks.c) has a bad spec.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

export PARTITA_DATADIR="$PWD"
# `check` also allocates, which needs the runtime's size: the corpus tests the
# front end, so a fixture Image stands in for build/vmm/vmm.bin.
export PARTITA_RUNTIME="$PWD/tests/specs/payloads/Image"
OUT=build/tests/specs
mkdir -p "$OUT"

PARTITA=${PARTITA:-build/partita}   # build/asan/partita under make test-asan
make -s "$PARTITA" >"$OUT/make.log" 2>&1 || { cat "$OUT/make.log"; fail build; finish; exit 1; }

[ -p "$OUT/fifo" ] || { rm -f "$OUT/fifo"; mkfifo "$OUT/fifo"; }
marker="$OUT/marker"
touch "$marker"
sleep 1   # so anything written during the run is strictly newer

# The header: one or more leading "# expect: ID LINE:COL" lines; each must
# appear as "LINE:COL: error[ID]: " in the output (one run reports them all).
# An optional "# errors: N" line right after them: exactly N errors, no
# follow-on ones.
check_bad() {
	spec=$1 name=$(basename "$1" .yaml)
	expects=$(sed -n '/^# expect: /!q; s/^# expect: \([a-z0-9-]*\) \([0-9]*:[0-9]*\)$/\1@\2/p' "$spec")
	if [ -z "$expects" ]; then
		fail "bad/$name" "no '# expect: ID LINE:COL' header"
		return
	fi
	timeout 10 "$PARTITA" check "$spec" >"$OUT/$name.out" 2>&1
	rc=$?
	if [ $rc -eq 0 ] || [ $rc -ge 124 ]; then
		fail "bad/$name" "exit status $rc"
		return
	fi
	for e in $expects; do
		id=${e%@*} pos=${e#*@}
		if ! grep -q ":$pos: error\[$id\]: " "$OUT/$name.out"; then
			fail "bad/$name" "no error[$id] at $pos; got: $(grep error "$OUT/$name.out" | head -3)"
			return
		fi
	done
	want=$(sed -n '/^# \(expect\|errors\): /!q; s/^# errors: \([0-9]*\)$/\1/p' "$spec")
	got=$(grep -c ': error\[' "$OUT/$name.out")
	if [ -n "$want" ] && [ "$got" != "$want" ]; then
		fail "bad/$name" "$got errors, expected $want: $(grep error "$OUT/$name.out" | head -3)"
		return
	fi
	pass "bad/$name"
}

# tests/boards/bad: the runtime's own devices on every board (the real
# boards' trees come from `make boards`, which `make test` runs first).
for spec in tests/specs/bad/*.yaml tests/boards/bad/*.yaml; do
	check_bad "$spec"
done

for spec in tests/specs/good/*.yaml; do
	name=$(basename "$spec" .yaml)
	if timeout 10 "$PARTITA" check "$spec" >"$OUT/good-$name.out" 2>&1 &&
	   ! grep -q 'error' "$OUT/good-$name.out"; then
		pass "good/$name"
	else
		fail "good/$name" "$(head -3 "$OUT/good-$name.out")"
	fi
done

# Every bad spec is named "bad": its outputs would go to images/bad/.
written=$( (ls -d images/bad 2>/dev/null; find tests/specs -newer "$marker" -type f) | head -3)
if [ -z "$written" ]; then
	pass "nothing written by check"
else
	fail "nothing written by check" "$written"
fi

catalog=$(sed -n 's/^\t{ "\([a-z0-9-]*\)", ".*/\1/p' builder/check/checks.c)
for id in $(head -qn1 tests/specs/bad/*.yaml | sed -n 's/^# expect: \([a-z0-9-]*\) .*/\1/p' | sort -u); do
	case " $(echo $catalog) " in
	*" $id "*) pass "catalog lists $id" ;;
	*) fail "catalog lists $id" "expected by the corpus but missing from builder/check/checks.c" ;;
	esac
done
for id in $catalog; do
	if grep -lq "^# expect: $id " tests/specs/bad/*.yaml; then
		pass "corpus covers $id"
	else
		fail "corpus covers $id" "no tests/specs/bad/*.yaml expects it"
	fi
done
finish
