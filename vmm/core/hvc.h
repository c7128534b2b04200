/* SPDX-License-Identifier: MIT */
/* Guest hypercalls (hvc #0, SMCCC): PSCI and the Partita calls. */
#ifndef CORE_HVC_H
#define CORE_HVC_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/aarch64/frame.h"

struct vcpu;

void hvc_handle(struct vcpu *v, struct frame *f, uint32_t imm);
/* hvc #0 calls that read and write x0-x2 only (NULL, NOTIFY, ...): true if answered */
bool hvc_light(struct vcpu *v, struct frame *f);
/* guest PSCI (core/vpsci.c); true when fn is a PSCI id it answered */
int vpsci_handles(uint32_t fn);
void vpsci_call(struct vcpu *v, struct frame *f);
/* logs "unsupported call" once per guest and id */
void hvc_log_once(struct vcpu *v, uint32_t fn, const char *what);

#endif /* CORE_HVC_H */
