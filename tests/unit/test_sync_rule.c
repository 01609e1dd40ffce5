// SPDX-License-Identifier: GPL-2.0
/*
 * When a sync master sends a connection again (kmod/sync_rule.c), against
 * what IPVS's ip_vs_sync_conn_needed() does with the same count.
 */
#include "unit.h"

#include "sync_rule.h"

/* IPVS: pkts counts from 1 without bound; due when pkts % P == T (P 0: ==). */
static int ipvs_due(unsigned int pkts, unsigned int t, unsigned int p)
{
	return p ? pkts % p == t : pkts == t;
}

/* Each valid pair, 600 packets: due at exactly IPVS's packets. */
START_TEST(as_ipvs)
{
	static const unsigned int pairs[][2] = {
		{ 3, 50 }, { 0, 1 }, { 0, 50 }, { 49, 50 }, { 1, 2 }, { 254, 255 },
		{ 3, 0 }, { 0, 0 }, { 254, 0 }, { 7, 255 },
	};
	unsigned int i, k;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		unsigned int t = pairs[i][0], p = pairs[i][1];
		u8 n = 0;

		ck_assert(lbvs_sync_threshold_valid(t, p));
		for (k = 1; k <= 600; k++)
			ck_assert_msg(lbvs_sync_pkts_step(&n, t, p) == ipvs_due(k, t, p),
				      "\"%u %u\", packet %u", t, p, k);
	}
}
END_TEST

/* A count from a longer period goes on within the shorter one. */
START_TEST(period_shrinks)
{
	u8 n = 0;
	unsigned int k, due = 0;

	for (k = 0; k < 40; k++)
		lbvs_sync_pkts_step(&n, 3, 50);
	ck_assert_uint_eq(n, 40);
	for (k = 0; k < 100; k++)
		due += lbvs_sync_pkts_step(&n, 3, 10);
	ck_assert_uint_eq(due, 10);
	ck_assert_uint_lt(n, 10);
}
END_TEST

/* IPVS's refusals, and the period's bound of a one-byte count. */
START_TEST(valid)
{
	ck_assert(!lbvs_sync_threshold_valid(-1, 50));
	ck_assert(!lbvs_sync_threshold_valid(3, -1));
	ck_assert(!lbvs_sync_threshold_valid(50, 50));
	ck_assert(!lbvs_sync_threshold_valid(60, 50));
	ck_assert(!lbvs_sync_threshold_valid(3, 256));
	ck_assert(!lbvs_sync_threshold_valid(255, 0));
	ck_assert(!lbvs_sync_threshold_valid(1000, 0));	/* IPVS takes it */
}
END_TEST

/* A deadline moved within a slot: nothing; across one: due, once. */
START_TEST(slots)
{
	const u32 period = 1000;
	u32 e, due = 0;

	ck_assert(!lbvs_sync_slot_changed(100, 200, period, 0));
	ck_assert(lbvs_sync_slot_changed(900, 1100, period, 0));
	/* The phase moves the boundary: port 32768 is half a period on. */
	ck_assert(!lbvs_sync_slot_changed(900, 1100, period, 32768));
	ck_assert(lbvs_sync_slot_changed(1400, 1600, period, 32768));
	/* A deadline pushed by 10 each step for 10 periods: 10 resends. */
	for (e = 5000; e < 15000; e += 10)
		due += lbvs_sync_slot_changed(e, e + 10, period, 4321);
	ck_assert_uint_eq(due, 10);
	/* Across the wrap of 32-bit jiffies too. */
	ck_assert(lbvs_sync_slot_changed(0xfffffff0U, 0x10, 16, 0));
}
END_TEST

int main(void)
{
	return UNIT_RUN("sync_rule", "core", as_ipvs, period_shrinks, valid, slots);
}
