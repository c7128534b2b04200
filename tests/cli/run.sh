#!/bin/sh
# SPDX-License-Identifier: MIT
# The partita command line: help and version, exit codes (0 ok, 1 user
# errors, 2 usage/internal), back-end diagnostics with check id and
# position (tests/cli/specs/*.yaml, header `# expect: ID LINE:COL`),
# all-or-nothing output directories, the default output folder, and
# inspect refusing a corrupted image.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
top=$(pwd)
P=$top/${PARTITA:-build/partita}   # build/asan/partita under make test-asan
sh tests/golden/fixtures.sh
PARTITA_RUNTIME=$top/build/tests/fixtures/vmm.bin
SOURCE_DATE_EPOCH=0
export PARTITA_RUNTIME SOURCE_DATE_EPOCH
w=$top/build/tests/cli
rm -rf "$w"
mkdir -p "$w"
good=$top/tests/golden/specs/demo.yaml

# expect_rc NAME RC CMD...: runs CMD, keeps its output in $w/out.
expect_rc() {
	name=$1 want=$2
	shift 2
	"$@" > "$w/out" 2>&1
	rc=$?
	[ "$rc" -eq "$want" ] && pass "$name" || fail "$name" "exit $rc, expected $want: $(head -2 "$w/out")"
}

expect_rc "--help exits 0" 0 "$P" --help
grep -q "inspect" "$w/out" && pass "--help lists commands" || fail "--help lists commands"
expect_rc "--version exits 0" 0 "$P" --version
grep -q "layout ABI" "$w/out" && pass "--version names the ABI" || fail "--version names the ABI"
"$P" --help > "$w/help"
for c in check build layout dts inspect diff graph run fmt explain; do
	expect_rc "$c --help" 0 "$P" "$c" --help
	grep -q "^usage: partita $c " "$w/out" && pass "$c --help shows its usage" ||
		fail "$c --help shows its usage" "$(head -1 "$w/out")"
	grep -Eq "^  $c +" "$w/help" && pass "--help lists $c" || fail "--help lists $c"
done
expect_rc "help COMMAND" 0 "$P" help fmt
grep -q "^usage: partita fmt " "$w/out" && pass "help fmt shows its usage" || fail "help fmt shows its usage"
expect_rc "no command is a usage error" 2 "$P"
expect_rc "unknown command" 2 "$P" frobnicate
expect_rc "unknown option" 2 "$P" build --frob "$good"
expect_rc "missing argument" 2 "$P" dts "$good"
expect_rc "check good spec" 0 "$P" check "$good"
expect_rc "layout good spec" 0 "$P" layout "$good"
grep -q "^guest linux0" "$w/out" && pass "layout prints the report" || fail "layout prints the report"
expect_rc "dts unknown guest" 1 "$P" dts "$good" nosuch
expect_rc "missing spec" 1 "$P" check "$w/nosuch.yaml"
PARTITA_RUNTIME=$w/nosuch expect_rc "missing runtime is internal" 2 "$P" check "$good"

for spec in tests/cli/specs/*.yaml; do
	set -- $(sed -n 's/^# expect: //p' "$spec")
	name=$(basename "$spec" .yaml)
	expect_rc "$name exits 1" 1 "$P" build "$spec" -o "$w/never-$name"
	grep -q "^$spec:$2: error\[$1\]" "$w/out" && pass "$name: error[$1] at $2" ||
		fail "$name: error[$1] at $2" "$(head -1 "$w/out")"
	[ ! -e "$w/never-$name" ] && pass "$name: nothing written" || fail "$name: output left behind"
done

# An existing output folder survives a failed build untouched.
mkdir -p "$w/keep" && echo precious > "$w/keep/file"
expect_rc "failed build into existing dir" 1 "$P" build tests/cli/specs/ram-exhausted.yaml -o "$w/keep"
[ "$(cat "$w/keep/file")" = precious ] && [ "$(ls -A "$w/keep")" = file ] &&
	pass "existing output untouched" || fail "existing output untouched"
[ -z "$(ls -A "$w" | grep partita-tmp)" ] && pass "no temp dir left" || fail "no temp dir left"

# A failure late in the build (no mkimage on PATH) removes the folders it made.
mkdir -p "$w/bin" && ln -sf "$(command -v dtc)" "$w/bin/dtc"
PATH=$w/bin "$P" build "$good" -o "$w/new/deep/out" > "$w/out" 2>&1
rc=$?
[ "$rc" -eq 2 ] && pass "build without mkimage is internal (2)" || fail "build without mkimage" "exit $rc"
[ ! -e "$w/new" ] && pass "late failure leaves no folders" || fail "late failure leaves no folders"

# A successful build replaces it with exactly the six kinds of output.
expect_rc "build replaces the folder" 0 "$P" build "$good" -o "$w/keep"
got=$(cd "$w/keep" && ls | tr '\n' ' ')
[ "$got" = "boot.scr demo.img demo.itb layout.txt linux0.dtb manifest.json rtos.dtb " ] &&
	pass "exactly the outputs" || fail "exactly the outputs" "$got"
if command -v node > /dev/null; then
	node -e 'const m = JSON.parse(require("fs").readFileSync(process.argv[1]));
		if (m.guests.length !== 2 || m.guests[0].caps[0].slot !== 0) process.exit(1);' \
		"$w/keep/manifest.json" && pass "manifest.json parses as JSON" ||
		fail "manifest.json parses as JSON"
fi
mkimage -l "$w/keep/demo.itb" 2>&1 | grep -q "Hash algo:    sha256" &&
	pass "FIT lists sha256 hashes" || fail "FIT lists sha256 hashes"

# Default folder: images/<name> under the current directory.
mkdir -p "$w/cwd" && (cd "$w/cwd" && "$P" build "$good" > /dev/null 2>&1)
[ -f "$w/cwd/images/demo/demo.img" ] && pass "default output images/<name>" ||
	fail "default output images/<name>"

# inspect: good image ok, a flipped blob byte refused with a CRC message.
expect_rc "inspect good image" 0 "$P" inspect "$w/keep/demo.img"
cp "$w/keep/demo.img" "$w/bad.img"
printf 'Z' | dd of="$w/bad.img" bs=1 seek=$((0x2000 + 100)) conv=notrunc 2> /dev/null
expect_rc "inspect corrupted image" 1 "$P" inspect "$w/bad.img"
grep -q "CRC mismatch" "$w/out" && pass "inspect names the CRC" || fail "inspect names the CRC"
finish
