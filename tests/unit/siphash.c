// SPDX-License-Identifier: GPL-2.0
/*
 * SipHash-2-4 (Aumasson and Bernstein) with the kernel's siphash()
 * signature, for the pure files that call it (kmod/syncookie.c): the key
 * words and the message read as little-endian 64-bit words, the length in
 * the last word's top byte. test_syncookie checks it against the paper's
 * vectors, which the kernel's own test (lib/siphash_kunit.c) also uses.
 */
#include "syncookie.h"

#define ROTL(x, b) (u64)(((x) << (b)) | ((x) >> (64 - (b))))

static void round2(u64 v[4], unsigned int n)
{
	while (n--) {
		v[0] += v[1];
		v[1] = ROTL(v[1], 13) ^ v[0];
		v[0] = ROTL(v[0], 32);
		v[2] += v[3];
		v[3] = ROTL(v[3], 16) ^ v[2];
		v[0] += v[3];
		v[3] = ROTL(v[3], 21) ^ v[0];
		v[2] += v[1];
		v[1] = ROTL(v[1], 17) ^ v[2];
		v[2] = ROTL(v[2], 32);
	}
}

static u64 le64(const u8 *p, size_t n)
{
	u64 w = 0;

	while (n--)
		w |= (u64)p[n] << (8 * n);
	return w;
}

u64 siphash(const void *data, size_t len, const siphash_key_t *key)
{
	u64 v[4] = {
		0x736f6d6570736575ULL ^ key->key[0], 0x646f72616e646f6dULL ^ key->key[1],
		0x6c7967656e657261ULL ^ key->key[0], 0x7465646279746573ULL ^ key->key[1],
	};
	const u8 *p = data;
	size_t off;
	u64 m;

	for (off = 0; off + 8 <= len; off += 8) {
		m = le64(p + off, 8);
		v[3] ^= m;
		round2(v, 2);
		v[0] ^= m;
	}
	m = le64(p + off, len - off) | (u64)len << 56;
	v[3] ^= m;
	round2(v, 2);
	v[0] ^= m;
	v[2] ^= 0xff;
	round2(v, 4);
	return v[0] ^ v[1] ^ v[2] ^ v[3];
}
