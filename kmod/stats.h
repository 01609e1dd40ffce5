/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Counters (per-CPU, lockless on the packet path) and the rate estimator.
 */
#ifndef _LBVS_STATS_H
#define _LBVS_STATS_H

#include <linux/list.h>
#include <linux/percpu.h>
#include <linux/refcount.h>
#include <linux/u64_stats_sync.h>
#include <linux/spinlock.h>

enum {
	LBVS_CNT_CONNS,
	LBVS_CNT_INPKTS,
	LBVS_CNT_OUTPKTS,
	LBVS_CNT_INBYTES,
	LBVS_CNT_OUTBYTES,
	LBVS_CNT_DROPS,		/* lbvs's own: packets dropped (drop.h) */
	LBVS_CNT_NUM,
	LBVS_CNT_IPVS = LBVS_CNT_DROPS	/* IPVS has the ones before */
};

struct lbvs_cpu_stats {
	u64_stats_t cnt[LBVS_CNT_NUM];
	struct u64_stats_sync syncp;
};

/*
 * Per-CPU counters of several owners in one allocation, handed out slot by
 * slot from a namespace's lbvs_stats_pool: a per-CPU allocation costs the
 * same whatever its size, and one per service and list of servers made a
 * large restore slow. A deleted owner's slot is free again once its RCU
 * callback ran (lbvs_stats_free()), and the next owner takes a free slot
 * (zeroed) of the first block that has one, searched from the block the
 * last slot came from (from the first block, adding n owners would walk
 * n^2/128 full blocks), so a namespace holds no more blocks than its most
 * owners at once needed (counting deleted ones whose grace period has not
 * ended). Each owner holds a reference, and so does the pool until the
 * namespace exits; the last one frees the block (owners may outlive the
 * namespace's exit in RCU callbacks, so a block never points to its pool).
 */
struct lbvs_stats_block {
	struct list_head node;		/* lbvs_stats_pool.blocks, config_lock */
	refcount_t ref;
	/*
	 * lock: used, the slots handed out; freed ones from RCU callbacks.
	 * Read without it (READ_ONCE) only to skip a full block.
	 */
	spinlock_t lock;
	u64 used;
	struct lbvs_cpu_stats __percpu *cpu;
};

#define LBVS_STATS_SLOTS	64	/* bits of lbvs_stats_block.used */

/* Where a namespace's counters come from. config_lock. */
struct lbvs_stats_pool {
	struct list_head blocks;	/* each holds a reference */
	struct lbvs_stats_block *hint;	/* one of blocks, or NULL if none */
};

struct lbvs_stats {
	struct lbvs_cpu_stats __percpu *cpu;	/* a slot of block */
	struct lbvs_stats_block *block;
	/*
	 * lock protects the rest: the zero baseline (-Z subtracts it instead of
	 * touching every CPU's counters) and the estimator's state, written by
	 * the estimator work and by -Z, read by dumps.
	 */
	spinlock_t lock;
	u64 base[LBVS_CNT_NUM];
	u64 last[LBVS_CNT_NUM];		/* raw sums at the previous tick */
	u64 avg[LBVS_CNT_NUM];		/* per-second rates, << LBVS_EST_SHIFT */
};

#define LBVS_EST_SHIFT		10
#define LBVS_EST_INTERVAL	(2 * HZ)

struct lbvs_stats_snap {
	u64 cnt[LBVS_CNT_NUM];
	u64 rate[LBVS_CNT_NUM];
};

/* s gets a free slot of pool's blocks (a new block if none has one). */
void lbvs_stats_pool_init(struct lbvs_stats_pool *pool);
int lbvs_stats_init(struct lbvs_stats *s, struct lbvs_stats_pool *pool);
void lbvs_stats_pool_release(struct lbvs_stats_pool *pool);
void lbvs_stats_free(struct lbvs_stats *s);
void lbvs_stats_zero(struct lbvs_stats *s);
void lbvs_stats_read(struct lbvs_stats *s, struct lbvs_stats_snap *snap);
void lbvs_stats_estimate(struct lbvs_stats *s);

static inline void lbvs_stats_add(struct lbvs_stats *s, unsigned int pkts_idx,
				  unsigned int len)
{
	struct lbvs_cpu_stats *c = this_cpu_ptr(s->cpu);

	u64_stats_update_begin(&c->syncp);
	u64_stats_inc(&c->cnt[pkts_idx]);
	u64_stats_add(&c->cnt[pkts_idx + 2], len);
	u64_stats_update_end(&c->syncp);
}

/* One more of counter idx: LBVS_CNT_CONNS or LBVS_CNT_DROPS. */
static inline void lbvs_stats_inc(struct lbvs_stats *s, unsigned int idx)
{
	struct lbvs_cpu_stats *c = this_cpu_ptr(s->cpu);

	u64_stats_update_begin(&c->syncp);
	u64_stats_inc(&c->cnt[idx]);
	u64_stats_update_end(&c->syncp);
}

static inline void lbvs_stats_conn(struct lbvs_stats *s)
{
	lbvs_stats_inc(s, LBVS_CNT_CONNS);
}

#endif /* _LBVS_STATS_H */
