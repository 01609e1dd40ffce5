// SPDX-License-Identifier: GPL-2.0
/*
 * Counters and rate estimation. The estimator keeps an exponentially
 * weighted average of the per-second rates, sampled every two seconds
 * (weight 1/4, as IPVS's estimator), in fixed point.
 */
#include <linux/bitops.h>
#include <linux/slab.h>

#include "stats.h"

static struct lbvs_cpu_stats __percpu *cpu_stats_new(unsigned int n)
{
	struct lbvs_cpu_stats __percpu *c;
	unsigned int i;
	int cpu;

	c = __alloc_percpu(n * sizeof(*c), __alignof__(*c));
	if (!c)
		return NULL;
	for_each_possible_cpu(cpu)
		for (i = 0; i < n; i++)
			u64_stats_init(&per_cpu_ptr(c + i, cpu)->syncp);
	return c;
}

static void stats_init(struct lbvs_stats *s, struct lbvs_cpu_stats __percpu *c)
{
	memset(s, 0, sizeof(*s));
	spin_lock_init(&s->lock);
	s->cpu = c;
}

static struct lbvs_stats_block *block_new(unsigned int n)
{
	struct lbvs_stats_block *b = kzalloc(sizeof(*b), GFP_KERNEL);

	if (!b)
		return NULL;
	b->cpu = cpu_stats_new(n);
	if (!b->cpu) {
		kfree(b);
		return NULL;
	}
	refcount_set(&b->ref, 1);
	spin_lock_init(&b->lock);
	return b;
}

static void block_put(struct lbvs_stats_block *b)
{
	if (!refcount_dec_and_test(&b->ref))
		return;
	free_percpu(b->cpu);
	kfree(b);
}

/*
 * A free slot of b, now taken; -1 if none. A full block is skipped without
 * its lock: a stale "full" only delays that slot's reuse to the next pass.
 */
static int block_take(struct lbvs_stats_block *b)
{
	int slot = -1;

	if (READ_ONCE(b->used) == ~0ULL)
		return -1;
	spin_lock_bh(&b->lock);
	if (~b->used) {
		slot = __ffs64(~b->used);
		WRITE_ONCE(b->used, b->used | BIT_ULL(slot));
	}
	spin_unlock_bh(&b->lock);
	return slot;
}

static struct lbvs_stats_block *pool_next(struct lbvs_stats_pool *pool,
					  struct lbvs_stats_block *b)
{
	if (list_is_last(&b->node, &pool->blocks))
		return list_first_entry(&pool->blocks, struct lbvs_stats_block, node);
	return list_next_entry(b, node);
}

/* One pass over the blocks from pool->hint, where the last slot came from. */
static struct lbvs_stats_block *pool_take(struct lbvs_stats_pool *pool, int *slot)
{
	struct lbvs_stats_block *b = pool->hint;

	if (!b)
		return NULL;
	do {
		*slot = block_take(b);
		if (*slot >= 0)
			return b;
		b = pool_next(pool, b);
	} while (b != pool->hint);
	return NULL;
}

/* A reused slot still holds its last owner's counts, no longer written. */
static void slot_zero(struct lbvs_cpu_stats __percpu *c)
{
	unsigned int i;
	int cpu;

	for_each_possible_cpu(cpu)
		for (i = 0; i < LBVS_CNT_NUM; i++)
			u64_stats_set(&per_cpu_ptr(c, cpu)->cnt[i], 0);
}

void lbvs_stats_pool_init(struct lbvs_stats_pool *pool)
{
	INIT_LIST_HEAD(&pool->blocks);
	pool->hint = NULL;
}

int lbvs_stats_init(struct lbvs_stats *s, struct lbvs_stats_pool *pool)
{
	struct lbvs_stats_block *b;
	int slot;

	b = pool_take(pool, &slot);
	if (b)
		goto found;
	b = block_new(LBVS_STATS_SLOTS);
	if (!b)
		return -ENOMEM;
	list_add_tail(&b->node, &pool->blocks);
	slot = block_take(b);
found:
	pool->hint = b;
	slot_zero(b->cpu + slot);
	stats_init(s, b->cpu + slot);
	s->block = b;
	refcount_inc(&b->ref);
	return 0;
}

void lbvs_stats_pool_release(struct lbvs_stats_pool *pool)
{
	struct lbvs_stats_block *b, *tmp;

	list_for_each_entry_safe(b, tmp, &pool->blocks, node) {
		list_del(&b->node);
		block_put(b);
	}
	pool->hint = NULL;
}

/* Any context: RCU callbacks free their owner's counters. */
void lbvs_stats_free(struct lbvs_stats *s)
{
	struct lbvs_stats_block *b = s->block;

	if (!b)
		return;
	spin_lock_bh(&b->lock);
	WRITE_ONCE(b->used, b->used & ~BIT_ULL(s->cpu - b->cpu));
	spin_unlock_bh(&b->lock);
	block_put(b);
	s->cpu = NULL;
	s->block = NULL;
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
