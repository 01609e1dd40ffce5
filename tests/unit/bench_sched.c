// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for scripts/sched-bench.sh: one scheduler, n servers, a stream of
 * new connections driven as the kernel glue drives it (pick, then update the
 * picked server's counts; a random server loses one connection per pick so
 * loads stay level). Run under callgrind, which counts the instructions of
 * each *_pick, *_update and *_init function; this program prints how many
 * calls it made so the script can divide.
 *
 * lblc and lblcr (those with a clock) see 1,000 destinations, the clock
 * one second further every 1,000 picks; the others one hash per pick.
 *
 * usage: bench_sched ALGO N PICKS
 */
#include <stdio.h>
#include <stdlib.h>

#include "sched_algo.h"

static u32 rng = 2463534242U;

static u32 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

/*
 * Weights 1..7 for the weighted ones, so rounds and ratios are not trivial;
 * 8..14 for ovf, so that its servers keep room (active <= weight) for the
 * 0..7 connections each starts with.
 */
static void make_views(const char *algo, struct lbvs_sched_dest *d, unsigned int n)
{
	static const char *const weighted[] = {
		"wrr", "wlc", "sed", "nq", "fo", "twos", "lblc", "lblcr",
	};
	unsigned int i, k, w = 0;

	for (k = 0; k < sizeof(weighted) / sizeof(weighted[0]); k++)
		w |= !strcmp(algo, weighted[k]);
	for (i = 0; i < n; i++) {
		d[i].weight = w ? 1 + i % 7 : 1;
		if (!strcmp(algo, "ovf"))
			d[i].weight = 8 + i % 7;
		d[i].key = i * 2654435761U;	/* mh's identity */
		d[i].active = rnd() % 8;
		d[i].inactive = rnd() % 8;
	}
}

static void set_count(const struct lbvs_sched_algo *a, void *st,
		      struct lbvs_sched_dest *d, unsigned int i, int delta,
		      unsigned long *updates)
{
	if (delta < 0 && !d[i].active)
		return;
	d[i].active += delta;
	a->update(st, i, &d[i]);
	++*updates;
}

int main(int argc, char **argv)
{
	const struct lbvs_sched_algo *a;
	unsigned long k, picks, updates = 0, misses = 0;
	struct lbvs_sched_dest *d;
	unsigned int n;
	void *st;

	if (argc != 4 || !(a = lbvs_sched_algo_find(argv[1]))) {
		fprintf(stderr, "usage: %s rr|wrr|lc|...|mh|lblc|lblcr N PICKS\n", argv[0]);
		return 2;
	}
	n = strtoul(argv[2], NULL, 0);
	picks = strtoul(argv[3], NULL, 0);
	d = calloc(n ? n : 1, sizeof(*d));
	st = calloc(1, a->state_size(n));
	if (!d || !st)
		return 1;
	make_views(a->name, d, n);
	a->init(st, d, n);
	for (k = 0; k < picks; k++) {
		u32 key = a->clock ? k % 1000 : k;
		int p;

		if (a->clock)
			a->clock(st, k / 1000);
		p = a->pick(st, lbvs_sched_hash(&key, sizeof(key)));

		if (p < 0) {
			misses++;
			continue;
		}
		set_count(a, st, d, p, 1, &updates);
		set_count(a, st, d, rnd() % n, -1, &updates);
	}
	printf("algo=%s n=%u picks=%lu updates=%lu inits=1 misses=%lu\n",
	       a->name, n, picks, updates, misses);
	free(st);
	free(d);
	return misses ? 1 : 0;
}
