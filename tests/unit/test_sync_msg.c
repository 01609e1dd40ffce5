// SPDX-License-Identifier: GPL-2.0
/*
 * IPVS sync protocol v1 codec (kmod/sync_msg.c) in userspace. The golden
 * messages are written by hand from IPVS's struct ip_vs_sync_mesg and
 * struct ip_vs_sync_v4/v6 (net/netfilter/ipvs/ip_vs_sync.c, Linux 6.1), not
 * produced by our encoder, so that encoder and decoder are both checked
 * against IPVS's layout rather than against each other.
 */
#include "unit.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <netinet/in.h>

#include <linux/lbvs.h>
#include "sync_msg.h"

#define MAXC 8

struct got {
	unsigned int n;
	struct lbvs_sync_conn c[MAXC];
};

static void collect(void *arg, const struct lbvs_sync_conn *sc)
{
	struct got *g = arg;

	if (g->n < MAXC)
		g->c[g->n] = *sc;
	g->n++;
}

/* Decode from a heap copy of exactly len bytes: ASan sees any overread. */
static void decode(const u8 *msg, size_t len, u8 syncid, struct got *g,
		   struct lbvs_sync_result *res)
{
	u8 *copy = malloc(len ? len : 1);

	memcpy(copy, msg, len);
	memset(g, 0, sizeof(*g));
	lbvs_sync_decode(copy, len, syncid, collect, g, res);
	free(copy);
}

static void conn_v4_tcp(struct lbvs_sync_conn *c)
{
	static const u8 ca[4] = { 192, 0, 2, 1 }, va[4] = { 203, 0, 113, 100 },
		     da[4] = { 10, 0, 0, 11 };

	memset(c, 0, sizeof(*c));
	c->protocol = IPPROTO_TCP;
	c->flags = 0;		/* IP_VS_CONN_F_MASQ */
	c->state = 1;		/* IP_VS_TCP_S_ESTABLISHED */
	c->cport = 40000;
	c->vport = 80;
	c->dport = 8080;
	c->timeout = 900;
	memcpy(c->caddr, ca, 4);
	memcpy(c->vaddr, va, 4);
	memcpy(c->daddr, da, 4);
}

/* Header, then one IPv4 TCP entry (struct ip_vs_sync_v4, 36 bytes). */
static const u8 golden_v4[] = {
	0x00,			/* reserved: 0, so v0 receivers see 0 conns */
	0x07,			/* syncid 7 */
	0x00, 0x2c,		/* size: 8 header + 36 entry = 44 */
	0x01,			/* nr_conns 1 */
	0x01,			/* version: SYNC_PROTO_VER 1 */
	0x00, 0x00,		/* spare: must be 0 for IPVS to take v1 */
	0x00,			/* type: IPv4 (STYPE_F_INET6 clear) */
	0x06,			/* protocol: IPPROTO_TCP */
	0x00, 0x24,		/* ver_size: version 0 << 12 | size 36 */
	0x00, 0x00, 0x00, 0x00,	/* flags: IP_VS_CONN_F_MASQ (HASHED cleared) */
	0x00, 0x01,		/* state: IP_VS_TCP_S_ESTABLISHED */
	0x9c, 0x40,		/* cport 40000 */
	0x00, 0x50,		/* vport 80 */
	0x1f, 0x90,		/* dport 8080 */
	0x00, 0x00, 0x00, 0x00,	/* fwmark 0 */
	0x00, 0x00, 0x03, 0x84,	/* timeout 900 s */
	192, 0, 2, 1,		/* caddr 192.0.2.1 */
	203, 0, 113, 100,	/* vaddr 203.0.113.100 */
	10, 0, 0, 11,		/* daddr 10.0.0.11 */
};

static void conn_v6_udp(struct lbvs_sync_conn *c)
{
	static const u8 ca[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x01 },
		     va[16] = { 0x20, 0x01, 0x0d, 0xb8, [14] = 0x01 },
		     da[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 0x11 };

	memset(c, 0, sizeof(*c));
	c->v6 = true;
	c->protocol = IPPROTO_UDP;
	c->flags = 3;		/* IP_VS_CONN_F_DROUTE */
	c->state = 0;		/* IP_VS_UDP_S_NORMAL */
	c->cport = 53000;
	c->vport = 53;
	c->dport = 53;
	c->fwmark = 0x10;
	c->timeout = 300;
	memcpy(c->caddr, ca, 16);
	memcpy(c->vaddr, va, 16);
	memcpy(c->daddr, da, 16);
}

/* Header, one IPv6 UDP entry (struct ip_vs_sync_v6, 72 bytes). */
static const u8 golden_v6[] = {
	0x00, 0x00,		/* reserved 0, syncid 0 */
	0x00, 0x50,		/* size: 8 + 72 = 80 */
	0x01, 0x01, 0x00, 0x00,	/* nr_conns 1, version 1, spare 0 */
	0x01,			/* type: STYPE_F_INET6 */
	0x11,			/* protocol: IPPROTO_UDP */
	0x00, 0x48,		/* ver_size: version 0, size 72 */
	0x00, 0x00, 0x00, 0x03,	/* flags: IP_VS_CONN_F_DROUTE */
	0x00, 0x00,		/* state: IP_VS_UDP_S_NORMAL */
	0xcf, 0x08,		/* cport 53000 */
	0x00, 0x35,		/* vport 53 */
	0x00, 0x35,		/* dport 53 */
	0x00, 0x00, 0x00, 0x10,	/* fwmark 16 */
	0x00, 0x00, 0x01, 0x2c,	/* timeout 300 s */
	/* caddr 2001:db8::1 */
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
	/* vaddr 2001:db8::100 */
	0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0,
	/* daddr 2001:db8:1::11 */
	0x20, 0x01, 0x0d, 0xb8, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x11,
};

static void conn_seq(struct lbvs_sync_conn *c)
{
	conn_v4_tcp(c);
	c->flags = 0x0600;	/* IP_VS_CONN_F_IN_SEQ | IP_VS_CONN_F_OUT_SEQ */
	c->has_seq = true;
	c->in_seq.init_seq = 0x01020304;
	c->in_seq.delta = 8;
	c->out_seq.init_seq = 0xa0b0c0d0;
	c->out_seq.delta = 0xfffffff8;
	c->out_seq.previous_delta = 4;
}

static void conn_tpl(struct lbvs_sync_conn *c)
{
	conn_v4_tcp(c);
	c->flags = 0x1000;	/* IP_VS_CONN_F_TEMPLATE, MASQ */
	c->state = 1;		/* IP_VS_CTPL_S_ASSURED */
	c->cport = 0;		/* persistence on the client address only */
	c->timeout = 360;
}

/*
 * Two entries: one with sequence options (62 bytes, so 2 bytes of padding
 * before the next), then a persistence template.
 */
static const u8 golden_seq_tpl[] = {
	0x00, 0x07,		/* reserved, syncid 7 */
	0x00, 0x6c,		/* size: 8 + 62 + 2 pad + 36 = 108 */
	0x02, 0x01, 0x00, 0x00,	/* nr_conns 2, version 1, spare 0 */
	/* entry 1 */
	0x00, 0x06,		/* type IPv4, IPPROTO_TCP */
	0x00, 0x3e,		/* ver_size: 36 + 2 + 24 = 62, no padding */
	0x00, 0x00, 0x06, 0x00,	/* flags: IN_SEQ | OUT_SEQ */
	0x00, 0x01,		/* state: ESTABLISHED */
	0x9c, 0x40, 0x00, 0x50,	/* cport 40000, vport 80 */
	0x1f, 0x90,		/* dport 8080 */
	0x00, 0x00, 0x00, 0x00,	/* fwmark 0 */
	0x00, 0x00, 0x03, 0x84,	/* timeout 900 */
	192, 0, 2, 1, 203, 0, 113, 100, 10, 0, 0, 11,	/* caddr vaddr daddr */
	0x01,			/* option type IPVS_OPT_SEQ_DATA */
	0x18,			/* option length: two struct ip_vs_seq = 24 */
	0x01, 0x02, 0x03, 0x04,	/* in_seq.init_seq */
	0x00, 0x00, 0x00, 0x08,	/* in_seq.delta 8 */
	0x00, 0x00, 0x00, 0x00,	/* in_seq.previous_delta 0 */
	0xa0, 0xb0, 0xc0, 0xd0,	/* out_seq.init_seq */
	0xff, 0xff, 0xff, 0xf8,	/* out_seq.delta -8 */
	0x00, 0x00, 0x00, 0x04,	/* out_seq.previous_delta 4 */
	0x00, 0x00,		/* pad to 4: entry 2 starts at offset 72 */
	/* entry 2 */
	0x00, 0x06,		/* type IPv4, IPPROTO_TCP */
	0x00, 0x24,		/* ver_size: 36 */
	0x00, 0x00, 0x10, 0x00,	/* flags: IP_VS_CONN_F_TEMPLATE */
	0x00, 0x01,		/* state: IP_VS_CTPL_S_ASSURED */
	0x00, 0x00,		/* cport 0 */
	0x00, 0x50, 0x1f, 0x90,	/* vport 80, dport 8080 */
	0x00, 0x00, 0x00, 0x00,	/* fwmark 0 */
	0x00, 0x00, 0x01, 0x68,	/* timeout 360 */
	192, 0, 2, 1, 203, 0, 113, 100, 10, 0, 0, 11,	/* caddr vaddr daddr */
};

static void conn_fnat(struct lbvs_sync_conn *c)
{
	static const u8 la[4] = { 10, 0, 0, 1 };

	conn_v4_tcp(c);
	c->has_fnat = true;
	memcpy(c->laddr, la, 4);
	c->lport = 1025;
}

/* lbvs's FULLNAT option, skipped by IPVS: 0x40 (optional) | 0x30. */
static const u8 golden_fnat[] = {
	0x00, 0x07, 0x00, 0x34,	/* reserved, syncid 7, size 8 + 44 = 52 */
	0x01, 0x01, 0x00, 0x00,	/* nr_conns 1, version 1, spare 0 */
	0x00, 0x06, 0x00, 0x2c,	/* IPv4, TCP, ver_size 36 + 2 + 6 = 44 */
	0x00, 0x00, 0x00, 0x00,	/* flags MASQ */
	0x00, 0x01, 0x9c, 0x40,	/* state ESTABLISHED, cport 40000 */
	0x00, 0x50, 0x1f, 0x90,	/* vport 80, dport 8080 */
	0x00, 0x00, 0x00, 0x00,	/* fwmark */
	0x00, 0x00, 0x03, 0x84,	/* timeout 900 */
	192, 0, 2, 1, 203, 0, 113, 100, 10, 0, 0, 11,	/* caddr vaddr daddr */
	0x70,			/* LBVS_SYNC_OPT_FNAT */
	0x06,			/* length: laddr 4 + lport 2 */
	10, 0, 0, 1,		/* laddr 10.0.0.1 */
	0x04, 0x01,		/* lport 1025 */
};

static void assert_conn_eq(const struct lbvs_sync_conn *a,
			   const struct lbvs_sync_conn *b)
{
	ck_assert_int_eq(a->v6, b->v6);
	ck_assert_int_eq(a->protocol, b->protocol);
	ck_assert_uint_eq(a->flags, b->flags);
	ck_assert_uint_eq(a->state, b->state);
	ck_assert_uint_eq(a->cport, b->cport);
	ck_assert_uint_eq(a->vport, b->vport);
	ck_assert_uint_eq(a->dport, b->dport);
	ck_assert_uint_eq(a->fwmark, b->fwmark);
	ck_assert_uint_eq(a->timeout, b->timeout);
	ck_assert_mem_eq(a->caddr, b->caddr, 16);
	ck_assert_mem_eq(a->vaddr, b->vaddr, 16);
	ck_assert_mem_eq(a->daddr, b->daddr, 16);
	ck_assert_int_eq(a->has_seq, b->has_seq);
	ck_assert_mem_eq(&a->in_seq, &b->in_seq, sizeof(a->in_seq));
	ck_assert_mem_eq(&a->out_seq, &b->out_seq, sizeof(a->out_seq));
	ck_assert_int_eq(a->has_fnat, b->has_fnat);
	ck_assert_mem_eq(a->laddr, b->laddr, 16);
	ck_assert_uint_eq(a->lport, b->lport);
	ck_assert_uint_eq(a->pe_data_len, b->pe_data_len);
	ck_assert_uint_eq(a->pe_name_len, b->pe_name_len);
}

/* Encode the conns, compare with golden, decode golden back to the conns. */
static void check_golden(const struct lbvs_sync_conn *cs, int n, u8 syncid,
			 const u8 *golden, size_t glen)
{
	struct lbvs_sync_result res;
	struct lbvs_sync_buf b;
	struct got g;
	u8 mem[512];
	int i;

	lbvs_sync_msg_init(&b, mem, sizeof(mem), syncid);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(lbvs_sync_msg_add(&b, &cs[i]), 0);
	ck_assert_uint_eq(lbvs_sync_msg_finish(&b), glen);
	ck_assert_mem_eq(mem, golden, glen);

	decode(golden, glen, syncid, &g, &res);
	ck_assert_int_eq(res.reason, LBVS_SYNC_OK);
	ck_assert_uint_eq(res.delivered, n);
	ck_assert_uint_eq(res.skipped, 0);
	ck_assert_uint_eq(res.end, glen);
	for (i = 0; i < n; i++)
		assert_conn_eq(&g.c[i], &cs[i]);
}

START_TEST(golden_v4_tcp)
{
	struct lbvs_sync_conn c;

	conn_v4_tcp(&c);
	ck_assert_uint_eq(lbvs_sync_conn_size(&c), 36);
	check_golden(&c, 1, 7, golden_v4, sizeof(golden_v4));
	/* HASHED is local: never sent. */
	c.flags |= 0x40;
	{
		struct lbvs_sync_buf b;
		u8 mem[64];

		lbvs_sync_msg_init(&b, mem, sizeof(mem), 7);
		ck_assert_int_eq(lbvs_sync_msg_add(&b, &c), 0);
		lbvs_sync_msg_finish(&b);
		ck_assert_mem_eq(mem, golden_v4, sizeof(golden_v4));
	}
}
END_TEST

START_TEST(golden_v6_udp)
{
	struct lbvs_sync_conn c;

	conn_v6_udp(&c);
	ck_assert_uint_eq(lbvs_sync_conn_size(&c), 72);
	check_golden(&c, 1, 0, golden_v6, sizeof(golden_v6));
}
END_TEST

START_TEST(golden_seq_and_template)
{
	struct lbvs_sync_conn c[2];

	conn_seq(&c[0]);
	conn_tpl(&c[1]);
	ck_assert_uint_eq(lbvs_sync_conn_size(&c[0]), 62);
	check_golden(c, 2, 7, golden_seq_tpl, sizeof(golden_seq_tpl));
}
END_TEST

START_TEST(golden_fullnat)
{
	struct lbvs_sync_conn c;

	conn_fnat(&c);
	check_golden(&c, 1, 7, golden_fnat, sizeof(golden_fnat));
}
END_TEST

/* What IPVS does with unknown options, and so what we must. */
START_TEST(unknown_options)
{
	struct lbvs_sync_result res;
	struct got g;
	u8 m[sizeof(golden_fnat)];

	/* Optional unknown (0x40 set): skipped, the entry is applied. */
	memcpy(m, golden_fnat, sizeof(m));
	m[44] = 0x40 | 0x21;
	decode(m, sizeof(m), 7, &g, &res);
	ck_assert_int_eq(res.reason, LBVS_SYNC_OK);
	ck_assert_uint_eq(res.delivered, 1);
	ck_assert_int_eq(g.c[0].has_fnat, 0);
	/* Mandatory unknown: the entry is dropped, the message is not. */
	m[44] = 0x21;
	decode(m, sizeof(m), 7, &g, &res);
	ck_assert_int_eq(res.reason, LBVS_SYNC_OK);
	ck_assert_uint_eq(res.delivered, 0);
	ck_assert_uint_eq(res.skipped, 1);
	/* 0x41 is SEQ_DATA to IPVS: a 6-byte one is a broken option. */
	m[44] = 0x41;
	decode(m, sizeof(m), 7, &g, &res);
	ck_assert_int_eq(res.reason, LBVS_SYNC_E_OPT_VAL);
	/* Zero length is fatal to the message, as in IPVS. */
	m[44] = 0x70;
	m[45] = 0;
	decode(m, sizeof(m), 7, &g, &res);
	ck_assert_int_eq(res.reason, LBVS_SYNC_E_OPT);
}
END_TEST

START_TEST(refused_messages)
{
	struct lbvs_sync_result res;
	struct got g;
	u8 m[sizeof(golden_v4)];
	/* A version 0 header: nr_conns 1, syncid 7, size 28, one v0 entry. */
	u8 v0[28] = { 0x01, 0x07, 0x00, 0x1c, 0x00, 0x06 };

	decode(v0, sizeof(v0), 0, &g, &res);
	ck_assert_int_eq(res.reason, LBVS_SYNC_E_V0);
	ck_assert_uint_eq(g.n, 0);

	memcpy(m, golden_v4, sizeof(m));
	decode(m, sizeof(m), 8, &g, &res);
	ck_assert_int_eq(res.reason, LBVS_SYNC_E_SYNCID);
	decode(m, sizeof(m) - 1, 7, &g, &res);
	ck_assert_int_eq(res.reason, LBVS_SYNC_E_SIZE);
	decode(m, 3, 7, &g, &res);
	ck_assert_int_eq(res.reason, LBVS_SYNC_E_SHORT);
	m[6] = 1;		/* spare set: IPVS takes it for version 0 */
	decode(m, sizeof(m), 7, &g, &res);
	ck_assert_int_eq(res.reason, LBVS_SYNC_E_V0);
	m[6] = 0;
	m[10] = 0x10;		/* entry version 1 */
	decode(m, sizeof(m), 7, &g, &res);
	ck_assert_int_eq(res.reason, LBVS_SYNC_E_ENTRY_VER);
	m[10] = 0;
	m[8] = 0x02;		/* type neither IPv4 nor IPv6 */
	decode(m, sizeof(m), 7, &g, &res);
	ck_assert_int_eq(res.reason, LBVS_SYNC_E_TYPE);
	m[8] = 0x01;		/* IPv6 in a 36-byte entry */
	decode(m, sizeof(m), 7, &g, &res);
	ck_assert_int_eq(res.reason, LBVS_SYNC_E_TRUNC);
	m[8] = 0;
	m[4] = 2;		/* claims a second entry that is not there */
	decode(m, sizeof(m), 7, &g, &res);
	ck_assert_int_eq(res.reason, LBVS_SYNC_E_TRUNC);
	ck_assert_uint_eq(res.delivered, 1);
}
END_TEST

START_TEST(skipped_entries)
{
	struct lbvs_sync_result res;
	struct got g;
	u8 m[sizeof(golden_v4)];

	memcpy(m, golden_v4, sizeof(m));
	m[17] = 11;		/* past IP_VS_TCP_S_SYNACK */
	decode(m, sizeof(m), 7, &g, &res);
	ck_assert_int_eq(res.reason, LBVS_SYNC_OK);
	ck_assert_uint_eq(res.skipped, 1);
	m[17] = 1;
	m[14] = 0x20;		/* IP_VS_CONN_F_ONE_PACKET is never synced */
	decode(m, sizeof(m), 7, &g, &res);
	ck_assert_uint_eq(res.skipped, 1);
	m[14] = 0;
	m[14] = 0x18;		/* TEMPLATE | NO_CPORT */
	decode(m, sizeof(m), 7, &g, &res);
	ck_assert_uint_eq(res.skipped, 1);
	m[14] = 0;
	m[9] = 132;		/* SCTP: IPVS has it, lbvs does not */
	decode(m, sizeof(m), 7, &g, &res);
	ck_assert_uint_eq(res.skipped, 1);
	ck_assert_uint_eq(res.delivered, 0);
}
END_TEST

START_TEST(encoder_limits)
{
	struct lbvs_sync_conn c;
	struct lbvs_sync_buf b;
	u8 mem[8 + 36 + 36];
	int i;

	conn_v4_tcp(&c);
	lbvs_sync_msg_init(&b, mem, sizeof(mem), 1);
	ck_assert_int_eq(lbvs_sync_msg_add(&b, &c), 0);
	ck_assert_int_eq(lbvs_sync_msg_add(&b, &c), 0);
	ck_assert_int_eq(lbvs_sync_msg_add(&b, &c), -ENOSPC);
	ck_assert_uint_eq(lbvs_sync_msg_finish(&b), sizeof(mem));

	{
		static u8 big[8 + 256 * 36];

		lbvs_sync_msg_init(&b, big, sizeof(big), 1);
		for (i = 0; i < 255; i++)
			ck_assert_int_eq(lbvs_sync_msg_add(&b, &c), 0);
		/* nr_conns is one byte. */
		ck_assert_int_eq(lbvs_sync_msg_add(&b, &c), -ENOSPC);
	}
}
END_TEST

START_TEST(state_tables)
{
	int s;

	for (s = 0; s < 11; s++) {
		int l = lbvs_sync_state_from_ipvs(IPPROTO_TCP, s);

		ck_assert_int_ge(l, 0);
		ck_assert_uint_eq(lbvs_sync_state_to_ipvs(IPPROTO_TCP, l), s);
	}
	ck_assert_int_eq(lbvs_sync_state_from_ipvs(IPPROTO_TCP, 1),
			 LBVS_S_ESTABLISHED);
	ck_assert_int_eq(lbvs_sync_state_from_ipvs(IPPROTO_TCP, 11), -1);
	ck_assert_int_eq(lbvs_sync_state_from_ipvs(IPPROTO_UDP, 0), LBVS_S_UDP);
	ck_assert_int_eq(lbvs_sync_state_from_ipvs(IPPROTO_UDP, 1), -1);
	ck_assert_uint_eq(lbvs_sync_state_to_ipvs(IPPROTO_UDP, LBVS_S_UDP), 0);
	ck_assert_uint_eq(lbvs_sync_state_to_ipvs(IPPROTO_UDP, LBVS_S_ESTABLISHED),
			  LBVS_SYNC_NO_STATE);
	ck_assert_uint_eq(lbvs_sync_state_to_ipvs(IPPROTO_TCP, LBVS_S_UDP),
			  LBVS_SYNC_NO_STATE);
	ck_assert_uint_eq(lbvs_sync_state_to_ipvs(IPPROTO_ICMP, LBVS_S_ICMP),
			  LBVS_SYNC_NO_STATE);
	ck_assert_uint_eq(lbvs_sync_state_to_ipvs(IPPROTO_TCP, 200),
			  LBVS_SYNC_NO_STATE);
}
END_TEST

/* Round trips of random entries, PE options and padding included. */
START_TEST(round_trip)
{
	static const u8 pe_name[] = "sip";
	u8 pe_data[40], mem[4096];
	struct lbvs_sync_conn cs[MAXC];
	struct lbvs_sync_result res;
	struct lbvs_sync_buf b;
	struct got g;
	int iter, i, n;

	srand(1);
	for (i = 0; i < (int)sizeof(pe_data); i++)
		pe_data[i] = i * 7;
	for (iter = 0; iter < 2000; iter++) {
		n = 1 + rand() % MAXC;
		lbvs_sync_msg_init(&b, mem, sizeof(mem), 3);
		for (i = 0; i < n; i++) {
			struct lbvs_sync_conn *c = &cs[i];
			int k;

			memset(c, 0, sizeof(*c));
			c->v6 = rand() & 1;
			c->protocol = rand() & 1 ? IPPROTO_TCP : IPPROTO_UDP;
			c->state = c->protocol == IPPROTO_TCP ? rand() % 11 : 0;
			c->flags = rand() & 0x0707;
			c->cport = rand();
			c->vport = rand();
			c->dport = rand();
			c->fwmark = rand();
			c->timeout = rand();
			for (k = 0; k < (c->v6 ? 16 : 4); k++) {
				c->caddr[k] = rand();
				c->vaddr[k] = rand();
				c->daddr[k] = rand();
			}
			if (rand() & 1) {
				c->has_seq = true;
				c->in_seq.init_seq = rand();
				c->out_seq.delta = rand();
			}
			if (rand() & 1) {
				c->has_fnat = true;
				for (k = 0; k < (c->v6 ? 16 : 4); k++)
					c->laddr[k] = rand();
				c->lport = rand();
			}
			if (rand() % 4 == 0) {
				c->pe_data = pe_data;
				c->pe_data_len = 1 + rand() % sizeof(pe_data);
				c->pe_name = pe_name;
				c->pe_name_len = 3;
			}
			ck_assert_int_eq(lbvs_sync_msg_add(&b, c), 0);
		}
		lbvs_sync_msg_finish(&b);
		decode(mem, b.len, 3, &g, &res);
		ck_assert_int_eq(res.reason, LBVS_SYNC_OK);
		ck_assert_uint_eq(res.delivered, n);
		for (i = 0; i < n; i++)
			assert_conn_eq(&g.c[i], &cs[i]);
	}
}
END_TEST

static void nop(void *arg, const struct lbvs_sync_conn *sc)
{
	(void)arg;
	(void)sc;
}

/*
 * Hostile input: every truncation of the golden messages, then seeded
 * random mutations of them and random bytes with a valid-looking header.
 * The binary runs under ASan and UBSan (test_sync_msg.mk) and each decode
 * reads a heap copy of exactly the datagram, so an overread aborts.
 */
START_TEST(hostile)
{
	static const struct { const u8 *m; size_t len; } g[] = {
		{ golden_v4, sizeof(golden_v4) },
		{ golden_v6, sizeof(golden_v6) },
		{ golden_seq_tpl, sizeof(golden_seq_tpl) },
		{ golden_fnat, sizeof(golden_fnat) },
	};
	struct lbvs_sync_result res;
	struct got gg;
	u8 m[512];
	size_t len, k;
	int iter, i, nmut;

	for (i = 0; i < 4; i++)
		for (len = 0; len < g[i].len; len++) {
			memcpy(m, g[i].m, len);
			if (len >= 4) {	/* let the size match, so entries parse */
				m[2] = len >> 8;
				m[3] = len;
			}
			decode(m, len, 0, &gg, &res);
			ck_assert_int_ne(res.reason, LBVS_SYNC_OK);
		}

	srand(16);
	for (iter = 0; iter < 20000; iter++) {
		i = rand() % 4;
		if (iter % 4 == 3) {
			len = 8 + rand() % 300;
			for (k = 0; k < len; k++)
				m[k] = rand();
			m[0] = 0;
			m[4] = rand() % 16;
			m[5] = 1;
			m[6] = 0;
			m[7] = 0;
		} else {
			len = g[i].len;
			memcpy(m, g[i].m, len);
			nmut = 1 + rand() % 4;
			while (nmut--)
				m[8 + rand() % (len - 8)] = rand();
			if (rand() & 1)
				len -= rand() % (len - 8);
		}
		m[2] = len >> 8;
		m[3] = len;
		decode(m, len, 0, &gg, &res);
		ck_assert_uint_le(res.end, len);
		ck_assert_uint_le(res.delivered + res.skipped, m[4]);
		lbvs_sync_decode(m, len, 0, nop, NULL, &res);
	}
}
END_TEST

int main(void)
{
	return UNIT_RUN("sync_msg", "core", golden_v4_tcp, golden_v6_udp,
			golden_seq_and_template, golden_fullnat, unknown_options,
			refused_messages, skipped_entries, encoder_limits,
			state_tables, round_trip, hostile);
}
