// SPDX-License-Identifier: GPL-2.0
/*
 * Counters and rate estimation. The estimator keeps an exponentially
 * weighted average of the per-second rates, sampled every two seconds
 * (weight 1/4, as IPVS's estimator), in fixed point.
 */
#include "stats.h"

int lbvs_stats_init(struct lbvs_stats *s)
{
	int cpu;

	memset(s, 0, sizeof(*s));
	spin_lock_init(&s->lock);
	s->cpu = alloc_percpu(struct lbvs_cpu_stats);
	if (!s->cpu)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(s->cpu, cpu)->syncp);
	return 0;
}

void lbvs_stats_free(struct lbvs_stats *s)
{
	free_percpu(s->cpu);
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
