/* SPDX-License-Identifier: MIT */
/*
 * U-Boot verified boot for the FIT: with --sign-key DIR or PARTITA_SIGN_KEY=DIR
 * (DIR holds
 * exactly one NAME.key, the RSA-2048 private key in PEM, and its NAME.crt)
 * the FIT's configuration is signed (sha256,rsa2048, over the image and the
 * board tree) and u-boot-key.dtb, the board tree with the public key marked
 * required, is written for U-Boot's control device tree.
 */
#ifndef FIT_SIGN_H
#define FIT_SIGN_H

#include "output.h"

struct fit_key {
	char *dir;      /* NULL: not signing */
	char *name;     /* NAME of NAME.key, the key-name-hint */
};

/*
 * Fills k from dir, or from PARTITA_SIGN_KEY when dir is NULL. 0: ok (k->dir
 * NULL when neither names one); 1: error reported.
 */
int fit_sign_key(struct fit_key *k, const char *dir);
/* Copies the file at path into o as u-boot-key.dtb. 0 = ok (errors reported). */
int fit_sign_publish(const struct output *o, const char *path);
void fit_sign_free(struct fit_key *k);

#endif /* FIT_SIGN_H */
