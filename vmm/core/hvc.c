// SPDX-License-Identifier: MIT
/*
 * Hypercall dispatch (SMC Calling Convention DEN 0028: w0 = function id,
 * x0 = result). PSCI ids go to vpsci; PARTITA_HVC_NULL returns 0,
 * PARTITA_HVC_RESTARTS the guest's restart count, PARTITA_HVC_SCRATCH a word
 * kept across its restarts; anything
 * else returns NOT_SUPPORTED and is logged once per guest and id, for the
 * first GUEST_MAX_LOGGED_CALLS ids (then one line says the rest are not),
 * except the discovery calls a stock guest makes at boot (not misbehaviour).
 */
#include "arch/aarch64/spectre.h"
#include "core/channel.h"
#include "core/guest.h"
#include "core/hvc.h"
#include "core/log.h"

void hvc_log_once(struct vcpu *v, uint32_t fn, const char *what)
{
	struct guest *g = v->guest;
	uint32_t n = atomic_load32(&g->logged_count);

	for (uint32_t i = 0; i < n && i < GUEST_MAX_LOGGED_CALLS; i++) {
		if (g->logged_call[i] == fn)
			return;
	}
	if (n > GUEST_MAX_LOGGED_CALLS)
		return;     /* table full and said so: a sweep of ids cannot flood */
	atomic_store32(&g->logged_count, n + 1);
	if (n == GUEST_MAX_LOGGED_CALLS) {
		log_printf("vmm|%s|%s 0x%08x: not supported; further unsupported calls not logged\n",
			   g->name, what, fn);
		return;
	}
	g->logged_call[n] = fn;
	log_printf("vmm|%s|%s 0x%08x: not supported\n", g->name, what, fn);
}

/*
 * SMCCC discovery a stock guest makes once it sees SMCCC 1.1 (Linux 6.1:
 * the TRNG service's version, DEN 0098, and the vendor hypervisor service's
 * UID, DEN 0028 "Vendor Specific Hypervisor Service"): NOT_SUPPORTED is the
 * answer the specs define for "no such service", so nothing is logged.
 */
static bool hvc_is_discovery(uint32_t fn)
{
	return fn == 0x84000050u ||   /* TRNG_VERSION */
	       fn == 0x8600FF01u;     /* VENDOR_HYP_CALL_UID */
}

/*
 * The calls answered from x0-x2 alone, without stopping, starting or
 * restarting a vCPU: the ones trap_sync_light takes with the IRQ exit's
 * frame of caller-saved registers (traps.c), past NULL and NOTIFY, which
 * hvc_light (hvc.h) answers inline. false: not one of them.
 */
bool hvc_light_rest(struct vcpu *v, struct frame *f)
{
	uint32_t fn = (uint32_t)f->x[0];

	if (fn == PARTITA_HVC_RESTARTS) {
		f->x[0] = atomic_load32(&v->guest->restarts);
		return true;
	}
	if (fn == PARTITA_HVC_SCRATCH) {
		/* like a SoC's reset-surviving scratch register: RAM is not */
		if (f->x[1] == 1)
			__atomic_store_n(&v->guest->scratch, f->x[2], __ATOMIC_RELEASE);
		f->x[0] = __atomic_load_n(&v->guest->scratch, __ATOMIC_ACQUIRE);
		return true;
	}
	if (fn == PARTITA_HVC_EXITS) {
		f->x[0] = v->exits;
		f->x[1] = __atomic_load_n(&v->kicks, __ATOMIC_RELAXED);
		return true;
	}
	return spectre_smccc(v, f, fn);
}

void hvc_handle(struct vcpu *v, struct frame *f, uint32_t imm)
{
	uint32_t fn = (uint32_t)f->x[0];

	if (imm != 0) {
		hvc_log_once(v, 0xFFFF0000u | imm, "hvc immediate");
		f->x[0] = (uint64_t)(int64_t)PARTITA_HVC_NOT_SUPPORTED;
		return;
	}
	if (hvc_light(v, f))
		return;
	if (vpsci_handles(fn)) {
		vpsci_call(v, f);
		return;
	}
	if (!hvc_is_discovery(fn))
		hvc_log_once(v, fn, "hvc");
	f->x[0] = (uint64_t)(int64_t)PARTITA_HVC_NOT_SUPPORTED;
}
