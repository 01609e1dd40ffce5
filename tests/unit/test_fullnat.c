// SPDX-License-Identifier: GPL-2.0
/*
 * FULLNAT's pure parts in userspace: the local port probe order
 * (kmod/lport.c) and the TCP option edits (kmod/tcpopt.c).
 */
#include "unit.h"
#include <stdlib.h>
#include <linux/lbvs.h>

#include "lport.h"
#include "tcpopt.h"

/* Every (address, port) pair of the pool exactly once, wherever it starts. */
static void check_cover(u32 naddr, u16 lo, u16 hi, u32 hash)
{
	u32 nport = (u32)hi - lo + 1, total = naddr * nport, i, a, bad = 0;
	struct lbvs_lport_seq s;
	unsigned char *seen = calloc(total, 1);
	u16 port;

	lbvs_lport_seq_init(&s, naddr, lo, hi, hash);
	ck_assert_uint_eq(s.tries, total < LBVS_LPORT_TRIES ? total : LBVS_LPORT_TRIES);
	ck_assert_uint_lt(s.start, total);
	/* Plain checks in the loop: check's asserts are too slow for 2^17. */
	for (i = 0; i < total; i++) {
		lbvs_lport_probe(&s, i, &a, &port);
		if (a >= naddr || port < lo || port > hi || seen[(port - lo) * naddr + a]++)
			bad++;
	}
	free(seen);
	ck_assert_uint_eq(bad, 0);
}

START_TEST(lport_covers_pool)
{
	static const u32 hashes[] = { 0, 1, 0x7fffffff, 0x80000000, 0xdeadbeef, 0xffffffff };
	unsigned int h;

	for (h = 0; h < sizeof(hashes) / sizeof(hashes[0]); h++) {
		check_cover(1, 40000, 40000, hashes[h]);
		check_cover(1, 40000, 40003, hashes[h]);
		check_cover(3, 1024, 1030, hashes[h]);
		check_cover(256, 65530, 65535, hashes[h]);
		check_cover(2, 0, 65535, hashes[h]);
	}
}
END_TEST

/* Addresses are used in turn; the start follows the hash across the pool. */
START_TEST(lport_spreads)
{
	struct lbvs_lport_seq s;
	u32 a, b, i, hits[4] = { 0 };
	u16 p, q;

	lbvs_lport_seq_init(&s, 4, 1024, 65535, 0x12345678);
	lbvs_lport_probe(&s, 0, &a, &p);
	lbvs_lport_probe(&s, 1, &b, &q);
	ck_assert_uint_eq(b, (a + 1) % 4);
	for (i = 0; i < 4000; i++) {
		lbvs_lport_seq_init(&s, 4, 1024, 65535, i * 2654435761u);
		lbvs_lport_probe(&s, 0, &a, &p);
		hits[a]++;
	}
	for (i = 0; i < 4; i++)
		ck_assert_uint_gt(hits[i], 800);
}
END_TEST

START_TEST(scrub_toa_and_eol)
{
	/* NOP, forged client option, MSS, EOL, junk: the forgery and the
	 * EOL tail become NOPs, MSS stays.
	 */
	u8 o[20] = { 1, LBVS_TOA_KIND, 8, 0, 80, 192, 0, 2, 66, 2, 4, 5, 180, 0, 9, 9, 9, 9, 9, 9 };
	u8 want[20] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 5, 180, 1, 1, 1, 1, 1, 1, 1 };

	ck_assert(lbvs_tcpopt_scrub(o, sizeof(o)));
	ck_assert_mem_eq(o, want, sizeof(o));
	ck_assert_int_eq(lbvs_tcpopt_find(o, sizeof(o), LBVS_TCPOPT_MSS, 4), 9);
	ck_assert_int_eq(lbvs_tcpopt_find(o, sizeof(o), LBVS_TOA_KIND, 0), -1);
}
END_TEST

START_TEST(find_any_length)
{
	const u8 o[12] = { 1, 1, LBVS_TOA_KIND, 3, 0, 8, 7, 1, 2, 3, 4, 5 };

	ck_assert_int_eq(lbvs_tcpopt_find(o, sizeof(o), LBVS_TOA_KIND, 0), 2);
	ck_assert_int_eq(lbvs_tcpopt_find(o, sizeof(o), LBVS_TOA_KIND, 8), -1);
	ck_assert_int_eq(lbvs_tcpopt_find(o, sizeof(o), 8, 0), 5);
}
END_TEST

START_TEST(malformed_lists)
{
	static const u8 bad[][8] = {
		{ 2, 0, 1, 1, 1, 1, 1, 1 },	/* length 0 */
		{ 2, 1, 1, 1, 1, 1, 1, 1 },	/* length 1 */
		{ 1, 1, 1, 1, 1, 1, 8, 3 },	/* runs past the end */
		{ 1, 1, 1, 1, 1, 1, 1, 2 },	/* no room for the length */
		{ 254, 9, 0, 0, 0, 0, 0, 0 },	/* client option past the end */
	};
	unsigned int i;
	u8 o[8];

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memcpy(o, bad[i], sizeof(o));
		ck_assert(!lbvs_tcpopt_scrub(o, sizeof(o)));
		ck_assert_int_eq(lbvs_tcpopt_find(o, sizeof(o), 254, 8), -1);
		ck_assert_int_eq(lbvs_tcpopt_find(o, sizeof(o), 2, 4), -1);
	}
	/* Every list of 0..3 bytes over a few interesting values: no crash,
	 * and whatever scrub accepts, find walks too.
	 */
	{
		static const u8 v[] = { 0, 1, 2, 3, 4, 8, 20, 254, 255 };
		unsigned int a, b, c, n = sizeof(v);

		for (a = 0; a < n; a++)
			for (b = 0; b < n; b++)
				for (c = 0; c < n; c++) {
					u8 l[3] = { v[a], v[b], v[c] };

					lbvs_tcpopt_scrub(l, 3);
					ck_assert_int_lt(lbvs_tcpopt_find(l, 3, 254, 8), 3);
				}
	}
	ck_assert(lbvs_tcpopt_scrub(o, 0));
	ck_assert_int_eq(lbvs_tcpopt_find(o, 0, 2, 4), -1);
}
END_TEST

START_TEST(toa_format)
{
	const u8 a4[4] = { 192, 0, 2, 7 }, port[2] = { 0x9c, 0x41 };
	u8 a6[16] = { 0x20, 0x01, 0x0d, 0xb8 }, buf[LBVS_TOA_LEN6];
	const u8 want4[] = { 254, 8, 0x9c, 0x41, 192, 0, 2, 7 };

	a6[15] = 7;
	ck_assert_uint_eq(lbvs_toa_put(buf, false, a4, port), LBVS_TOA_LEN4);
	ck_assert_mem_eq(buf, want4, sizeof(want4));
	ck_assert_uint_eq(lbvs_toa_put(buf, true, a6, port), LBVS_TOA_LEN6);
	ck_assert_uint_eq(buf[1], 20);
	ck_assert_mem_eq(buf + 4, a6, 16);
	ck_assert_int_eq(lbvs_tcpopt_find(buf, sizeof(buf), LBVS_TOA_KIND, 20), 0);
}
END_TEST

int main(void)
{
	return UNIT_RUN("fullnat", "pure",
			lport_covers_pool,
			lport_spreads,
			scrub_toa_and_eol,
			find_any_length,
			malformed_lists,
			toa_format);
}
