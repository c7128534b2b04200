// SPDX-License-Identifier: MIT
/*
 * Attacks through calls: an smc straight to firmware, every hypercall id of
 * the vendor hypervisor range and random ids with random arguments, PSCI on
 * CPUs it does not own or with bad entry points, channel notifies on slots
 * it does not hold and in a storm; last a flood of faults (the runtime's
 * log is shared), then SYSTEM_RESET and SYSTEM_OFF, which must only restart
 * and stop this guest.
 */
#include "attack.h"

#define PSCI_CPU_OFF 0x84000002u
#define PSCI_CPU_ON64 0xC4000003u
#define PSCI_AFFINITY_INFO64 0xC4000004u
#define HVC_NOT_SUPPORTED (-1)

static int64_t smc4(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;

	__asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	return (int64_t)x0;
}

static void smc_firmware(struct attack_ctx *c)
{
	smc4(PSCI_SYSTEM_OFF, 0, 0, 0);        /* would power the machine off */
	smc4(PSCI_SYSTEM_RESET, 0, 0, 0);
	smc4(PSCI_CPU_ON64, 2, ATTACK_VICTIM_PA, 0);
}

/* counts answers: ok, not supported, anything else */
static void tally(int64_t r, int64_t *ok, int64_t *nosup, int64_t *other)
{
	if (r == 0)
		(*ok)++;
	else if (r == HVC_NOT_SUPPORTED)
		(*nosup)++;
	else
		(*other)++;
}

static void hvc_vendor_sweep(struct attack_ctx *c)
{
	int64_t ok = 0, nosup = 0, other = 0;

	for (uint64_t base = 0x86000000u; base <= 0xC6000000u; base += 0x40000000u) {
		for (uint64_t id = 0; id < 0x10000; id++)
			tally(guest_hvc(base | id, attack_rand(), attack_rand(), attack_rand()),
			      &ok, &nosup, &other);
	}
	attack_note("ok", ok);
	attack_note("nosup", nosup);
	attack_note("other", other);
}

/* ids that would legitimately stop or restart this guest are left out */
static int stops_self(uint32_t fn)
{
	uint32_t psci = fn & 0xBFFFFFFFu;

	return psci == PSCI_CPU_OFF || psci == PSCI_SYSTEM_OFF || psci == PSCI_SYSTEM_RESET;
}

static void hvc_random(struct attack_ctx *c)
{
	int64_t ok = 0, nosup = 0, other = 0;

	for (unsigned i = 0; i < 4096; i++) {
		uint32_t fn = (uint32_t)attack_rand();

		if (i % 4 == 0)     /* a quarter of them in the PSCI and vendor ranges */
			fn = (fn & 0x4000001Fu) | (i % 8 ? 0x84000000u : 0x86000000u);
		if (stops_self(fn))
			continue;
		tally(guest_hvc(fn, attack_rand(), attack_rand(), attack_rand()), &ok, &nosup, &other);
	}
	attack_note("ok", ok);
	attack_note("nosup", nosup);
	attack_note("other", other);
}

static void hvc_immediate(struct attack_ctx *c)
{
	register uint64_t x0 __asm__("x0") = PSCI_SYSTEM_OFF;

	__asm__ volatile("hvc #1" : "+r"(x0) : : "memory");
	attack_note("imm1", (int64_t)x0);
	x0 = PSCI_SYSTEM_OFF;
	__asm__ volatile("hvc #0xffff" : "+r"(x0) : : "memory");
	attack_note("imm65535", (int64_t)x0);
}

static void cpu_on_others(struct attack_ctx *c)
{
	static const uint64_t targets[] = { 1, 2, 3, 0x100, 0x10000, 1ul << 32 };

	for (unsigned i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
		attack_note("ret", guest_hvc(PSCI_CPU_ON64, targets[i], 0x40000000, 0));
}

static void cpu_on_bad_entry(struct attack_ctx *c)
{
	uint64_t entries[] = { ATTACK_VICTIM_PA, c->runtime, 0, (uint64_t)c->hb.base, 1ul << 42 };

	for (unsigned i = 0; i < sizeof(entries) / sizeof(entries[0]); i++)
		attack_note("ret", guest_hvc(PSCI_CPU_ON64, 0, entries[i], 0));
}

static void affinity_others(struct attack_ctx *c)
{
	for (uint64_t cpu = 1; cpu < 4; cpu++)
		attack_note("ret", guest_hvc(PSCI_AFFINITY_INFO64, cpu, 0, 0));
}

static void notify_bad_slots(struct attack_ctx *c)
{
	int64_t bad = 0, denied = 0, ok = 0;

	for (uint64_t slot = 0; slot < 256; slot++) {
		int64_t r = guest_hvc(PC_HVC_NOTIFY, slot, 0, 0);

		bad += r == PC_BAD_SLOT;
		denied += r == PC_DENIED;
		ok += r == PC_OK;
	}
	attack_note("bad_slot", bad);
	attack_note("denied", denied);
	attack_note("ok", ok);
}

static void notify_storm(struct attack_ctx *c)
{
	int64_t ok = 0;

	for (unsigned i = 0; c->has_ctl && i < 20000; i++)
		ok += pc_notify(&c->ctl) == PC_OK;
	attack_note("ok", ok);
}

/* the runtime's log is shared: 200 faults must not become 200 lines */
static void fault_flood(struct attack_ctx *c)
{
	attack_quiet = 1;
	for (unsigned i = 0; i < 200; i++)
		attack_read(ATTACK_VICTIM_PA + 8 * i);
	attack_quiet = 0;
}

static void system_reset(struct attack_ctx *c)
{
	guest_hvc(PSCI_SYSTEM_RESET, 0, 0, 0);
	attack_note("returned", 1);
}

static void system_off(struct attack_ctx *c)
{
	if (c->has_ctl)
		*(volatile uint32_t *)c->ctl.base = ATTACK_DONE;
	guest_hvc(PSCI_SYSTEM_OFF, 0, 0, 0);
	attack_note("returned", 1);
}

const struct attack attack_call_table[] = {
	{ "smc-firmware", smc_firmware },
	{ "hvc-vendor-sweep", hvc_vendor_sweep },
	{ "hvc-random", hvc_random },
	{ "hvc-immediate", hvc_immediate },
	{ "psci-cpu-on-others", cpu_on_others },
	{ "psci-cpu-on-bad-entry", cpu_on_bad_entry },
	{ "psci-affinity-others", affinity_others },
	{ "notify-bad-slots", notify_bad_slots },
	{ "notify-storm", notify_storm },
	{ 0, 0 },
};

/*
 * Run last: the flood spends the attacker's fault-log budget (the lines of
 * any attack after it would be rate-limited), reset and off end its run.
 */
const struct attack attack_last_table[] = {
	{ "fault-flood", fault_flood },
	{ "system-reset", system_reset },
	{ "system-off", system_off },
	{ 0, 0 },
};
