// SPDX-License-Identifier: GPL-2.0
/*
 * IPVS sync protocol version 1: encoder and decoder (see sync_msg.h).
 * Written from the layout and the receiver's checks in IPVS's
 * ip_vs_sync.c, so that what an IPVS backup would apply, skip or drop,
 * lbvs applies, skips or drops too.
 */
#include "sync_msg.h"

#include <linux/lbvs.h>

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/in.h>
#else
#include <errno.h>
#include <netinet/in.h>
#endif

static unsigned int alen(const struct lbvs_sync_conn *sc)
{
	return sc->v6 ? 16 : 4;
}

size_t lbvs_sync_conn_size(const struct lbvs_sync_conn *sc)
{
	size_t len = sc->v6 ? LBVS_SYNC_V6_LEN : LBVS_SYNC_V4_LEN;

	if (sc->has_seq)
		len += 2 + LBVS_SYNC_SEQ_LEN;
	if (sc->pe_data_len)
		len += 2 + sc->pe_data_len;
	if (sc->pe_name_len)
		len += 2 + sc->pe_name_len;
	if (sc->has_fnat)
		len += 2 + alen(sc) + 2;
	return len;
}

void lbvs_sync_msg_init(struct lbvs_sync_buf *b, u8 *mem, size_t cap,
			u8 syncid)
{
	b->buf = mem;
	b->cap = cap;
	b->len = 0;
	b->nr_conns = 0;
	if (cap < LBVS_SYNC_HDR_LEN)
		return;
	/* Byte 0 stays 0 so that a version 0 receiver sees no entries. */
	memset(mem, 0, LBVS_SYNC_HDR_LEN);
	mem[1] = syncid;
	mem[5] = LBVS_SYNC_VERSION;
	b->len = LBVS_SYNC_HDR_LEN;
}

static u8 *put_seq(u8 *p, const struct lbvs_sync_seq *s)
{
	lbvs_put_be32(p, s->init_seq);
	lbvs_put_be32(p + 4, s->delta);
	lbvs_put_be32(p + 8, s->previous_delta);
	return p + 12;
}

int lbvs_sync_msg_add(struct lbvs_sync_buf *b, const struct lbvs_sync_conn *sc)
{
	size_t len = lbvs_sync_conn_size(sc);
	/* IPVS pads the previous entry only when another one follows. */
	size_t pad = (4 - (b->len & 3)) & 3;
	unsigned int al = alen(sc);
	u8 *p;

	if (b->len < LBVS_SYNC_HDR_LEN || len > LBVS_SYNC_ENTRY_MAX ||
	    sc->pe_name_len > LBVS_SYNC_PE_NAME_MAX)
		return -EINVAL;
	if (b->nr_conns == LBVS_SYNC_MAX_CONNS ||
	    len + pad > b->cap - b->len)
		return -ENOSPC;

	p = b->buf + b->len;
	memset(p, 0, pad);
	p += pad;
	p[0] = sc->v6 ? LBVS_SYNC_TYPE_V6 : 0;
	p[1] = sc->protocol;
	lbvs_put_be16(p + 2, len);		/* entry version 0 in the top 4 bits */
	/* HASHED is the sender's local bookkeeping; IPVS clears it too. */
	lbvs_put_be32(p + 4, sc->flags & ~LBVS_SYNC_F_HASHED);
	lbvs_put_be16(p + 8, sc->state);
	lbvs_put_be16(p + 10, sc->cport);
	lbvs_put_be16(p + 12, sc->vport);
	lbvs_put_be16(p + 14, sc->dport);
	lbvs_put_be32(p + 16, sc->fwmark);
	lbvs_put_be32(p + 20, sc->timeout);
	p += 24;
	memcpy(p, sc->caddr, al);
	memcpy(p + al, sc->vaddr, al);
	memcpy(p + 2 * al, sc->daddr, al);
	p += 3 * al;
	if (sc->has_seq) {
		*p++ = LBVS_SYNC_OPT_SEQ;
		*p++ = LBVS_SYNC_SEQ_LEN;
		p = put_seq(p, &sc->in_seq);
		p = put_seq(p, &sc->out_seq);
	}
	if (sc->pe_data_len) {
		*p++ = LBVS_SYNC_OPT_PE_DATA;
		*p++ = sc->pe_data_len;
		memcpy(p, sc->pe_data, sc->pe_data_len);
		p += sc->pe_data_len;
	}
	if (sc->pe_name_len) {
		*p++ = LBVS_SYNC_OPT_PE_NAME;
		*p++ = sc->pe_name_len;
		memcpy(p, sc->pe_name, sc->pe_name_len);
		p += sc->pe_name_len;
	}
	if (sc->has_fnat) {
		*p++ = LBVS_SYNC_OPT_FNAT;
		*p++ = al + 2;
		memcpy(p, sc->laddr, al);
		lbvs_put_be16(p + al, sc->lport);
	}
	b->len += pad + len;
	b->nr_conns++;
	return 0;
}

size_t lbvs_sync_msg_finish(struct lbvs_sync_buf *b)
{
	if (b->len < LBVS_SYNC_HDR_LEN)
		return 0;
	lbvs_put_be16(b->buf + 2, b->len);
	b->buf[4] = b->nr_conns;
	return b->len;
}

/* Return values of decode_entry() besides 0 and the fatal -reasons. */
#define ENTRY_SKIP	1

static void get_seq(const u8 *p, struct lbvs_sync_seq *s)
{
	s->init_seq = lbvs_get_be32(p);
	s->delta = lbvs_get_be32(p + 4);
	s->previous_delta = lbvs_get_be32(p + 8);
}

/* ip_vs_sync_validate_flags(): such entries would match the wrong flows. */
static bool flags_ok(u32 flags)
{
	if ((flags & LBVS_SYNC_F_NO_CPORT) && (flags & LBVS_SYNC_F_TEMPLATE))
		return false;
	return !(flags & LBVS_SYNC_F_ONE_PACKET);
}

/*
 * IPVS refuses states its protocol does not have. lbvs knows TCP and UDP
 * only: IPVS's SCTP, AH and ESP entries are skipped, not fatal.
 */
static bool state_ok(u8 protocol, u32 flags, u16 state)
{
	if (flags & LBVS_SYNC_F_TEMPLATE)
		return state < LBVS_SYNC_TPL_S_LAST;
	if (protocol == IPPROTO_TCP)
		return state < LBVS_SYNC_TCP_S_LAST;
	if (protocol == IPPROTO_UDP)
		return state < LBVS_SYNC_UDP_S_LAST;
	return false;
}

/* p..end is one entry without its padding, end within the message. */
static int decode_entry(const u8 *p, const u8 *end, struct lbvs_sync_conn *sc)
{
	unsigned int al;

	memset(sc, 0, sizeof(*sc));
	/* IPVS takes any type with bit 0 set as IPv6; others but 0 are fatal. */
	if (p[0] & LBVS_SYNC_TYPE_V6)
		sc->v6 = true;
	else if (p[0])
		return -LBVS_SYNC_E_TYPE;
	al = alen(sc);
	if (end - p < (sc->v6 ? LBVS_SYNC_V6_LEN : LBVS_SYNC_V4_LEN))
		return -LBVS_SYNC_E_TRUNC;
	sc->protocol = p[1];
	sc->flags = lbvs_get_be32(p + 4);
	sc->state = lbvs_get_be16(p + 8);
	sc->cport = lbvs_get_be16(p + 10);
	sc->vport = lbvs_get_be16(p + 12);
	sc->dport = lbvs_get_be16(p + 14);
	sc->fwmark = lbvs_get_be32(p + 16);
	sc->timeout = lbvs_get_be32(p + 20);
	memcpy(sc->caddr, p + 24, al);
	memcpy(sc->vaddr, p + 24 + al, al);
	memcpy(sc->daddr, p + 24 + 2 * al, al);
	p += 24 + 3 * al;

	while (p < end) {
		u8 type, plen;

		if (end - p < 2)
			return -LBVS_SYNC_E_OPT;
		type = p[0];
		plen = p[1];
		p += 2;
		if (!plen || plen > end - p)
			return -LBVS_SYNC_E_OPT;
		switch (type & ~LBVS_SYNC_OPT_F_PARAM) {
		case LBVS_SYNC_OPT_SEQ:
			if (plen != LBVS_SYNC_SEQ_LEN || sc->has_seq)
				return -LBVS_SYNC_E_OPT_VAL;
			get_seq(p, &sc->in_seq);
			get_seq(p + 12, &sc->out_seq);
			sc->has_seq = true;
			break;
		case LBVS_SYNC_OPT_PE_DATA:
			/* A u8 length cannot exceed IP_VS_PEDATA_MAXLEN. */
			if (sc->pe_data)
				return -LBVS_SYNC_E_OPT_VAL;
			sc->pe_data = p;
			sc->pe_data_len = plen;
			break;
		case LBVS_SYNC_OPT_PE_NAME:
			if (plen > LBVS_SYNC_PE_NAME_MAX || sc->pe_name)
				return -LBVS_SYNC_E_OPT_VAL;
			sc->pe_name = p;
			sc->pe_name_len = plen;
			break;
		case LBVS_SYNC_OPT_FNAT & ~LBVS_SYNC_OPT_F_PARAM:
			if (plen != al + 2 || sc->has_fnat)
				return -LBVS_SYNC_E_OPT_VAL;
			memcpy(sc->laddr, p, al);
			sc->lport = lbvs_get_be16(p + al);
			sc->has_fnat = true;
			break;
		default:
			/* IPVS stops reading the entry at the first one. */
			if (!(type & LBVS_SYNC_OPT_F_PARAM))
				return ENTRY_SKIP;
		}
		p += plen;
	}
	if (!flags_ok(sc->flags) || !state_ok(sc->protocol, sc->flags, sc->state))
		return ENTRY_SKIP;
	return 0;
}

void lbvs_sync_decode(const u8 *msg, size_t len, u8 syncid,
		      lbvs_sync_cb_t cb, void *arg,
		      struct lbvs_sync_result *res)
{
	struct lbvs_sync_conn sc;
	unsigned int i, nr;
	size_t off, size;

	memset(res, 0, sizeof(*res));
	/* Version 0's header is 4 bytes: IPVS needs only that much here. */
	if (len < 4) {
		res->reason = LBVS_SYNC_E_SHORT;
		return;
	}
	if (lbvs_get_be16(msg + 2) != len) {
		res->reason = LBVS_SYNC_E_SIZE;
		return;
	}
	if (syncid && msg[1] != syncid) {
		res->reason = LBVS_SYNC_E_SYNCID;
		return;
	}
	/*
	 * IPVS takes anything else for version 0, whose entries carry no
	 * timeout nor IPv6: lbvs does not speak it.
	 */
	if (len < LBVS_SYNC_HDR_LEN || msg[0] || msg[5] != LBVS_SYNC_VERSION ||
	    msg[6] || msg[7]) {
		res->reason = LBVS_SYNC_E_V0;
		return;
	}
	nr = msg[4];
	off = LBVS_SYNC_HDR_LEN;
	res->end = off;
	for (i = 0; i < nr; i++) {
		int rc;

		/* IPVS wants a whole IPv4 entry's room even for IPv6. */
		if (off > len || len - off < LBVS_SYNC_V4_LEN) {
			res->reason = LBVS_SYNC_E_TRUNC;
			return;
		}
		size = lbvs_get_be16(msg + off + 2) & LBVS_SYNC_ENTRY_MAX;
		if (size > len - off) {
			res->reason = LBVS_SYNC_E_TRUNC;
			return;
		}
		if (lbvs_get_be16(msg + off + 2) >> 12) {
			res->reason = LBVS_SYNC_E_ENTRY_VER;
			return;
		}
		rc = decode_entry(msg + off, msg + off + size, &sc);
		if (rc < 0) {
			res->reason = -rc;
			return;
		}
		if (rc == ENTRY_SKIP) {
			res->skipped++;
		} else {
			res->delivered++;
			cb(arg, &sc);
		}
		res->end = off + size;
		off += (size + 3) & ~(size_t)3;
	}
}

/*
 * lbvs's TCP states are IPVS's, in IPVS's order (lbvs_conn_state was laid
 * out so); the tables still spell each one out so that a reordering of
 * either enum shows here.
 */
static const u8 tcp_from_ipvs[LBVS_SYNC_TCP_S_LAST] = {
	LBVS_S_NONE, LBVS_S_ESTABLISHED, LBVS_S_SYN_SENT, LBVS_S_SYN_RECV,
	LBVS_S_FIN_WAIT, LBVS_S_TIME_WAIT, LBVS_S_CLOSE, LBVS_S_CLOSE_WAIT,
	LBVS_S_LAST_ACK, LBVS_S_LISTEN, LBVS_S_SYNACK,
};

static const u16 to_ipvs[__LBVS_S_MAX] = {
	[LBVS_S_NONE] = 0,
	[LBVS_S_ESTABLISHED] = 1,
	[LBVS_S_SYN_SENT] = 2,
	[LBVS_S_SYN_RECV] = 3,
	[LBVS_S_FIN_WAIT] = 4,
	[LBVS_S_TIME_WAIT] = 5,
	[LBVS_S_CLOSE] = 6,
	[LBVS_S_CLOSE_WAIT] = 7,
	[LBVS_S_LAST_ACK] = 8,
	[LBVS_S_LISTEN] = 9,
	[LBVS_S_SYNACK] = 10,
	/* Mismatch: IPVS's UDP has one state, NORMAL, of its own numbering. */
	[LBVS_S_UDP] = LBVS_SYNC_UDP_S_NORMAL,
	/* Mismatch: IPVS keeps no ICMP connections, so nothing to sync. */
	[LBVS_S_ICMP] = LBVS_SYNC_NO_STATE,
};

int lbvs_sync_state_from_ipvs(u8 protocol, u16 state)
{
	if (protocol == IPPROTO_TCP && state < LBVS_SYNC_TCP_S_LAST)
		return tcp_from_ipvs[state];
	/* Mismatch: lbvs's UDP state is a value of the shared enum. */
	if (protocol == IPPROTO_UDP && state == LBVS_SYNC_UDP_S_NORMAL)
		return LBVS_S_UDP;
	return -1;
}

u16 lbvs_sync_state_to_ipvs(u8 protocol, u8 state)
{
	if (state >= __LBVS_S_MAX)
		return LBVS_SYNC_NO_STATE;
	/* A TCP state on a UDP flow, or the reverse, has no IPVS number. */
	if (protocol == IPPROTO_UDP)
		return state == LBVS_S_UDP ? to_ipvs[state] : LBVS_SYNC_NO_STATE;
	if (protocol == IPPROTO_TCP && state <= LBVS_S_SYNACK)
		return to_ipvs[state];
	return LBVS_SYNC_NO_STATE;
}
