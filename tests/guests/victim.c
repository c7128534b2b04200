// SPDX-License-Identifier: MIT
/*
 * victim: the guest beside an attacker. Paced by its virtual timer through
 * its virtual GIC (so an attack on the physical GIC or timers shows as a
 * late beat), every `period=` microseconds it does `work=` rounds of fixed
 * checksummed work on a buffer in its own RAM and prints
 * `HEARTBEAT <n> <checksum> t=<CNTVCT> db=<doorbells>` (after one line
 * `HEARTBEAT frq <CNTFRQ>`). The checksum of beat n
 * depends on n only (tests/attack/heartbeat_ref.c recomputes it), so a
 * wrong one proves something touched its memory or registers. It publishes
 * n in word 0 of channel `hb`, takes the doorbells of channel `ctl` (an
 * interrupt storm from the attacker) and stops after `beats=` beats, or two
 * beats after word 0 of `ctl` holds VICTIM_DONE.
 */
#include "guest.h"
#include "../../templates/baremetal/partita_channel.h"

#define VICTIM_WORDS 512
#define VICTIM_DONE 0x646f6e65u   /* "done" */
#define VTIMER_PPI 27u
#define GICR_SGI_FRAME 0x10000ul
#define SYSREG_W(reg, v) __asm__ volatile("msr " #reg ", %0; isb" : : "r"((uint64_t)(v)))
#define SYSREG_R(reg) ({ uint64_t v_; __asm__ volatile("mrs %0, " #reg : "=r"(v_)); v_; })

static uint64_t buf[VICTIM_WORDS];

uint64_t guest_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	guest_puts("HEARTBEAT unexpected exception esr=0x");
	guest_putu(esr, 16);
	guest_puts(" far=0x");
	guest_putu(far, 16);
	guest_puts("\n");
	guest_off();
}

/* one round: an xorshift walk over the buffer, folded into the sum */
static uint64_t victim_round(uint64_t sum)
{
	uint64_t x = sum | 1;

	for (unsigned i = 0; i < VICTIM_WORDS; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		buf[i] ^= x;
		sum = (sum << 5 | sum >> 59) ^ buf[i];
	}
	return sum;
}

static uint64_t victim_arg(const void *dtb, const char *key, uint64_t dflt)
{
	char s[24];

	return guest_bootarg(dtb, key, s, sizeof(s)) ? guest_atou(s) : dflt;
}

static void victim_beat(uint64_t n, uint64_t sum, uint64_t doorbells)
{
	guest_puts("HEARTBEAT ");
	guest_putu(n, 10);
	guest_puts(" ");
	guest_putu(sum, 16);
	guest_puts(" t=");
	guest_putu(SYSREG_R(cntvct_el0), 10);
	guest_puts(" db=");
	guest_putu(doorbells, 10);
	guest_puts("\n");
}

/* the virtual timer PPI: Group 1, priority 0x80, enabled in our redistributor */
static void victim_timer_irq_on(void)
{
	uint64_t sgi = pc_gic_state.gicr + GICR_SGI_FRAME;
	volatile uint32_t *prio = (volatile uint32_t *)(sgi + 0x400 + (VTIMER_PPI & ~3u));
	unsigned sh = 8 * (VTIMER_PPI % 4);

	*(volatile uint32_t *)(sgi + 0x80) |= 1u << VTIMER_PPI;        /* IGROUPR0 */
	*prio = (*prio & ~(0xFFu << sh)) | (0x80u << sh);
	*(volatile uint32_t *)(sgi + 0x100) = 1u << VTIMER_PPI;        /* ISENABLER0 */
}

/* wfi until the timer fires; doorbells taken meanwhile are counted */
static void victim_wait_tick(uint64_t *doorbells)
{
	for (;;) {
		uint32_t id = pc_ack();

		if (id == VTIMER_PPI) {
			pc_eoi(id);
			return;
		}
		if (id < 1020) {
			pc_eoi(id);
			(*doorbells)++;
			continue;
		}
		__asm__ volatile("dsb sy; wfi" ::: "memory");
	}
}

void guest_main(const void *dtb)
{
	struct pc_channel hb, ctl;
	int has_hb = pc_find(dtb, "hb", &hb) == 0, has_ctl = pc_find(dtb, "ctl", &ctl) == 0;
	uint64_t beats = victim_arg(dtb, "beats", 100), work = victim_arg(dtb, "work", 8);
	uint64_t period = victim_arg(dtb, "period", 20000) * SYSREG_R(cntfrq_el0) / 1000000;
	uint64_t sum = 0x5eed, after_done = 0, doorbells = 0, next;
	int paced = pc_gic_init(dtb) == 0;

	if (paced) {
		victim_timer_irq_on();
		if (has_ctl && ctl.intid)
			pc_irq_enable(&ctl);
	}
	guest_puts("HEARTBEAT frq ");      /* what the t= values count */
	guest_putu(SYSREG_R(cntfrq_el0), 10);
	guest_puts("\n");
	next = SYSREG_R(cntvct_el0);
	for (uint64_t n = 1; n <= beats; n++) {
		next += period;
		SYSREG_W(cntv_cval_el0, next);
		SYSREG_W(cntv_ctl_el0, 1);
		for (uint64_t r = 0; r < work; r++)
			sum = victim_round(sum);
		if (paced)
			victim_wait_tick(&doorbells);
		victim_beat(n, sum, doorbells);
		if (has_hb)
			*(volatile uint64_t *)hb.base = n;
		if (has_ctl && *(volatile uint32_t *)ctl.base == VICTIM_DONE &&
		    ++after_done > 2)
			break;
	}
	SYSREG_W(cntv_ctl_el0, 0);
	guest_puts("HEARTBEAT end\n");
	guest_off();
}
