#!/bin/sh
# SPDX-License-Identifier: MIT
# virtio-vsock between guests (issue 6) in one QEMU boot of three Debian
# Linux guests (tests/vsock/specs/trio.yaml): s and k share a channel, k and
# x a network. k sends 1 MiB to a server in s over vsock and gets its
# count and checksum back; x, which shares nothing with s, cannot connect:
# the runtime answers with an RST (ECONNRESET) and logs the denial.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/qemu/lib.sh
OUT=build/tests/vsock
mkdir -p "$OUT"
QEMU_TIMEOUT=${VSOCK_TIMEOUT:-240}
TOOL=images/guests/linux/modules/partita-vsock

make -s build/vmm/vmm.bin build/partita "$TOOL" >"$OUT/make.log" 2>&1 ||
	{ fail "build" "$(tail -3 "$OUT/make.log")"; finish; exit 1; }
if [ ! -f images/guests/linux/Image ] || [ ! -f images/guests/linux/initramfs.cpio.gz ]; then
	echo "SKIP vsock: needs make guests (Debian kernel and initramfs)"
	finish
	exit
fi

# Each guest's disk holds the tool (busybox has no AF_VSOCK).
rm -rf "$OUT/disk" "$OUT"/*.ext2
mkdir -p "$OUT/disk"
cp "$TOOL" "$OUT/disk/partita-vsock"
for d in s k x; do
	E2FSPROGS_FAKE_TIME=1 mke2fs -q -t ext2 -b 1024 -E root_owner=0:0 -U clear \
		-d "$OUT/disk" "$OUT/$d.ext2" 2M >>"$OUT/make.log" 2>&1 ||
		{ fail "disk images" "mke2fs"; finish; exit 1; }
done

spec=tests/vsock/specs/trio.yaml
./build/partita build "$spec" -o "$OUT/trio" >"$OUT/build.log" 2>&1 ||
	{ fail "build spec" "$(tail -3 "$OUT/build.log")"; finish; exit 1; }
layout=$OUT/trio/layout.txt
if grep -q '^    slot 129 virtio  .* vsock cid 3 reach k$' "$layout" &&
   grep -q '^    slot 130 virtio  .* vsock cid 4 reach s x$' "$layout" &&
   grep -q '^    slot 130 virtio  .* vsock cid 5 reach k$' "$layout"
then pass "layout: context ids 3 + guest index, reach = shared channel or network"
else fail "layout: context ids 3 + guest index, reach = shared channel or network" "see $layout"
fi

# partita diff: gaining vsock is security-relevant; the spec without it
# sits at the same depth, so its relative paths still hold.
sed '/^    vsock: true$/d' "$spec" >"$OUT/novsock.yaml"
./build/partita diff "$OUT/novsock.yaml" "$OUT/trio" >"$OUT/diff.out" 2>&1
if [ "$(sed -n '/^security-relevant/,/^other/p' "$OUT/diff.out" | grep -c '^    + vsock: ')" = 3 ] &&
   ./build/partita diff "$spec" "$OUT/trio" | grep -q '^no changes$'
then pass "partita diff: vsock added is security-relevant; spec and build folder agree"
else fail "partita diff: vsock added is security-relevant" "see $OUT/diff.out"
fi

log=$OUT/trio.log
rc=$(qemu_boot "$log" -kernel "$OUT/trio/vsock-trio.img")
[ "$rc" = 0 ] || fail "QEMU run" "exit $rc (124: timed out after ${QEMU_TIMEOUT}s)"

if grep -q '^s| VSOCK cid 3$' "$log" && grep -q '^k| VSOCK cid 4$' "$log" &&
   grep -q '^x| VSOCK cid 5$' "$log"
then pass "guests read their context ids from the device"
else fail "guests read their context ids from the device" "$(grep '| VSOCK cid' "$log" | tr '\n' ' ')"
fi
sent=$(sed -n 's/^k| VSOCK sent //p' "$log")
if [ -n "$sent" ] && grep -q "^s| VSOCK recv $sent from cid 4\$" "$log" &&
   grep -q "^k| VSOCK answer $sent from cid 4\$" "$log" && [ "${sent%% *}" = 1048576 ]
then pass "1 MiB from k to the server in s arrives whole, the answer comes back"
else fail "1 MiB from k to the server in s arrives whole, the answer comes back" \
	"$(grep '^[sk]| VSOCK' "$log" | tr '\n' ' ')"
fi
if grep -q '^x| VSOCK connect failed Connection reset by peer$' "$log" &&
   ! grep -q 'from cid 5' "$log" &&
   grep -q '^vmm|x|virtio-vsock cid 5: port [0-9]* to cid 3 port 5000 denied' "$log"
then pass "x shares no channel or network with s: connect fails (RST), denial logged"
else fail "x shares no channel or network with s: connect fails (RST)" \
	"$(grep '^x| VSOCK\|vmm|x|virtio-vsock' "$log" | tr '\n' ' ')"
fi
if [ "$rc" = 0 ] && lines_whole "$log" && no_trouble "$log" &&
   ! grep -q 'needs reset' "$log" && grep -q '^vmm|all guests stopped: power off$' "$log"
then pass "run ends cleanly"
else fail "run ends cleanly" "console lines, device failures or power off"
fi
finish
