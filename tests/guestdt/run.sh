#!/bin/sh
# SPDX-License-Identifier: MIT
# A generated guest device tree boots real Linux: build examples/demo.yaml,
# then boot Debian's arm64 kernel and initramfs (`make guests`) natively on
# QEMU virt (no EL2, so QEMU's PSCI conduit is hvc, as the guest tree says)
# with linux0.dtb as its only device tree. The kernel must reach /init (its
# bootargs come from the tree's /chosen), see exactly the top-level nodes
# the tree has, probe the passthrough RTC, and power off through PSCI.
# Skipped (no result counted) when the Linux payloads are missing.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
img=images/guests/linux/Image
initrd=images/guests/linux/initramfs.cpio.gz
if [ ! -f "$img" ] || [ ! -f "$initrd" ] || [ ! -f build/tests/guests/marker.elf ]; then
	echo "SKIP guestdt: run \`make guests\` and \`make\` first"
	finish
	exit 0
fi
out=build/tests/guestdt
rm -rf "$out"
mkdir -p "$out"
if build/partita build examples/demo.yaml -o "$out/demo" > "$out/build.log" 2>&1; then
	pass "build examples/demo.yaml"
else
	fail "build examples/demo.yaml" "$(head -3 "$out/build.log")"
	finish
	exit 1
fi
timeout 60 qemu-system-aarch64 -M virt,gic-version=3 -cpu cortex-a57 -smp 1 -m 256M \
	-nographic -no-reboot -kernel "$img" -initrd "$initrd" -dtb "$out/demo/linux0.dtb" \
	> "$out/console.log" 2>&1
rc=$?
[ "$rc" -eq 0 ] && pass "QEMU powered off cleanly" || fail "QEMU exit $rc"
grep -q "Machine model: Partita demo/linux0" "$out/console.log" && pass "model from the guest tree" ||
	fail "model from the guest tree"
grep -q "^GUEST-UP linux0" "$out/console.log" && pass "Linux reached /init with /chosen bootargs" ||
	fail "GUEST-UP linux0" "$(tail -3 "$out/console.log")"
want=$(dtc -q -I dtb -O dts "$out/demo/linux0.dtb" |
	sed -n 's/^\t\([^ \t]*\) {$/\1/p' | sort | tr '\n' ',' | sed 's/,$//')
got=$(tr -d '\r' < "$out/console.log" | sed -n 's/^GUEST-CHECK .*devices=\([^ ]*\).*/\1/p' | head -1 |
	tr ',' '\n' | sort | tr '\n' ',' | sed 's/,$//')
[ -n "$got" ] && [ "$got" = "$want" ] && pass "Linux sees exactly the tree's nodes" ||
	fail "Linux sees exactly the tree's nodes" "want $want, got $got"
grep -q "rtc-pl031 9010000.pl031: registered" "$out/console.log" && pass "passthrough RTC probed" ||
	fail "passthrough RTC probed"
finish
