// SPDX-License-Identifier: MIT
/*
 * Stage-2 aborts from a guest (ESR_EL2 EC 0x20/0x24). The faulting IPA comes
 * from HPFAR_EL2, or from AT S1E1R/W when HPFAR is not valid (permission
 * faults). Accesses inside an emulated window with a valid syndrome (ISV)
 * are emulated; everything else is a guest fault with a decoded cause.
 */
#include "arch/aarch64/arch.h"
#include "arch/aarch64/sysregs.h"
#include "core/fault.h"
#include "core/guest.h"
#include "core/mmio.h"

static const char *abort_cause(uint64_t fsc)
{
	static const char *const names[4][4] = {
		{ "address size fault, level 0", "address size fault, level 1",
		  "address size fault, level 2", "address size fault, level 3" },
		{ "translation fault, level 0", "translation fault, level 1",
		  "translation fault, level 2", "translation fault, level 3" },
		{ "access flag fault, level 0", "access flag fault, level 1",
		  "access flag fault, level 2", "access flag fault, level 3" },
		{ "permission fault, level 0", "permission fault, level 1",
		  "permission fault, level 2", "permission fault, level 3" },
	};

	if (fsc < 0x10)
		return names[fsc >> 2][fsc & 3];
	if (fsc == 0x10)
		return "synchronous external abort";
	if (fsc == 0x21)
		return "alignment fault";
	return "other fault";
}

static bool abort_ipa(uint64_t esr, uint64_t far, uint64_t *ipa)
{
	uint64_t fsc = ABT_FSC(esr), par;

	if ((fsc & 0x3C) != 0x0C || (esr & (1ul << 7))) {   /* not perm, or S1PTW */
		*ipa = ((sysreg_read(hpfar_el2) >> 4) << 12) | (far & 0xFFF);
		return true;
	}
	par = sysreg_read(par_el1);
	if (esr & DABT_WNR)
		__asm__ volatile("at s1e1w, %0; isb" : : "r"(far));
	else
		__asm__ volatile("at s1e1r, %0; isb" : : "r"(far));
	*ipa = (sysreg_read(par_el1) & 0xFFFFFFFFF000ul) | (far & 0xFFF);
	if (sysreg_read(par_el1) & 1)
		*ipa = 0;
	sysreg_write(par_el1, par);
	return *ipa != 0;
}

static bool abort_emulate(struct vcpu *v, struct frame *f, uint64_t esr, uint64_t ipa,
			  const char **refused)
{
	unsigned reg = DABT_SRT(esr);
	struct mmio_access a = {
		.ipa = ipa, .width = 1u << DABT_SAS(esr), .write = !!(esr & DABT_WNR),
		.reg = reg,
	};
	uint64_t mask = a.width == 8 ? ~0ul : (1ul << (8 * a.width)) - 1;

	if (!(esr & DABT_ISV))
		return false;
	if (a.write)
		a.value = (reg == 31 ? 0 : f->x[reg]) & mask;
	if (!mmio_dispatch(v, &a)) {
		*refused = a.refused;
		return false;
	}
	if (!a.write && reg != 31) {
		uint64_t val = a.value & mask;

		if ((esr & DABT_SSE) && a.width < 8 && (val >> (8 * a.width - 1)) & 1)
			val |= ~mask;
		if (!(esr & DABT_SF))
			val &= 0xFFFFFFFFul;
		f->x[reg] = val;
	}
	f->elr += ESR_INSN_BYTES(esr);
	return true;
}

/*
 * The common case first: a data abort with a syndrome inside an emulated
 * window. Only a real fault pays for decoding its cause.
 */
void trap_abort(struct vcpu *v, struct frame *f, uint64_t esr)
{
	int data = ESR_EC(esr) == EC_DABT_LOW;
	uint64_t far = sysreg_read(far_el2);
	const char *refused = 0;
	struct fault ft;

	ft.has_ipa = abort_ipa(esr, far, &ft.ipa);
	if (data && ft.has_ipa && abort_emulate(v, f, esr, ft.ipa, &refused))
		return;
	ft.kind = data ? FAULT_DATA_ABORT : FAULT_INSN_ABORT;
	ft.what = data ? "data abort" : "instruction abort";
	ft.detail = refused ? refused : abort_cause(ABT_FSC(esr));
	ft.access = data ? !!(esr & DABT_WNR) : -1;
	ft.esr = esr;
	ft.elr = f->elr;
	ft.far = far;
	fault_raise(v, f, &ft);
}
