// SPDX-License-Identifier: GPL-2.0
/*
 * Pressure mode (pressure.h). A flood of spoofed sources fills the table
 * with entries nobody will use again; refusing every new flow once it is
 * full (as lbvs did, and IPVS without drop_entry) hands the attacker the
 * service. Instead a new flow takes the place of the oldest unassured
 * entry of a small random sample, which costs O(1) per new flow and finds
 * one almost surely when a flood is what filled the table; a table full
 * of assured flows has none to give, and then the new flow is refused.
 */
#include <linux/random.h>
#include <linux/rhashtable.h>

#include "conn.h"
#include "drop.h"
#include "netns.h"
#include "pressure.h"

/*
 * What one new flow may look at for a victim: about SAMPLE_ENTRIES
 * entries, as many buckets as hold that many on average, at least
 * SAMPLE_BUCKETS and at most SAMPLE_BUCKETS_MAX. A full table has a few
 * entries a bucket (rhashtable keeps 3/8 to 3/4), a small conn_max in the
 * table's smallest size (256 buckets) is scanned whole.
 */
#define SAMPLE_ENTRIES		32
#define SAMPLE_BUCKETS		16
#define SAMPLE_BUCKETS_MAX	256

bool lbvs_conn_assured(const struct lbvs_conn *c, u8 state)
{
	if (c->tmpl)
		return true;
	if (c->proto == IPPROTO_UDP)
		return c->assured;
	switch (state) {
	case LBVS_S_ESTABLISHED:
	case LBVS_S_FIN_WAIT:
	case LBVS_S_CLOSE_WAIT:
	case LBVS_S_LAST_ACK:
		return true;
	default:
		return false;
	}
}

static bool evictable(const struct lbvs_conn *c)
{
	return !lbvs_conn_dead(c) && !lbvs_conn_assured(c, lbvs_conn_state(c));
}

/* The evictable entry of the sample nearest its end, or NULL. */
static struct lbvs_conn *victim(struct lbvs_conn_table *tab, bool evict)
{
	struct bucket_table *tbl = rht_dereference_rcu(tab->in.tbl, &tab->in);
	u32 n = (u64)tbl->size * SAMPLE_ENTRIES / (atomic_read(&tab->count) + 1);
	u32 b = get_random_u32_below(tbl->size);
	struct lbvs_conn *c, *old = NULL;
	unsigned int i, seen = 0;
	struct rhash_head *pos;

	n = clamp_t(u32, n, SAMPLE_BUCKETS, min_t(u32, tbl->size, SAMPLE_BUCKETS_MAX));
	for (i = 0; i < n && seen < SAMPLE_ENTRIES; i++) {
		rht_for_each_entry_rcu(c, pos, tbl, (b + i) & (tbl->size - 1), in_node) {
			if (++seen > SAMPLE_ENTRIES)
				break;
			/* Over already, only not collected yet: no eviction. */
			if (!lbvs_conn_dead(c) && lbvs_conn_expired(c))
				return c;
			if (evict && evictable(c) &&
			    (!old || time_after32(READ_ONCE(old->expires), READ_ONCE(c->expires))))
				old = c;
		}
	}
	return old;
}

bool lbvs_pressure_room(struct lbvs_net *ln)
{
	struct lbvs_conn *c;

	if (atomic_read(&ln->conns.count) < READ_ONCE(ln->sysctl.conn_max))
		return true;
	/* Expired entries may be what fills it. */
	lbvs_conn_gc_kick(ln);
	c = victim(&ln->conns, READ_ONCE(ln->sysctl.pressure_level));
	if (!c)
		return false;
	if (!lbvs_conn_expired(c))
		lbvs_drop(ln, LBVS_DROP_EVICTED, NULL);
	lbvs_conn_expire_now(ln, c);
	return true;
}

u32 lbvs_pressure_secs(struct lbvs_net *ln, const struct lbvs_conn *c, u8 state, u32 secs)
{
	u64 level = READ_ONCE(ln->sysctl.pressure_level);

	if (!level || lbvs_conn_assured(c, state))
		return secs;
	if ((u64)atomic_read(&ln->conns.count) * 100 < level * READ_ONCE(ln->sysctl.conn_max))
		return secs;
	return min_t(u32, secs, READ_ONCE(ln->sysctl.pressure_timeout));
}
