#!/bin/sh
# SPDX-License-Identifier: MIT
# Linux guest payloads (make guests): boots images/guests/linux/{Image,
# initramfs.cpio.gz} natively on QEMU virt and checks what /init reports
# against QEMU's own device tree; checks mkcpio and that the initramfs build
# is byte-for-byte repeatable. Without payloads it skips (a failure if CI=true).
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh

GUESTS=images/guests/linux
WORK=images/guests/work
MKCPIO=${O:-build}/templates/linux/mkcpio
MACHINE=virt,virtualization=on,gic-version=3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

missing() {
	if [ "${CI:-}" = true ]; then
		fail "$1" "$2 (run make guests)"
	else
		echo "SKIP $1: $2 (run make guests)"
	fi
}

# boot LOG APPEND: one native boot under a hard timeout. Writes the console
# (CR stripped) to LOG, QEMU's exit status to LOG.rc and, when GUEST-UP
# appears, the milliseconds since QEMU started to LOG.ms.
boot() {
	start=$(date +%s%N)
	{
		timeout 60 qemu-system-aarch64 -M "$MACHINE" -cpu cortex-a57 \
			-smp 2 -m 512M -nographic -no-reboot -kernel "$GUESTS/Image" \
			-initrd "${GUESTS_INITRD:-$GUESTS/initramfs.cpio.gz}" -append "$2" </dev/null
		echo $? >"$1.rc"
	} 2>&1 | tr -d '\r' | while IFS= read -r line; do
		case "$line" in
		GUEST-UP*) echo $((($(date +%s%N) - start) / 1000000)) >"$1.ms" ;;
		esac
		printf '%s\n' "$line"
	done >"$1"
}

# The top-level node names QEMU puts in the device tree it gives the guest.
qemu_nodes() {
	timeout 20 qemu-system-aarch64 -M "$MACHINE,dumpdtb=$TMP/virt.dtb" \
		-cpu cortex-a57 -smp 2 -m 512M -nographic >/dev/null 2>&1 &&
		fdtget -l "$TMP/virt.dtb" / | LC_ALL=C sort | paste -sd, -
}

check_boot() {
	log=$TMP/check.log
	boot "$log" "console=ttyAMA0 hostname=native partita.check=1"
	grep -qx "GUEST-UP native" "$log" && pass boot-guest-up ||
		fail boot-guest-up "no 'GUEST-UP native' line (see below)"
	line=$(grep '^GUEST-CHECK ' "$log")
	echo "$line" | grep -q ' nproc=2 ' && pass boot-nproc ||
		fail boot-nproc "${line:-no GUEST-CHECK line}"
	mem=$(echo "$line" | sed -n 's/.* memtotal_kb=\([0-9]*\) .*/\1/p')
	[ "${mem:-0}" -gt 400000 ] && [ "$mem" -le 524288 ] && pass boot-memtotal ||
		fail boot-memtotal "memtotal_kb=${mem:-?} for -m 512M"
	want=$(qemu_nodes)
	[ -n "$want" ] && [ "devices=$want" = "${line##* }" ] && pass boot-devices ||
		fail boot-devices "guest saw ${line##* }, QEMU gave devices=$want"
	grep -q 'did not load' "$log" && fail boot-modules "$(grep 'did not load' "$log")" ||
		pass boot-modules
	[ "$(cat "$log.rc")" = 0 ] && grep -q 'reboot: Power down' "$log" &&
		pass boot-poweroff || fail boot-poweroff "QEMU exit $(cat "$log.rc")"
	[ -s "$log.ms" ] && echo "INFO GUEST-UP after $(cat "$log.ms") ms"
	[ "$FAILED" -eq 0 ] || tail -40 "$log"
}

check_run() {
	log=$TMP/run.log
	boot "$log" 'console=ttyAMA0 quiet partita.run="echo ran as $(hostname); exit 3"'
	grep -qx "GUEST-UP guest" "$log" && grep -qx "ran as guest" "$log" &&
		grep -qx "GUEST-RC 3" "$log" && [ "$(cat "$log.rc")" = 0 ] &&
		pass boot-run || { fail boot-run "see below"; tail -20 "$log"; }
}

# partita.then=shell: a shell on the console; typing into it works, and
# leaving it powers off. Input is sent only once the shell is announced.
check_shell() {
	log=$TMP/shell.log
	mkfifo "$TMP/in"
	timeout 60 qemu-system-aarch64 -M "$MACHINE" -cpu cortex-a57 -smp 2 \
		-m 512M -nographic -no-reboot -kernel "$GUESTS/Image" \
		-initrd "$GUESTS/initramfs.cpio.gz" <"$TMP/in" >"$log" 2>&1 \
		-append "console=ttyAMA0 quiet partita.then=shell" &
	qemu=$!
	exec 3>"$TMP/in"
	for _ in $(seq 100); do
		grep -q '^init: shell' "$log" && break
		sleep 0.5
	done
	sleep 1
	printf 'echo shell-says-$((6 * 7))\n' >&3
	sleep 1
	printf 'exit\n' >&3
	wait "$qemu"
	rc=$?
	exec 3>&-
	tr -d '\r' <"$log" | grep -qx 'shell-says-42' && [ "$rc" = 0 ] &&
		pass boot-shell || { fail boot-shell "QEMU exit $rc"; tail -20 "$log"; }
}

# An out-of-tree module built by `make guest-modules` loads in the guest:
# vermagic and modversions match the packaged kernel. Runs only when built.
check_module() {
	log=$TMP/module.log
	GUEST_EXTRA_MODULES=$GUESTS/modules/hello.ko templates/linux/mkinitramfs.sh \
		"$WORK/kernel" "$WORK/busybox" templates/linux/init "$MKCPIO" \
		"$TMP/hello.cpio.gz" || { fail module-loads "initramfs build"; return; }
	GUESTS_INITRD=$TMP/hello.cpio.gz boot "$log" \
		'console=ttyAMA0 quiet partita.run="grep -q ^hello /proc/modules && dmesg | grep partita-hello"'
	grep -q 'partita-hello: loaded' "$log" && grep -qx "GUEST-RC 0" "$log" &&
		pass module-loads || { fail module-loads "see below"; tail -20 "$log"; }
}

# mkcpio against the system cpio: a device node, a symlink, a file, order.
check_mkcpio() {
	printf 'x\n' >"$TMP/src"
	cat >"$TMP/list" <<-EOF
		file init 0755 $TMP/src
		nod dev/console 0600 c 5 1
		dir dev 0755
		slink bin/sh 0777 busybox
		dir bin 0755
	EOF
	SOURCE_DATE_EPOCH=86400 "$MKCPIO" "$TMP/list" >"$TMP/a.cpio" &&
		TZ=UTC cpio -itvn --quiet <"$TMP/a.cpio" | tr -s ' ' >"$TMP/got"
	cat >"$TMP/want" <<-EOF
		drwxr-xr-x 2 0 0 0 Jan 2 1970 bin
		lrwxrwxrwx 1 0 0 7 Jan 2 1970 bin/sh -> busybox
		drwxr-xr-x 2 0 0 0 Jan 2 1970 dev
		crw------- 1 0 0 5, 1 Jan 2 1970 dev/console
		-rwxr-xr-x 1 0 0 2 Jan 2 1970 init
	EOF
	cmp -s "$TMP/got" "$TMP/want" && pass mkcpio-entries ||
		fail mkcpio-entries "$(tr '\n' ';' <"$TMP/got")"
	printf 'dir a 0755\ndir a 0755\n' >"$TMP/dup"
	"$MKCPIO" "$TMP/dup" 2>&1 >/dev/null | grep -q 'dup:2: error: path listed twice' &&
		pass mkcpio-duplicate || fail mkcpio-duplicate "duplicate path accepted"
}

check_repeatable() {
	for n in 1 2; do
		SOURCE_DATE_EPOCH=0 templates/linux/mkinitramfs.sh "$WORK/kernel" \
			"$WORK/busybox" templates/linux/init "$MKCPIO" "$TMP/i$n.cpio.gz" ||
			break
	done
	cmp "$TMP/i1.cpio.gz" "$TMP/i2.cpio.gz" && pass initramfs-repeatable ||
		fail initramfs-repeatable "two builds differ"
}

if [ -x "$MKCPIO" ]; then check_mkcpio; else missing mkcpio "no $MKCPIO"; fi
if [ -f "$GUESTS/Image" ] && [ -f "$GUESTS/initramfs.cpio.gz" ]; then
	check_boot
	check_run
	check_shell
else
	missing boot "no $GUESTS/Image or initramfs.cpio.gz"
fi
if [ -f "$WORK/kernel/.stamp" ] && [ -f "$WORK/busybox/.stamp" ] && [ -x "$MKCPIO" ]; then
	check_repeatable
else
	missing initramfs-repeatable "no unpacked packages in $WORK"
fi
# Optional: the module recipe needs `make guest-modules` (not part of CI).
if [ -f "$GUESTS/modules/hello.ko" ] && [ -f "$WORK/kernel/.stamp" ]; then
	check_module
else
	echo "SKIP module-loads: no $GUESTS/modules/hello.ko (make guest-modules)"
fi
finish
