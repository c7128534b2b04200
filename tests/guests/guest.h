/* SPDX-License-Identifier: MIT */
/*
 * Tiny runtime for bare-metal test guests: PL011 output at the default
 * console IPA (or where the DTB's pl011 node says), SMCCC calls through hvc,
 * /chosen/bootargs lookup in the DTB.
 */
#ifndef TESTS_GUESTS_GUEST_H
#define TESTS_GUESTS_GUEST_H

#include <stdint.h>

#define GUEST_UART 0x09000000ul
#define PSCI_CPU_ON64    0xC4000003u
#define PSCI_SYSTEM_OFF  0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PARTITA_HVC_RESTARTS 0xC6000003u   /* times this guest was restarted */
#define PARTITA_HVC_SCRATCH 0xC6000004u    /* x1 = 1: keep x2; returns the kept word */

void guest_puts(const char *s);
/* print on the DTB's top-level pl011@ADDR node instead of GUEST_UART;
 * returns the console's address */
uintptr_t guest_console_from_dtb(const void *dtb);
void guest_putu(uint64_t v, unsigned base);
int64_t guest_hvc(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3);
void guest_off(void) __attribute__((noreturn));
/* value of "key=" in /chosen/bootargs, copied to buf; 0 when absent */
int guest_bootarg(const void *dtb, const char *key, char *buf, unsigned size);
uint64_t guest_atou(const char *s);
/* CNTVCT in nanoseconds: under -icount shift=0, instructions executed */
uint64_t guest_vns(void);

#endif
