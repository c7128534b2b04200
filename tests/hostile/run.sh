#!/bin/sh
# SPDX-License-Identifier: MIT
# Hostile inputs to `partita build -o EXISTING`: each must fail with a clear
# diagnostic (file:line:col and check id where there is a spec position),
# exit 1, within a timeout, write nothing, and leave the existing output
# folder byte-identical. Every input is generated here (the 10 MB specs
# too); the bad-spec corpus (tests/specs) covers the ordinary mistakes.
# Then hostile manifest.json files for `partita diff DIR DIR` (read through
# jansson behind builder/lib/jsonio.c's limits): exit 2 with a clear message.
# PARTITA=build/asan/partita runs it against the sanitized build.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
top=$(pwd)
P=$top/${PARTITA:-build/partita}
w=$top/build/tests/hostile
rm -rf "$w"
mkdir -p "$w/out" "$w/in"
make -s "${PARTITA:-build/partita}" > "$w/make.log" 2>&1 || { cat "$w/make.log"; fail build; finish; exit 1; }
sh tests/golden/fixtures.sh
fx=$top/build/tests/fixtures
export PARTITA_DATADIR="$top" PARTITA_RUNTIME="$fx/vmm.bin" SOURCE_DATE_EPOCH=0
i=$w/in

# guest KERNEL [MEMORY]: a one-guest spec body.
guest() {
	printf 'name: hostile\nboard: qemu-virt\nguests:\n  g0:\n    kernel: %s\n    memory: %s\n    cpus: [0]\n' \
		"$1" "${2:-16M}"
}

# --- inputs ---
{ printf 'name: hostile\nboard: qemu-virt\nguests: '; head -c 100000 /dev/zero | tr '\0' '['; } > "$i/nested-flow.yaml"
{ printf 'name: hostile\nboard: qemu-virt\nguests:\n'
  d=1; while [ $d -le 100 ]; do printf "%$((2 * d))sa:\n" ''; d=$((d + 1)); done; } > "$i/nested-block.yaml"
guest "$fx/Image" 123456789012345678901234567890 > "$i/huge-number.yaml"
guest "$fx/Image" 16777216T > "$i/size-2-64-suffix.yaml"
guest "$fx/Image" 0x10000000000000000 > "$i/size-2-64-hex.yaml"
guest "$fx/Image" '{size: 4M, phys: 0xffffffffffe00000}' > "$i/phys-wraps.yaml"
{ guest "$fx/Image"; printf '  g1:\n    kernel: %s\n    memory: 16M\n    cpus: [1]\n' "$fx/Image"
  printf 'channels:\n  c:\n    between: [g0, g1]\n    size: 0xfffffffffffff000\n'; } > "$i/channel-2-64.yaml"
guest "$i" > "$i/payload-directory.yaml"
mkfifo "$i/fifo" && guest "$i/fifo" > "$i/payload-fifo.yaml"
guest /dev/zero > "$i/payload-device.yaml"
head -c 60 "$fx/Image" > "$i/short.Image" &&
	guest "{path: $i/short.Image, format: image}" > "$i/truncated-image.yaml"
head -c 100 "$fx/marker.elf" > "$i/short.elf" && guest "$i/short.elf" > "$i/truncated-elf.yaml"
# ELF header fields pointing far outside the file (e_phoff; then p_offset).
patch64() { cp "$1" "$2"; printf '\377\377\377\377\377\377\377\177' |
	dd of="$2" bs=1 seek="$3" conv=notrunc 2> /dev/null; }
patch64 "$fx/marker.elf" "$i/phoff.elf" 32 && guest "$i/phoff.elf" > "$i/elf-phoff-huge.yaml"
patch64 "$fx/marker.elf" "$i/poff.elf" 72 && guest "$i/poff.elf" > "$i/elf-segment-offset-huge.yaml"
# Board trees: garbage, truncated, and a valid header over a trashed body.
dtc -q -I dts -O dtb -o "$i/good.dtb" boards/qemu-virt/qemu-virt.dts
board() {
	mkdir -p "$i/$1"
	printf 'name: %s\ndevicetree: t.dtb\nconsole: /pl011@9000000\npsci: smc\n' "$1" > "$i/$1/board.yaml"
	cat > "$i/$1/t.dtb"
	guest "$fx/Image" | sed "s#^board: .*#board: ./$1#" > "$i/$1.yaml"
}
head -c 4096 /dev/zero | tr '\0' 'Z' | board dtb-garbage
head -c 2000 "$i/good.dtb" | board dtb-truncated
{ head -c 200 "$i/good.dtb"; head -c 600 /dev/zero | tr '\0' '\377'; tail -c +801 "$i/good.dtb"; } |
	board dtb-trashed-body
# Paths with "..": output names, a payload outside the tree, a board at /.
guest "$fx/Image" | sed 's#^name: .*#name: ../../evil#' > "$i/dotdot-name.yaml"
guest "$fx/Image" | sed 's#^  g0:#  ../g0:#' > "$i/dotdot-guest.yaml"
guest ../../../../../../../../../../../../etc/passwd > "$i/dotdot-payload.yaml"
guest "$fx/Image" | sed 's#^board: .*#board: ../../../../../../../../../../..#' > "$i/dotdot-board.yaml"
# 10 MB specs: a million keys; ten megabytes of comments before the mistake.
awk 'BEGIN { print "name: hostile\nboard: qemu-virt\nguests:";
	for (n = 0; n < 400000; n++) printf "  g%d: {}\n", n }' > "$i/10mb-keys.yaml"
awk 'BEGIN { print "name: hostile\nboard: qemu-virt";
	for (n = 0; n < 1200000; n++) print "# filler"; print "guests: {}" }' > "$i/10mb-comments.yaml"

# The existing output folder every build aims at.
echo precious > "$w/out/keep"
mkdir "$w/out/sub" && printf '\001\002' > "$w/out/sub/bin"
snap() { (cd "$w/out" && find . -print | sort && find . -type f -exec sha256sum {} + | sort); }
snap > "$w/out.snap"
touch "$w/marker"
sleep 1

# hostile NAME WANT: WANT is a regex that must match a diagnostic line.
hostile() {
	name=$1 want=$2
	timeout 60 "$P" build "$i/$name.yaml" -o "$w/out" > "$w/$name.log" 2>&1
	rc=$?
	new=$(find "$w" -newer "$w/marker" ! -name '*.log' ! -path "$w" | head -3)
	if [ $rc -ne 1 ]; then
		fail "$name" "exit $rc, expected 1: $(head -2 "$w/$name.log")"
	elif ! grep -Eq "$want" "$w/$name.log"; then
		fail "$name" "no '$want' in: $(head -2 "$w/$name.log")"
	elif [ -n "$new" ] || ! snap | cmp -s - "$w/out.snap"; then
		fail "$name" "wrote something: ${new:-the output folder changed}"
	else
		pass "$name: $(grep -Em1 "$want" "$w/$name.log" | sed "s#^$i/##" | cut -c1-90)"
	fi
}
hostile nested-flow          "nested-flow.yaml:3:73: error\[yaml-syntax\]: nested too deeply"
hostile nested-block         "nested-block.yaml:[0-9]+:[0-9]+: error\[yaml-syntax\]: nested too deeply"
hostile huge-number          "huge-number.yaml:6:13: error\[size-too-large\]"
hostile size-2-64-suffix     "size-2-64-suffix.yaml:6:13: error\[size-too-large\]"
hostile size-2-64-hex        "size-2-64-hex.yaml:6:13: error\[size-too-large\]"
hostile phys-wraps           "phys-wraps.yaml:6:30: error\[guest-ram-outside-board\]"
hostile channel-2-64         "channel-2-64.yaml:15:11: error\[size-too-large\]"
hostile payload-directory    "payload-directory.yaml:5:13: error\[payload-unreadable\]: .* is a directory"
hostile payload-fifo         "payload-fifo.yaml:5:13: error\[payload-unreadable\]: .* is a FIFO"
hostile payload-device       "payload-device.yaml:5:13: error\[payload-unreadable\]: .* is a device node"
hostile truncated-image      "truncated-image.yaml:5:20: error\[payload-format\]: .*truncated header"
hostile truncated-elf        "truncated-elf.yaml:5:13: error\[payload-format\]"
hostile elf-phoff-huge       "elf-phoff-huge.yaml:5:13: error\[payload-format\]"
hostile elf-segment-offset-huge "elf-segment-offset-huge.yaml:5:13: error\[payload-format\]"
hostile dtb-garbage          "dtb-garbage/board.yaml:2:13: error\[board-invalid\]"
hostile dtb-truncated        "dtb-truncated/board.yaml:2:13: error\[board-invalid\]"
hostile dtb-trashed-body     "error\[board-invalid\]"
hostile dotdot-name          "dotdot-name.yaml:1:7: error\[bad-name\]"
hostile dotdot-guest         "dotdot-guest.yaml:4:3: error\[bad-name\]"
hostile dotdot-payload       "dotdot-payload.yaml:5:13: error\[raw-needs-load\]: .*/etc/passwd is neither"
hostile dotdot-board         "dotdot-board.yaml:2:8: error\[(unknown-board|board-invalid)\]"
hostile 10mb-keys            "10mb-keys.yaml:1028:3: error\[limits-exceeded\]"
hostile 10mb-comments        "10mb-comments.yaml:1200003:9: error\[no-guests\]"

# manifest NAME WANT: a build folder whose manifest.json is $i/NAME.json.
manifest() {
	d=$w/m-$1
	mkdir -p "$d"
	[ -e "$d/manifest.json" ] || mv "$i/$1.json" "$d/manifest.json"
	timeout 60 "$P" diff "$d" "$d" > "$w/m-$1.log" 2>&1
	rc=$?
	if [ $rc -ne 2 ]; then
		fail "manifest $1" "exit $rc, expected 2: $(head -2 "$w/m-$1.log")"
	elif ! grep -Eq "$2" "$w/m-$1.log"; then
		fail "manifest $1" "no '$2' in: $(head -2 "$w/m-$1.log")"
	else
		pass "manifest $1: $(grep -Em1 "$2" "$w/m-$1.log" | sed "s#^.*/m-$1/##" | cut -c1-80)"
	fi
	rm -rf "$d"
}
head -c 100000 /dev/zero | tr '\0' '[' > "$i/deep.json"
manifest deep "nested deeper than 64 levels"
printf '{"name": "a", "name": "b", "guests": [], "channels": []}' > "$i/duplicate-key.json"
manifest duplicate-key "duplicate object key"
printf '{"name": "\377\376", "guests": [], "channels": []}' > "$i/not-utf8.json"
manifest not-utf8 "not valid JSON .*decode"
printf '{"name": "a\000b", "guests": [], "channels": []}' > "$i/nul-byte.json"
manifest nul-byte "not valid JSON"
printf '{"name": "a", "guests": [' > "$i/truncated.json"
manifest truncated "not valid JSON \(line 1 column"
printf '{"guests": {}, "channels": 7}' > "$i/wrong-shape.json"
manifest wrong-shape "not a partita manifest"
{ printf '{"name": "a", "pad": "'; head -c 67108864 /dev/zero | tr '\0' 'x'; printf '"}'; } > "$i/too-large.json"
manifest too-large "larger than 64 MiB"
mkdir -p "$w/m-fifo" && mkfifo "$w/m-fifo/manifest.json"
manifest fifo "cannot read: not a regular file"
finish
