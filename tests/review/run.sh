#!/bin/sh
# SPDX-License-Identifier: MIT
# Review and daily-use commands: diff/graph/fmt golden outputs, diff over
# build folders, fmt idempotence (and unchanged meaning) on every example and
# spec, explain covering every diagnostic id, colour and -q/-v, the man page
# and completion script against the command table, `make install`, and
# schema/manifest.md covering every key of a real manifest.json, the builder
# folders calling one way. No QEMU.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/review/common.sh
review_prepare
rm -rf "$GOT"
mkdir -p "$GOT"
review_render

# expect NAME WANT_RC CMD...: the exit status of CMD (output in $OUT/last).
expect() {
	name=$1 want=$2
	shift 2
	"$@" > "$OUT/last" 2>&1
	rc=$?
	if [ "$rc" = "$want" ]; then pass "$name"; else fail "$name" "exit $rc, want $want: $(head -3 "$OUT/last")"; fi
}

# has NAME PATTERN: $OUT/last contains PATTERN (grep -E).
has() {
	if grep -Eq -- "$2" "$OUT/last"; then pass "$1"; else fail "$1" "no '$2' in: $(head -3 "$OUT/last")"; fi
}

golden() {
	for f in $(ls tests/review/expected); do
		if cmp -s "tests/review/expected/$f" "$GOT/$f"; then
			pass "golden $f"
		else
			fail "golden $f" "differs (tests/review/refresh.sh regenerates):"
			diff -u "tests/review/expected/$f" "$GOT/$f" | head -20
		fi
	done
	[ "$(ls "$GOT" | wc -l)" = "$(ls tests/review/expected | wc -l)" ] &&
		pass "golden file set" || fail "golden file set" "new outputs: run tests/review/refresh.sh"
}

diff_dirs() {
	"$PARTITA" build "$S/base.yaml" -o "$OUT/base" > /dev/null 2>&1
	"$PARTITA" build "$S/widened.yaml" -o "$OUT/widened" > /dev/null 2>&1
	expect "diff spec vs its build folder: no change" 0 "$PARTITA" diff "$S/base.yaml" "$OUT/base"
	has "diff spec vs folder says so" "^no changes$"
	expect "diff folder vs folder: changes" 1 "$PARTITA" diff "$OUT/base" "$OUT/widened"
	has "diff of folders flags the new MMIO by address" "\+ device mmio@0x9030000"
	has "diff of folders: ro -> rw" "channel data: rights r-- -> rw-"
	expect "diff folder vs spec: same changes" 1 "$PARTITA" diff --format json "$OUT/base" "$S/widened.yaml"
	has "folder vs spec: security count as spec vs spec" '"security_relevant": 13'
	"$PARTITA" build "$S/net-base.yaml" -o "$OUT/net-base" > /dev/null 2>&1
	expect "diff spec vs folder with networks and disks" 0 "$PARTITA" diff "$S/net-base.yaml" "$OUT/net-base"
	expect "diff folder vs spec: network joined" 1 "$PARTITA" diff "$OUT/net-base" "$S/net-widened.yaml"
	has "folder vs spec: c joins lan" "\+ network lan: joined \(virtio-net\) with a, b"
	"$PARTITA" build "$S/sched-base.yaml" -o "$OUT/sched-base" > /dev/null 2>&1
	expect "diff spec vs folder with a schedule" 0 "$PARTITA" diff "$S/sched-base.yaml" "$OUT/sched-base"
	expect "diff folder vs spec: plan changed" 1 "$PARTITA" diff --format json "$OUT/sched-base" \
		"$S/sched-widened.yaml"
	has "folder vs spec: window growth and CPU joined" '"security_relevant": 2'
	expect "inspect an image with a plan" 0 "$PARTITA" inspect "$OUT/sched-base/sched.img"
	has "inspect shows the plan" "^plan cpu 0 period 10000000 ns windows 3 from 0$"
	has "inspect shows an idle window" "^  window 1000000 ns idle$"
	expect "diff -q prints nothing" 1 "$PARTITA" -q diff "$S/base.yaml" "$S/widened.yaml"
	[ -s "$OUT/last" ] && fail "diff -q output" "$(head -1 "$OUT/last")" || pass "diff -q output empty"
	expect "diff missing input: trouble" 2 "$PARTITA" diff "$S/base.yaml" "$OUT/nothing-here"
	expect "diff bad format" 2 "$PARTITA" diff --format xml "$S/base.yaml" "$S/base.yaml"
	mkdir -p "$OUT/broken"
	printf '{"name": "x", "guests": [' > "$OUT/broken/manifest.json"
	expect "diff broken manifest: trouble" 2 "$PARTITA" diff "$OUT/base" "$OUT/broken"
}

graph_more() {
	expect "graph of a build folder" 0 "$PARTITA" graph "$OUT/base"
	has "graph of a folder names the channel" '"chan:data" \[shape=cylinder'
	expect "graph twice: same bytes" 0 sh -c "'$PARTITA' graph '$S/widened.yaml' | cmp - '$GOT/graph-widened.dot'"
	mkdir -p "$OUT/bin"
	ln -sf "$(command -v dtc)" "$OUT/bin/dtc"   # the spec needs dtc; dot stays out of reach
	expect "graph --format svg without dot" 2 env PATH="$OUT/bin" "$PARTITA" graph --format svg "$S/base.yaml"
	has "graph svg says dot is missing" "not installed"
	# graphviz is in make deps (mk/deps.mk), so the SVG path always runs.
	expect "graph --format svg" 0 "$PARTITA" graph --format svg "$S/base.yaml"
	has "svg output" "^<svg"
}

# The spec as formatted must mean the same system, and formatting it again
# must change nothing. Copies live in a mirror of the tree (symlinks to every
# other file) so their relative payload paths still resolve.
fmt_corpus() {
	top=$(pwd) m=$OUT/mirror
	rm -rf "$m"
	mkdir -p "$m"
	ln -s "$top/build" "$m/build"
	ln -s "$top/images" "$m/images"
	cp -rs "$top/tests" "$top/examples" "$m/"
	n=0 same=0 bad=0
	for spec in examples/*.yaml tests/*/specs/*.yaml tests/specs/*/*.yaml; do
		rm -f "$m/$spec"
		cp "$spec" "$m/$spec"
		"$PARTITA" -q fmt "$m/$spec" > "$OUT/last" 2>&1
		rc=$?
		if [ $rc = 1 ] && cmp -s "$spec" "$m/$spec"; then
			bad=$((bad + 1))   # not YAML: refused, nothing written
			continue
		fi
		[ $rc = 0 ] || { fail "fmt $spec" "exit $rc: $(head -1 "$OUT/last")"; continue; }
		# --check passes only when formatting again would change nothing.
		"$PARTITA" fmt --check "$m/$spec" > "$OUT/last" 2>&1 ||
			{ fail "fmt of fmt == fmt: $spec" "$(head -1 "$OUT/last")"; continue; }
		n=$((n + 1))
		"$PARTITA" diff "$spec" "$m/$spec" > "$OUT/last" 2>&1
		case $? in
		0) same=$((same + 1)) ;;
		1) fail "fmt keeps the system: $spec" "$(sed -n 2,4p "$OUT/last")" ;;
		esac   # 2: the spec does not build here (bad spec, missing payloads)
	done
	[ $n -ge 100 ] && pass "fmt idempotent, --check clean on $n specs" ||
		fail "fmt corpus" "only $n specs formatted"
	[ $same -ge 20 ] && pass "fmt keeps the system (diff: no change) on $same checkable specs" ||
		fail "fmt keeps the system" "only $same specs compared"
	[ $bad -ge 1 ] && pass "fmt refuses $bad non-YAML specs, file untouched" ||
		fail "fmt on non-YAML" "none refused"
}

fmt_more() {
	cp "$S/messy.yaml" "$OUT/messy.yaml"
	expect "fmt --check on non-canonical" 1 "$PARTITA" fmt --check "$OUT/messy.yaml"
	has "fmt --check says why" "not in canonical form"
	cmp -s "$S/messy.yaml" "$OUT/messy.yaml" && pass "fmt --check writes nothing" ||
		fail "fmt --check writes nothing"
	expect "fmt --check on canonical" 0 "$PARTITA" fmt --check tests/review/expected/messy.yaml
	expect "fmt -v on canonical" 0 "$PARTITA" -v fmt "$GOT/messy.yaml"
	has "fmt -v says already canonical" "already canonical"
	grep -q "^  # the sensor samples at 1 kHz$" "$GOT/messy.yaml" && grep -q "memory: 16M   # 16 MiB" \
		"$GOT/messy.yaml" && pass "fmt keeps comments" || fail "fmt keeps comments"
	printf 'name: x\nguests:\n  a: [1,\n' > "$OUT/broken.yaml"
	cp "$OUT/broken.yaml" "$OUT/broken.orig"
	expect "fmt of broken YAML" 1 "$PARTITA" fmt "$OUT/broken.yaml"
	has "fmt names file:line:col" "broken.yaml:[0-9]+:[0-9]+: error\[yaml-syntax\]"
	cmp -s "$OUT/broken.yaml" "$OUT/broken.orig" && pass "broken spec untouched" ||
		fail "broken spec untouched"
	expect "fmt of a missing file" 1 "$PARTITA" fmt "$OUT/nothing.yaml"
	: > "$OUT/empty.yaml"
	expect "fmt of an empty file" 1 "$PARTITA" fmt "$OUT/empty.yaml"
	has "fmt says the spec is empty" "empty.yaml:1:1: error\[missing-key\]: the spec is empty"
	grep -q "^    period: 10ms$" "$GOT/messy.yaml" && grep -q "{guest: sensor, length: 9ms}" \
		"$GOT/messy.yaml" && pass "fmt writes plan times in the largest exact unit" ||
		fail "fmt writes plan times in the largest exact unit"
	[ "$(grep -n 'period: \|windows:' "$GOT/messy.yaml" | cut -d: -f2 | tr -d ' \n')" = "periodwindows" ] &&
		pass "fmt puts a plan's period before its windows" ||
		fail "fmt puts a plan's period before its windows"
	grep -q "^partita: 1   # the format version goes first" "$GOT/messy.yaml" &&
		pass "fmt puts partita: first, in decimal" || fail "fmt puts partita: first, in decimal"
	printf 'guests: {}\npartita: 2\nname: x\n' > "$OUT/newer.yaml"
	cp "$OUT/newer.yaml" "$OUT/newer.orig"
	expect "fmt of a newer format" 1 "$PARTITA" fmt "$OUT/newer.yaml"
	has "fmt names both versions" "newer.yaml:2:10: error\[format-too-new\]: .*version 2.*version 1"
	cmp -s "$OUT/newer.yaml" "$OUT/newer.orig" && pass "newer spec untouched" ||
		fail "newer spec untouched"
}

# Every id a diagnostic can carry: literal ids passed to diag_error/
# diag_warning/yamldoc_error (calls joined across lines), the catalog in
# checks.c, and the "# expect:" headers of the bad-spec corpora.
explain_ids() {
	cat builder/*/*.c | tr '\n' ' ' | tr ';' '\n' |
		grep -oE '(diag_error|diag_warning|yamldoc_error)\(.*' |
		grep -oE '"[a-z][a-z0-9]*(-[a-z0-9]+)+"' | tr -d '"'
	grep -oE '^	\{ "[a-z0-9-]+", "' builder/check/checks.c | cut -d'"' -f2
	sed -n 's/^# expect: \([a-z0-9-]*\) .*/\1/p' tests/*/specs/*.yaml tests/specs/bad/*.yaml
}

explain_all() {
	explain_ids | sort -u > "$OUT/ids"
	ids=$(cat "$OUT/ids")
	count=0 missing=''
	for id in $ids; do
		"$PARTITA" explain "$id" > "$OUT/last" 2>&1 && [ "$(head -1 "$OUT/last")" = "$id" ] &&
			[ "$(wc -l < "$OUT/last")" -ge 3 ] && count=$((count + 1)) || missing="$missing $id"
	done
	[ -z "$missing" ] && pass "explain covers all $count ids the builder emits" ||
		fail "explain covers every id" "missing:$missing"
	[ "$count" -ge 50 ] && pass "id harvest found $count ids" || fail "id harvest" "only $count"
	stale=$("$PARTITA" explain --list | cut -d' ' -f1 | sort | comm -23 - "$OUT/ids" | tr '\n' ' ')
	[ -z "$stale" ] && pass "explain has no text for an id nothing emits" || fail "explain stale ids" "$stale"
	expect "explain error[cpu-shared] as printed" 0 "$PARTITA" explain "error[cpu-shared]"
	has "explain names the id" "^cpu-shared$"
	expect "explain unknown id" 2 "$PARTITA" explain cpu-sharde
	has "explain suggests the nearest" "did you mean 'cpu-shared'"
}

# Colour: only on a terminal (script(1) gives one), never with NO_COLOR.
colour() {
	bad=tests/cli/specs/ram-exhausted.yaml
	esc=$(printf '\033')
	"$PARTITA" check "$bad" > "$OUT/last" 2>&1
	grep -q "$esc" "$OUT/last" && fail "no colour into a pipe" || pass "no colour into a pipe"
	"$PARTITA" --color=always check "$bad" > "$OUT/last" 2>&1
	grep -q "$esc\[1;31merror" "$OUT/last" && pass "--color=always colours" || fail "--color=always colours"
	if command -v script > /dev/null; then
		env -u NO_COLOR TERM=xterm script -qec "$PARTITA check $bad" /dev/null > "$OUT/last" 2>&1
		grep -q "$esc\[1;31merror" "$OUT/last" && pass "colour on a terminal" ||
			fail "colour on a terminal" "$(head -1 "$OUT/last")"
		env NO_COLOR=1 TERM=xterm script -qec "$PARTITA check $bad" /dev/null > "$OUT/last" 2>&1
		grep -q "error\[" "$OUT/last" && ! grep -q "$esc" "$OUT/last" &&
			pass "NO_COLOR on a terminal: plain" || fail "NO_COLOR on a terminal" "$(head -1 "$OUT/last")"
		env -u NO_COLOR TERM=xterm script -qec "$PARTITA diff $S/base.yaml $S/widened.yaml" \
			/dev/null > "$OUT/last" 2>&1
		grep -q "$esc\[32m+ device" "$OUT/last" && pass "diff colours on a terminal" ||
			fail "diff colours on a terminal"
	fi
	expect "-q check prints nothing" 0 "$PARTITA" -q check "$S/base.yaml"
	[ -s "$OUT/last" ] && fail "-q check output" "$(head -1 "$OUT/last")" || pass "-q check output empty"
	expect "-v diff" 1 "$PARTITA" -v diff "$S/base.yaml" "$S/widened.yaml"
	has "-v diff shows whole hashes" "sha256 [0-9a-f]{64} -> [0-9a-f]{64}"
}

# schema/manifest.md lists every key a real manifest has, and nothing that
# builder/emit/manifest.c does not write.
manifest_doc() {
	doc=schema/manifest.md
	keys=$(grep -ohE '"[a-z_0-9]+": ' "$OUT/base/manifest.json" "$OUT/widened/manifest.json" \
		"$OUT/net-base/manifest.json" "$OUT/sched-base/manifest.json" |
		tr -d '": ' | sort -u)
	missing=''
	for k in $keys; do
		grep -q "^| \`$k\` |" "$doc" || missing="$missing $k"
	done
	[ -z "$missing" ] && pass "manifest.md documents all $(echo "$keys" | wc -l) keys" ||
		fail "manifest.md documents every key" "missing:$missing"
	extra=''
	for k in $(sed -n 's/^| `\([a-z_0-9]*\)` |.*/\1/p' "$doc" | sort -u); do
		grep -q "\"$k\"" builder/emit/manifest.c || extra="$extra $k"
	done
	[ -z "$extra" ] && pass "manifest.md documents no key the builder lacks" ||
		fail "manifest.md stale keys" "$extra"
}

# The command table (`partita --help`) and each command's options against
# the man page and the completion script.
man_page() {
	man=$OUT/partita.1.txt
	sed 's/\\-/-/g' builder/cli/partita.1 > "$man"
	cmds=$("$PARTITA" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')
	[ "$(echo "$cmds" | wc -l)" -ge 10 ] && pass "--help lists $(echo $cmds | wc -w) commands" ||
		fail "--help command list" "$cmds"
	missing=''
	for c in $cmds; do
		grep -q "^\.SS \"partita $c " "$man" || missing="$missing $c"
		for o in $("$PARTITA" "$c" --help | sed -n 's/^  \(-[-a-z0-9]*\).*/\1/p'); do
			grep -Eq -- "^\.(B|BI|BR) $o( |$)" "$man" || missing="$missing $c:$o"
		done
	done
	[ -z "$missing" ] && pass "man page has every command and option" ||
		fail "man page covers --help" "missing:$missing"
	if command -v groff > /dev/null; then
		groff -man -ww -z builder/cli/partita.1 > "$OUT/last" 2>&1 && [ ! -s "$OUT/last" ] &&
			pass "man page renders without warnings" || fail "man page renders" "$(head -2 "$OUT/last")"
	fi
}

# complete WORDS...: what _partita offers for the last word (one per line).
complete_words() {
	bash -c '. builder/cli/partita.bash; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _partita
		printf "%s\n" "${COMPREPLY[@]}"' complete "$@" | sort | tr '\n' ' '
}

completion() {
	want=$(echo $cmds help | tr ' ' '\n' | sort | tr '\n' ' ')
	got=$(complete_words "$PARTITA" "")
	[ "$got" = "$want" ] && pass "completion: every command" || fail "completion: commands" "$got"
	missing=''
	for c in $cmds; do
		got=$(complete_words "$PARTITA" "$c" -)
		for o in $("$PARTITA" "$c" --help | sed -n 's/^  \(-[-a-z0-9]*\).*/\1/p'); do
			case " $got " in *" $o "*) ;; *) missing="$missing $c:$o" ;; esac
		done
	done
	[ -z "$missing" ] && pass "completion: every option" || fail "completion: options" "missing:$missing"
	got=$(complete_words "$PARTITA" dts "$S/base.yaml" "")
	[ "$got" = "app ctl logger " ] && pass "completion: guests of the spec" || fail "completion: guests" "$got"
	got=$(complete_words "$PARTITA" run "$S/widened.yaml" --shell a)
	[ "$got" = "app audit " ] && pass "completion: run --shell guests" || fail "completion: --shell" "$got"
	got=$(complete_words "$PARTITA" explain cpu-s)
	[ "$got" = "cpu-shared " ] && pass "completion: check ids" || fail "completion: check ids" "$got"
	got=$(complete_words "$PARTITA" diff --format m)
	[ "$got" = "markdown " ] && pass "completion: --format values" || fail "completion: --format" "$got"
}

# make install puts the tool, runtime, data, man page and completion in
# place, and the installed tool finds its boards without the source tree.
install_tree() {
	inst=$OUT/inst
	rm -rf "$inst"
	make -s -o all install DESTDIR="$inst" PREFIX=/usr > "$OUT/last" 2>&1 ||
		{ fail "make install" "$(tail -2 "$OUT/last")"; return; }
	for f in bin/partita share/partita/vmm.bin share/partita/boards/qemu-virt/board.yaml \
		share/man/man1/partita.1 share/bash-completion/completions/partita; do
		[ -f "$inst/usr/$f" ] && pass "installed $f" || fail "installed $f"
	done
	expect "installed tool checks a spec" 0 env -u PARTITA_DATADIR "$inst/usr/bin/partita" \
		check "$S/base.yaml"
	has "installed tool: the whole system" "ok \(guests 3"
}

# The stage folders call one way (builder/README.md): no include and no
# call from a folder to one above it (tests/review/layers.sh).
layers() {
	objs=$(dirname "$PARTITA")/builder
	[ -d "$objs/cli" ] || objs=
	tests/review/layers.sh $objs > "$OUT/last" 2>&1 &&
		pass "builder folders call one way ($(grep -c . "$OUT/last") edges)" ||
		fail "builder folders call one way" "$(grep upward "$OUT/last" | head -5)"
}

layers
diff_dirs
manifest_doc
man_page
completion
install_tree
graph_more
golden
fmt_more
fmt_corpus
explain_all
colour
[ "$FAILED" -eq 0 ] && rm -rf "$OUT" "$GOT"   # kept for a look when something failed
finish
