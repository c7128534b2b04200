#!/bin/sh
# SPDX-License-Identifier: MIT
# Sourced by tests/zcu102/run.sh: the devices examples/zcu102-pair.yaml passes
# through, driven by Debian's own drivers, in ONE boot of the example with
# only its bootargs changed. Linux brings GEM3 up, takes a DHCP lease from
# QEMU's user network (restrict=on: nothing leaves QEMU; the n-th -nic is
# GEM n-1, so four fill GEM0-3) and fetches a random host file by TFTP (its
# sha256 must match), mounts the FAT partition of an SD image QEMU attaches
# to SD1 (-drive if=sd,index=1: ff170000, the board's card slot), reads the
# host's file and writes one, and powers off; the host then reads it back
# with mtools. UART1 (QEMU's serial 1) must carry Linux's GUEST-UP line and
# nothing else. The marker peeks at GEM3's first register, which it does
# not own: it must be stopped with vmm|marker|fault while Linux keeps its
# network (the lease comes seconds later).

devices_run='ip link set eth0 up && sleep 2 && udhcpc -i eth0 -q -n -t 5 && tftp -g -r blob -l /tmp/blob 10.0.2.2 && sha256sum /tmp/blob && mkdir /tmp/sd && mount -t vfat /dev/mmcblk0p1 /tmp/sd && cat /tmp/sd/host.txt && echo written-by-zcu102 > /tmp/sd/guest.txt && umount /tmp/sd'

# devices_spec OUT: the example with the test's bootargs, payload paths
# made absolute (the spec moves to $OUT), on_fault: stop for the marker
devices_spec() {
	run=$(printf '%s' "$devices_run" | sed 's/[&|\\]/\\&/g')   # sed replacement text
	sed -e "s|^\(    bootargs: console=ttyAMA0 earlycon hostname=zcu102\)\$|\1 partita.run=\"$run\"|" \
	    -e 's|^\(    bootargs: name=marker count=5\)$|\1 peek=0xff0e0000\n    on_fault: stop|' \
	    -e "s|\.\./|$PWD/|" examples/zcu102-pair.yaml >"$1"
	grep -q 'partita.run=' "$1" && grep -q 'peek=0xff0e0000' "$1"
}

# devices_media DIR: a 64 MiB SD image (QEMU wants a power of two), MBR,
# partition 1 FAT from 1 MiB with host.txt; a random TFTP blob
devices_media() {
	rm -rf "$1" && mkdir -p "$1/tftp" &&
	head -c 1048576 /dev/urandom >"$1/tftp/blob" &&
	truncate -s 64M "$1/sd.img" &&
	echo 'start=2048, type=c' | sfdisk -q "$1/sd.img" &&
	mkfs.vfat --offset 2048 -n PARTITA "$1/sd.img" $((63 * 1024)) >/dev/null &&
	echo "from-the-host" >"$1/host.txt" &&
	mcopy -i "$1/sd.img@@1M" "$1/host.txt" ::host.txt
}

devices_boot() {
	spec=$OUT/devices.yaml dir=$OUT/devices log=$OUT/devices.log media=$OUT/devices-media
	if [ ! -f images/guests/zynqmp/Image ] || [ ! -f images/guests/zynqmp/initramfs.cpio.gz ]; then
		missing zcu102-devices "no ZynqMP Linux payloads (run make guests)"
		return
	fi
	if ! devices_spec "$spec" || ! devices_media "$media"; then
		fail zcu102-devices-setup "spec or media not made"
		return
	fi
	if ! zcu_build "$spec" "$dir"; then
		fail zcu102-devices-build "$(tail -3 "$dir.build.log")"
		return
	fi
	nic=user,restrict=on,model=cadence_gem
	rm -f "$OUT/devices.uart1"
	start=$(date +%s)
	zcu_boot "$log" "$dir" --serial1 "$OUT/devices.uart1" -- \
		-nic "$nic" -nic "$nic" -nic "$nic" -nic "$nic,tftp=$media/tftp" \
		-drive "if=sd,index=1,format=raw,file=$media/sd.img"
	echo "zcu102 devices: $(($(date +%s) - start)) s from QEMU start to its exit"
	devices_check "$log" "$media"
}

devices_check() {
	log=$1 media=$2
	if [ "$(cat "$OUT/devices.uart1" 2>/dev/null | tr -d '\r')" = "GUEST-UP zcu102" ]; then
		pass zcu102-uart1-passthrough
	else
		fail zcu102-uart1-passthrough "serial 1 holds: $(head -c 200 "$OUT/devices.uart1" 2>/dev/null | tr '\n' '|')"
	fi
	sum=$(sha256sum "$media/tftp/blob" | cut -d' ' -f1)
	if grep -q '^linux| udhcpc: eth0 10\.0\.2\.[0-9]*/24 ' "$log" &&
	   grep -q "^linux| $sum  /tmp/blob\$" "$log"; then
		pass zcu102-gem3-dhcp-tftp
	else
		fail zcu102-gem3-dhcp-tftp "$(grep -E '^linux\| (udhcpc|tftp|[0-9a-f]{64})' "$log" | tail -3 | tr '\n' ' ')"
	fi
	if grep -q '^linux| from-the-host$' "$log" &&
	   [ "$(mtype -i "$media/sd.img@@1M" ::guest.txt 2>/dev/null)" = written-by-zcu102 ]; then
		pass zcu102-sd1-storage
	else
		fail zcu102-sd1-storage "guest.txt: $(mtype -i "$media/sd.img@@1M" ::guest.txt 2>&1 | head -1)"
	fi
	fault=$(line_no "$log" '^vmm\|marker\|fault data abort .*IPA 0xff0e0000')
	lease=$(line_no "$log" '^linux\| udhcpc: eth0 ')
	if [ -n "$fault" ] && [ -n "$lease" ] && [ "$fault" -lt "$lease" ] &&
	   grep -q '^vmm|marker|stopped$' "$log" && ! grep -q '^vmm|linux|fault' "$log"; then
		pass zcu102-gem3-isolation
	else
		fail zcu102-gem3-isolation "fault line ${fault:-none}, lease line ${lease:-none}"
	fi
	if grep -q '^linux| GUEST-RC 0$' "$log" && powered_off "$log"; then
		pass zcu102-devices-power-off
	else
		fail zcu102-devices-power-off "QEMU exit $(cat "$log.rc"), $(grep GUEST-RC "$log")"
	fi
}

devices_boot
