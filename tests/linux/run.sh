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

# verdict NAME WHY CONDITION...: pass if the command succeeds, else fail.
verdict() {
	name=$1 why=$2
	shift 2
	if "$@"; then pass "$name"; else fail "$name" "$why"; fi
}

# qemu_virt INITRD APPEND: the native machine of the brief, 60 s at most.
# $QEMU_DEVICES (split on spaces) adds devices.
qemu_virt() {
	# shellcheck disable=SC2086
	timeout 60 qemu-system-aarch64 -M "$MACHINE" -cpu cortex-a57 -smp 2 \
		-m 512M -nographic -no-reboot -kernel "$GUESTS/Image" \
		-initrd "$1" -append "$2" ${QEMU_DEVICES:-}
}

# boot LOG APPEND [INITRD]: one boot with no input. Writes the console (CR
# stripped) to LOG, QEMU's exit status to LOG.rc and, when GUEST-UP
# appears, the milliseconds since QEMU started to LOG.ms.
boot() {
	start=$(date +%s%N)
	{
		qemu_virt "${3:-$GUESTS/initramfs.cpio.gz}" "$2" </dev/null
		echo $? >"$1.rc"
	} 2>&1 | tr -d '\r' | while IFS= read -r line; do
		case "$line" in
		GUEST-UP*) ms=$((($(date +%s%N) - start) / 1000000))
			echo "$ms" >"$1.ms" ;;
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

# PSCI SYSTEM_OFF ends QEMU with status 0 (a panic would time out).
poweroff_ok() {
	grep -q 'reboot: Power down' "$1" && [ "$(cat "$1.rc")" = 0 ]
}

same_nodes() {
	[ "$1" != devices= ] && [ "$1" = "$2" ]
}

mem_ok() {
	[ "${1:-0}" -gt 400000 ] && [ "$1" -le 524288 ]
}

check_boot() {
	log=$TMP/check.log
	boot "$log" "console=ttyAMA0 hostname=native partita.check=1"
	verdict boot-guest-up "no 'GUEST-UP native' line" \
		grep -qx "GUEST-UP native" "$log"
	line=$(grep '^GUEST-CHECK ' "$log")
	verdict boot-nproc "${line:-no GUEST-CHECK line}" \
		grep -q '^GUEST-CHECK nproc=2 ' "$log"
	mem=$(echo "$line" | sed -n 's/.* memtotal_kb=\([0-9]*\) .*/\1/p')
	verdict boot-memtotal "memtotal_kb=${mem:-?} for -m 512M" mem_ok "$mem"
	want="devices=$(qemu_nodes)"
	verdict boot-devices "guest saw ${line##* }, QEMU gave $want" \
		same_nodes "$want" "${line##* }"
	verdict boot-modules "$(grep 'did not load' "$log")" \
		[ -z "$(grep 'did not load' "$log")" ]
	verdict boot-poweroff "QEMU exit $(cat "$log.rc")" poweroff_ok "$log"
	[ -s "$log.ms" ] && echo "INFO GUEST-UP after $(cat "$log.ms") ms"
	[ "$FAILED" -eq 0 ] || tail -40 "$log"
}

run_ok() {
	grep -qx "GUEST-UP guest" "$1" && grep -q "^ran as guest " "$1" &&
		grep -qx "GUEST-RC 3" "$1" && [ "$(cat "$1.rc")" = 0 ]
}

# The loaded virtio modules bound QEMU's virtio-mmio disk and NIC.
virtio_ok() {
	grep "^ran as guest " "$1" | grep -q ' vda .*eth0'
}

# partita.run with a quoted command, default hostname, exit status shown;
# the command lists the block and network devices the drivers found.
check_run() {
	log=$TMP/run.log
	truncate -s 1M "$TMP/disk.img"
	QEMU_DEVICES="-drive if=none,id=d0,format=raw,file=$TMP/disk.img
		-device virtio-blk-device,drive=d0 -netdev user,id=n0
		-device virtio-net-device,netdev=n0"
	boot "$log" 'console=ttyAMA0 quiet partita.run="echo ran as $(hostname) $(ls /sys/block) $(ls /sys/class/net); exit 3"'
	QEMU_DEVICES=
	verdict boot-run "see the console below" run_ok "$log"
	verdict boot-virtio "no vda and eth0 in: $(grep '^ran as' "$log")" \
		virtio_ok "$log"
	run_ok "$log" && virtio_ok "$log" || tail -20 "$log"
}

shell_ok() {
	[ "$1" = 0 ] && grep -qx 'shell-says-42' "$2"
}

# log_waits LOG PATTERN...: each PATTERN (grep) in turn shows in LOG, each
# within 60 s (polled, so a loaded machine only waits longer).
log_waits() {
	f=$1
	shift
	for p in "$@"; do
		n=600
		until tr -d '\r' <"$f" | grep -q -- "$p"; do
			n=$((n - 1))
			[ $n -gt 0 ] || return 1
			sleep 0.1
		done
	done
}

# partita.then=shell: a shell on the console; typing into it works, and
# leaving it powers off. Input is sent only once the shell is announced.
check_shell() {
	log=$TMP/shell.log
	mkfifo "$TMP/in"
	qemu_virt "$GUESTS/initramfs.cpio.gz" \
		"console=ttyAMA0 quiet partita.then=shell" <"$TMP/in" >"$log" 2>&1 &
	qemu=$!
	exec 3>"$TMP/in"
	log_waits "$log" '^init: shell' '# ' &&
		printf 'echo shell-says-$((6 * 7))\n' >&3 &&
		log_waits "$log" '^shell-says-42' &&
		printf 'exit\n' >&3 || kill "$qemu" 2>/dev/null
	wait "$qemu"
	rc=$?
	exec 3>&-
	tr -d '\r' <"$log" >"$log.txt"
	verdict boot-shell "QEMU exit $rc, see the console below" \
		shell_ok "$rc" "$log.txt"
	shell_ok "$rc" "$log.txt" || tail -20 "$log.txt"
}

# stop_ok RC LOG WORD LINE: WORD was typed at the shell's prompt and QEMU
# ended by itself (not qemu_virt's timeout) after the kernel's LINE
stop_ok() {
	[ "$1" = 0 ] && grep -q "^/ # .*$3\$" "$2" && grep -q "$4\$" "$2"
}

# busybox poweroff and reboot typed without -f ask PID 1 (/init) by signal;
# /init must act on them (they used to bring the prompt back and nothing
# else). -no-reboot makes a reset end QEMU too: the kernel's last line tells
# which it was.
check_shell_stop() {
	word=$1 want=$2
	log=$TMP/shell-$word.log
	rm -f "$TMP/in"
	mkfifo "$TMP/in"
	qemu_virt "$GUESTS/initramfs.cpio.gz" \
		"console=ttyAMA0 quiet partita.then=shell" <"$TMP/in" >"$log" 2>&1 &
	qemu=$!
	exec 3>"$TMP/in"
	log_waits "$log" '^init: shell' '# ' && printf '%s\n' "$word" >&3
	wait "$qemu"
	rc=$?
	exec 3>&-
	tr -d '\r' <"$log" >"$log.txt"
	verdict "boot-shell-$word" "QEMU exit $rc (124: timed out), see the console below" \
		stop_ok "$rc" "$log.txt" "$word" "reboot: $want"
	stop_ok "$rc" "$log.txt" "$word" "reboot: $want" || tail -5 "$log.txt"
}

run_poweroff_ok() {
	poweroff_ok "$1" && ! grep -q 'still-running\|^GUEST-RC' "$1"
}

# poweroff in partita.run takes effect at once, not when the command ends
check_run_poweroff() {
	log=$TMP/run-poweroff.log
	boot "$log" 'console=ttyAMA0 quiet partita.run="poweroff; sleep 30; echo still-running"'
	verdict boot-run-poweroff "QEMU exit $(cat "$log.rc"), see the console below" \
		run_poweroff_ok "$log"
	run_poweroff_ok "$log" || tail -5 "$log"
}

# An out-of-tree module built by `make guest-modules` loads in the guest:
# vermagic and modversions match the packaged kernel. Runs only when built.
check_module() {
	log=$TMP/module.log
	GUEST_EXTRA_MODULES=$GUESTS/modules/hello.ko \
		templates/linux/mkinitramfs.sh "$WORK/kernel" "$WORK/busybox" \
		templates/linux/init "$MKCPIO" "$TMP/hello.cpio.gz" ||
		{ fail module-loads "initramfs build"; return; }
	boot "$log" 'console=ttyAMA0 quiet partita.run="grep -q ^hello /proc/modules && dmesg | grep partita-hello"' \
		"$TMP/hello.cpio.gz"
	verdict module-loads "see the console below" \
		grep -q 'partita-hello: loaded' "$log"
	grep -q 'partita-hello: loaded' "$log" || tail -20 "$log"
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
	verdict mkcpio-entries "$(tr '\n' ';' <"$TMP/got")" \
		cmp -s "$TMP/got" "$TMP/want"
	printf 'dir a 0755\ndir a 0755\n' >"$TMP/dup"
	"$MKCPIO" "$TMP/dup" >/dev/null 2>"$TMP/dup.err"
	verdict mkcpio-duplicate "$(cat "$TMP/dup.err")" \
		grep -q 'dup:2: error: path listed twice' "$TMP/dup.err"
}

# A kernel package that ships .ko.xz modules gives the same initramfs: the
# modules go in decompressed. Built from an xz copy of the needed modules.
check_xz_modules() {
	kver=$(ls "$WORK/kernel/lib/modules")
	from=$WORK/kernel/lib/modules/$kver
	to=$TMP/xz-kernel/lib/modules/$kver
	zcat "$TMP/i1.cpio.gz" | cpio -it --quiet | grep '\.ko$' |
		sed 's|^lib/modules/[^/]*/||' | while read -r rel; do
			mkdir -p "$(dirname "$to/$rel")"
			xz -c "$from/$rel" >"$to/$rel.xz"
		done
	SOURCE_DATE_EPOCH=0 templates/linux/mkinitramfs.sh "$TMP/xz-kernel" \
		"$WORK/busybox" templates/linux/init "$MKCPIO" "$TMP/xz.cpio.gz"
	verdict initramfs-ko-xz "initramfs from .ko.xz differs" \
		cmp "$TMP/i1.cpio.gz" "$TMP/xz.cpio.gz"
}

# Two builds that differ in what must not matter: the time, the umask, the
# temporary directory and the mtime of /init.
check_repeatable() {
	mkdir "$TMP/t2"
	cp templates/linux/init "$TMP/init"
	touch -d @1234567890 "$TMP/init"
	SOURCE_DATE_EPOCH=0 templates/linux/mkinitramfs.sh "$WORK/kernel" \
		"$WORK/busybox" templates/linux/init "$MKCPIO" "$TMP/i1.cpio.gz"
	sleep 1
	(umask 077 && TMPDIR=$TMP/t2 SOURCE_DATE_EPOCH=0 \
		templates/linux/mkinitramfs.sh "$WORK/kernel" "$WORK/busybox" \
		"$TMP/init" "$MKCPIO" "$TMP/i2.cpio.gz")
	verdict initramfs-repeatable "two builds differ" \
		cmp "$TMP/i1.cpio.gz" "$TMP/i2.cpio.gz"
}

if [ -x "$MKCPIO" ]; then check_mkcpio; else missing mkcpio "no $MKCPIO"; fi
if [ -f "$GUESTS/Image" ] && [ -f "$GUESTS/initramfs.cpio.gz" ]; then
	check_boot
	check_run
	check_shell
	check_shell_stop poweroff 'Power down'
	check_shell_stop reboot 'Restarting system'
	check_run_poweroff
else
	missing boot "no $GUESTS/Image or initramfs.cpio.gz"
fi
if [ -f "$WORK/kernel/.stamp" ] && [ -f "$WORK/busybox/.stamp" ] &&
	[ -x "$MKCPIO" ]; then
	check_repeatable
	if command -v xz >/dev/null; then check_xz_modules; fi
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
