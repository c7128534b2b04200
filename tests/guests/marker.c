// SPDX-License-Identifier: MIT
/*
 * marker: prints `MARKER <n> <name>` count times on its console, then PSCI
 * SYSTEM_OFF. bootargs (name=, count=, cpus=) override the defaults; with
 * cpus=N it first starts vCPUs 1..N-1 with PSCI CPU_ON, each reports
 * `SECONDARY <i> <name>` and turns itself off (checked with AFFINITY_INFO),
 * or with spin=1 keeps running so the runtime must stop it. resets=N first
 * restarts the guest N times with PSCI SYSTEM_RESET, counting with the
 * runtime's restart count (RAM is zero after a restart). peek=ADDR prints the 32-bit word read there
 * (a passthrough device register) as `MARKER peek 0x<addr> 0x<value>`.
 */
#include "guest.h"

#define PSCI_CPU_OFF 0x84000002u
#define PSCI_AFFINITY_INFO64 0xC4000004u
#define MAX_CPUS 8

extern char crt0_secondary[];

static char name[32] = "marker";
static int spin;
static volatile uint32_t secondary_up[MAX_CPUS];
static uint8_t secondary_stack[MAX_CPUS][1024] __attribute__((aligned(16)));

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	guest_puts("MARKER unexpected exception esr=0x");
	guest_putu(esr, 16);
	guest_puts("\n");
	guest_off();
}

void guest_secondary(uint64_t index)
{
	guest_puts("SECONDARY ");
	guest_putu(index, 10);
	guest_puts(" ");
	guest_puts(name);
	guest_puts("\n");
	secondary_up[index] = 1;
	while (spin)
		;
	guest_hvc(PSCI_CPU_OFF, 0, 0, 0);
}

static int start_secondary(uint64_t i)
{
	int64_t ret = guest_hvc(PSCI_CPU_ON64, i, (uint64_t)crt0_secondary,
				(uint64_t)(secondary_stack[i] + sizeof(secondary_stack[i])));

	if (ret != 0)
		return 0;
	while (!secondary_up[i])
		;
	while (!spin && guest_hvc(PSCI_AFFINITY_INFO64, i, 0, 0) != 1)
		;
	return 1;
}

static void peek(uint64_t addr)
{
	uint32_t v = *(volatile uint32_t *)addr;

	guest_puts("MARKER peek 0x");
	guest_putu(addr, 16);
	guest_puts(" 0x");
	guest_putu(v, 16);
	guest_puts("\n");
}

static void maybe_reset(const void *dtb)
{
	char buf[16];
	uint64_t want = 0, done;

	if (guest_bootarg(dtb, "resets", buf, sizeof(buf)))
		want = guest_atou(buf);
	done = (uint64_t)guest_hvc(PARTITA_HVC_RESTARTS, 0, 0, 0);
	if (done >= want)
		return;
	done++;
	guest_puts("MARKER reset ");
	guest_putu(done, 10);
	guest_puts(" ");
	guest_puts(name);
	guest_puts("\n");
	guest_hvc(PSCI_SYSTEM_RESET, 0, 0, 0);
	guest_puts("MARKER reset returned\n");
	guest_off();
}

void guest_main(const void *dtb)
{
	char buf[16];
	uint64_t count = 100, cpus = 1;

	guest_console_from_dtb(dtb);
	guest_bootarg(dtb, "name", name, sizeof(name));
	if (guest_bootarg(dtb, "count", buf, sizeof(buf)))
		count = guest_atou(buf);
	if (guest_bootarg(dtb, "cpus", buf, sizeof(buf)))
		cpus = guest_atou(buf);
	if (guest_bootarg(dtb, "spin", buf, sizeof(buf)))
		spin = buf[0] == '1';
	for (uint64_t i = 1; i < cpus && i < MAX_CPUS; i++) {
		if (!start_secondary(i)) {
			guest_puts("MARKER cpu_on failed\n");
			guest_off();
		}
	}
	maybe_reset(dtb);
	if (guest_bootarg(dtb, "peek", buf, sizeof(buf)))
		peek(guest_atou(buf));
	for (uint64_t n = 1; n <= count; n++) {
		guest_puts("MARKER ");
		guest_putu(n, 10);
		guest_puts(" ");
		guest_puts(name);
		guest_puts("\n");
	}
	guest_off();
}
