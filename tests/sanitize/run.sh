#!/bin/sh
# SPDX-License-Identifier: MIT
# The builder under ASan+UBSan and valgrind (`make test-asan` runs this):
#  1. builds partita and the unit tests with -fsanitize=address,undefined
#     into build/asan (its own O=, nothing shared with build/) and runs the
#     unit, specs, golden, cli and hostile suites against them; any report
#     (leaks included) makes a program exit non-zero, so its suite fails;
#  2. runs the plain build's unit tests, a `partita build` of
#     examples/linux-pair.yaml and a `partita check` of a bad spec under
#     valgrind --leak-check=full: any error or definite leak fails.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
top=$(pwd)
w=build/tests/sanitize
rm -rf "$w"
mkdir -p "$w"
san="-O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"

# 1. ASan + UBSan
asan() {
	O=${ASAN_O:-build/asan} EXTRA_HOST_CFLAGS="$san" EXTRA_HOST_LDFLAGS="$san" \
	PARTITA=${ASAN_O:-build/asan}/partita PARTITA_DATADIR=$top \
	ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$@"
}
if asan make -s "${ASAN_O:-build/asan}/partita" > "$w/make.log" 2>&1; then
	pass "asan: builder builds with $san"
else
	fail "asan: builder builds" "$(tail -5 "$w/make.log")"
fi
for suite in unit specs golden cli hostile; do
	asan sh "tests/$suite/run.sh" > "$w/$suite.log" 2>&1
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$w/$suite.log" | tail -1)
	if [ -n "$line" ] && [ "${line#*passed, }" = "0 failed" ] &&
	   ! grep -q 'Sanitizer\|runtime error:' "$w/$suite.log"; then
		pass "asan: $suite suite ($line)"
	else
		fail "asan: $suite suite" "${line:-no result line}; log in $w/$suite.log"
		grep -E '^FAIL |ERROR: |runtime error:' "$w/$suite.log" | head -5
	fi
done

# 2. valgrind on the plain build
vg() {
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=99 "$@"
}
if ! command -v valgrind > /dev/null; then
	fail "valgrind" "not installed: make deps"
	finish
	exit 1
fi
make -s build/partita $(for t in tests/unit/*.c; do basename "$t" .c; done |
	sed 's|^|build/tests/unit/|') > "$w/make-plain.log" 2>&1 ||
	fail "plain build" "$(tail -3 "$w/make-plain.log")"
for t in tests/unit/*.c; do
	name=$(basename "$t" .c)
	PARTITA_DATADIR=$top vg "build/tests/unit/$name" > "$w/vg-$name.log" 2>&1
	rc=$?
	if [ $rc -eq 0 ] && ! grep -q '^FAIL ' "$w/vg-$name.log"; then
		pass "valgrind: $name"
	else
		fail "valgrind: $name" "exit $rc; $(grep -m1 '==[0-9]*== [A-Z]' "$w/vg-$name.log")"
	fi
done

# linux-pair with the small fixture payloads standing in for Debian's
# kernel (the spec is the example's, only the payload paths differ), so the
# run is quick and needs no `make guests`.
sh tests/golden/fixtures.sh
fx=$top/build/tests/fixtures
sed -e "s#\.\./images/guests/linux/Image#$fx/Image#" \
    -e "s#\.\./images/guests/linux/initramfs\.cpio\.gz#$fx/initramfs.cpio.gz#" \
    -e "s#\.\./build/#$top/build/#" examples/linux-pair.yaml > "$w/linux-pair.yaml"
PARTITA_RUNTIME=$fx/vmm.bin SOURCE_DATE_EPOCH=0 \
	vg build/partita build "$w/linux-pair.yaml" -o "$w/linux-pair" > "$w/vg-build.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && [ -f "$w/linux-pair/linux-pair.img" ]; then
	pass "valgrind: partita build linux-pair"
else
	fail "valgrind: partita build linux-pair" "exit $rc; $(grep -m1 '==[0-9]*== [A-Z]\|error' "$w/vg-build.log")"
fi
bad=tests/specs/bad/many-mistakes.yaml
PARTITA_DATADIR=$top PARTITA_RUNTIME=$fx/vmm.bin \
	vg build/partita build "$bad" -o "$w/never" > "$w/vg-bad.log" 2>&1
rc=$?
if [ $rc -eq 1 ] && [ ! -e "$w/never" ]; then
	pass "valgrind: partita build of a bad spec (exit 1, nothing written)"
else
	fail "valgrind: partita build of a bad spec" "exit $rc; $(grep -m1 '==[0-9]*== [A-Z]' "$w/vg-bad.log")"
fi
finish
