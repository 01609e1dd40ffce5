// SPDX-License-Identifier: GPL-2.0
/*
 * The SYN proxy's handshake options (kmod/synopt.c): lists as Linux
 * clients send them, the ones the director writes, and broken ones.
 */
#include "unit.h"
#include <stdlib.h>

#include "synopt.h"

/* Parse from a heap copy of exactly len bytes: ASan sees any overread. */
static bool parse(const u8 *opts, unsigned int len, struct lbvs_syn_opts *o)
{
	u8 *copy = malloc(len ? len : 1);
	bool ok;

	memcpy(copy, opts, len);
	ok = lbvs_synopt_parse(copy, len, o);
	free(copy);
	return ok;
}

/* A Linux SYN: MSS 1460, SACK-perm, TS 0x01020304/0, NOP, WS 7. */
static const u8 linux_syn[] = { 2, 4, 0x05, 0xb4, 4, 2, 8, 10, 1, 2, 3, 4, 0, 0, 0, 0,
				1, 3, 3, 7 };

START_TEST(parse_linux_syn)
{
	struct lbvs_syn_opts o;

	ck_assert(parse(linux_syn, sizeof(linux_syn), &o));
	ck_assert_uint_eq(o.mss, 1460);
	ck_assert(o.sack_ok && o.ts_ok && o.wscale_ok);
	ck_assert_uint_eq(o.wscale, 7);
	ck_assert_uint_eq(o.tsval, 0x01020304);
	ck_assert_uint_eq(o.tsecr, 0);
}
END_TEST

/* Written then read back, for every combination; the layout is Linux's. */
START_TEST(put_round_trip)
{
	struct lbvs_syn_opts in = { .mss = 1460, .wscale = 7, .tsval = 0x01020304 }, out;
	u8 buf[LBVS_SYNOPT_MAX];
	unsigned int bits, len;

	for (bits = 0; bits < 8; bits++) {
		in.wscale_ok = bits & 1;
		in.sack_ok = bits & 2;
		in.ts_ok = bits & 4;
		len = lbvs_synopt_put(buf, &in);
		ck_assert_uint_le(len, LBVS_SYNOPT_MAX);
		ck_assert_uint_eq(len % 4, 0);
		ck_assert(parse(buf, len, &out));
		ck_assert_uint_eq(out.mss, 1460);
		ck_assert_int_eq(out.wscale_ok, in.wscale_ok);
		ck_assert_uint_eq(out.wscale, in.wscale_ok ? 7 : 0);
		ck_assert_int_eq(out.sack_ok, in.sack_ok);
		ck_assert_int_eq(out.ts_ok, in.ts_ok);
		ck_assert_uint_eq(out.tsval, in.ts_ok ? 0x01020304 : 0);
	}
	in.wscale_ok = in.sack_ok = in.ts_ok = true;
	ck_assert_uint_eq(lbvs_synopt_put(buf, &in), sizeof(linux_syn));
	ck_assert_mem_eq(buf, linux_syn, sizeof(linux_syn));
}
END_TEST

/* Wrong lengths are ignored; a shift above 14 is 14; EOL ends the list. */
START_TEST(parse_odd)
{
	static const u8 odd[] = { 2, 3, 0, 1, 3, 3, 20, 4, 3, 0, 8, 10, 1, 2, 3, 4, 5, 6, 7, 8,
				  0, 2, 4, 5, 0 };
	struct lbvs_syn_opts o;

	ck_assert(parse(odd, sizeof(odd), &o));
	ck_assert_uint_eq(o.mss, 0);
	ck_assert(o.wscale_ok);
	ck_assert_uint_eq(o.wscale, 14);
	ck_assert(!o.sack_ok);
	ck_assert(o.ts_ok);
	ck_assert_uint_eq(o.tsecr, 0x05060708);
	ck_assert(parse(odd, 0, &o));
	ck_assert(!o.ts_ok && !o.mss);
}
END_TEST

START_TEST(parse_malformed)
{
	static const u8 past_end[] = { 2, 4, 0x05, 0xb4, 8, 10, 1, 2 };
	static const u8 zero_len[] = { 1, 1, 30, 0, 1, 1 };
	static const u8 lone_kind[] = { 1, 1, 1, 2 };
	struct lbvs_syn_opts o;

	ck_assert(!parse(past_end, sizeof(past_end), &o));
	ck_assert(!parse(zero_len, sizeof(zero_len), &o));
	ck_assert(!parse(lone_kind, sizeof(lone_kind), &o));
}
END_TEST

int main(void)
{
	return UNIT_RUN("synopt", "core", parse_linux_syn, put_round_trip, parse_odd,
			parse_malformed);
}
