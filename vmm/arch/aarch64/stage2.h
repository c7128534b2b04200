/* SPDX-License-Identifier: MIT */
/*
 * Stage-2 translation per guest: 39-bit IPA, 4 KiB granule, 2 MiB blocks
 * where IPA, PA and size allow, 4 KiB pages otherwise; VMID per guest.
 */
#ifndef ARCH_STAGE2_H
#define ARCH_STAGE2_H

#include <stdbool.h>
#include <stdint.h>

#define STAGE2_NORMAL 0
#define STAGE2_DEVICE 1

struct stage2 {
	uint64_t *root;
	uint32_t vmid;
};

bool stage2_init(struct stage2 *s2, uint32_t vmid);
/* rights: LAYOUT_RIGHT_R/W/X; kind: STAGE2_NORMAL or STAGE2_DEVICE */
bool stage2_map(struct stage2 *s2, uint64_t ipa, uint64_t pa, uint64_t size,
		unsigned rights, int kind);
uint64_t stage2_vttbr(const struct stage2 *s2);
/* VTCR_EL2 shared by all guests; written on every CPU before guest entry */
uint64_t stage2_vtcr(void);

#endif /* ARCH_STAGE2_H */
