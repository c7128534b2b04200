// SPDX-License-Identifier: MIT
/*
 * Init order. boot_check runs where the loader put us (MMU off) and refuses
 * a bad layout; boot_main runs after head.S moved the image to runtime_pa:
 * EL2 map, GIC, guests, then the other CPUs; boot_secondary is their C entry.
 */
#include "arch/aarch64/arch.h"
#include "arch/aarch64/cache.h"
#include "arch/aarch64/gic.h"
#include "arch/aarch64/mmu.h"
#include "arch/aarch64/pgtable.h"
#include "arch/aarch64/psci.h"
#include "arch/aarch64/sysregs.h"
#include "core/conout.h"
#include "core/el2view.h"
#include "core/guest.h"
#include "core/htimer.h"
#include "core/layout.h"
#include "core/lib.h"
#include "core/log.h"
#include "core/sched.h"

extern char _head[], __image_file_end[];
extern void head_secondary(void);

struct runtime rt;

static void boot_refuse(const struct layout_header *h)
{
	if (h->board.psci_conduit <= LAYOUT_PSCI_HVC)
		psci_set_conduit(h->board.psci_conduit);
	psci_system_off();
}

/* Before the move: returns where the image must go. */
uint64_t boot_check(uint64_t base)
{
	const struct layout_header *h = layout_at(base);
	uint64_t uart = h->board.uart_pa;

	/* the UART comes from the blob itself: only use a plausible one */
	if (uart && IS_ALIGNED(uart, 4096) && (uart < h->board.ram_base ||
	    uart >= h->board.ram_base + h->board.ram_size))
		log_init(&h->board);
	if (arch_current_el() != 2) {
		log_printf("vmm|boot: entered at EL%u, need EL2: refusing to start\n",
			   arch_current_el());
		boot_refuse(h);
	}
	if (!layout_verify(base))
		boot_refuse(h);
	log_printf("vmm|boot: loaded at 0x%lx, moving %lu bytes to 0x%lx\n",
		   base, h->image_size, h->runtime_pa);
	return h->runtime_pa;
}

static uint32_t boot_cpu_index(void)
{
	uint64_t me = sysreg_read(mpidr_el1) & 0xFF00FFFFFFul;

	for (uint32_t i = 0; i < rt.cpu_count; i++) {
		if ((rt.cpu[i].mpidr & 0xFF00FFFFFFul) == me)
			return i;
	}
	return ~0u;
}

static void boot_start_secondaries(uint32_t self)
{
	uint64_t entry = (uint64_t)(uintptr_t)head_secondary;

	/* secondaries start with caches off: publish everything to PoC */
	cache_clean_range(rt.base, (uint64_t)(__image_file_end - _head));
	for (uint32_t i = 0; i < rt.cpu_count; i++) {
		int64_t ret;

		if (i == self)
			continue;
		ret = psci_cpu_on(rt.cpu[i].mpidr, entry, i);
		if (ret != PSCI_SUCCESS)
			log_printf("vmm|boot: CPU %u (MPIDR 0x%lx) did not start: PSCI %ld\n",
				   i, rt.cpu[i].mpidr, ret);
	}
}

static void boot_platform(void)
{
	const struct layout_board *b = &rt.layout->board;

	if (!mmu_build(b->ram_base, b->ram_size))
		arch_panic("cannot build the EL2 map");
	/* the moved image was written with caches off: drop stale lines a
	 * loader may have left for this region before caching it */
	cache_inval_range(rt.base, rt.layout->runtime_size);
	mmu_enable();
	log_enable_locking();
	rt.cpu_count = b->cpu_count;
	for (uint32_t i = 0; i < rt.cpu_count; i++) {
		rt.cpu[i].index = i;
		rt.cpu[i].mpidr = b->cpu_mpidr[i];
	}
	if (!gic_init(b))
		log_printf("vmm|boot: GICv%u: no inter-CPU kicks\n", b->gic_version);
}

/* from here on console lines are queued, not printed while the CPU waits */
static void boot_console_queue(void)
{
	static const char *names[LAYOUT_MAX_GUESTS];

	for (uint32_t i = 0; i < rt.guest_count && i < LAYOUT_MAX_GUESTS; i++)
		names[i] = rt.guest[i].name;
	conout_start(&rt.layout->board, names, rt.guest_count);
}

void boot_main(uint64_t base)
{
	uint32_t self;

	rt.base = base;
	rt.layout = layout_at(base);
	log_init(&rt.layout->board);
	psci_set_conduit(rt.layout->board.psci_conduit);
	boot_platform();
	self = boot_cpu_index();
	if (self == ~0u)
		arch_panic("boot CPU's MPIDR is not in the layout");
	arch_cpu_init(&rt.cpu[self]);
	guest_setup_all();
	sched_init();
	htimer_init(rt.layout->board.htimer_irq);
	el2view_build();
	log_printf("vmm|boot: runtime at 0x%lx, %u CPUs, %u guests, %u translation tables\n",
		   base, rt.cpu_count, rt.guest_count, pgtable_used());
	boot_console_queue();
	boot_start_secondaries(self);
	mmu_view_enter(self);
	htimer_cpu_start(&rt.cpu[self]);
	sched_cpu_start(&rt.cpu[self]);
	arch_run_idle(&rt.cpu[self]);
}

void boot_secondary(uint64_t index)
{
	mmu_enable();
	mmu_view_enter((uint32_t)index);
	arch_cpu_init(&rt.cpu[index]);
	htimer_cpu_start(&rt.cpu[index]);
	sched_cpu_start(&rt.cpu[index]);
	arch_run_idle(&rt.cpu[index]);
}
