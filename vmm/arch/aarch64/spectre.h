/* SPDX-License-Identifier: MIT */
/*
 * Branch-predictor hardening (CVE-2017-5715, "Spectre variant 2") and the
 * SMCCC architecture calls guests use to ask about it (Arm DEN 0028
 * "SMCCC_ARCH_FEATURES", "SMCCC_ARCH_WORKAROUND_1").
 */
#ifndef ARCH_SPECTRE_H
#define ARCH_SPECTRE_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/aarch64/frame.h"

struct cpu;
struct vcpu;

#define SMCCC_VERSION            0x80000000u
#define SMCCC_ARCH_FEATURES      0x80000001u
#define SMCCC_ARCH_WORKAROUND_1  0x80008000u
#define SMCCC_ARCH_WORKAROUND_2  0x80007FFFu
#define SMCCC_ARCH_WORKAROUND_3  0x80003FFFu

/* this CPU: affected (MIDR, CSV2), firmware workaround present, struct cpu */
void spectre_cpu_init(struct cpu *c);
/* an SMCCC architecture call from a guest (hvc); false: not one */
bool spectre_smccc(struct vcpu *v, struct frame *f, uint32_t fn);

#endif /* ARCH_SPECTRE_H */
