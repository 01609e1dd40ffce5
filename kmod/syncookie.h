/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SYN cookies for the SYN proxy, as plain C (module and unit tests). The
 * director answers a client's SYN with a SYN-ACK whose sequence number is
 * a cookie and keeps nothing; the client's ACK (ack_seq - 1) brings the
 * cookie back, and only a cookie this director made, for this flow and
 * this client ISN, within LBVS_COOKIE_MAX_AGE ticks of the caller's time
 * counter, yields the MSS it encoded.
 *
 * Layout, after subtracting a keyed hash of (flow, ISN) that hides it:
 * bits 31..26 the counter's low bits, 25..24 an index into a table of 4
 * MSS values (one table per family, as Linux's syncookies), 23..0 a keyed
 * hash of (flow, ISN, counter). Forging one takes 2^24 tries per flow.
 *
 * The options a cookie cannot hold (window scale, SACK, ECN) travel, as
 * Linux's cookie_init_timestamp() puts them, in the low 6 bits of the
 * timestamp the SYN-ACK sends, which the client's ACK echoes; a client
 * without timestamps gets none of them.
 *
 * The key (per namespace) is siphash's; userspace tests link a SipHash-2-4
 * of their own with the kernel's siphash() signature (tests/unit/siphash.c).
 */
#ifndef _LBVS_SYNCOOKIE_H
#define _LBVS_SYNCOOKIE_H

#include "pure.h"

#ifdef __KERNEL__
#include <linux/siphash.h>
#else
#include "siphash_user.h"	/* tests/unit's stand-in */
#endif

#define LBVS_COOKIE_MSS_N	4
/* Ticks a cookie lives: made in this tick or the one before. */
#define LBVS_COOKIE_MAX_AGE	2

/* The flow as the client's SYN names it; addresses zero-padded if v4. */
struct lbvs_cookie_flow {
	u8 saddr[16];
	u8 daddr[16];
	u16 sport;		/* host order */
	u16 dport;
	bool v6;
};

/* What a client's SYN offered, as far as the proxy replays it. */
struct lbvs_syn_opts {
	u16 mss;
	u8 wscale;		/* the client's shift, if wscale_ok */
	bool wscale_ok;
	bool sack_ok;
	bool ecn_ok;
	bool ts_ok;		/* tsval and tsecr were sent */
	u32 tsval;
	u32 tsecr;
};

/*
 * The cookie (the SYN-ACK's ISN) for a SYN of flow f with ISN isn at tick
 * now; *mss: the client's MSS in, the one the cookie encodes out (the
 * largest table value not above it; the smallest if all are).
 */
u32 lbvs_syncookie_make(const siphash_key_t *key, const struct lbvs_cookie_flow *f,
			u32 isn, u32 now, u16 *mss);
/*
 * For an ACK of flow f (isn: its seq - 1, cookie: its ack_seq - 1) at
 * tick now: the MSS the cookie encodes, or 0 if it is not a valid cookie.
 */
u16 lbvs_syncookie_check(const siphash_key_t *key, const struct lbvs_cookie_flow *f,
			 u32 isn, u32 cookie, u32 now);

/* The SYN-ACK's timestamp: ts_now or just below, o in its low bits. */
u32 lbvs_syncookie_tsval(u32 ts_now, const struct lbvs_syn_opts *o);
/*
 * The options from an ACK's echoed timestamp into o (mss and the
 * timestamps untouched). Any
 * 6 bits decode to a valid set (4 bits of shift: 0-14, or 15 for none), so
 * a forged echo can only pick options the client could have offered.
 */
void lbvs_syncookie_ts_decode(u32 tsecr, struct lbvs_syn_opts *o);

#endif /* _LBVS_SYNCOOKIE_H */
