/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Counters (per-CPU, lockless on the packet path) and the rate estimator.
 */
#ifndef _LBVS_STATS_H
#define _LBVS_STATS_H

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
	LBVS_CNT_NUM
};

struct lbvs_cpu_stats {
	u64_stats_t cnt[LBVS_CNT_NUM];
	struct u64_stats_sync syncp;
};

/*
 * Per-CPU counters of several owners in one allocation: the servers of one
 * LBVS_ATTR_DEST_LIST. A per-CPU allocation costs ~5 us under TCG whatever
 * its size, half of what adding a server cost. Each owner's lbvs_stats
 * holds a reference; the last one frees the block, so a deleted server's
 * slot stays until the rest of its list is gone.
 */
struct lbvs_stats_block {
	refcount_t ref;
	struct lbvs_cpu_stats __percpu *cpu;
};

struct lbvs_stats {
	struct lbvs_cpu_stats __percpu *cpu;
	struct lbvs_stats_block *block;	/* cpu's owner, or NULL: ours */
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

int lbvs_stats_init(struct lbvs_stats *s);
struct lbvs_stats_block *lbvs_stats_block_new(unsigned int n);
void lbvs_stats_block_put(struct lbvs_stats_block *b);
/* s gets slot i of b, and a reference to b. */
void lbvs_stats_init_in(struct lbvs_stats *s, struct lbvs_stats_block *b, unsigned int i);
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

static inline void lbvs_stats_conn(struct lbvs_stats *s)
{
	struct lbvs_cpu_stats *c = this_cpu_ptr(s->cpu);

	u64_stats_update_begin(&c->syncp);
	u64_stats_inc(&c->cnt[LBVS_CNT_CONNS]);
	u64_stats_update_end(&c->syncp);
}

#endif /* _LBVS_STATS_H */
