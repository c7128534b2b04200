/* SPDX-License-Identifier: MIT */
/*
 * SHA-256 through libcrypto's EVP interface (the low-level SHA256_* calls
 * are deprecated in OpenSSL 3). A failure inside libcrypto is an allocation
 * failure or a broken library: the builder stops rather than print a wrong
 * hash.
 */
#include "sha256.h"

#include <stdio.h>
#include <stdlib.h>

#include <openssl/evp.h>

static void sha256_check(int ok)
{
	if (!ok) {
		fprintf(stderr, "partita: internal error: libcrypto SHA-256 failed\n");
		abort();
	}
}

void sha256_init(struct sha256 *s)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	sha256_check(ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL));
	s->ctx = ctx;
}

void sha256_update(struct sha256 *s, const void *data, size_t len)
{
	sha256_check(EVP_DigestUpdate(s->ctx, data, len));
}

void sha256_final(struct sha256 *s, uint8_t out[SHA256_SIZE])
{
	unsigned int n = 0;

	sha256_check(EVP_DigestFinal_ex(s->ctx, out, &n) && n == SHA256_SIZE);
	EVP_MD_CTX_free(s->ctx);
	s->ctx = NULL;
}

void sha256_to_hex(const uint8_t digest[SHA256_SIZE], char hex[SHA256_HEX_SIZE])
{
	static const char digits[] = "0123456789abcdef";

	for (int i = 0; i < SHA256_SIZE; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 15];
	}
	hex[2 * SHA256_SIZE] = '\0';
}

void sha256_digest(const void *data, size_t len, uint8_t out[SHA256_SIZE])
{
	unsigned int n = 0;

	sha256_check(EVP_Digest(data, len, out, &n, EVP_sha256(), NULL) && n == SHA256_SIZE);
}

void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_SIZE])
{
	uint8_t d[SHA256_SIZE];

	sha256_digest(data, len, d);
	sha256_to_hex(d, hex);
}
