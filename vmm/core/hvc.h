/* SPDX-License-Identifier: MIT */
/* Guest hypercalls (hvc #0, SMCCC): PSCI and the Partita calls. */
#ifndef CORE_HVC_H
#define CORE_HVC_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/aarch64/frame.h"
#include "core/channel.h"
#include "partita/layout.h"

struct vcpu;

void hvc_handle(struct vcpu *v, struct frame *f, uint32_t imm);
/* hvc #0 calls that read and write x0-x2 only (NULL, NOTIFY, ...): true if answered */
bool hvc_light_rest(struct vcpu *v, struct frame *f);
/*
 * The two a guest makes most, inline in the light exit (trap_sync_light),
 * so that a NOTIFY costs no call frame of hvc_light's own (issue 15); the
 * rest in hvc_light_rest.
 */
static inline bool hvc_light(struct vcpu *v, struct frame *f)
{
	uint32_t fn = (uint32_t)f->x[0];

	if (fn == PARTITA_HVC_NULL) {
		f->x[0] = PARTITA_HVC_OK;
		return true;
	}
	if (fn == PARTITA_HVC_NOTIFY) {
		channel_notify(v, f);       /* answers in x0 */
		return true;
	}
	return hvc_light_rest(v, f);
}
/* guest PSCI (core/vpsci.c); true when fn is a PSCI id it answered */
int vpsci_handles(uint32_t fn);
void vpsci_call(struct vcpu *v, struct frame *f);
/* logs "unsupported call" once per guest and id */
void hvc_log_once(struct vcpu *v, uint32_t fn, const char *what);

#endif /* CORE_HVC_H */
