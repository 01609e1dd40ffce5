// SPDX-License-Identifier: GPL-2.0
/*
 * The SYN proxy's sequence space translation (kmod/seqadj.c) on TCP
 * headers built by hand.
 */
#include "unit.h"
#include <stdlib.h>

#include "seqadj.h"

#define HDR	52	/* 20 + NOP NOP TS(10) NOP NOP SACK(18) */
#define O_TS	(20 + 2)
#define O_SACK	(20 + 14)

/* seq 1000, ack 2000, flags f, window 1000; TS 111/222; SACK 2 blocks. */
static u8 *segment(u8 flags)
{
	u8 *th = calloc(1, HDR);	/* exact size: ASan sees any overrun */

	lbvs_put_be16(th, 40000);
	lbvs_put_be16(th + 2, 80);
	lbvs_put_be32(th + 4, 1000);
	lbvs_put_be32(th + 8, 2000);
	th[12] = (HDR / 4) << 4;
	th[13] = flags;
	lbvs_put_be16(th + 14, 1000);
	th[20] = 1;
	th[21] = 1;
	th[O_TS] = 8;
	th[O_TS + 1] = 10;
	lbvs_put_be32(th + O_TS + 2, 111);
	lbvs_put_be32(th + O_TS + 6, 222);
	th[O_TS + 10] = 1;
	th[O_TS + 11] = 1;
	th[O_SACK] = 5;
	th[O_SACK + 1] = 18;
	lbvs_put_be32(th + O_SACK + 2, 3000);
	lbvs_put_be32(th + O_SACK + 6, 3100);
	lbvs_put_be32(th + O_SACK + 10, 0xfffffff0U);
	lbvs_put_be32(th + O_SACK + 14, 0x10);
	return th;
}

#define BE32(th, off) lbvs_get_be32((th) + (off))

static const struct lbvs_seqadj adj = { .seq = 0x80000010U, .ts = 5000, .srv_wscale = 7,
					.own_wscale = 7 };

START_TEST(client_to_server)
{
	u8 *th = segment(0x10);

	lbvs_seqadj_to_server(th, HDR, &adj);
	ck_assert_uint_eq(BE32(th, 4), 1000);
	ck_assert_uint_eq(BE32(th, 8), 2000 + 0x80000010U);
	ck_assert_uint_eq(BE32(th, O_TS + 2), 111);
	ck_assert_uint_eq(BE32(th, O_TS + 6), 222 + 5000);
	ck_assert_uint_eq(BE32(th, O_SACK + 2), 3000 + 0x80000010U);
	ck_assert_uint_eq(BE32(th, O_SACK + 6), 3100 + 0x80000010U);
	/* Edges wrap like sequence numbers. */
	ck_assert_uint_eq(BE32(th, O_SACK + 10), 0x80000000U);
	ck_assert_uint_eq(BE32(th, O_SACK + 14), 0x80000020U);
	ck_assert_uint_eq(lbvs_get_be16(th + 14), 1000);
	free(th);
}
END_TEST

/* A SYN or a bare RST of the client's: nothing to move. */
START_TEST(client_without_ack)
{
	u8 *th = segment(0x04), *want = segment(0x04);

	lbvs_seqadj_to_server(th, HDR, &adj);
	ck_assert_mem_eq(th, want, HDR);
	free(th);
	free(want);
}
END_TEST

START_TEST(server_to_client)
{
	u8 *th = segment(0x18), *want = segment(0x18);

	lbvs_seqadj_to_client(th, HDR, &adj);
	ck_assert_uint_eq(BE32(th, 4), 1000 - 0x80000010U);
	ck_assert_uint_eq(BE32(th, O_TS + 2), (u32)(111 - 5000));
	/* ACK, echo and SACK are the client's own numbers. */
	lbvs_put_be32(th + 4, 1000);
	lbvs_put_be32(th + O_TS + 2, 111);
	ck_assert_mem_eq(th, want, HDR);
	free(th);
	free(want);
}
END_TEST

/* What the client acks of the server's data is what the server sent. */
START_TEST(round_trip)
{
	u8 *s = segment(0x18), *c = segment(0x10);

	lbvs_seqadj_to_client(s, HDR, &adj);
	lbvs_put_be32(c + 8, BE32(s, 4) + 100);
	lbvs_put_be32(c + O_TS + 6, BE32(s, O_TS + 2));
	lbvs_seqadj_to_server(c, HDR, &adj);
	ck_assert_uint_eq(BE32(c, 8), 1000 + 100);
	ck_assert_uint_eq(BE32(c, O_TS + 6), 111);
	free(s);
	free(c);
}
END_TEST

static u16 window_after(u8 srv, u8 own, u16 win)
{
	struct lbvs_seqadj a = { .srv_wscale = srv, .own_wscale = own };
	u8 *th = segment(0x10);
	u16 w;

	lbvs_put_be16(th + 14, win);
	lbvs_seqadj_to_client(th, HDR, &a);
	w = lbvs_get_be16(th + 14);
	free(th);
	return w;
}

START_TEST(window_rescale)
{
	ck_assert_uint_eq(window_after(7, 7, 1234), 1234);
	ck_assert_uint_eq(window_after(9, 7, 1000), 4000);
	ck_assert_uint_eq(window_after(9, 7, 0x4000), 0xffff);
	ck_assert_uint_eq(window_after(14, 0, 0xffff), 0xffff);
	/* Down: rounded down, never more than the server offered. */
	ck_assert_uint_eq(window_after(2, 7, 1000), 31);
	ck_assert_uint_eq(window_after(2, 7, 1023), 31);
	ck_assert_uint_eq(window_after(0, 14, 0xffff), 3);
	ck_assert_uint_eq(window_after(7, 7, 0), 0);
}
END_TEST

/* Options the walk refuses stay as they were; seq and ACK still move. */
START_TEST(bad_options)
{
	u8 *th = segment(0x10), *want;

	th[O_SACK + 1] = 17;	/* not 2 + 8n, still inside the list */
	want = malloc(HDR);
	memcpy(want, th, HDR);
	lbvs_seqadj_to_server(th, HDR, &adj);
	ck_assert_mem_eq(th + O_SACK, want + O_SACK, 18);
	ck_assert_uint_eq(BE32(th, O_TS + 6), 222 + 5000);

	memcpy(th, want, HDR);
	th[O_TS + 1] = 60;	/* runs past the list: the walk stops */
	lbvs_seqadj_to_server(th, HDR, &adj);
	ck_assert_uint_eq(BE32(th, 8), 2000 + 0x80000010U);
	ck_assert_mem_eq(th + 20, want + 20, O_TS + 1 - 20);
	ck_assert_mem_eq(th + O_TS + 2, want + O_TS + 2, HDR - O_TS - 2);
	free(th);
	free(want);
}
END_TEST

/* No options at all: a 20-byte header. */
START_TEST(bare_header)
{
	u8 *th = calloc(1, 20);

	th[12] = 5 << 4;
	th[13] = 0x10;
	lbvs_put_be32(th + 4, 7);
	lbvs_put_be32(th + 8, 9);
	lbvs_seqadj_to_server(th, 20, &adj);
	lbvs_seqadj_to_client(th, 20, &adj);
	ck_assert_uint_eq(BE32(th, 4), 7 - 0x80000010U);
	ck_assert_uint_eq(BE32(th, 8), 9 + 0x80000010U);
	free(th);
}
END_TEST

/*
 * An ICMP error's quote undoes what the director did to the quoted
 * segment, in as many bytes as were quoted (8: no ACK field).
 */
START_TEST(icmp_quote)
{
	u8 *s = segment(0x18), *c = segment(0x10), *q = calloc(1, 8);

	lbvs_seqadj_to_client(s, HDR, &adj);
	lbvs_seqadj_quote(s, HDR, &adj, true);
	ck_assert_uint_eq(BE32(s, 4), 1000);
	ck_assert_uint_eq(BE32(s, 8), 2000);
	lbvs_seqadj_to_server(c, HDR, &adj);
	lbvs_seqadj_quote(c, 20, &adj, false);
	ck_assert_uint_eq(BE32(c, 4), 1000);
	ck_assert_uint_eq(BE32(c, 8), 2000);
	lbvs_put_be32(q + 4, 1000);
	lbvs_seqadj_quote(q, 8, &adj, true);
	ck_assert_uint_eq(BE32(q, 4), 1000 + 0x80000010U);
	lbvs_seqadj_quote(q, 8, &adj, false);
	ck_assert_uint_eq(BE32(q, 4), 1000 + 0x80000010U);
	free(s);
	free(c);
	free(q);
}
END_TEST

int main(void)
{
	return UNIT_RUN("seqadj", "core", client_to_server, client_without_ack, server_to_client,
			round_trip, window_rescale, bad_options, bare_header, icmp_quote);
}
