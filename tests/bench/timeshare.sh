#!/bin/sh
# SPDX-License-Identifier: MIT
# Time partitioning figures (issue 16; a benchmark, not a test), under
# -icount shift=0,sleep=off so every figure is an instruction count: the
# specs of tests/timeshare (alpha 4 ms + beta 6 ms on CPU 0, gamma alone on
# CPU 1; and alpha 4 ms flooding hypercalls + 2 ms idle + beta 4 ms in WFI).
# The runtime reports at power off how long after each window boundary the
# next vCPU was running again (the window switch: timer exit, save, load,
# entry); the guests report what they ran, what they waited and the phase
# of their window starts. Then (with the Linux payloads of `make guests`)
# the Linux guest of tests/bench/specs/linux.yaml with a 50 % share of CPU
# 0 (specs/linux-share.yaml): its printk clock before GUEST-UP (report.sh
# divides it by linux-boot.sh's, the guest alone) and tshare's windows
# while Linux boots. That boot takes minutes under icount.
cd "$(dirname "$0")/../.." || exit 2
QEMU_TIMEOUT=${QEMU_TIMEOUT:-120}   # a loaded host
. tests/qemu/lib.sh
OUT=build/bench/timeshare
mkdir -p "$OUT"
make -s build/vmm/vmm.bin build/partita build/tests/guests/tshare.elf || exit 1
QEMU_OPTS="$QEMU_OPTS -icount shift=0,sleep=off"
for spec in pair idle; do
	img=$(sed -n 's/^name: //p' "tests/timeshare/specs/$spec.yaml")
	./build/partita build "tests/timeshare/specs/$spec.yaml" -o "$OUT/$spec" >"$OUT/$spec.build.log" 2>&1 ||
		{ echo "timeshare: $spec does not build"; exit 1; }
	rc=$(qemu_boot "$OUT/$spec.log" -kernel "$OUT/$spec/$img.img")
	[ "$rc" = 0 ] || { echo "timeshare: $spec: QEMU exit $rc"; exit 1; }
	# "vmm|sched: CPU 0: 51 switches, 0 windows skipped, 49 resumes 208-1152 ns
	#  after the boundary (mean 1120), 1 delayed (max 3038576 ns)"
	set -- $(sed -n 's/^vmm|sched: CPU 0: \([0-9]*\) switches, \([0-9]*\) windows skipped, \([0-9]*\) resumes \([0-9]*\)-\([0-9]*\) ns after the boundary (mean \([0-9]*\)), \([0-9]*\) delayed (max \([0-9]*\) ns)$/\1 \2 \3 \4 \5 \6 \7 \8/p' "$OUT/$spec.log")
	[ $# = 8 ] || { echo "timeshare: $spec: no sched line"; exit 1; }
	echo "timeshare-$spec-switches: $1"
	echo "timeshare-$spec-skipped: $2"
	echo "timeshare-$spec-resume-min: $4 instructions"
	echo "timeshare-$spec-resume-mean: $6 instructions"
	echo "timeshare-$spec-resume-max: $5 instructions"
	echo "timeshare-$spec-delayed: $7 (max $8 instructions)"
	for g in alpha beta; do
		# runs N rmin rmax gaps gmin gmax share S phase P fp F sys Y
		set -- $(sed -n "s/^$g| TSHARE runs //p" "$OUT/$spec.log")
		[ $# -ge 10 ] || continue
		echo "timeshare-$spec-$g-run: $2-$3 ns"
		echo "timeshare-$spec-$g-gap: $5-$6 ns"
		echo "timeshare-$spec-$g-share: $8 permille"
		echo "timeshare-$spec-$g-phase: ${10} ns"
	done
done
set -- $(sed -n 's/^beta| TSHARE doorbell sent-in-gap \([a-z]*\) at-resume \([0-9]*\)$/\1 \2/p' "$OUT/pair.log")
echo "timeshare-doorbell-at-resume: ${2:-n/a} ns"
set -- $(sed -n 's/^beta| TSHARE timer late \([0-9]*\) at-resume \([0-9]*\)$/\1 \2/p' "$OUT/pair.log")
echo "timeshare-timer-late: ${1:-n/a} ns"
echo "timeshare-timer-at-resume: ${2:-n/a} ns"

if [ -f images/guests/linux/Image ]; then
	./build/partita build tests/bench/specs/linux-share.yaml -o "$OUT/linux" >"$OUT/linux.build.log" 2>&1 ||
		{ echo "timeshare: linux-share does not build"; exit 1; }
	rc=$(QEMU_TIMEOUT=900 qemu_boot "$OUT/linux.log" -kernel "$OUT/linux/linuxshare.img")
	[ "$rc" = 0 ] || { echo "timeshare: linux-share: QEMU exit $rc"; exit 1; }
	# the printk time (us) of the last kernel line before GUEST-UP
	t=$(awk '/GUEST-UP / { if (t != "") print t; exit }
		match($0, /\[ *[0-9]+\.[0-9]+\]/) {
			v = substr($0, RSTART + 1, RLENGTH - 2); sub(/^ */, "", v)
			split(v, p, "."); t = p[1] * 1000000 + p[2] }' "$OUT/linux.log")
	echo "timeshare-linux-kclock: ${t:-n/a} us"
	set -- $(sed -n 's/^tick| TSHARE runs //p' "$OUT/linux.log")
	echo "timeshare-linux-tick-runs: ${1:-n/a} of ${2:-n/a}-${3:-n/a} ns"
	echo "timeshare-linux-tick-gaps: ${5:-n/a}-${6:-n/a} ns"
	echo "timeshare-linux-tick-regs: ${12:-n/a}/${14:-n/a}"
fi
