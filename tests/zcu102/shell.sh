#!/bin/sh
# SPDX-License-Identifier: MIT
# Sourced by tests/zcu102/run.sh: `partita run examples/zcu102-pair.yaml
# --shell linux`, typed into as a user would: busybox `reboot` at the first
# prompt must restart Linux (PSCI SYSTEM_RESET, the runtime restarts it) and
# `poweroff` at the second must power it off, and with it the machine. Both
# commands ask PID 1 by signal; before /init trapped those signals they
# only brought the prompt back (templates/linux/init).

# shell_type LOG PID BOOT TEXT: once Linux's BOOT-th boot (counted by its
# GUEST-UP lines) shows the shell's prompt, type TEXT and Enter (a CR, as a
# terminal sends it)
shell_type() {
	n=$((BOOT_TIMEOUT * 5))
	until tr -d '\r' <"$1" | awk -v boot="$3" '/^linux[|] GUEST-UP zcu102$/ { up++ }
		up == boot && /^linux[|] \/ # / { found = 1 } END { exit !found }'; do
		kill -0 "$2" 2>/dev/null || return 1
		n=$((n - 1))
		[ "$n" -gt 0 ] || return 1
		sleep 0.2
	done
	printf '%s\r' "$4" >&3
}

shell_session() {
	log=$OUT/shell.log
	if [ ! -f images/guests/zynqmp/Image ] || [ ! -f images/guests/zynqmp/initramfs.cpio.gz ]; then
		missing zcu102-shell "no Linux payloads (run make guests)"
		return
	fi
	rm -f "$log.in"
	mkfifo "$log.in"
	: >"$log.raw"
	# --shell builds its variant in images/zcu102-pair-shell-linux/
	PARTITA_RUNTIME=$PWD/$OUT/vmm.bin "$PARTITA" -q run examples/zcu102-pair.yaml \
		--shell linux --timeout "$BOOT_TIMEOUT" <"$log.in" >"$log.raw" 2>&1 &
	pid=$!
	exec 3>"$log.in"
	shell_type "$log.raw" "$pid" 1 reboot && shell_type "$log.raw" "$pid" 2 poweroff
	wait "$pid"
	echo $? >"$log.rc"
	exec 3>&-
	rm -f "$log.in"
	tr -d '\r' <"$log.raw" >"$log"
	if grep -q '^linux| .*reboot: Restarting system$' "$log" &&
	   grep -q '^vmm|linux|system reset$' "$log" &&
	   [ "$(grep -c '^linux| GUEST-UP zcu102$' "$log")" = 2 ]; then
		pass zcu102-shell-reboot
	else
		fail zcu102-shell-reboot "$(grep -E '^(linux\| (GUEST-UP|.*reboot:)|vmm\|linux\|)' "$log" | tr '\n' ' ')"
	fi
	if grep -q '^linux| .*reboot: Power down$' "$log" && powered_off "$log" && quiet "$log"; then
		pass zcu102-shell-poweroff
	else
		fail zcu102-shell-poweroff "QEMU exit $(cat "$log.rc"): $(tail -3 "$log" | tr '\n' ' ')"
	fi
}

shell_session
