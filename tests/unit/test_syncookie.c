// SPDX-License-Identifier: GPL-2.0
/*
 * SYN cookies (kmod/syncookie.c) in userspace, with siphash.c standing in
 * for the kernel's siphash().
 */
#include "unit.h"

#include "syncookie.h"

static const siphash_key_t key = { { 0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL } };

static void flow4(struct lbvs_cookie_flow *f)
{
	static const u8 c[4] = { 198, 51, 100, 7 }, v[4] = { 203, 0, 113, 10 };

	memset(f, 0, sizeof(*f));
	memcpy(f->saddr, c, 4);
	memcpy(f->daddr, v, 4);
	f->sport = 40000;
	f->dport = 80;
}

static void flow6(struct lbvs_cookie_flow *f)
{
	memset(f, 0, sizeof(*f));
	f->saddr[0] = 0x20;
	f->saddr[1] = 0x01;
	f->saddr[2] = 0x0d;
	f->saddr[3] = 0xb8;
	memcpy(f->daddr, f->saddr, 16);
	f->saddr[15] = 7;
	f->daddr[15] = 10;
	f->sport = 50000;
	f->dport = 443;
	f->v6 = true;
}

/* The SipHash paper's vectors: key 00..0f, message 00..len-1. */
START_TEST(siphash_vectors)
{
	static const u64 want[] = { 0x726fdb47dd0e0e31ULL, 0x74f839c593dc67fdULL,
				    0x0d6c8009d9a94f5aULL, 0x85676696d7fb7e2dULL };
	u8 msg[64];
	unsigned int i;

	for (i = 0; i < sizeof(msg); i++)
		msg[i] = i;
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(siphash(msg, i, &key), want[i]);
	/* Length 63, the paper's last vector: every tail byte and a full block. */
	ck_assert_uint_eq(siphash(msg, 63, &key), 0x958a324ceb064572ULL);
}
END_TEST

START_TEST(round_trip)
{
	struct lbvs_cookie_flow f;
	u32 isn, now, c;
	u16 mss;

	flow4(&f);
	for (isn = 1; isn < 0xf0000000U; isn += 0x0fedcba9U) {
		for (now = 0; now < 200; now += 37) {
			mss = 1460;
			c = lbvs_syncookie_make(&key, &f, isn, now, &mss);
			ck_assert_uint_eq(mss, 1460);
			ck_assert_uint_eq(lbvs_syncookie_check(&key, &f, isn, c, now), 1460);
		}
	}
	/* The tick counter wraps like any clock. */
	mss = 1460;
	c = lbvs_syncookie_make(&key, &f, 5, 0xffffffffU, &mss);
	ck_assert_uint_eq(lbvs_syncookie_check(&key, &f, 5, c, 0), 1460);
}
END_TEST

/* Every field the cookie covers, and the key, makes it invalid. */
START_TEST(wrong_tuple)
{
	struct lbvs_cookie_flow f, g;
	siphash_key_t other = key;
	u16 mss = 1460;
	u32 c;

	flow4(&f);
	c = lbvs_syncookie_make(&key, &f, 1000, 10, &mss);
	g = f;
	g.saddr[3]++;
	ck_assert_uint_eq(lbvs_syncookie_check(&key, &g, 1000, c, 10), 0);
	g = f;
	g.daddr[0]++;
	ck_assert_uint_eq(lbvs_syncookie_check(&key, &g, 1000, c, 10), 0);
	g = f;
	g.sport++;
	ck_assert_uint_eq(lbvs_syncookie_check(&key, &g, 1000, c, 10), 0);
	g = f;
	g.dport++;
	ck_assert_uint_eq(lbvs_syncookie_check(&key, &g, 1000, c, 10), 0);
	ck_assert_uint_eq(lbvs_syncookie_check(&key, &f, 1001, c, 10), 0);
	ck_assert_uint_eq(lbvs_syncookie_check(&key, &f, 1000, c + 1, 10), 0);
	ck_assert_uint_eq(lbvs_syncookie_check(&key, &f, 1000, c ^ 0x80000000U, 10), 0);
	other.key[1] ^= 1;
	ck_assert_uint_eq(lbvs_syncookie_check(&other, &f, 1000, c, 10), 0);
}
END_TEST

/* Valid in its tick and the next; not after, nor before it was made. */
START_TEST(expired_counter)
{
	struct lbvs_cookie_flow f;
	u16 mss = 1460;
	u32 c;

	flow4(&f);
	c = lbvs_syncookie_make(&key, &f, 77, 100, &mss);
	ck_assert_uint_eq(lbvs_syncookie_check(&key, &f, 77, c, 100), 1460);
	ck_assert_uint_eq(lbvs_syncookie_check(&key, &f, 77, c, 101), 1460);
	ck_assert_uint_eq(lbvs_syncookie_check(&key, &f, 77, c, 102), 0);
	ck_assert_uint_eq(lbvs_syncookie_check(&key, &f, 77, c, 99), 0);
	/* 64 ticks later the counter's low bits match again: the hash does not. */
	ck_assert_uint_eq(lbvs_syncookie_check(&key, &f, 77, c, 164), 0);
}
END_TEST

/* Forged ACKs: random cookies almost never pass (2^-24 each). */
START_TEST(forged_rate)
{
	struct lbvs_cookie_flow f;
	u32 i, ok = 0, x = 12345;

	flow4(&f);
	for (i = 0; i < 200000; i++) {
		x = x * 1103515245U + 12345U;
		ok += !!lbvs_syncookie_check(&key, &f, 77, x, 100);
	}
	ck_assert_uint_le(ok, 1);
}
END_TEST

static void check_mss(const struct lbvs_cookie_flow *f, u16 offered, u16 want)
{
	u16 mss = offered;
	u32 c = lbvs_syncookie_make(&key, f, 4242, 9, &mss);

	ck_assert_uint_eq(mss, want);
	ck_assert_uint_eq(lbvs_syncookie_check(&key, f, 4242, c, 9), want);
}

START_TEST(each_mss)
{
	struct lbvs_cookie_flow f4, f6;

	flow4(&f4);
	flow6(&f6);
	check_mss(&f4, 536, 536);
	check_mss(&f4, 100, 536);
	check_mss(&f4, 1299, 536);
	check_mss(&f4, 1300, 1300);
	check_mss(&f4, 1440, 1440);
	check_mss(&f4, 1459, 1440);
	check_mss(&f4, 1460, 1460);
	check_mss(&f4, 65535, 1460);
	check_mss(&f6, 1220, 1220);
	check_mss(&f6, 1419, 1220);
	check_mss(&f6, 1420, 1420);
	check_mss(&f6, 1440, 1440);
	check_mss(&f6, 8940, 8940);
	check_mss(&f6, 9000, 8940);
	check_mss(&f6, 0, 1220);
}
END_TEST

/* Window scale, SACK and ECN survive the trip through the timestamp. */
START_TEST(options_round_trip)
{
	static const u32 clocks[] = { 0, 1, 63, 64, 0x12345678U, 0xffffffffU };
	struct lbvs_syn_opts in = { 0 }, out;
	unsigned int c, bits;
	u32 ts;

	for (c = 0; c < sizeof(clocks) / sizeof(clocks[0]); c++) {
		for (bits = 0; bits < 4 * 16; bits++) {
			in.wscale_ok = (bits & 15) != 15;
			in.wscale = in.wscale_ok ? bits & 15 : 0;
			in.sack_ok = bits & 16;
			in.ecn_ok = bits & 32;
			ts = lbvs_syncookie_tsval(clocks[c], &in);
			/* Not ahead of the clock, less than 64 behind it. */
			ck_assert_uint_lt(clocks[c] - ts, 64);
			memset(&out, 0xaa, sizeof(out));
			lbvs_syncookie_ts_decode(ts, &out);
			ck_assert_int_eq(out.wscale_ok, in.wscale_ok);
			ck_assert_uint_eq(out.wscale, in.wscale);
			ck_assert_int_eq(out.sack_ok, in.sack_ok);
			ck_assert_int_eq(out.ecn_ok, in.ecn_ok);
		}
	}
}
END_TEST

int main(void)
{
	return UNIT_RUN("syncookie", "core", siphash_vectors, round_trip, wrong_tuple,
			expired_counter, forged_rate, each_mss, options_round_trip);
}
