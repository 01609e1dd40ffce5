// SPDX-License-Identifier: GPL-2.0
/*
 * Counters and rate estimation. The estimator keeps an exponentially
 * weighted average of the per-second rates, sampled every two seconds
 * (weight 1/4, as IPVS's estimator), in fixed point.
 */
#include <linux/slab.h>

#include "stats.h"

/*
 * The per-CPU counters of services and real servers are slots of blocks
 * of STATS_PER_BLOCK: one alloc_percpu() each was a sixth of adding a real
 * server (timed in a TCG guest, e2e 310: the per-CPU allocations took
 * 2.3 s of a 100,000-server restore, half of them these). Blocks with a
 * free slot are on partial_blocks; a block goes back to the per-CPU
 * allocator when its last slot is freed. pool_lock is taken with BH off:
 * slots are freed from RCU callbacks.
 */
#define STATS_PER_BLOCK		BITS_PER_LONG

struct lbvs_stats_block {
	struct lbvs_cpu_stats __percpu *cpu;	/* STATS_PER_BLOCK of them */
	unsigned long used;			/* a bit per slot taken */
	struct list_head partial;		/* on partial_blocks unless full */
};

static DEFINE_SPINLOCK(pool_lock);
static LIST_HEAD(partial_blocks);

static struct lbvs_stats_block *block_new(void)
{
	struct lbvs_stats_block *b = kzalloc(sizeof(*b), GFP_KERNEL);

	if (!b)
		return NULL;
	b->cpu = (struct lbvs_cpu_stats __percpu *)
		 __alloc_percpu(sizeof(struct lbvs_cpu_stats) * STATS_PER_BLOCK,
				__alignof__(struct lbvs_cpu_stats));
	if (!b->cpu) {
		kfree(b);
		return NULL;
	}
	return b;
}

int lbvs_stats_init(struct lbvs_stats *s)
{
	struct lbvs_stats_block *b;
	int cpu;

	memset(s, 0, sizeof(*s));
	spin_lock_init(&s->lock);
	spin_lock_bh(&pool_lock);
	b = list_first_entry_or_null(&partial_blocks, struct lbvs_stats_block, partial);
	if (!b) {
		/* A new block gets its first slot here, so none sits empty. */
		spin_unlock_bh(&pool_lock);
		b = block_new();
		if (!b)
			return -ENOMEM;
		spin_lock_bh(&pool_lock);
		list_add(&b->partial, &partial_blocks);
	}
	s->slot = ffz(b->used);
	b->used |= BIT(s->slot);
	if (b->used == ~0UL)
		list_del_init(&b->partial);
	spin_unlock_bh(&pool_lock);

	s->block = b;
	s->cpu = b->cpu + s->slot;
	/* A slot may have counted for a freed object: start from zero. */
	for_each_possible_cpu(cpu) {
		struct lbvs_cpu_stats *c = per_cpu_ptr(s->cpu, cpu);

		memset(c, 0, sizeof(*c));
		u64_stats_init(&c->syncp);
	}
	return 0;
}

void lbvs_stats_free(struct lbvs_stats *s)
{
	struct lbvs_stats_block *b = s->block;

	if (!b)
		return;
	spin_lock_bh(&pool_lock);
	if (b->used == ~0UL)
		list_add(&b->partial, &partial_blocks);
	b->used &= ~BIT(s->slot);
	if (b->used)
		b = NULL;
	else
		list_del(&b->partial);
	spin_unlock_bh(&pool_lock);
	if (b) {
		free_percpu(b->cpu);
		kfree(b);
	}
	s->block = NULL;
	s->cpu = NULL;
}

static void stats_sum(struct lbvs_stats *s, u64 *sum)
{
	unsigned int start, i;
	int cpu;

	memset(sum, 0, sizeof(u64) * LBVS_CNT_NUM);
	for_each_possible_cpu(cpu) {
		struct lbvs_cpu_stats *c = per_cpu_ptr(s->cpu, cpu);
		u64 v[LBVS_CNT_NUM];

		do {
			start = u64_stats_fetch_begin(&c->syncp);
			for (i = 0; i < LBVS_CNT_NUM; i++)
				v[i] = u64_stats_read(&c->cnt[i]);
		} while (u64_stats_fetch_retry(&c->syncp, start));
		for (i = 0; i < LBVS_CNT_NUM; i++)
			sum[i] += v[i];
	}
}

void lbvs_stats_zero(struct lbvs_stats *s)
{
	u64 sum[LBVS_CNT_NUM];

	stats_sum(s, sum);
	spin_lock_bh(&s->lock);
	memcpy(s->base, sum, sizeof(sum));
	memset(s->avg, 0, sizeof(s->avg));
	spin_unlock_bh(&s->lock);
}

void lbvs_stats_read(struct lbvs_stats *s, struct lbvs_stats_snap *snap)
{
	unsigned int i;

	stats_sum(s, snap->cnt);
	spin_lock_bh(&s->lock);
	for (i = 0; i < LBVS_CNT_NUM; i++) {
		snap->cnt[i] -= s->base[i];
		snap->rate[i] = (s->avg[i] + (1 << (LBVS_EST_SHIFT - 1))) >> LBVS_EST_SHIFT;
	}
	spin_unlock_bh(&s->lock);
}

void lbvs_stats_estimate(struct lbvs_stats *s)
{
	u64 sum[LBVS_CNT_NUM];
	unsigned int i;

	stats_sum(s, sum);
	spin_lock_bh(&s->lock);
	for (i = 0; i < LBVS_CNT_NUM; i++) {
		u64 rate = ((sum[i] - s->last[i]) << LBVS_EST_SHIFT) /
			   (LBVS_EST_INTERVAL / HZ);
		s64 diff = (s64)(rate - s->avg[i]);

		s->last[i] = sum[i];
		s->avg[i] += diff / 4;
	}
	spin_unlock_bh(&s->lock);
}
