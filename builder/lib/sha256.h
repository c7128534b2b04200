/* SPDX-License-Identifier: MIT */
/*
 * SHA-256 (FIPS 180-4) for payload hashes in layout.txt, manifest.json,
 * `partita inspect` and the FIT: a thin wrapper over OpenSSL's libcrypto
 * (EVP), which uses the CPU's SHA instructions where it has them.
 */
#ifndef SHA256_H
#define SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_SIZE 32
#define SHA256_HEX_SIZE 65  /* 64 hex digits and a NUL */

struct sha256 {
	void *ctx;   /* EVP_MD_CTX, freed by sha256_final */
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
void sha256_final(struct sha256 *s, uint8_t out[SHA256_SIZE]);
void sha256_digest(const void *data, size_t len, uint8_t out[SHA256_SIZE]);
/* One call: hex digest of data[0..len) into hex (SHA256_HEX_SIZE bytes). */
void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_SIZE]);
void sha256_to_hex(const uint8_t digest[SHA256_SIZE], char hex[SHA256_HEX_SIZE]);

#endif /* SHA256_H */
