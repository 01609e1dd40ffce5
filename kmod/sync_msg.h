/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPVS's connection sync protocol, version 1, as plain C: the message codec
 * only, built into the module and into the userspace unit tests. lbvs and
 * IPVS directors must read each other's messages, so the layout, the
 * padding and what a receiver refuses follow net/netfilter/ipvs/ip_vs_sync.c
 * of Linux 6.1. Every multi-byte field on the wire is big-endian; struct
 * lbvs_sync_conn holds them in host order.
 */
#ifndef _LBVS_SYNC_MSG_H
#define _LBVS_SYNC_MSG_H

#include "pure.h"

/* Message header: reserved (0), syncid, size, nr_conns, version, spare. */
#define LBVS_SYNC_HDR_LEN	8
#define LBVS_SYNC_VERSION	1
/* Fixed part of an entry; options follow, the entry is then padded to 4. */
#define LBVS_SYNC_V4_LEN	36
#define LBVS_SYNC_V6_LEN	72
/* An entry's size shares a 16-bit field with a 4-bit entry version. */
#define LBVS_SYNC_ENTRY_MAX	0x0fff
#define LBVS_SYNC_MAX_CONNS	255

/* Entry type: bit 0 set means IPv6 (IPVS's STYPE_F_INET6). */
#define LBVS_SYNC_TYPE_V6	0x01

/*
 * Option types. An IPVS receiver drops the whole entry on an unknown type
 * unless the type has LBVS_SYNC_OPT_F_PARAM set: then it skips the option.
 * It matches known types with that bit masked off, so an optional type
 * of our own must differ from 1..3 in its other bits too.
 */
#define LBVS_SYNC_OPT_SEQ	1	/* in_seq and out_seq, 24 bytes */
#define LBVS_SYNC_OPT_PE_DATA	2	/* persistence engine data */
#define LBVS_SYNC_OPT_PE_NAME	3	/* persistence engine name */
#define LBVS_SYNC_OPT_F_PARAM	0x40	/* optional: unknown ones are skipped */
/* lbvs: FULLNAT local address and port; IPVS peers skip it. */
#define LBVS_SYNC_OPT_FNAT	(LBVS_SYNC_OPT_F_PARAM | 0x30)

#define LBVS_SYNC_SEQ_LEN	24
#define LBVS_SYNC_PE_DATA_MAX	255	/* IP_VS_PEDATA_MAXLEN */
#define LBVS_SYNC_PE_NAME_MAX	16	/* IP_VS_PENAME_MAXLEN */

/* IPVS's state numbers (include/net/ip_vs.h), which are not UAPI. */
#define LBVS_SYNC_TCP_S_LAST	11	/* IP_VS_TCP_S_NONE..SYNACK */
#define LBVS_SYNC_UDP_S_NORMAL	0
#define LBVS_SYNC_UDP_S_LAST	1
#define LBVS_SYNC_TPL_S_LAST	2	/* templates: NONE, ASSURED */
#define LBVS_SYNC_NO_STATE	0xffff

/* IPVS's IP_VS_CONN_F_* bits that the sync protocol looks at. */
#define LBVS_SYNC_F_HASHED	0x0040
#define LBVS_SYNC_F_SEQ_MASK	0x0600
#define LBVS_SYNC_F_NO_CPORT	0x0800
#define LBVS_SYNC_F_TEMPLATE	0x1000
#define LBVS_SYNC_F_ONE_PACKET	0x2000

struct lbvs_sync_seq {
	u32 init_seq;
	u32 delta;
	u32 previous_delta;
};

/* One entry, host order. Addresses are network order, 4 or 16 bytes used. */
struct lbvs_sync_conn {
	bool v6;
	bool has_seq;
	bool has_fnat;
	u8 protocol;
	u16 state;		/* IPVS's per-protocol number */
	u32 flags;		/* IPVS's IP_VS_CONN_F_* */
	u16 cport, vport, dport, lport;
	u32 fwmark;
	u32 timeout;		/* seconds */
	u8 caddr[16], vaddr[16], daddr[16], laddr[16];
	struct lbvs_sync_seq in_seq, out_seq;
	/* Decoded: point into the message. Encoded when the length is > 0. */
	const u8 *pe_data;
	const u8 *pe_name;
	u8 pe_data_len;
	u8 pe_name_len;
};

/* A message being built in caller-owned memory. */
struct lbvs_sync_buf {
	u8 *buf;
	size_t cap;
	size_t len;
	u8 nr_conns;
};

/*
 * Why a message was refused as a whole. Entries before the fault have
 * already reached the callback, as IPVS applies them before it stops.
 */
enum lbvs_sync_reason {
	LBVS_SYNC_OK,
	LBVS_SYNC_E_SHORT,	/* shorter than a header */
	LBVS_SYNC_E_SIZE,	/* header's size is not the datagram's */
	LBVS_SYNC_E_SYNCID,	/* another group's syncid: ignored */
	LBVS_SYNC_E_V0,		/* version 0 (or not version 1): ignored */
	LBVS_SYNC_E_TRUNC,	/* an entry runs past the end */
	LBVS_SYNC_E_ENTRY_VER,	/* an entry's version is not 0 */
	LBVS_SYNC_E_TYPE,	/* an entry's type is neither IPv4 nor IPv6 */
	LBVS_SYNC_E_OPT,	/* an option's header or length is broken */
	LBVS_SYNC_E_OPT_VAL,	/* a known option is malformed or repeated */
};

struct lbvs_sync_result {
	enum lbvs_sync_reason reason;
	unsigned int delivered;	/* entries passed to the callback */
	unsigned int skipped;	/* valid framing, refused content */
	/*
	 * Where the entries end: what follows up to the message's size is
	 * never read by IPVS, room for a future MAC trailer (not done yet).
	 */
	size_t end;
};

typedef void (*lbvs_sync_cb_t)(void *arg, const struct lbvs_sync_conn *sc);

size_t lbvs_sync_conn_size(const struct lbvs_sync_conn *sc);
void lbvs_sync_msg_init(struct lbvs_sync_buf *b, u8 *mem, size_t cap,
			u8 syncid);
int lbvs_sync_msg_add(struct lbvs_sync_buf *b, const struct lbvs_sync_conn *sc);
size_t lbvs_sync_msg_finish(struct lbvs_sync_buf *b);
/* syncid 0 accepts every group, as IPVS's backup with syncid 0 does. */
void lbvs_sync_decode(const u8 *msg, size_t len, u8 syncid,
		      lbvs_sync_cb_t cb, void *arg,
		      struct lbvs_sync_result *res);

/* enum lbvs_conn_state <-> IPVS's state numbers; -1 / NO_STATE: none. */
int lbvs_sync_state_from_ipvs(u8 protocol, u16 state);
u16 lbvs_sync_state_to_ipvs(u8 protocol, u8 state);

#endif /* _LBVS_SYNC_MSG_H */
