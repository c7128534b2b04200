/* SPDX-License-Identifier: MIT */
/*
 * Copying a guest's payloads from the resident image to their destinations,
 * after checking each copy lands in the guest's RAM and nowhere else.
 */
#ifndef CORE_PAYLOAD_H
#define CORE_PAYLOAD_H

#include <stdbool.h>

struct guest;

bool payload_load_all(struct guest *g);

#endif /* CORE_PAYLOAD_H */
