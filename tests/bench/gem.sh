#!/bin/sh
# SPDX-License-Identifier: MIT
# Passthrough network throughput (a benchmark, not a test): Linux on
# QEMU's xlnx-zcu102 fetches an 8 MiB random file by TFTP (busybox tftp,
# blocksize 1468, from QEMU's user network with restrict=on) through GEM3
# (macb), timed by the guest's /proc/uptime around the transfer, and
#   runtime: examples/zcu102-pair.yaml with only Linux's bootargs changed
#            (GEM3 passed through: its registers mapped by stage 2, its
#            SPI linked to the vCPU), virtualization=on, -m 4G;
#   native:  the same kernel, initramfs and guest device tree (this build's
#            linux.dtb) booted on the model without EL2, -m 2G: the tree's
#            virtual PL011 at 0xff000000 becomes what is really there (the
#            Cadence UART0, console ttyPS0), PSCI goes by smc and QEMU
#            writes /memory.
# Wall time on a shared host, no icount (TFTP waits on the host's slirp,
# which icount does not clock): runs interleaved, each printed, medians and
# their ratio (runtime / native; above 1 means faster under the runtime).
# Usage: tests/bench/gem.sh [RUNS] (default 3). Skipped (exit 0, a note)
# without the ZynqMP payloads (`make guests`) or the board tree (`make boards`).
cd "$(dirname "$0")/../.." || exit 2
runs=${1:-3}
OUT=build/bench/gem
TIMEOUT=${BOOT_TIMEOUT:-240}
IMG=images/guests/zynqmp/Image
INITRD=images/guests/zynqmp/initramfs.cpio.gz
MB=8
if [ ! -f "$IMG" ] || [ ! -f "$INITRD" ] || [ ! -f boards/zcu102/zynqmp-zcu102-rev1.0.dtb ]; then
	echo "gem: skipped (make guests boards)"
	exit 0
fi
rm -rf "$OUT"
mkdir -p "$OUT/tftp"
make -s build/vmm/vmm.bin build/partita build/tests/guests/marker.elf || exit 1
head -c $((MB * 1048576)) /dev/urandom >"$OUT/tftp/big"
xfer="ip link set eth0 up \&\& sleep 2 \&\& udhcpc -i eth0 -q -n -t 5 \&\& cat /proc/uptime \&\& tftp -b 1468 -g -r big -l /dev/null 10.0.2.2 \&\& cat /proc/uptime"
sed -e "s|^\(    bootargs: console=ttyAMA0 earlycon hostname=zcu102\)\$|\1 partita.run=\"$xfer\"|" \
    -e "s|\.\./|$PWD/|" examples/zcu102-pair.yaml >"$OUT/gem.yaml"
./build/partita build "$OUT/gem.yaml" -o "$OUT/img" >"$OUT/build.log" 2>&1 ||
	{ cat "$OUT/build.log"; exit 1; }
cp "$OUT/img/linux.dtb" "$OUT/native.dtb"
fdtput -t s "$OUT/native.dtb" /pl011@ff000000 compatible xlnx,xuartps cdns,uart-r1p12 &&
	fdtput -t s "$OUT/native.dtb" /pl011@ff000000 clock-names uart_clk pclk &&
	fdtput -t s "$OUT/native.dtb" /psci method smc &&
	fdtput -r "$OUT/native.dtb" "/$(fdtget -l "$OUT/img/linux.dtb" / | grep '^memory@')" || exit 1
args=$(fdtget -t s "$OUT/img/linux.dtb" /chosen bootargs | sed 's/console=ttyAMA0/console=ttyPS0/')
nic=user,restrict=on,model=cadence_gem

# mbps LOG: MB/s from the two /proc/uptime lines around the transfer
mbps() {
	sed 's/^linux| //' "$1" | grep -E '^[0-9]+\.[0-9]+ [0-9]+\.[0-9]+$' | head -2 |
		awk -v mb="$MB" '{ t[NR] = $1 } END { if (NR == 2 && t[2] > t[1]) printf "%.3f\n", mb / (t[2] - t[1]) }'
}

run_runtime() {
	timeout "$TIMEOUT" ./build/partita -q run "$OUT/img" -- -nic "$nic" -nic "$nic" -nic "$nic" \
		-nic "$nic,tftp=$OUT/tftp" </dev/null 2>&1 | tr -d '\r' >"$1"
}

run_native() {
	timeout "$TIMEOUT" qemu-system-aarch64 -M xlnx-zcu102 -m 2G -display none \
		-audiodev none,id=snd -serial stdio -serial null -no-reboot \
		-kernel "$IMG" -initrd "$INITRD" -dtb "$OUT/native.dtb" -append "$args" \
		-nic "$nic" -nic "$nic" -nic "$nic" -nic "$nic,tftp=$OUT/tftp" \
		</dev/null 2>&1 | tr -d '\r' >"$1"
}

median() {
	sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}

: >"$OUT/native.txt"
: >"$OUT/runtime.txt"
i=1
while [ "$i" -le "$runs" ]; do
	run_native "$OUT/native-$i.log"
	run_runtime "$OUT/runtime-$i.log"
	n=$(mbps "$OUT/native-$i.log") r=$(mbps "$OUT/runtime-$i.log")
	echo "gem-tftp-run-$i: native ${n:-?} MB/s, runtime ${r:-?} MB/s"
	[ -n "$n" ] && echo "$n" >>"$OUT/native.txt"
	[ -n "$r" ] && echo "$r" >>"$OUT/runtime.txt"
	i=$((i + 1))
done
n=$(median <"$OUT/native.txt") r=$(median <"$OUT/runtime.txt")
[ -n "$n" ] && [ -n "$r" ] || { echo "gem: a side never finished (see $OUT/*.log)"; exit 1; }
echo "gem-tftp-native: $n MB/s (median of $(wc -l <"$OUT/native.txt"), ${MB} MiB TFTP, blocksize 1468)"
echo "gem-tftp-runtime: $r MB/s (median of $(wc -l <"$OUT/runtime.txt"))"
awk -v n="$n" -v r="$r" 'BEGIN { printf "gem-tftp-ratio: %.3f (runtime / native throughput)\n", r / n }'
