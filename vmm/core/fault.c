// SPDX-License-Identifier: MIT
/*
 * Fault policy: log `vmm|<guest>|fault <what> (<detail>), IPA ..., read|write,
 * ESR ..., ELR ...`, then stop the guest, inject a synchronous external
 * abort into its EL1, or restart it, as its on_fault says.
 */
#include "arch/aarch64/arch.h"
#include "core/fault.h"
#include "core/guest.h"
#include "core/log.h"

static void fault_log(const struct guest *g, const struct fault *ft)
{
	static const char *const access[] = { "", ", read", ", write" };
	const char *open = ft->detail ? " (" : "";
	const char *detail = ft->detail ? ft->detail : "";
	const char *close = ft->detail ? ")" : "";

	/* one call per line: the log lock keeps lines whole */
	if (ft->has_ipa)
		log_printf("vmm|%s|fault %s%s%s%s, IPA 0x%lx%s, ESR 0x%lx, ELR 0x%lx\n",
			   g->name, ft->what, open, detail, close, ft->ipa,
			   access[ft->access + 1], ft->esr, ft->elr);
	else
		log_printf("vmm|%s|fault %s%s%s%s%s, ESR 0x%lx, ELR 0x%lx\n",
			   g->name, ft->what, open, detail, close,
			   access[ft->access + 1], ft->esr, ft->elr);
}

void fault_raise(struct vcpu *v, struct frame *f, const struct fault *ft)
{
	struct guest *g = v->guest;

	fault_log(g, ft);
	switch (g->lg->on_fault) {
	case LAYOUT_ON_FAULT_ABORT:
		if (ft->kind == FAULT_OTHER)
			arch_inject_undef(f);
		else
			arch_inject_abort(f, ft->kind == FAULT_DATA_ABORT, ft->far, ft->esr);
		log_printf("vmm|%s|abort injected\n", g->name);
		return;
	case LAYOUT_ON_FAULT_RESTART:
		guest_restart(g, v);
		break;
	default:
		guest_stop(g, v);
		break;
	}
}
