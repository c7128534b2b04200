#!/bin/sh
# SPDX-License-Identifier: MIT
# virtio end to end (issue 6) in one QEMU boot: two Debian Linux guests
# mount their virtio-blk RAM disks (ext2 built here with mke2fs -d, no root;
# a's writable, b's read-only), check a known file, ping each other 5 times
# both ways over the virtual switch and send 10 MB through busybox nc; a
# hostile bare-metal guest on the same switch feeds its device bad rings
# and descriptors (each contained and logged), then never takes a frame;
# a third Linux guest whose only console is virtio writes to hvc0, marks
# its writable disk and reboots: the mark is still there after the restart.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/qemu/lib.sh
OUT=build/tests/virtio
mkdir -p "$OUT"
QEMU_TIMEOUT=${VIRTIO_TIMEOUT:-240}

make -s build/vmm/vmm.bin build/partita build/tests/guests/virtio_hostile.elf \
	>"$OUT/make.log" 2>&1 || { fail "build" "$(tail -3 "$OUT/make.log")"; finish; exit 1; }
if [ ! -f images/guests/linux/Image ] || [ ! -f images/guests/linux/initramfs.cpio.gz ]; then
	echo "SKIP virtio: needs make guests (Debian kernel and initramfs)"
	finish
	exit
fi

# The disks: the same known file and role script on both.
rm -rf "$OUT/disk" "$OUT/a.ext2" "$OUT/b.ext2" "$OUT/c.ext2"
mkdir -p "$OUT/disk"
echo "hello from a partita disk" >"$OUT/disk/hello.txt"
cp tests/virtio/role.sh "$OUT/disk/role.sh"
for d in a b; do
	E2FSPROGS_FAKE_TIME=1 mke2fs -q -t ext2 -b 1024 -E root_owner=0:0 -U clear \
		-d "$OUT/disk" "$OUT/$d.ext2" 4M >>"$OUT/make.log" 2>&1 ||
		{ fail "disk images" "mke2fs"; finish; exit 1; }
done
E2FSPROGS_FAKE_TIME=1 mke2fs -q -t ext2 -b 1024 -U clear "$OUT/c.ext2" 1M >>"$OUT/make.log" 2>&1 ||
	{ fail "disk images" "mke2fs"; finish; exit 1; }
want=$(sha256sum <"$OUT/disk/hello.txt" | cut -d' ' -f1)

spec=tests/virtio/specs/pair.yaml
./build/partita build "$spec" -o "$OUT/pair" >"$OUT/build.log" 2>&1 &&
./build/partita build "$spec" -o "$OUT/pair2" >>"$OUT/build.log" 2>&1 ||
	{ fail "build spec" "$(tail -3 "$OUT/build.log")"; finish; exit 1; }
if cmp -s "$OUT/pair/virtio-pair.img" "$OUT/pair2/virtio-pair.img" &&
   cmp -s "$OUT/pair/layout.txt" "$OUT/pair2/layout.txt"
then pass "same spec and disks, same image and report"
else fail "same spec and disks, same image and report"
fi
layout=$OUT/pair/layout.txt
# layout_mac GUEST: the MAC the report gives GUEST's port on lan
layout_mac() {
	sed -n "/^network lan port $1\$/,/^\$/s/.* mac //p" "$layout"
}
if grep -q '^    slot 128 virtio  ipa 0x0041000000 size 0x1000 virq 96 net lan' "$layout" &&
   grep -q '^  guest      b slot 128 ipa 0x0050000000 virq 96 read-only$' "$layout" &&
   [ -n "$(layout_mac a)" ] && [ "$(layout_mac a)" != "$(layout_mac b)" ]
then pass "layout: virtio windows, read-only disk, distinct MACs"
else fail "layout: virtio windows, read-only disk, distinct MACs" "see $layout"
fi

log=$OUT/pair.log
rc=$(qemu_boot "$log" -kernel "$OUT/pair/virtio-pair.img")
[ "$rc" = 0 ] || fail "QEMU run" "exit $rc (124: timed out after ${QEMU_TIMEOUT}s)"

if grep -q "^a| DISK a sha256 $want\$" "$log" && grep -q "^b| DISK b sha256 $want\$" "$log"
then pass "both guests read the known file from their virtio-blk disk"
else fail "both guests read the known file from their virtio-blk disk" "$(grep '| DISK' "$log")"
fi
if grep -q '^a| WRITE a written$' "$log"; then pass "writable disk takes a write"
else fail "writable disk takes a write" "$(grep 'a| WRITE' "$log")"
fi
if grep -q '^b| WRITE b refused$' "$log" && grep -q '^b| RAW b refused$' "$log" &&
   grep -q '^b| RO b 1$' "$log"
then pass "read-only disk: the guest sees ro=1, file and raw writes fail"
else fail "read-only disk: the guest sees ro=1, file and raw writes fail" "$(grep '^b| [WR]' "$log" | tr '\n' ' ')"
fi
if grep -q "^a| NET a mac $(layout_mac a)\$" "$log" && grep -q "^b| NET b mac $(layout_mac b)\$" "$log"
then pass "guests see the MACs the layout report shows"
else fail "guests see the MACs the layout report shows" "$(grep '| NET' "$log" | tr '\n' ' ')"
fi
ping_ok='5 packets transmitted, 5 packets received, 0% packet loss'
if grep -q "^a| PING a $ping_ok\$" "$log" && grep -q "^b| PING b $ping_ok\$" "$log"
then pass "ping -c 5 both ways"
else fail "ping -c 5 both ways" "$(grep '| PING' "$log" | tr '\n' ' ')"
fi
sent=$(sed -n 's/^b| SENT b //p' "$log")
recv=$(sed -n 's/^a| RECV a //p' "$log")
if [ -n "$sent" ] && [ "$sent" = "$recv" ] && [ "${sent%% *}" = 10485760 ]
then pass "10 MB through nc arrives with the same sha256"
else fail "10 MB through nc arrives with the same sha256" "sent '$sent' received '$recv'"
fi

want_h='^hostile| VHOSTILE done cases=8 contained=8 recovered=8$'
lines=$(grep -c '^vmm|hostile|virtio-net slot 128: .*: device needs reset' "$log")
if grep -q "$want_h" "$log" && [ "$lines" = 8 ] &&
   ! grep -q '^vmm|[abc]|virtio.*needs reset' "$log" && ! grep -q 'panic\||fault' "$log"
then pass "hostile guest's bad rings and descriptors contained (8 cases, 8 log lines)"
else fail "hostile guest's bad rings and descriptors contained" "$(grep 'VHOSTILE' "$log" | tr '\n' ' ') lines=$lines"
fi
drops=$(sed -n 's/^vmm|hostile|virtio-net slot 128: tx 0 dropped 0, rx 1 dropped \([0-9]*\)$/\1/p' "$log")
if grep -q '^hostile| VHOSTILE took one frame, takes no more$' "$log" && [ -n "$drops" ] && [ "$drops" -gt 0 ]
then pass "a port that takes no frames drops and counts them ($drops) without stalling the others"
else fail "a port that takes no frames drops and counts them" "$(grep 'vmm|hostile|virtio-net slot 128: tx' "$log")"
fi
if [ "$(grep -c '^c| VIRTIO-CONSOLE hello from c$' "$log")" = 2 ] &&
   grep -q '^    slot 128 virtio  .* console hvc0$' "$layout"
then pass "console: virtio: hvc0 output shows as the guest's console lines, on both boots"
else fail "console: virtio: hvc0 output shows as the guest's console lines" "$(grep '^c| ' "$log" | tail -3 | tr '\n' ' ')"
fi
if grep -q '^vmm|c|restarting$' "$log" && grep -q '^c| VIRTIO-CONSOLE after restart the disk has kept$' "$log"
then pass "guest restart: devices reset and probed again, RAM disk writes kept"
else fail "guest restart: devices reset and probed again, RAM disk writes kept" "$(grep '^c| \|vmm|c|' "$log" | tail -4 | tr '\n' ' ')"
fi
if [ "$rc" = 0 ] && lines_whole "$log" && grep -q '^vmm|all guests stopped: power off$' "$log"
then pass "run ends cleanly"
else fail "run ends cleanly" "console lines or power off"
fi
finish
