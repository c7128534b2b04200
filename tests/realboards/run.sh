#!/bin/sh
# SPDX-License-Identifier: MIT
# The real boards (rpi4b, zcu102, imx8mq-evk) cannot boot here, so their
# examples are built and the outputs checked the way U-Boot and a guest
# kernel would read them: the FIT (mkimage -l: load address from the board
# descriptor, sha256 of every part, the kernel part is the .img itself), the
# boot script (loads the FIT where the board says, boots its configuration),
# the image's layout (partita inspect), and each guest's device tree (parses,
# its interrupt controller is the board's GIC version, every MMIO
# capability in layout.txt has its node, bootargs as the spec says, every
# clock a passthrough node names is a fixed-clock with a rate and the
# board's clock-names are kept).
# Two builds are byte-identical. Needs `make boards` and `make guests`.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

OUT=build/tests/realboards
PARTITA=${PARTITA:-build/partita}
rm -rf "$OUT"
mkdir -p "$OUT"
# one snapshot of the runtime for every build (a rebuild mid-run would
# make the two builds differ for the wrong reason)
cp build/vmm/vmm.bin "$OUT/vmm.bin"
PARTITA_RUNTIME=$(pwd)/$OUT/vmm.bin
export PARTITA_RUNTIME

# board_addr BOARD KEY: a value from the board descriptor's uboot: section
board_addr() {
	sed -n "s/^  $2: *\(0x[0-9a-fA-F]*\).*/\1/p" "boards/$1/board.yaml"
}

# hex32 0x80000 -> 00080000 (how mkimage prints addresses)
hex32() {
	printf '%08x' "$(($1))"
}

check_fit() { # NAME DIR BOARD
	name=$1 dir=$2 board=$3
	l=$(mkimage -l "$dir/$name.itb" 2>&1)
	load=$(hex32 "$(board_addr "$board" image-addr)")
	hashes=$(echo "$l" | grep -c 'Hash algo: *sha256')
	kernel_hash=$(echo "$l" | sed -n '/Image 0 (kernel)/,/Image 1/s/.*Hash value: *//p')
	img_hash=$(sha256sum "$dir/$name.img" | cut -d' ' -f1)
	if ! echo "$l" | grep -q "Load Address: 0x$load"; then
		fail "$board FIT loads the image at 0x$load" "$(echo "$l" | grep 'Load Address')"
	elif [ "$hashes" -ne 2 ]; then
		fail "$board FIT hashes every part" "$hashes sha256 hashes"
	elif [ "$kernel_hash" != "$img_hash" ]; then
		fail "$board FIT kernel part is the image" "$kernel_hash vs $img_hash"
	elif ! echo "$l" | grep -q 'Kernel: *kernel' || ! echo "$l" | grep -q 'FDT: *fdt'; then
		fail "$board FIT configuration" "no kernel + fdt configuration"
	else
		pass "$board FIT: image at 0x$load, sha256 of both parts, configuration"
	fi
}

check_script() { # NAME DIR BOARD
	name=$1 dir=$2 board=$3
	fit=$(board_addr "$board" fit-addr)
	if ! dumpimage -T script -p 0 -o "$dir/boot.txt" "$dir/boot.scr" >/dev/null 2>&1; then
		fail "$board boot.scr" "dumpimage cannot extract it"
	elif ! grep -q "^load .* $fit $name.itb\$" "$dir/boot.txt" ||
	     ! grep -q "^bootm $fit#conf\$" "$dir/boot.txt"; then
		fail "$board boot.scr loads the FIT at $fit" "$(tr '\n' ' ' <"$dir/boot.txt")"
	else
		pass "$board boot.scr loads the FIT at $fit and boots it"
	fi
}

# check_guest DIR BOARD GUEST GICVER SPEC: one guest's device tree
check_guest() {
	dir=$1 board=$2 g=$3 gicver=$4 spec=$5
	dts=$dir/$g.dts
	if ! dtc -q -I dtb -O dts -o "$dts" "$dir/$g.dtb"; then
		fail "$board $g.dtb parses"
		return
	fi
	case $gicver in
	v2) gic='"arm,cortex-a15-gic"\|"arm,gic-400"' ;;
	*) gic='"arm,gic-v3"' ;;
	esac
	if ! grep -q "compatible = \($gic\)" "$dts"; then
		fail "$board $g has a GIC$gicver interrupt controller" "$(grep -m1 'interrupt-controller@' "$dts")"
		return
	fi
	# every passthrough window in the layout report has its node
	missing=""
	for pa in $(sed -n "/^guest $g\$/,/^\$/s/.* mmio *pa 0x0*\([0-9a-f]*\) .*/\1/p" "$dir/layout.txt"); do
		grep -q "@$pa {" "$dts" || missing="$missing $pa"
	done
	want=$(sed -n "/^  $g:\$/,/^  [a-z]/s/^    bootargs: //p" "$spec")
	if [ -n "$missing" ]; then
		fail "$board $g sees its devices" "no node for$missing"
	elif [ -n "$want" ] && ! grep -qF "bootargs = \"$want\"" "$dts"; then
		fail "$board $g bootargs" "$(grep bootargs "$dts")"
	else
		pass "$board $g.dtb: GIC$gicver, its passthrough nodes, bootargs"
	fi
}

# check_clocks DIR BOARD GUEST: each passthrough node's clocks are guest
# fixed-clocks with a clock-frequency, as many as its clock-names
check_clocks() {
	dtb=$1/$3.dtb bad="" n=0
	for node in $(fdtget -l "$dtb" /); do
		cells=$(fdtget -t u "$dtb" "/$node" clocks 2>/dev/null) || continue
		case $node in pl011@*) continue ;; esac  # the virtual console's own
		n=$((n + 1))
		names=$(fdtget -t s "$dtb" "/$node" clock-names 2>/dev/null | wc -w)
		count=0
		for ph in $cells; do
			count=$((count + 1))
			clk=$(fdtget -l "$dtb" / | while read -r c; do
				[ "$(fdtget -t u "$dtb" "/$c" phandle 2>/dev/null)" = "$ph" ] && echo "$c"
			done)
			[ -n "$clk" ] && fdtget -t s "$dtb" "/$clk" compatible | grep -qx fixed-clock &&
				[ "$(fdtget -t u "$dtb" "/$clk" clock-frequency)" -gt 0 ] ||
				bad="$bad $node:$ph"
		done
		[ "$names" -eq 0 ] || [ "$names" -eq "$count" ] || bad="$bad $node:clock-names"
	done
	[ "$n" -gt 0 ] || bad="no passthrough node kept its clocks"
	if [ -n "$bad" ]; then
		fail "$2 $3 passthrough clocks are fixed clocks with rates" "$bad"
	else
		pass "$2 $3: $n passthrough node(s) with clocks, each a fixed clock with a rate"
	fi
}

# GEM3 lists SPI 63 once per queue: the guest sees it twice with one virq
# (macb requests each queue's entry, shared), and holds one IRQ capability
check_gem_queues() {
	caps=$(grep -c '^    slot  *[0-9]* irq *intid 95 -> virq 95$' "$1/layout.txt")
	irqs=$(fdtget -t u "$1/linux.dtb" /ethernet@ff0e0000 interrupts 2>/dev/null)
	if [ "$caps" = 1 ] && [ "$irqs" = "0 63 4 0 63 4" ]; then
		pass "zcu102 GEM3: SPI 63 twice in the tree, one capability"
	else
		fail "zcu102 GEM3: SPI 63 twice in the tree, one capability" "caps $caps, interrupts '$irqs'"
	fi
}

for example in rpi4b-pair zcu102-pair imx8mq-pair; do
	spec=examples/$example.yaml
	board=$(sed -n 's/^board: *//p' "$spec")
	dir=$OUT/$example
	if ! SOURCE_DATE_EPOCH=0 "$PARTITA" -q build "$spec" -o "$dir" >"$OUT/$example.log" 2>&1; then
		fail "$board builds $example" "$(head -3 "$OUT/$example.log")"
		continue
	fi
	pass "$board builds $example"
	check_fit "$example" "$dir" "$board"
	check_script "$example" "$dir" "$board"
	if "$PARTITA" inspect "$dir/$example.img" >"$dir/inspect.txt" 2>&1 &&
	   grep -q '^layout .*(ok)$' "$dir/inspect.txt"; then
		pass "$board image layout verifies"
	else
		fail "$board image layout verifies" "$(head -3 "$dir/inspect.txt")"
	fi
	gicver=$(sed -n 's/^  gic *\(v[23]\) .*/\1/p' "$dir/layout.txt")
	for g in $(sed -n 's/^guest //p' "$dir/layout.txt"); do
		check_guest "$dir" "$board" "$g" "$gicver" "$spec"
		check_clocks "$dir" "$board" "$g"
	done
	[ "$example" = zcu102-pair ] && check_gem_queues "$dir"
	SOURCE_DATE_EPOCH=0 "$PARTITA" -q build "$spec" -o "$dir.again" >/dev/null 2>&1
	if cmp -s "$dir/$example.img" "$dir.again/$example.img" &&
	   cmp -s "$dir/$example.itb" "$dir.again/$example.itb"; then
		pass "$board builds are byte-identical"
	else
		fail "$board builds are byte-identical"
	fi
done
finish
