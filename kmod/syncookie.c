// SPDX-License-Identifier: GPL-2.0
/*
 * SYN cookies; the layout and rules are in syncookie.h.
 */
#include "syncookie.h"

#define COOKIE_BITS	24
#define COOKIE_MASK	((1U << COOKIE_BITS) - 1)
#define IDX_SHIFT	COOKIE_BITS
#define TICK_SHIFT	26
#define TICK_MASK	0x3f

#define TS_BITS		6
#define TS_MASK		((1U << TS_BITS) - 1)
#define TS_WSCALE_NONE	0xf
#define TS_SACK		0x10
#define TS_ECN		0x20

/*
 * Sizes common on each family's paths (Linux's tables): 576-byte v4
 * minimum, tunnels, Ethernet; v6 minimum, tunnels, Ethernet, jumbo.
 */
static const u16 mss_tab[2][LBVS_COOKIE_MSS_N] = {
	{ 536, 1300, 1440, 1460 },
	{ 1220, 1420, 1440, 8940 },
};

/* Which hash: 0 hides the layout, 1 authenticates it for one tick. */
static u64 flow_hash(const siphash_key_t *key, const struct lbvs_cookie_flow *f,
		     u32 isn, u32 tick, u8 which)
{
	u8 buf[16 + 16 + 2 + 2 + 4 + 4 + 1];

	memcpy(buf, f->saddr, 16);
	memcpy(buf + 16, f->daddr, 16);
	lbvs_put_be16(buf + 32, f->sport);
	lbvs_put_be16(buf + 34, f->dport);
	lbvs_put_be32(buf + 36, isn);
	lbvs_put_be32(buf + 40, tick);
	buf[44] = which;
	return siphash(buf, sizeof(buf), key);
}

u32 lbvs_syncookie_make(const siphash_key_t *key, const struct lbvs_cookie_flow *f,
			u32 isn, u32 now, u16 *mss)
{
	const u16 *tab = mss_tab[f->v6];
	u32 idx = LBVS_COOKIE_MSS_N - 1, v;

	while (idx && *mss < tab[idx])
		idx--;
	*mss = tab[idx];
	v = (now & TICK_MASK) << TICK_SHIFT | idx << IDX_SHIFT |
	    ((u32)flow_hash(key, f, isn, now, 1) & COOKIE_MASK);
	return v + (u32)(flow_hash(key, f, isn, 0, 0) >> 32);
}

u16 lbvs_syncookie_check(const siphash_key_t *key, const struct lbvs_cookie_flow *f,
			 u32 isn, u32 cookie, u32 now)
{
	u32 v = cookie - (u32)(flow_hash(key, f, isn, 0, 0) >> 32);
	u32 age = (now - (v >> TICK_SHIFT)) & TICK_MASK;

	if (age >= LBVS_COOKIE_MAX_AGE)
		return 0;
	if (((u32)flow_hash(key, f, isn, now - age, 1) ^ v) & COOKIE_MASK)
		return 0;
	return mss_tab[f->v6][(v >> IDX_SHIFT) & (LBVS_COOKIE_MSS_N - 1)];
}

u32 lbvs_syncookie_tsval(u32 ts_now, const struct lbvs_syn_opts *o)
{
	u32 opt = o->wscale_ok ? o->wscale : TS_WSCALE_NONE;
	u32 ts;

	if (o->sack_ok)
		opt |= TS_SACK;
	if (o->ecn_ok)
		opt |= TS_ECN;
	ts = (ts_now & ~TS_MASK) | opt;
	/* Never ahead of the clock the client will see next. */
	if (opt > (ts_now & TS_MASK))
		ts -= 1U << TS_BITS;
	return ts;
}

void lbvs_syncookie_ts_decode(u32 tsecr, struct lbvs_syn_opts *o)
{
	u32 w = tsecr & TS_WSCALE_NONE;

	o->sack_ok = tsecr & TS_SACK;
	o->ecn_ok = tsecr & TS_ECN;
	o->wscale_ok = w != TS_WSCALE_NONE;
	o->wscale = o->wscale_ok ? w : 0;
}
