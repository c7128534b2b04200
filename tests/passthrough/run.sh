#!/bin/sh
# SPDX-License-Identifier: MIT
# Passthrough on QEMU virt (GICv3), tests/passthrough/system.yaml, one boot:
# - `disk` (identity RAM) owns the PL031 and reads the time through
#   /sys/class/rtc; `probe` has no RTC;
# - QEMU has a virtio-blk-device backed by a small disk the test builds (a
#   tar archive: the guest reads it with tar, no filesystem module needed);
#   `disk` owns its virtio-mmio slot and reads a known file from it while
#   `probe` owns the slot below on the same 4 KiB page (both trapped and
#   forwarded); the virtio interrupt reaches `disk` through a HW-linked LR,
#   on vCPU 0 and, after an smp_affinity change, on vCPU 1;
# - `probe` owns the PL061 GPIO and sees it; `intruder` touches the PL061
#   without owning it and is stopped, the others go on.
# Also: a virtio slot given to a guest without identity RAM is refused
# with an explanation (dma-needs-identity).
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

OUT=build/tests/passthrough
SPEC=tests/passthrough/system.yaml
GUESTS=images/guests/linux
TIMEOUT=${BOOT_TIMEOUT:-150}
HELLO="partita passthrough disk: hello from virtio-blk"
mkdir -p "$OUT"

if ! make -s build/partita build/vmm/vmm.bin build/tests/guests/attacker.elf >"$OUT/make.log" 2>&1; then
	fail build "make failed, see $OUT/make.log"
	finish
	exit 1
fi

# the DMA rule, without booting: same system, `disk` without identity RAM
sed 's/memory: {size: 192M, identity: true}/memory: 192M/' "$SPEC" >"$OUT/no-identity.yaml"
sed -i 's|\.\./\.\./images|../../../images|; s|\.\./\.\./build|../../../build|' "$OUT/no-identity.yaml"
if build/partita check "$OUT/no-identity.yaml" >"$OUT/no-identity.out" 2>&1; then
	fail "DMA-capable device needs identity RAM" "check accepted it"
elif grep -q "error\[dma-needs-identity\]: /virtio_mmio@a003e00 can master DMA .*guest 'disk'" "$OUT/no-identity.out" &&
     grep -q "error\[dma-needs-identity\]: /virtio_mmio@a003c00 .*guest 'probe'" "$OUT/no-identity.out"; then
	pass "DMA-capable device needs identity RAM"
else
	fail "DMA-capable device needs identity RAM" "$(head -n 2 "$OUT/no-identity.out")"
fi

if [ ! -f "$GUESTS/Image" ] || [ ! -f "$GUESTS/initramfs.cpio.gz" ]; then
	make -s guests >"$OUT/guests.log" 2>&1 || { fail "guest payloads" "make guests failed, see $OUT/guests.log"; finish; exit 1; }
fi
if ! build/partita build "$SPEC" -o "$OUT/sys" >"$OUT/build.log" 2>&1; then
	fail "build $SPEC" "$(tail -n 3 "$OUT/build.log")"
	finish
	exit 1
fi

# the disk: a tar archive with one known file, a whole number of sectors
rm -rf "$OUT/disk" && mkdir -p "$OUT/disk/partita"
echo "$HELLO" >"$OUT/disk/partita/hello.txt"
tar --owner=0 --group=0 --mtime=@0 -C "$OUT/disk" -cf "$OUT/disk.tar" partita

log=$OUT/boot.log
start=$(date +%s%N)
timeout "$TIMEOUT" qemu-system-aarch64 -M virt,virtualization=on,gic-version=3 \
	-cpu cortex-a57 -smp 4 -m 2G -nographic -no-reboot \
	-drive "if=none,file=$OUT/disk.tar,format=raw,id=d0" -device virtio-blk-device,drive=d0 \
	-kernel "$OUT/sys/passthrough.img" </dev/null 2>&1 | tr -d '\r' >"$log"
rc=$?
echo "boot: $((($(date +%s%N) - start) / 1000000)) ms"

for g in disk probe; do
	if grep -q "^$g| GUEST-UP $g\$" "$log"; then pass "$g GUEST-UP"; else fail "$g GUEST-UP" "see $log"; fi
done
# (disk's next line: other guests' console lines may come between the two)
secs=$(grep '^disk| ' "$log" | grep -A1 '^disk| rtc-pl031' | sed -n '2s/^disk| \([0-9]*\)$/\1/p')
if [ -n "$secs" ] && [ "$secs" -gt 1577836800 ]; then pass "disk reads the PL031 through /sys/class/rtc"; else fail "disk reads the PL031 through /sys/class/rtc" "since_epoch '$secs'"; fi
if grep -q '^probe| rtc=0$' "$log"; then pass "probe has no RTC"; else fail "probe has no RTC" "$(grep '^probe| rtc=' "$log")"; fi
if [ "$(grep -c "^disk| $HELLO\$" "$log")" = 2 ] && grep -q '^disk| GUEST-RC 0$' "$log"; then
	pass "disk reads a known file from its virtio-blk slot (trapped, identity RAM)"
else
	fail "disk reads a known file from its virtio-blk slot (trapped, identity RAM)" "$(grep -E '^disk\| .*(virtio|vda|tar)' "$log" | head -n 2)"
fi
# the virtio interrupt (SPI 79) reached disk's vCPU 0, then (moved by
# smp_affinity) its vCPU 1 on another physical CPU: counted by the guest
if grep -Eq '^disk\| +[0-9]+: +[1-9][0-9]* +[1-9][0-9]* +GICv3 +79 ' "$log"; then
	pass "virtio-blk interrupt delivered to its owner's vCPU 0, then to vCPU 1 (HW-linked SPI 79)"
else
	fail "virtio-blk interrupt delivered to its owner's vCPU 0, then to vCPU 1 (HW-linked SPI 79)" "$(grep '^disk| .*virtio' "$log" | tail -n 1)"
fi
if grep -q '^probe| a003c00.virtio_mmio$' "$log" && grep -q '^probe| GUEST-RC 0$' "$log" &&
   ! grep -q '^probe| vd' "$log"; then
	pass "probe owns the other slot on the page and sees no disk"
else
	fail "probe owns the other slot on the page and sees no disk" "see $log"
fi
if grep -q '^probe| 9030000.pl061$' "$log" && grep -q '^probe| gpiochip[0-9]' "$log"; then
	pass "probe sees its PL061 GPIO"
else
	fail "probe sees its PL061 GPIO" "$(grep -i 'gpio\|pl061' "$log" | head -n 2)"
fi
want='^vmm|intruder|fault data abort (translation fault, level [0-3]), IPA 0x9030000, read,'
if grep -q "$want" "$log" && grep -q '^vmm|intruder|stopped$' "$log" && ! grep -q 'ATTACKER write' "$log"; then
	pass "intruder touching the PL061 is stopped"
else
	fail "intruder touching the PL061 is stopped" "$(grep '^vmm|intruder' "$log" | head -n 2)"
fi
bad=$(grep -E '^vmm\|(disk|probe)\|.*fault|panic|unexpected interrupt|WARNING|Call trace|BUG' "$log" | head -n 2)
if [ -z "$bad" ]; then pass "owners run clean"; else fail "owners run clean" "$bad"; fi
if [ "$rc" = 0 ] && grep -q '^vmm|all guests stopped: power off$' "$log"; then
	pass "machine power-off"
else
	fail "machine power-off" "QEMU exit $rc, see $log"
fi
finish
