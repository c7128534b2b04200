#!/bin/sh
# SPDX-License-Identifier: MIT
# Hostile guest (issue 9) under the runtime on QEMU: an attacker runs the
# catalogue of tests/guests/attack*.c beside a victim whose timer-paced,
# checksummed heartbeat must never stop or go wrong. Three boots:
#   catalogue  every attack in sequence, on_fault: abort (expect.txt says
#              what each must show); prints the table with the victim's
#              longest heartbeat gap around each attack
#   storm      on_fault: restart and an attacker that faults at once, every
#              run: restarts back off, then it is stopped
#   stop       on_fault: stop: the first forbidden access ends it
# Virtio descriptor attacks belong to the virtio tests, not here.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
. tests/qemu/lib.sh
OUT=build/tests/attack
QEMU_TIMEOUT=${QEMU_TIMEOUT:-90}
PERIOD_US=20000         # victim beat period
WORK=4                  # victim work rounds per beat
GAP_LIMIT_MS=2000       # longest tolerated heartbeat gap (100 periods: a loaded host)
mkdir -p "$OUT"
make -s build/vmm/vmm.bin build/tests/guests/attack.elf build/tests/guests/victim.elf \
	>"$OUT/make.log" 2>&1 || { fail "build" "$(tail -3 "$OUT/make.log")"; finish; exit 1; }
# the host tool is not under test here: an existing one will do
make -s build/partita >>"$OUT/make.log" 2>&1 || [ -x build/partita ] ||
	{ fail "build" "no build/partita"; finish; exit 1; }
cc -O2 -o "$OUT/heartbeat_ref" tests/attack/heartbeat_ref.c ||
	{ fail "build" "heartbeat_ref"; finish; exit 1; }
snapshot_runtime

# attack_spec NAME ATTACK POLICY BEATS [SPEC]: spec (tests/attack/specs/
# SPEC.yaml, default catalogue) and image $OUT/NAME/SPEC.img; the layout
# blob's address (runtime region + its offset in the image) goes into the
# attacker's bootargs, so a first build finds it
attack_spec() {
	spec=${5:-catalogue}
	for blob in 0 "$blob_pa"; do
		sed -e "s|@ROOT@|$PWD|g" -e "s|@BLOB@|$blob|" -e "s|@ATTACK@|$2|" \
			-e "s|@POLICY@|$3|" -e "s|@BEATS@|$4|" -e "s|@WORK@|$WORK|" \
			-e "s|@PERIOD@|$PERIOD_US|" "tests/attack/specs/$spec.yaml" >"$OUT/$1.yaml"
		PARTITA_RUNTIME=$PWD/$OUT/vmm.bin ./build/partita build "$OUT/$1.yaml" \
			-o "$OUT/$1" >"$OUT/$1.build.log" 2>&1 || return 1
		# "layout at 0x64000: ..." and "runtime pa 0x00bfe00000 ..."
		sum=$(./build/partita inspect "$OUT/$1/$spec.img" | awk '
			$1 == "layout" { sub(":", "", $3); o = $3 } $1 == "runtime" { p = $3 }
			END { print p " + " o }')
		blob_pa=$(printf '0x%x' $(($sum)))
	done
}

# heartbeats_ok LOG: beats 1..N in order, each checksum as the reference
# computes it, and the victim's closing line; prints N
heartbeats_ok() {
	grep '^victim| HEARTBEAT [0-9]' "$1" | awk '{ print $3, $4 }' >"$1.beats"
	n=$(wc -l <"$1.beats")
	echo "$n"
	[ "$n" -gt 0 ] && "$OUT/heartbeat_ref" "$WORK" "$n" | cmp -s - "$1.beats" &&
		grep -q '^victim| HEARTBEAT end$' "$1"
}

# counter_hz LOG: the frequency of the t= values (the victim prints it)
counter_hz() {
	hz=$(sed -n 's/^victim| HEARTBEAT frq \([0-9]*\)$/\1/p' "$1" | head -1)
	echo "${hz:-62500000}"
}

# max_gap_ms LOG: the longest interval between two heartbeats in the run
max_gap_ms() {
	awk -v hz="$(counter_hz "$1")" '/^victim\| HEARTBEAT [0-9]/ { t = substr($5, 3) + 0
		if (p && t - p > m) m = t - p; p = t }
		END { printf "%d", m * 1000 / hz }' "$1"
}

# victim_clean LOG: nothing of the victim's in the runtime log but its start and end
victim_clean() {
	! grep '^vmm|victim|' "$1" | grep -qv '|1 vCPU, entry \||system off$\||stopped$' &&
		! grep -q 'panic\|HEARTBEAT unexpected\|ATTACK victim stalled' "$1"
}

# -- 1: the catalogue, on_fault: abort -------------------------------------
blob_pa=0
log=$OUT/catalogue.log
if attack_spec catalogue all abort 100000; then
	rc=$(qemu_boot "$log" -kernel "$OUT/catalogue/catalogue.img")
else
	rc=build
	fail "build catalogue" "$(tail -3 "$OUT/catalogue.build.log")"
fi
# one row per attack: name|exceptions|fault lines|runtime lines|end-line
# notes|begin ticks|end ticks|longest heartbeat gap (ms) overlapping it
hz=$(counter_hz "$log")
awk -v frq="$hz" '
	function flush() { if (name != "") rows[++n] = name "|" exc "|" faults "|" lines "|" notes "|" tb "|" te; name = "" }
	/^victim\| HEARTBEAT [0-9]/ { hb[++nb] = substr($5, 3) + 0; next }
	/^attacker\| ATTACK begin / { flush(); name = $4; tb = substr($5, 3) + 0; te = 0
		exc = "-"; faults = 0; lines = 0; notes = ""; next }
	/^attacker\| ATTACK end / && name == $4 { exc = substr($5, 5); te = substr($6, 3) + 0
		notes = ""; for (i = 7; i <= NF; i++) notes = notes " " $i; next }
	/^attacker\| ATTACK end / { next }
	/^vmm\|attacker\|fault / && name != "" { faults++ }
	/^vmm\|attacker\|/ && name != "" { lines++ }
	END { flush()
		for (r = 1; r <= n; r++) {
			split(rows[r], f, "|"); tb = f[6]; te = f[7]; gap = 0; prev = 0
			if (te == 0) te = hb[nb]
			for (k = 1; k <= nb; k++) {
				if (hb[k] >= tb && prev && prev <= te && hb[k] - prev > gap) gap = hb[k] - prev
				prev = hb[k]
			}
			print rows[r] "|" int(gap * 1000 / frq)
		}
	}' "$log" >"$OUT/catalogue.rows"

# check_attack NAME EXC FAULTS PATTERN: against the row the log gave
check_attack() {
	row=$(grep "^$1|" "$OUT/catalogue.rows" | head -1)
	[ -n "$row" ] || { echo "did not run"; return 1; }
	IFS='|' read -r _ got_exc got_faults got_lines got_notes _ _ got_gap <<EOF
$row
EOF
	case $2 in
	-) ;;
	+*) [ "$got_exc" != - ] && [ "$got_exc" -ge "${2#+}" ] || { echo "exceptions $got_exc, want $2"; return 1; } ;;
	*) [ "$got_exc" = "$2" ] || { echo "exceptions $got_exc, want $2"; return 1; } ;;
	esac
	case $3 in
	-) ;;
	+*) [ "$got_faults" -ge "${3#+}" ] || { echo "fault lines $got_faults, want $3"; return 1; } ;;
	*) [ "$got_faults" = "$3" ] || { echo "fault lines $got_faults, want $3"; return 1; } ;;
	esac
	if [ -n "$4" ] && ! echo "$got_notes" | grep -Eq -- "$4"; then
		echo "notes '$got_notes' do not match '$4'"; return 1
	fi
	if [ "$1" != fault-flood ] && [ "$got_lines" -gt 80 ]; then
		echo "$got_lines runtime lines: the log is flooded"; return 1
	fi
	[ "$got_gap" -le "$GAP_LIMIT_MS" ] || { echo "victim heartbeat gap $got_gap ms"; return 1; }
	return 0
}

grep -v '^#' tests/attack/expect.txt >"$OUT/expect.list"
: >"$OUT/catalogue.results"
{
	printf '%-22s %-44s %7s %5s\n' attack outcome "gap ms" beats
	printf '%-22s %-44s %7s %5s\n' ---------------------- \
		-------------------------------------------- ------- -----
	while IFS='|' read -r name exc faults pattern outcome; do
		why=$(check_attack "$name" "$exc" "$faults" "$pattern")
		gap=$(grep "^$name|" "$OUT/catalogue.rows" | head -1 | cut -d'|' -f8)
		beats=-
		[ -n "$gap" ] && beats=$(awk -v g="$gap" -v p="$PERIOD_US" 'BEGIN { printf "%.1f", g * 1000 / p }')
		[ -z "$why" ] || outcome="FAILED: $why"
		printf '%-22s %-44s %7s %5s\n' "$name" "$outcome" "${gap:--}" "$beats"
		echo "$name|$why" >>"$OUT/catalogue.results"
	done <"$OUT/expect.list"
} >"$OUT/catalogue.table"
cat "$OUT/catalogue.table"
while IFS='|' read -r name why; do
	if [ -z "$why" ]; then pass "attack $name contained"; else fail "attack $name contained" "$why"; fi
done <"$OUT/catalogue.results"

listed=$(grep -v '^#' tests/attack/expect.txt | cut -d'|' -f1 | sort | tr '\n' ' ')
ran=$(cut -d'|' -f1 "$OUT/catalogue.rows" | sort | tr '\n' ' ')
if [ "$listed" = "$ran" ]; then pass "catalogue: every attack ran and has an expectation ($(grep -vc '^#' tests/attack/expect.txt))"
else fail "catalogue: attacks run and expectations differ" "ran: $ran"
fi

# the flood: a burst of 64 fault lines, then at most 16 a second
flood=$(awk '/ATTACK begin fault-flood/,/ATTACK end fault-flood/' "$log" | grep -c '^vmm|attacker|fault ')
secs=$(grep '^fault-flood|' "$OUT/catalogue.rows" | awk -F'|' -v hz="$hz" '{ printf "%d", ($7 - $6) / hz + 1 }')
if [ "$flood" -le $((65 + 16 * ${secs:-0})) ] && [ "$flood" -lt 200 ] &&
	grep -q '^vmm|attacker|more than 64 faults at once: logging at most 16 a second$' "$log"
then pass "fault log rate-limited ($flood lines for 200 faults in under $secs s)"
else fail "fault log rate-limited" "$flood fault lines for 200 faults in under ${secs:-?} s"
fi

if [ "$rc" != 0 ]; then fail "catalogue: victim unharmed" "QEMU exit $rc"
elif ! n=$(heartbeats_ok "$log"); then fail "catalogue: victim unharmed" "heartbeats missing or checksum wrong ($n beats)"
elif ! victim_clean "$log"; then fail "catalogue: victim unharmed" "$(grep 'panic\|vmm|victim|\|unexpected\|stalled' "$log" | head -1)"
elif ! lines_whole "$log"; then fail "catalogue: victim unharmed" "a console line is not whole"
elif ! grep -q '^vmm|all guests stopped: power off$' "$log"; then fail "catalogue: victim unharmed" "no power off"
else pass "catalogue: victim unharmed ($n beats, checksums as reference, longest gap $(max_gap_ms "$log") ms for a ${PERIOD_US} us period)"
fi

# per-CPU EL2 views (vmm/core/el2view.c): the attacker's CPU maps none of
# the victim's RAM at EL2, so no speculative gadget there can load it
if grep -q '^vmm|boot: cpu2 EL2 view: runtime, victim$' "$log" &&
   grep -q '^vmm|boot: cpu3 EL2 view: runtime, attacker$' "$log" &&
   grep -q '^vmm|boot: cpu0 EL2 view: runtime, no guest RAM$' "$log"; then
	pass "EL2 views: each CPU maps only its own guest's RAM"
else
	fail "EL2 views: each CPU maps only its own guest's RAM" "$(grep 'EL2 view\|EL2 map' "$log" | tr '\n' ' ')"
fi

# -- 2: restart storm, on_fault: restart ------------------------------------
log=$OUT/storm.log
if attack_spec storm sp-nowhere restart 150; then
	rc=$(qemu_boot "$log" -kernel "$OUT/storm/catalogue.img")
	backoffs=$(sed -n 's/^vmm|attacker|restart \([0-9]\) of at most 4, after \([0-9]*\) ms back-off$/\1:\2/p' "$log" | tr '\n' ' ')
	if [ "$rc" != 0 ]; then fail "restart storm bounded" "QEMU exit $rc"
	elif [ "$backoffs" != "1:10 2:20 3:40 4:80 " ]; then fail "restart storm bounded" "back-offs: $backoffs"
	elif [ "$(grep -c '^vmm|attacker|restarting$' "$log")" != 4 ]; then fail "restart storm bounded" "want 4 restarts"
	elif ! grep -q '^vmm|attacker|restart storm: faulted again after 4 restarts, each within 2000 ms: stopped$' "$log"
	then fail "restart storm bounded" "no storm line"
	elif ! grep -q '^vmm|attacker|stopped$' "$log"; then fail "restart storm bounded" "attacker not stopped"
	elif [ "$(grep -c '^attacker| ATTACK begin sp-nowhere' "$log")" != 5 ]; then fail "restart storm bounded" "want 5 runs"
	elif ! n=$(heartbeats_ok "$log") || [ "$n" != 150 ] || ! victim_clean "$log"; then fail "restart storm bounded" "victim: $n beats"
	else pass "restart storm bounded (back-off 10, 20, 40, 80 ms, then stopped; victim 150 beats, longest gap $(max_gap_ms "$log") ms)"
	fi
else
	fail "build storm" "$(tail -3 "$OUT/storm.build.log")"
fi

# -- 3: on_fault: stop -------------------------------------------------------
log=$OUT/stop.log
if attack_spec stop victim-ram-write stop 50; then
	rc=$(qemu_boot "$log" -kernel "$OUT/stop/catalogue.img")
	if [ "$rc" != 0 ]; then fail "attacker stopped at its first fault" "QEMU exit $rc"
	elif [ "$(grep -c '^vmm|attacker|fault data abort (translation fault, level [0-3]), IPA 0x50000000, write' "$log")" != 1 ]
	then fail "attacker stopped at its first fault" "want one fault line"
	elif ! grep -q '^vmm|attacker|stopped$' "$log" || grep -q 'ATTACK end\|ATTACK exception' "$log"
	then fail "attacker stopped at its first fault" "it went on"
	elif ! n=$(heartbeats_ok "$log") || [ "$n" != 50 ] || ! victim_clean "$log"; then fail "attacker stopped at its first fault" "victim: $n beats"
	else pass "attacker stopped at its first fault (victim 50 beats)"
	fi
else
	fail "build stop" "$(tail -3 "$OUT/stop.build.log")"
fi


# -- 4: a trapped passthrough window the attacker owns ----------------------
# fw-cfg answers a 32-bit selector write and a selector read with an
# external abort (QEMU: a failed transaction is a synchronous external
# abort): taken at EL2 while the runtime replays them, they must become
# aborts of the attacker, never a panic; a 64-bit and an unaligned access
# are refused before any replay. The device still answers afterwards.
log=$OUT/passthru.log
if attack_spec passthru passthru-width abort 1000 passthru; then
	rc=$(qemu_boot "$log" -kernel "$OUT/passthru/passthru.img")
	ext=$(grep -c '^vmm|attacker|fault data abort (the device answered with an external abort), IPA 0x902000[08], ' "$log")
	wide=$(grep -c '^vmm|attacker|fault data abort (wider than the passthrough window.s 32-bit registers), IPA 0x9020000, read' "$log")
	unal=$(grep -c '^vmm|attacker|fault data abort (unaligned access to a device), IPA 0x9020001, read' "$log")
	if [ "$rc" != 0 ]; then fail "passthrough aborts contained" "QEMU exit $rc, see $log"
	elif grep -q 'panic' "$log"; then fail "passthrough aborts contained" "$(grep panic "$log" | head -1)"
	elif [ "$ext:$wide:$unal" != 2:1:1 ]; then fail "passthrough aborts contained" "fault lines external:wide:unaligned $ext:$wide:$unal, want 2:1:1"
	elif ! grep -q '^attacker| ATTACK end passthru-width exc=4 t=[0-9]* sig=1 sig_after=1$' "$log"
	then fail "passthrough aborts contained" "$(grep 'ATTACK end' "$log" | head -1)"
	elif ! n=$(heartbeats_ok "$log") || [ "$n" -lt 2 ] || ! victim_clean "$log"; then fail "passthrough aborts contained" "victim: $n beats"
	elif ! grep -q '^vmm|all guests stopped: power off$' "$log"; then fail "passthrough aborts contained" "no power off"
	else pass "passthrough aborts contained (2 device aborts at EL2, a 64-bit and an unaligned access refused: 4 aborts injected, fw-cfg still answers; victim $n beats)"
	fi
else
	fail "build passthru" "$(tail -3 "$OUT/passthru.build.log")"
fi

finish
