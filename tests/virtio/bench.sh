#!/bin/sh
# SPDX-License-Identifier: MIT
# virtio-net and vsock figures (a benchmark, not a test): tests/virtio/specs/bench.yaml
# under QEMU virt (cortex-a57, 4 CPUs, 2 GiB, GICv3) with -icount
# shift=0,sleep=off, so guest time counts instructions and runs repeat.
# Prints ping latency between the guests over the virtual switch and a
# 32 MB TCP transfer (busybox nc) between them, next to the same transfer
# between two processes inside guest a over loopback, and over vsock, in
# the same run.
cd "$(dirname "$0")/../.." || exit 2
. tests/qemu/lib.sh
OUT=build/tests/virtio
QEMU_TIMEOUT=${BENCH_TIMEOUT:-900}
mkdir -p "$OUT/bench-disk"
make -s build/vmm/vmm.bin build/partita images/guests/linux/modules/partita-vsock || exit 1
[ -f images/guests/linux/Image ] || { echo "virtio bench: needs make guests"; exit 0; }
cp tests/virtio/bench_role.sh images/guests/linux/modules/partita-vsock "$OUT/bench-disk/"
rm -f "$OUT/bench.ext2"
mke2fs -q -t ext2 -b 1024 -d "$OUT/bench-disk" "$OUT/bench.ext2" 2M || exit 1
./build/partita build tests/virtio/specs/bench.yaml -o "$OUT/bench" >"$OUT/bench.build.log" 2>&1 ||
	{ cat "$OUT/bench.build.log"; exit 1; }
rc=$(qemu_boot "$OUT/bench.log" -icount shift=0,sleep=off -kernel "$OUT/bench/virtio-bench.img")
[ "$rc" = 0 ] || { echo "virtio bench: QEMU exit $rc"; exit 1; }
echo "virtio-net and vsock (QEMU $QEMU_MACHINE, $QEMU_OPTS, -icount shift=0,sleep=off; 1 s = 1e9 instructions)"
sed -n 's/^[ab]| BENCH /  /p' "$OUT/bench.log"
loop=$(sed -n 's/^a| BENCH loopback [0-9]*MB \([0-9.]*\) MB\/s .*/\1/p' "$OUT/bench.log")
sw=$(sed -n 's/^b| BENCH switch [0-9]*MB \([0-9.]*\) MB\/s .*/\1/p' "$OUT/bench.log")
[ -n "$loop" ] && [ -n "$sw" ] &&
	awk -v l="$loop" -v s="$sw" 'BEGIN { printf "  switch / loopback throughput: %.4f\n", s / l }'
vs=$(sed -n 's/^b| BENCH vsock [0-9]*MB \([0-9.]*\) MB\/s .*/\1/p' "$OUT/bench.log")
[ -n "$loop" ] && [ -n "$vs" ] &&
	awk -v l="$loop" -v s="$vs" 'BEGIN { printf "  vsock / loopback throughput: %.4f\n", s / l }'
