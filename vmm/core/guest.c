// SPDX-License-Identifier: MIT
/*
 * Guests from the layout: stage-2 from the capabilities, vCPUs pinned from
 * the VCPU capabilities, the console window, payloads. Stopping and
 * restarting a guest; when every guest has stopped the machine powers off.
 */
#include "arch/aarch64/arch.h"
#include "arch/aarch64/cache.h"
#include "arch/aarch64/psci.h"
#include "arch/aarch64/stage2.h"
#include "arch/aarch64/sysregs.h"
#include "core/guest.h"
#include "core/guest_ram.h"
#include "core/layout.h"
#include "core/log.h"
#include "core/lib.h"
#include "core/payload.h"
#include "core/sched.h"
#include "vdev/vgic.h"
#include "vdev/passthru.h"
#include "vdev/virtio.h"

/*
 * The builder proved isolation; the runtime still refuses a memory
 * capability that reaches outside RAM or into its own region, and a device
 * capability inside RAM, so a damaged or hostile layout cannot map it.
 */
static bool guest_cap_safe(const struct layout_cap *c)
{
	const struct layout_header *h = rt.layout;
	const struct layout_board *b = &h->board;
	bool in_ram = lib_inside(c->pa, c->size, b->ram_base, b->ram_size);

	if (c->kind != LAYOUT_CAP_MEMORY && c->kind != LAYOUT_CAP_CHANNEL &&
	    c->kind != LAYOUT_CAP_MMIO)
		return true;
	if (c->size == 0 || c->pa + c->size < c->pa)
		return false;
	if (c->kind == LAYOUT_CAP_MMIO)
		return !lib_overlaps(c->pa, c->size, b->ram_base, b->ram_size);
	return in_ram && !lib_overlaps(c->pa, c->size, h->runtime_pa, h->runtime_size);
}

/* boot only (no guest runs yet): a channel starts zeroed, not holding
 * whatever the boot loader left in that RAM; a restart keeps it */
static void guest_clear_channel(const struct layout_cap *c)
{
	memset((void *)(uintptr_t)c->pa, 0, c->size);
	cache_clean_inval_range(c->pa, c->size);
}

static bool guest_map_cap(struct guest *g, const struct layout_cap *c)
{
	if (!guest_cap_safe(c))
		return false;
	switch (c->kind) {
	case LAYOUT_CAP_CHANNEL:
		guest_clear_channel(c);
		return stage2_map(&g->s2, c->ipa, c->pa, c->size, c->rights, STAGE2_NORMAL);
	case LAYOUT_CAP_MEMORY:
		return stage2_map(&g->s2, c->ipa, c->pa, c->size, c->rights, STAGE2_NORMAL);
	case LAYOUT_CAP_MMIO:
		if (c->flags & LAYOUT_CAPF_TRAPPED)
			return passthru_attach(g, c);
		return stage2_map(&g->s2, c->ipa, c->pa, c->size,
				  LAYOUT_RIGHT_R | LAYOUT_RIGHT_W, STAGE2_DEVICE);
	case LAYOUT_CAP_VIRTIO:
		return virtio_attach(g, c);
	case LAYOUT_CAP_VCPU:
		g->vcpu[c->object].pcpu = c->peer;
		rt.cpu[c->peer].vcpu = &g->vcpu[c->object];
		return true;
	default:
		return true;    /* IRQ caps: the virtual GIC's business */
	}
}

static bool guest_build(struct guest *g)
{
	for (uint32_t i = 0; i < g->vcpu_count; i++) {
		g->vcpu[i].guest = g;
		g->vcpu[i].index = i;
		g->vcpu[i].vgic = &vgic_cpus[g->index][i];
		g->vcpu[i].pcpu = ~0u;
	}
	if (!stage2_init(&g->s2, g->lg->vmid)) {
		log_printf("vmm|%s|no stage-2 tables (VMID %u)\n", g->name, g->lg->vmid);
		return false;
	}
	for (uint32_t i = 0; i < g->lg->cap_count; i++) {
		const struct layout_cap *c = &g->caps[i];

		if (!guest_map_cap(g, c)) {
			log_printf("vmm|%s|cannot map slot %u (ipa 0x%lx pa 0x%lx size 0x%lx)\n",
				   g->name, c->slot, c->ipa, c->pa, c->size);
			return false;
		}
	}
	if (g->lg->console_kind == LAYOUT_CONSOLE_PL011)
		vpl011_attach(g, &g->console, g->lg->console_ipa);
	vgic_attach(g);
	/* RAM and payloads: on vCPU 0's own CPU at its first entry, with the
	 * guest's other CPUs helping (guest_first_entry) */
	g->load_pending = 1;
	return true;
}

void guest_first_entry(struct vcpu *v)
{
	struct guest *g = v->guest;

	if (v->index != 0 || !__atomic_exchange_n(&g->load_pending, 0, __ATOMIC_ACQ_REL))
		return;
	guest_ram_clear(g, v);
	if (!payload_load_all(g)) {
		log_printf("vmm|%s|not started\n", g->name);
		guest_stop(g, v);
	}
}

bool guest_first_entry_step(struct vcpu *v, uint64_t until)
{
	struct guest *g = v->guest;

	if (v->index != 0 || !__atomic_load_n(&g->load_pending, __ATOMIC_ACQUIRE))
		return true;
	if (!guest_ram_clear_until(g, v, until))
		return false;
	if (!__atomic_exchange_n(&g->load_pending, 0, __ATOMIC_ACQ_REL))
		return true;
	if (!payload_load_all(g)) {
		log_printf("vmm|%s|not started\n", g->name);
		guest_stop(g, v);
	}
	return true;
}

static void guest_boot_vcpu0(struct guest *g)
{
	g->vcpu[0].entry = g->lg->entry_ipa;
	g->vcpu[0].context = g->lg->dtb_ipa;
	atomic_store32(&g->vcpu[0].state, VCPU_ON_PENDING);
}

static void guest_power_off_if_done(void)
{
	for (uint32_t i = 0; i < rt.guest_count; i++) {
		if (atomic_load32(&rt.guest[i].state) != GUEST_STOPPED)
			return;
	}
	sched_report();
	log_printf("vmm|all guests stopped: power off\n");
	log_quiesce();
	psci_system_off();
}

void guest_setup_all(void)
{
	const struct layout_guest *lg = layout_guests(rt.layout);

	rt.guest_count = rt.layout->guest_count;
	/* every guest's distributor (vgic_dist_of) before any is built, so
	 * that no build can meet a peer's unset; no guest runs before all are
	 * built (boot.c starts the other CPUs after this) */
	for (uint32_t i = 0; i < rt.guest_count; i++)
		rt.guest[i].vgic = &vgic_dists[i];
	for (uint32_t i = 0; i < rt.guest_count; i++) {
		struct guest *g = &rt.guest[i];

		g->lg = &lg[i];
		g->caps = &layout_caps(rt.layout)[lg[i].cap_first];
		g->index = i;
		g->name = lg[i].name;
		g->vcpu_count = lg[i].vcpu_count;
		if (!guest_build(g)) {
			log_printf("vmm|%s|not started\n", g->name);
			g->state = GUEST_STOPPED;
			continue;
		}
		log_printf("vmm|%s|%u vCPU, entry 0x%lx, VMID %u\n",
			   g->name, g->vcpu_count, g->lg->entry_ipa, g->lg->vmid);
		guest_boot_vcpu0(g);
	}
	__asm__ volatile("dsb ishst; tlbi alle1is; dsb ish; isb" ::: "memory");
	guest_power_off_if_done();   /* nothing could start */
}

static void guest_stop_others(struct guest *g, struct vcpu *self)
{
	for (uint32_t i = 0; i < g->vcpu_count; i++) {
		if (&g->vcpu[i] != self)
			vcpu_request_stop(&g->vcpu[i]);
	}
}

void guest_stop(struct guest *g, struct vcpu *self)
{
	bool mine = false;

	spin_lock(&g->lock);
	if (g->state == GUEST_RUNNING) {
		g->state = GUEST_STOPPED;
		guest_stop_others(g, self);
		mine = true;
	}
	spin_unlock(&g->lock);
	if (mine) {
		if (g->lg->console_kind == LAYOUT_CONSOLE_PL011)
			vpl011_flush_partial(&g->console);
		virtio_log_guest(g);
		conout_report_dropped(g->index);
		log_printf("vmm|%s|stopped\n", g->name);
		guest_power_off_if_done();
	}
	vcpu_park_self(self);
}

static void guest_wait_all_off(struct guest *g)
{
	for (uint32_t i = 0; i < g->vcpu_count; i++) {
		while (atomic_load32(&g->vcpu[i].state) != VCPU_OFF)
			wfe();
	}
}

void guest_restart_at(struct guest *g, struct vcpu *self, uint64_t at)
{
	__atomic_store_n(&self->restart_at, at ? at : 1, __ATOMIC_RELEASE);
	vcpu_park_self(self);
}

void guest_restart_due(struct vcpu *v)
{
	uint64_t at = __atomic_load_n(&v->restart_at, __ATOMIC_ACQUIRE);

	isb();
	if (!at || sysreg_read(cntpct_el0) < at ||
	    !__atomic_compare_exchange_n(&v->restart_at, &at, 0, false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		return;
	guest_restart(v->guest, v);
}

void guest_restart(struct guest *g, struct vcpu *self)
{
	spin_lock(&g->lock);
	if (g->state != GUEST_RUNNING) {
		spin_unlock(&g->lock);
		vcpu_park_self(self);
	}
	g->state = GUEST_RESTARTING;
	/* a restart another vCPU deferred (guest_restart_at) is this one */
	for (uint32_t i = 0; i < g->vcpu_count; i++)
		__atomic_store_n(&g->vcpu[i].restart_at, 0, __ATOMIC_RELEASE);
	guest_stop_others(g, self);
	spin_unlock(&g->lock);
	atomic_store32(&self->state, VCPU_OFF);
	guest_wait_all_off(g);
	log_printf("vmm|%s|restarting\n", g->name);
	atomic_store32(&g->restarts, atomic_load32(&g->restarts) + 1);
	vpl011_reset(&g->console);
	vgic_reset(g);
	virtio_reset_guest(g);
	guest_ram_clear(g, self);
	if (!payload_load_all(g)) {
		atomic_store32(&g->state, GUEST_STOPPED);
		log_printf("vmm|%s|stopped\n", g->name);
		guest_power_off_if_done();
		vcpu_park_self(self);
	}
	spin_lock(&g->lock);
	g->state = GUEST_RUNNING;
	guest_boot_vcpu0(g);
	spin_unlock(&g->lock);
	vcpu_wake(&g->vcpu[0]);
	arch_run_idle(vcpu_this_cpu());   /* self is OFF, or is vCPU 0 again */
}
