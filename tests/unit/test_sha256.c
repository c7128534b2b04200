/* SPDX-License-Identifier: MIT */
/*
 * builder/lib/sha256.c (libcrypto underneath) against the FIPS 180-4 / NIST
 * example vectors, including a multi-block message and one million 'a' fed
 * in odd-sized pieces.
 */
#include "back_fixture.h"
#include "sha256.h"

static void sha256_million_a(char hex[SHA256_HEX_SIZE])
{
	static uint8_t a[1000];
	struct sha256 s;
	uint8_t d[SHA256_SIZE];

	memset(a, 'a', sizeof(a));
	sha256_init(&s);
	for (int i = 0; i < 1000; i++) {
		sha256_update(&s, a, 333);
		sha256_update(&s, a, 667);
	}
	sha256_final(&s, d);
	for (int i = 0; i < SHA256_SIZE; i++)
		sprintf(hex + 2 * i, "%02x", d[i]);
}

int main(void)
{
	char hex[SHA256_HEX_SIZE];

	sha256_hex("", 0, hex);
	BACK_CHECK("sha256 empty", !strcmp(hex,
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
	sha256_hex("abc", 3, hex);
	BACK_CHECK("sha256 abc", !strcmp(hex,
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
	const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_hex(two, strlen(two), hex);
	BACK_CHECK("sha256 two blocks", !strcmp(hex,
		"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
	sha256_million_a(hex);
	BACK_CHECK("sha256 million a", !strcmp(hex,
		"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
	return back_finish();
}
