/* SPDX-License-Identifier: MIT */
/*
 * PSCI calls from the runtime to firmware (Arm DEN 0022, SMC Calling
 * Convention DEN 0028), through the board's conduit (smc or hvc).
 */
#ifndef ARCH_PSCI_H
#define ARCH_PSCI_H

#include <stdint.h>

#define PSCI_VERSION        0x84000000u
#define PSCI_CPU_SUSPEND64  0xC4000001u
#define PSCI_CPU_OFF        0x84000002u
#define PSCI_CPU_ON32       0x84000003u
#define PSCI_CPU_ON64       0xC4000003u
#define PSCI_AFFINITY_INFO32 0x84000004u
#define PSCI_AFFINITY_INFO64 0xC4000004u
#define PSCI_MIGRATE_INFO_TYPE 0x84000006u
#define PSCI_SYSTEM_OFF     0x84000008u
#define PSCI_SYSTEM_RESET   0x84000009u
#define PSCI_FEATURES       0x8400000Au

#define PSCI_SUCCESS          0
#define PSCI_NOT_SUPPORTED    (-1)
#define PSCI_INVALID_PARAMS   (-2)
#define PSCI_DENIED           (-3)
#define PSCI_ALREADY_ON       (-4)
#define PSCI_ON_PENDING       (-5)
#define PSCI_INTERNAL_FAILURE (-6)
#define PSCI_INVALID_ADDRESS  (-9)

void psci_set_conduit(uint32_t conduit);
int64_t psci_call(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
int64_t psci_cpu_on(uint64_t mpidr, uint64_t entry, uint64_t context);
void psci_system_off(void) __attribute__((noreturn));

#endif /* ARCH_PSCI_H */
