// SPDX-License-Identifier: GPL-2.0
/*
 * Sequence space translation; the rules are in seqadj.h.
 */
#include "seqadj.h"
#include "tcpopt.h"

#define TH_SEQ		4
#define TH_ACK		8
#define TH_FLAGS	13
#define TH_WIN		14
#define TH_LEN		20
#define FLAG_ACK	0x10

#define OPT_SACK	5
#define OPT_TS		8
#define OLEN_TS		10
#define SACK_BLOCK	8

static void add_be32(u8 *p, u32 d)
{
	lbvs_put_be32(p, lbvs_get_be32(p) + d);
}

/* The SACK option's blocks (begin, end pairs), each edge plus d. */
static void sack_add(u8 *opts, unsigned int len, u32 d)
{
	int off = lbvs_tcpopt_find(opts, len, OPT_SACK, 0);
	unsigned int olen, i;

	if (off < 0)
		return;
	olen = opts[off + 1];
	if (olen < 2 + SACK_BLOCK || (olen - 2) % SACK_BLOCK)
		return;
	for (i = 2; i < olen; i += 4)
		add_be32(opts + off + i, d);
}

/* The timestamp option's value (at 2) or echo (at 6), plus d. */
static void ts_add(u8 *opts, unsigned int len, unsigned int at, u32 d)
{
	int off;

	if (!d)
		return;
	off = lbvs_tcpopt_find(opts, len, OPT_TS, OLEN_TS);
	if (off >= 0)
		add_be32(opts + off + at, d);
}

/* Rounded down: never more room than the server gave. */
static u16 rescale(u16 win, const struct lbvs_seqadj *a)
{
	u64 bytes = (u64)win << a->srv_wscale;

	bytes >>= a->own_wscale;
	return bytes > 0xffff ? 0xffff : (u16)bytes;
}

void lbvs_seqadj_to_client(u8 *th, unsigned int hdrlen, const struct lbvs_seqadj *a)
{
	add_be32(th + TH_SEQ, -a->seq);
	if (a->srv_wscale != a->own_wscale)
		lbvs_put_be16(th + TH_WIN, rescale(lbvs_get_be16(th + TH_WIN), a));
	if (hdrlen > TH_LEN)
		ts_add(th + TH_LEN, hdrlen - TH_LEN, 2, -a->ts);
}

void lbvs_seqadj_to_server(u8 *th, unsigned int hdrlen, const struct lbvs_seqadj *a)
{
	/* Without ACK, the ACK field and the echo mean nothing. */
	if (!(th[TH_FLAGS] & FLAG_ACK))
		return;
	add_be32(th + TH_ACK, a->seq);
	if (hdrlen <= TH_LEN)
		return;
	sack_add(th + TH_LEN, hdrlen - TH_LEN, a->seq);
	ts_add(th + TH_LEN, hdrlen - TH_LEN, 6, a->ts);
}

void lbvs_seqadj_quote(u8 *th, unsigned int len, const struct lbvs_seqadj *a, bool to_server)
{
	if (to_server)
		add_be32(th + TH_SEQ, a->seq);
	else if (len > TH_FLAGS && (th[TH_FLAGS] & FLAG_ACK))
		add_be32(th + TH_ACK, -a->seq);
}
