// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of kmod/sched_algo.c: the schedulers as the kernel glue drives
 * them (init, pick, update), checked against simple reference
 * implementations written here (IPVS's scans).
 */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "sched_algo.h"

#define MAXN	256
#define NALGO	14
#define LEAST0	2	/* names[LEAST0..]: lc wlc; names[6..]: sed nq fo ovf */

static const char *const names[NALGO] = {
	"rr", "wrr", "lc", "wlc", "sh", "dh", "sed", "nq", "fo", "ovf", "twos",
	"mh", "lblc", "lblcr",
};

/*
 * Those that spread new connections over every eligible server (lblc and
 * lblcr: connections to distinct destinations), then fo.
 */
#define NSPREAD	12
static const char *const spread[NSPREAD + 1] = {
	"rr", "wrr", "lc", "wlc", "sh", "dh", "sed", "nq", "mh", "twos", "lblc",
	"lblcr", "fo",
};

/* A service as the kernel glue would hold it: server views plus state. */
struct svc {
	const struct lbvs_sched_algo *a;
	void *st;
	unsigned int n;
	struct lbvs_sched_dest d[MAXN];
};

static u32 rng_state = 12345;

static u32 rnd(u32 bound)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return bound ? rng_state % bound : rng_state;
}

static bool is_table(const struct svc *s)
{
	return s->a->name[1] == 'h';	/* sh, dh */
}

/* (Re)build the state from s->d[0..n), as the glue does on config changes. */
static void svc_reinit(struct svc *s, unsigned int n)
{
	free(s->st);
	s->n = n;
	s->st = calloc(1, s->a->state_size(n));
	ck_assert_ptr_nonnull(s->st);
	s->a->init(s->st, s->d, n);
}

static u32 key_hash(u32 k);

static void svc_init(struct svc *s, const char *name, const u32 *w, unsigned int n)
{
	unsigned int i;

	memset(s, 0, sizeof(*s));
	s->a = lbvs_sched_algo_find(name);
	ck_assert_ptr_nonnull(s->a);
	for (i = 0; i < n; i++) {
		s->d[i].weight = w[i];
		s->d[i].key = key_hash(7777 + i);	/* mh's identity */
	}
	svc_reinit(s, n);
}

static void svc_free(struct svc *s)
{
	free(s->st);
	s->st = NULL;
}

static void svc_update(struct svc *s, unsigned int i)
{
	s->a->update(s->st, i, &s->d[i]);
}

static void svc_set_weight(struct svc *s, unsigned int i, u32 w)
{
	s->d[i].weight = w;
	svc_update(s, i);
}

static void svc_set_overload(struct svc *s, unsigned int i, bool o)
{
	s->d[i].overloaded = o;
	svc_update(s, i);
}

static u32 key_hash(u32 k)
{
	return lbvs_sched_hash(&k, sizeof(k));
}

/* A new connection: pick, then tell the algorithm the chosen one got busier. */
static int svc_open(struct svc *s, u32 hash)
{
	int p = s->a->pick(s->st, hash);

	if (p >= 0) {
		ck_assert_int_lt(p, s->n);
		s->d[p].active++;
		svc_update(s, p);
	}
	return p;
}

/* picks connections with distinct hashes; counts[i] per server, returns misses */
static unsigned int svc_run(struct svc *s, unsigned int picks, unsigned int *counts)
{
	unsigned int k, miss = 0;

	memset(counts, 0, MAXN * sizeof(*counts));
	for (k = 0; k < picks; k++) {
		int p = svc_open(s, key_hash(k));

		if (p < 0)
			miss++;
		else
			counts[p]++;
	}
	return miss;
}

/* ---- every algorithm ---- */

START_TEST(test_find)
{
	unsigned int k;

	for (k = 0; k < NALGO; k++) {
		ck_assert_ptr_nonnull(lbvs_sched_algo_find(names[k]));
		ck_assert_str_eq(lbvs_sched_algos[k]->name, names[k]);
	}
	ck_assert_ptr_null(lbvs_sched_algos[NALGO]);
	ck_assert_ptr_null(lbvs_sched_algo_find("lblcx"));
	ck_assert_ptr_null(lbvs_sched_algo_find(""));
	ck_assert_ptr_null(lbvs_sched_algo_find(NULL));
}
END_TEST

START_TEST(test_empty)
{
	static const u32 zero[3];
	struct lbvs_sched_dest d = { .weight = 1 };
	struct svc s;
	unsigned int k;

	svc_init(&s, names[_i], zero, 0);
	for (k = 0; k < 100; k++)
		ck_assert_int_eq(s.a->pick(s.st, key_hash(k)), -1);
	s.a->update(s.st, 0, &d);	/* out of range: ignored */
	ck_assert_int_eq(s.a->pick(s.st, 0), -1);
	svc_free(&s);

	svc_init(&s, names[_i], zero, 3);	/* all quiescent */
	for (k = 0; k < 100; k++)
		ck_assert_int_eq(svc_open(&s, key_hash(k)), -1);
	svc_free(&s);
}
END_TEST

START_TEST(test_one)
{
	static const u32 w[1] = { 7 };
	struct svc s;
	unsigned int k;

	svc_init(&s, spread[_i], w, 1);
	for (k = 0; k < 1000; k++)
		ck_assert_int_eq(svc_open(&s, key_hash(k)), 0);
	svc_set_weight(&s, 0, 0);
	ck_assert_int_eq(svc_open(&s, 1), -1);
	svc_set_weight(&s, 0, 1);
	ck_assert_int_eq(svc_open(&s, 1), 0);
	svc_free(&s);
}
END_TEST

START_TEST(test_quiesce)
{
	static const u32 w[4] = { 1, 2, 3, 4 };
	unsigned int c[MAXN], i;
	struct svc s;

	svc_init(&s, spread[_i], w, 4);
	ck_assert_uint_eq(svc_run(&s, 4000, c), 0);
	for (i = 0; i < 4; i++)
		ck_assert_uint_gt(c[i], 0);

	svc_set_weight(&s, 1, 0);
	svc_run(&s, 4000, c);
	ck_assert_uint_eq(c[1], 0);
	for (i = 0; i < 4; i++)
		if (i != 1)
			ck_assert_uint_gt(c[i], 0);

	svc_set_weight(&s, 1, 2);
	ck_assert_uint_eq(svc_run(&s, 4000, c), 0);
	for (i = 0; i < 4; i++)
		ck_assert_uint_gt(c[i], 0);
	svc_free(&s);
}
END_TEST

START_TEST(test_overload)
{
	static const u32 w[4] = { 1, 2, 3, 4 };
	unsigned int c[MAXN], i, miss;
	struct svc s;

	svc_init(&s, spread[_i], w, 4);
	svc_set_overload(&s, 2, true);
	miss = svc_run(&s, 4000, c);
	ck_assert_uint_eq(c[2], 0);
	/* sh/dh: hashes of server 2's buckets get no server, as in IPVS */
	if (is_table(&s))
		ck_assert_uint_gt(miss, 0);
	else
		ck_assert_uint_eq(miss, 0);
	for (i = 0; i < 4; i++)
		if (i != 2)
			ck_assert_uint_gt(c[i], 0);

	svc_set_overload(&s, 2, false);
	ck_assert_uint_eq(svc_run(&s, 4000, c), 0);
	ck_assert_uint_gt(c[2], 0);
	svc_free(&s);
}
END_TEST

START_TEST(test_removal)
{
	static const u32 w[4] = { 4, 3, 2, 1 };
	unsigned int c[MAXN], i;
	struct svc s;

	svc_init(&s, spread[_i], w, 4);
	svc_run(&s, 1000, c);
	/* server 1 goes: the glue compacts its views and rebuilds */
	memmove(&s.d[1], &s.d[2], 2 * sizeof(s.d[0]));
	memset(&s.d[3], 0, sizeof(s.d[3]));
	svc_reinit(&s, 3);
	ck_assert_uint_eq(svc_run(&s, 3000, c), 0);
	for (i = 0; i < 3; i++)
		ck_assert_uint_gt(c[i], 0);
	ck_assert_uint_eq(c[3], 0);
	svc_free(&s);
}
END_TEST

/* ---- rr / wrr ---- */

static void expect_seq(struct svc *s, const int *seq, unsigned int len, unsigned int times)
{
	unsigned int t, k;

	for (t = 0; t < times; t++)
		for (k = 0; k < len; k++)
			ck_assert_int_eq(svc_open(s, 0), seq[k]);
}

START_TEST(test_rr_order)
{
	static const u32 w[4] = { 5, 1, 0, 3 };
	static const int seq1[] = { 0, 1, 3 }, seq2[] = { 0, 3 };
	static const int seq3[] = { 0, 2, 3 }, seq4[] = { 1, 2, 3, 0 };
	struct svc s;

	svc_init(&s, "rr", w, 4);
	expect_seq(&s, seq1, 3, 5);
	svc_set_overload(&s, 1, true);
	expect_seq(&s, seq2, 2, 5);
	svc_set_overload(&s, 1, false);
	svc_set_weight(&s, 1, 0);
	svc_set_weight(&s, 2, 9);
	expect_seq(&s, seq3, 3, 5);
	ck_assert_int_eq(svc_open(&s, 0), 0);
	svc_set_weight(&s, 1, 1);	/* joins right at the cursor: next */
	expect_seq(&s, seq4, 4, 5);
	svc_free(&s);
}
END_TEST

START_TEST(test_ring_cursor)
{
	static const u32 w[4] = { 1, 1, 1, 1 };
	static const int seq1[] = { 0, 1, 3 }, seq2[] = { 0, 1, 2, 3 };
	struct svc s;

	svc_init(&s, spread[_i], w, 4);
	ck_assert_int_eq(svc_open(&s, 0), 0);
	ck_assert_int_eq(svc_open(&s, 0), 1);
	svc_set_overload(&s, 2, true);	/* the next one in line leaves */
	ck_assert_int_eq(svc_open(&s, 0), 3);
	expect_seq(&s, seq1, 3, 2);
	svc_set_overload(&s, 2, false);	/* back, at the start of a cycle */
	expect_seq(&s, seq2, 4, 2);
	svc_free(&s);
}
END_TEST

START_TEST(test_wrr_321)
{
	static const u32 w1[3] = { 3, 2, 1 }, w2[3] = { 1, 2, 3 }, w3[3] = { 6, 4, 2 };
	static const int seq1[] = { 0, 0, 1, 0, 1, 2 }, seq2[] = { 2, 2, 1, 2, 1, 0 };
	struct svc s;

	svc_init(&s, "wrr", w1, 3);
	expect_seq(&s, seq1, 6, 10);
	svc_free(&s);
	svc_init(&s, "wrr", w2, 3);
	expect_seq(&s, seq2, 6, 10);
	svc_free(&s);
	svc_init(&s, "wrr", w3, 3);	/* gcd 2: the same 6-pick cycle */
	expect_seq(&s, seq1, 6, 10);
	svc_free(&s);
}
END_TEST

START_TEST(test_wrr_large)
{
	static const u32 w[2] = { 65535, 1 };
	unsigned int c[MAXN];
	struct svc s;

	svc_init(&s, "wrr", w, 2);
	svc_run(&s, 65536, c);
	ck_assert_uint_eq(c[0], 65535);
	ck_assert_uint_eq(c[1], 1);
	svc_run(&s, 3 * 65536, c);
	ck_assert_uint_eq(c[1], 3);
	svc_free(&s);
}
END_TEST

/* ---- lc / wlc ---- */

/*
 * Reference: IPVS's linear scans (ip_vs_{lc,wlc,sed,nq,fo,ovf}.c), the
 * first of equals kept; comparisons in 128 bits, independent of the code
 * under test.
 */
static unsigned __int128 ref_load(const struct svc *s, unsigned int i)
{
	const struct lbvs_sched_dest *d = &s->d[i];
	const char *nm = s->a->name;

	if (!strcmp(nm, "sed") || !strcmp(nm, "nq"))
		return (unsigned __int128)d->active + 1;
	return (unsigned __int128)d->active * 256 + d->inactive;
}

static u32 ref_weight(const struct svc *s, unsigned int i)
{
	return strcmp(s->a->name, "lc") ? s->d[i].weight : 1;
}

static int ref_pick(const struct svc *s)
{
	const char *nm = s->a->name;
	bool by_weight = !strcmp(nm, "fo") || !strcmp(nm, "ovf");
	int best = -1;
	unsigned int i;

	for (i = 0; i < s->n; i++) {
		const struct lbvs_sched_dest *d = &s->d[i];

		if (!d->weight || d->overloaded)
			continue;
		if (!strcmp(nm, "ovf") && d->active > d->weight)
			continue;
		if (!strcmp(nm, "nq") && !d->active)
			return i;
		if (best < 0)
			best = i;
		else if (by_weight ? d->weight > s->d[best].weight :
			 ref_load(s, i) * ref_weight(s, best) <
			 ref_load(s, best) * ref_weight(s, i))
			best = i;
	}
	return best;
}

/* Random opens, closes, weight and overload changes, checked at every pick. */
static void lc_simulate(const char *name, unsigned int n, unsigned int steps, bool big)
{
	u32 w[MAXN];
	struct svc s;
	unsigned int k, i;

	for (i = 0; i < n; i++)
		w[i] = big ? rnd(0) | 1 : 1 + rnd(5);	/* big: any u32 weight */
	svc_init(&s, name, w, n);
	for (k = 0; k < steps; k++) {
		u32 r = rnd(100);

		i = rnd(n);
		if (r < 50) {
			ck_assert_int_eq(s.a->pick(s.st, 0), ref_pick(&s));
			svc_open(&s, 0);
		} else if (r < 70 && s.d[i].active) {
			s.d[i].active--;	/* closes */
			s.d[i].inactive++;	/* ... into TIME_WAIT */
			svc_update(&s, i);
		} else if (r < 85 && s.d[i].inactive) {
			s.d[i].inactive--;
			svc_update(&s, i);
		} else if (r < 90) {
			svc_set_weight(&s, i, rnd(4) ? (big ? rnd(0) : 1 + rnd(5)) : 0);
		} else if (r < 95) {
			svc_set_overload(&s, i, !s.d[i].overloaded);
		} else if (big) {
			s.d[i].active = rnd(0);	/* up to 2^32 - 1 */
			s.d[i].inactive = rnd(0);
			svc_update(&s, i);
		}
	}
	ck_assert_int_eq(s.a->pick(s.st, 0), ref_pick(&s));
	svc_free(&s);
}

/* lc wlc sed nq fo ovf: _i 0..5 */
static const char *least_name(int i)
{
	return names[i < 2 ? LEAST0 + i : 4 + i];
}

START_TEST(test_lc_simulate)
{
	lc_simulate(least_name(_i), 1, 500, false);
	lc_simulate(least_name(_i), 7, 20000, false);
	lc_simulate(least_name(_i), 200, 20000, false);
	lc_simulate(least_name(_i), 50, 20000, true);
}
END_TEST

START_TEST(test_lc_ties)
{
	static const u32 w[4] = { 1, 1, 1, 1 };
	static const int seq[] = { 0, 1, 2, 3 };
	struct svc s;

	svc_init(&s, names[2 + _i], w, 4);
	expect_seq(&s, seq, 4, 10);	/* equal loads: lowest index first */
	svc_free(&s);
}
END_TEST

START_TEST(test_wlc_proportion)
{
	static const u32 w[3] = { 1, 2, 5 };
	unsigned int c[MAXN];
	struct svc s;

	svc_init(&s, "wlc", w, 3);
	svc_run(&s, 800, c);
	ck_assert_uint_eq(c[0], 100);
	ck_assert_uint_eq(c[1], 200);
	ck_assert_uint_eq(c[2], 500);
	svc_free(&s);
}
END_TEST


/* nq takes an idle server however light; sed weighs expected delay only. */
START_TEST(test_nq_idle_first)
{
	static const u32 w[3] = { 100, 1, 1 };
	struct svc s, t;

	svc_init(&s, "nq", w, 3);
	svc_init(&t, "sed", w, 3);
	s.d[0].active = t.d[0].active = 5;
	svc_update(&s, 0);
	svc_update(&t, 0);
	ck_assert_int_eq(s.a->pick(s.st, 0), 1);	/* idle, lowest index */
	ck_assert_int_eq(t.a->pick(t.st, 0), 0);	/* 6/100 < 1/1 */
	ck_assert_int_eq(svc_open(&s, 0), 1);
	ck_assert_int_eq(svc_open(&s, 0), 2);
	ck_assert_int_eq(svc_open(&s, 0), 0);		/* none idle: 6/100 */
	svc_free(&s);
	svc_free(&t);
}
END_TEST

/* fo: all to the heaviest eligible server, the next one when it fails. */
START_TEST(test_fo)
{
	static const u32 w[3] = { 2, 5, 5 };
	unsigned int c[MAXN];
	struct svc s;

	svc_init(&s, "fo", w, 3);
	ck_assert_uint_eq(svc_run(&s, 100, c), 0);
	ck_assert_uint_eq(c[1], 100);
	svc_set_overload(&s, 1, true);
	ck_assert_int_eq(svc_open(&s, 0), 2);
	svc_set_weight(&s, 2, 0);
	ck_assert_int_eq(svc_open(&s, 0), 0);
	svc_set_overload(&s, 1, false);
	ck_assert_int_eq(svc_open(&s, 0), 1);
	svc_free(&s);
}
END_TEST

/* ovf: the heaviest server until its active connections pass its weight. */
START_TEST(test_ovf)
{
	static const u32 w[2] = { 3, 1 };
	static const int seq[] = { 0, 0, 0, 0, 1, 1, -1 };
	struct svc s;
	unsigned int k;

	svc_init(&s, "ovf", w, 2);
	for (k = 0; k < sizeof(seq) / sizeof(seq[0]); k++)
		ck_assert_int_eq(svc_open(&s, 0), seq[k]);
	s.d[0].active--;		/* one closes: back within its weight */
	svc_update(&s, 0);
	ck_assert_int_eq(svc_open(&s, 0), 0);
	svc_free(&s);
}
END_TEST

/*
 * twos against IPVS's rule as probabilities: a draw gives server j with
 * probability w_j / total; two independent draws (a, b) give b if its
 * load / weight is strictly below a's, else a. 2^18 picks with random
 * numbers must match each server's exact probability within 5 standard
 * deviations.
 */
static void twos_check(struct svc *s)
{
	double p[MAXN] = { 0 }, want[MAXN] = { 0 }, total = 0, sd;
	unsigned int c[MAXN] = { 0 }, a, b, i, k, picks = 1u << 18;

	for (i = 0; i < s->n; i++)
		if (s->d[i].weight && !s->d[i].overloaded)
			total += s->d[i].weight;
	if (!total) {
		ck_assert_int_eq(s->a->pick(s->st, rnd(0)), -1);
		return;
	}
	for (i = 0; i < s->n; i++)
		if (s->d[i].weight && !s->d[i].overloaded)
			p[i] = s->d[i].weight / total;
	for (a = 0; a < s->n; a++)
		for (b = 0; b < s->n; b++)
			want[ref_load(s, b) * s->d[a].weight <
			     ref_load(s, a) * s->d[b].weight ? b : a] += p[a] * p[b];
	for (k = 0; k < picks; k++) {
		int got = s->a->pick(s->st, rnd(0));

		ck_assert_int_ge(got, 0);
		c[got]++;
	}
	for (i = 0; i < s->n; i++) {
		sd = sqrt(want[i] * (1 - want[i]) / picks);
		ck_assert_msg(fabs((double)c[i] / picks - want[i]) <= 5 * sd + 1e-6,
			      "server %u of %u: %u picks, want %.0f", i, s->n,
			      c[i], want[i] * picks);
	}
}

/* Random weights, overloads and loads, the distribution checked between. */
START_TEST(test_twos)
{
	static const unsigned int ns[] = { 1, 3, 7, 40 };
	unsigned int n = ns[_i], k, i, step;
	u32 w[MAXN];
	struct svc s;

	for (i = 0; i < n; i++)
		w[i] = 1 + rnd(5);
	svc_init(&s, "twos", w, n);
	twos_check(&s);
	for (k = 0; k < 6; k++) {
		for (step = 0; step < 50; step++) {
			i = rnd(n);
			switch (rnd(4)) {
			case 0:
				svc_set_weight(&s, i, rnd(3) ? 1 + rnd(1000) : 0);
				break;
			case 1:
				svc_set_overload(&s, i, !s.d[i].overloaded);
				break;
			default:
				s.d[i].active = rnd(20);
				s.d[i].inactive = rnd(300);
				svc_update(&s, i);
			}
		}
		twos_check(&s);
	}
	svc_free(&s);
}
END_TEST

/*
 * IPVS's largest weight, 2^31 - 1, with its neighbours: wrr's rounds,
 * twos's draws and mh's quotas neither overflow nor lose the light server.
 */
START_TEST(test_weight_max)
{
	static const u32 wmax = 2147483647, w[3] = { wmax, wmax - 1, 1 };
	static const int seq[] = { 0, 0, 1, 0, 1 };
	unsigned int c[MAXN];
	struct svc s;

	svc_init(&s, "wrr", w, 3);
	expect_seq(&s, seq, 5, 1);
	svc_free(&s);
	svc_init(&s, "twos", w, 3);
	twos_check(&s);
	svc_free(&s);
	svc_init(&s, "mh", w, 3);
	ck_assert_uint_eq(svc_run(&s, 1u << 18, c), 0);
	ck_assert_uint_gt(c[2], 0);		/* one bucket of 65,537 at least */
	ck_assert_uint_lt(c[2], 1u << 8);
	ck_assert_uint_gt(c[1], 1u << 16);
	svc_free(&s);
}
END_TEST

/* sh-fallback, mh-fallback: a client whose server is out gets another one. */
START_TEST(test_table_fallback)
{
	static const char *const algos[] = { "sh", "mh" };
	static const u32 w[4] = { 1, 2, 1, 1 };
	unsigned int k, missed = 0;
	struct svc s;
	int p, f;

	svc_init(&s, algos[_i], w, 4);
	ck_assert_ptr_nonnull(s.a->fallback);
	svc_set_overload(&s, 1, true);
	svc_set_weight(&s, 3, 0);
	for (k = 0; k < 20000; k++) {
		u32 h = key_hash(k);

		p = s.a->pick(s.st, h);
		if (p >= 0)
			continue;
		missed++;
		f = s.a->fallback(s.st, h);
		ck_assert(f == 0 || f == 2);
		ck_assert_int_eq(s.a->fallback(s.st, h), f);	/* stable */
	}
	ck_assert_uint_gt(missed, 20000 / 5);	/* server 1's share */
	svc_set_overload(&s, 0, true);
	svc_set_overload(&s, 2, true);
	ck_assert_int_eq(s.a->fallback(s.st, 1), -1);	/* nobody left */
	svc_free(&s);
	ck_assert_ptr_null(lbvs_sched_algo_find("dh")->fallback);
}
END_TEST

/* ---- mh ---- */

#define MH_SIZE	65537

/* The owner of each of mh's buckets, as a key (-1: none). */
static void mh_owners(struct svc *s, int64_t *own)
{
	unsigned int b;
	int p;

	for (b = 0; b < MH_SIZE; b++) {
		/* the smallest hash that lands in bucket b */
		u32 h = (u32)((((u64)b << 32) + MH_SIZE - 1) / MH_SIZE);

		p = s->a->pick(s->st, h);
		own[b] = p < 0 ? -1 : (int64_t)s->d[p].key;
	}
}

static unsigned int mh_moved(const int64_t *a, const int64_t *b)
{
	unsigned int k, moved = 0;

	for (k = 0; k < MH_SIZE; k++)
		moved += a[k] != b[k];
	return moved;
}

/* Same servers and weights, added in another order: the same table. */
START_TEST(test_mh_order)
{
	static int64_t a[MH_SIZE], b[MH_SIZE];
	u32 w[MAXN];
	struct svc s;
	unsigned int i;

	for (i = 0; i < 20; i++)
		w[i] = 1 + i % 3;
	svc_init(&s, "mh", w, 20);
	mh_owners(&s, a);
	for (i = 0; i < 20; i++) {	/* reversed */
		s.d[i].weight = w[19 - i];
		s.d[i].key = key_hash(7777 + 19 - i);
	}
	svc_reinit(&s, 20);
	mh_owners(&s, b);
	ck_assert_uint_eq(mh_moved(a, b), 0);
	svc_free(&s);
}
END_TEST

/* Shares within 1% of the weights at 100 servers. */
START_TEST(test_mh_balance)
{
	static int64_t own[MH_SIZE];
	unsigned int i, k, cnt, sum = 0;
	u32 w[MAXN];
	struct svc s;

	for (i = 0; i < 100; i++) {
		w[i] = _i ? 1 + i % 4 : 1;
		sum += w[i];
	}
	svc_init(&s, "mh", w, 100);
	mh_owners(&s, own);
	for (i = 0; i < 100; i++) {
		double want = (double)MH_SIZE * w[i] / sum;

		for (cnt = 0, k = 0; k < MH_SIZE; k++)
			cnt += own[k] == (int64_t)s.d[i].key;
		ck_assert_msg(cnt >= want * 0.99 && cnt <= want * 1.01,
			      "server %u (weight %u): %u buckets, want %.0f",
			      i, w[i], cnt, want);
	}
	svc_free(&s);
}
END_TEST

/*
 * Removing one of N servers, or adding one, remaps at most 1/N + 1% of the
 * table (the removed server's own buckets are 1/N): issue 15's bound.
 */
START_TEST(test_mh_disruption)
{
	static int64_t before[MH_SIZE], after[MH_SIZE];
	static const unsigned int ns[] = { 10, 100, 200 };
	unsigned int n = ns[_i], moved, i, k;
	u32 w[MAXN];
	struct svc s;

	for (i = 0; i < n + 1; i++)
		w[i] = 1;
	svc_init(&s, "mh", w, n);
	mh_owners(&s, before);
	for (k = 0; k < 3; k++) {	/* three different servers removed */
		struct svc t;
		unsigned int gone = k * n / 3;

		svc_init(&t, "mh", w, n);
		memmove(&t.d[gone], &t.d[gone + 1], (n - 1 - gone) * sizeof(t.d[0]));
		svc_reinit(&t, n - 1);
		mh_owners(&t, after);
		moved = mh_moved(before, after);
		ck_assert_msg(moved <= MH_SIZE / n + MH_SIZE / 100,
			      "n %u: removing server %u moved %u buckets (own share %u)",
			      n, gone, moved, MH_SIZE / n);
		svc_free(&t);
	}
	svc_free(&s);
	svc_init(&s, "mh", w, n + 1);	/* one added */
	mh_owners(&s, after);
	moved = mh_moved(before, after);
	ck_assert_msg(moved <= MH_SIZE / (n + 1) + MH_SIZE / 100,
		      "n %u: adding a server moved %u buckets", n, moved);
	svc_free(&s);
}
END_TEST

/* Overload keeps the table (its buckets miss); weight 0 gives them away. */
START_TEST(test_mh_states)
{
	static int64_t a[MH_SIZE], b[MH_SIZE];
	static const u32 w[4] = { 1, 1, 1, 1 };
	unsigned int k, miss = 0;
	struct svc s;

	svc_init(&s, "mh", w, 4);
	mh_owners(&s, a);
	svc_set_overload(&s, 2, true);
	mh_owners(&s, b);
	for (k = 0; k < MH_SIZE; k++) {
		ck_assert(b[k] == a[k] || (b[k] == -1 && a[k] == (int64_t)s.d[2].key));
		miss += b[k] == -1;
	}
	ck_assert_uint_ge(miss, MH_SIZE / 4 - 1);
	svc_set_overload(&s, 2, false);
	svc_set_weight(&s, 2, 0);
	mh_owners(&s, b);
	for (k = 0; k < MH_SIZE; k++)
		ck_assert(b[k] != -1 && b[k] != (int64_t)s.d[2].key);
	svc_free(&s);
}
END_TEST

/*
 * mh's reference: Maglev's table fill (Eisenbud et al., NSDI 2016, pseudo-
 * code 1), as IPVS's ip_vs_mh.c does it, with the weights and the order of
 * turns kmod/sched_algo.c documents, written plainly from the paper rather
 * than from the kernel code:
 * - server i's preference list is permutation[i][j] = (offset + j * skip)
 *   mod M, offset = h1(key) mod M, skip = h2(key) mod (M - 1) + 1, M the
 *   prime 65,537; h1, h2: murmur3's 32-bit finaliser (lbvs_sched_mix32())
 *   of the key xor a constant (0x9e3779b9, 0x85ebca6b);
 * - servers of weight 0 get nothing; the others take turns in ascending key
 *   order, each turn claiming its most preferred free bucket, until each has
 *   its quota max(1, floor(M * weight / sum of weights));
 * - then, while buckets are left (quotas round down), every weighted server
 *   takes one more turn per round, in the same order.
 * ref[b] is the owner of bucket b, an index into d (-1: none).
 */
static void ref_mh_fill(const struct lbvs_sched_dest *d, unsigned int n, int *ref)
{
	static u64 offset[MAXN], skip[MAXN], next[MAXN], quota[MAXN], got[MAXN];
	unsigned int order[MAXN], cnt = 0, i, t, filled = 0;
	u64 sum = 0;
	bool leftover = false, any;

	for (i = 0; i < MH_SIZE; i++)
		ref[i] = -1;
	for (i = 0; i < n; i++)
		sum += d[i].weight;
	for (i = 0; i < n; i++) {
		if (!d[i].weight)
			continue;
		offset[i] = lbvs_sched_mix32(d[i].key ^ 0x9e3779b9U) % MH_SIZE;
		skip[i] = lbvs_sched_mix32(d[i].key ^ 0x85ebca6bU) % (MH_SIZE - 1) + 1;
		next[i] = 0;
		got[i] = 0;
		quota[i] = (u64)MH_SIZE * d[i].weight / sum;
		if (!quota[i])
			quota[i] = 1;
		/* insertion sort by key, then index */
		for (t = cnt++; t > 0 && d[order[t - 1]].key > d[i].key; t--)
			order[t] = order[t - 1];
		order[t] = i;
	}
	while (cnt && filled < MH_SIZE) {
		any = false;
		for (t = 0; t < cnt && filled < MH_SIZE; t++) {
			u64 c;

			i = order[t];
			if (!leftover && got[i] >= quota[i])
				continue;
			do	/* Maglev: the next preferred bucket still free */
				c = (offset[i] + next[i]++ * skip[i]) % MH_SIZE;
			while (ref[c] >= 0);
			ref[c] = (int)i;
			got[i]++;
			filled++;
			any = true;
		}
		if (!any)
			leftover = true;
	}
}

/*
 * Every one of the 65,537 buckets: the scheduler picks what the reference
 * fill puts there, for server sets with weights (weight 0, weights whose
 * quotas round to 0 and overflow the table, 2^31 - 1, 250 servers).
 */
START_TEST(test_mh_reference)
{
	static int ref[MH_SIZE];
	u32 w[MAXN];
	unsigned int n, i, b, diff = 0, first = 0;
	struct svc s;

	switch (_i) {
	case 0:
		n = 3;
		w[0] = w[1] = w[2] = 1;
		break;
	case 1:
		n = 5;
		w[0] = 1, w[1] = 2, w[2] = 0, w[3] = 3, w[4] = 4;
		break;
	case 2:
		n = 3;
		w[0] = 2147483647, w[1] = 2147483646, w[2] = 1;
		break;
	case 3:		/* quotas 65,536 + 200 x 1: the table runs out first */
		n = 201;
		w[0] = 2147483647;
		for (i = 1; i < n; i++)
			w[i] = 1;
		break;
	default:
		n = 250;
		for (i = 0; i < n; i++)
			w[i] = i % 7 ? rnd(1000) : i % 3;
	}
	svc_init(&s, "mh", w, n);
	if (_i == 4) {		/* keys in no order, two of them equal */
		for (i = 0; i < n; i++)
			s.d[i].key = rnd(0);
		s.d[17].key = s.d[9].key;
		svc_reinit(&s, n);
	}
	ref_mh_fill(s.d, n, ref);
	for (b = 0; b < MH_SIZE; b++) {
		u32 h = (u32)((((u64)b << 32) + MH_SIZE - 1) / MH_SIZE);
		int p = s.a->pick(s.st, h);

		if (p != ref[b] && !diff++)
			first = b;
	}
	ck_assert_msg(!diff, "set %d: %u of %u buckets differ from the reference, "
		      "first %u (reference %d)", _i, diff, MH_SIZE, first, ref[first]);
	for (i = 0; i < n; i++) {	/* every weighted server owns a bucket, no other */
		for (b = 0; b < MH_SIZE && ref[b] != (int)i; b++)
			;
		ck_assert_msg((b < MH_SIZE) == (w[i] > 0), "set %d: server %u "
			      "(weight %u) owns %s bucket", _i, i, w[i],
			      b < MH_SIZE ? "a" : "no");
	}
	svc_free(&s);
}
END_TEST

/* ---- sh / dh ---- */

/* The table seen through pick(): hash b lands in bucket b for b < size. */
static void table_of(struct svc *s, int *tab, unsigned int size)
{
	unsigned int b;

	for (b = 0; b < size; b++)
		tab[b] = s->a->pick(s->st, b);
}

START_TEST(test_table_sticky)
{
	static const u32 w[5] = { 1, 1, 1, 1, 1 };
	struct svc s, t;
	unsigned int k;

	svc_init(&s, names[4 + _i], w, 5);
	svc_init(&t, names[4 + _i], w, 5);
	for (k = 0; k < 10000; k++) {
		u32 h = key_hash(k);
		int p = s.a->pick(s.st, h);

		ck_assert_int_ge(p, 0);
		ck_assert_int_eq(s.a->pick(s.st, h), p);
		ck_assert_int_eq(t.a->pick(t.st, h), p);	/* deterministic */
	}
	svc_free(&s);
	svc_free(&t);
}
END_TEST

/*
 * Share of 200000 hashes per server within 10% of weight / sum, or within
 * 1.5 buckets of it where a server owns few buckets (size: table size).
 */
static void check_spread(const char *name, const u32 *w, unsigned int n, unsigned int size)
{
	unsigned int c[MAXN], i;
	double sum = 0;
	struct svc s;

	for (i = 0; i < n; i++)
		sum += w[i];
	svc_init(&s, name, w, n);
	ck_assert_uint_eq(svc_run(&s, 200000, c), 0);
	for (i = 0; i < n; i++) {
		double want = 200000.0 * w[i] / sum;
		double slack = 0.1 * want + 1.5 * 200000.0 / size;

		ck_assert_msg(c[i] > want - slack && c[i] < want + slack,
			      "%s server %u: %u picks, want %.0f", name, i, c[i], want);
	}
	svc_free(&s);
}

START_TEST(test_table_spread)
{
	static const u32 w1[4] = { 1, 2, 3, 4 }, w3[2] = { 65535, 1 };
	unsigned int i, own[2] = { 0 };
	int tab[256];
	u32 w2[MAXN];
	struct svc s;

	/* a tiny weight still owns one bucket */
	svc_init(&s, names[4 + _i], w3, 2);
	table_of(&s, tab, 256);
	for (i = 0; i < 256; i++)
		own[tab[i]]++;
	ck_assert_uint_eq(own[1], 1);
	svc_free(&s);

	check_spread(names[4 + _i], w1, 4, 256);
	for (i = 0; i < 100; i++)
		w2[i] = 1 + i % 3;
	check_spread(names[4 + _i], w2, 100, 1024);
}
END_TEST

static unsigned int table_moved(const int *a, const int *b, unsigned int size)
{
	unsigned int k, moved = 0;

	for (k = 0; k < size; k++)
		moved += a[k] != b[k];
	return moved;
}

START_TEST(test_table_stable)
{
	int before[1024], after[1024];
	u32 w[MAXN];
	struct svc s;
	unsigned int i, moved;

	/*
	 * 100 servers: 1024 buckets whether 100 or 101. The ideal is to move
	 * 1024 / 101 = 10 buckets; Maglev's turn taking cascades a little
	 * (measured 2-5x at this size, see sched_algo.c): allow 6x.
	 */
	for (i = 0; i <= 100; i++)
		w[i] = 1;
	svc_init(&s, names[4 + _i], w, 100);
	table_of(&s, before, 1024);
	svc_free(&s);
	svc_init(&s, names[4 + _i], w, 101);	/* one appended */
	table_of(&s, after, 1024);
	moved = table_moved(before, after, 1024);
	ck_assert_msg(moved >= 1024 / 101 && moved <= 6 * 1024 / 101,
		      "append moved %u buckets", moved);

	table_of(&s, before, 1024);	/* one weight doubled */
	svc_set_weight(&s, 50, 2);
	table_of(&s, after, 1024);
	moved = table_moved(before, after, 1024);
	ck_assert_msg(moved <= 6 * 1024 / 101, "weight change moved %u buckets", moved);

	table_of(&s, before, 1024);	/* one quiesced */
	svc_set_weight(&s, 7, 0);
	table_of(&s, after, 1024);
	moved = table_moved(before, after, 1024);
	ck_assert_msg(moved <= 6 * 1024 / 101, "quiesce moved %u buckets", moved);
	svc_free(&s);
}
END_TEST

START_TEST(test_table_big)
{
	static struct lbvs_sched_dest d[10000];
	const struct lbvs_sched_algo *a = lbvs_sched_algo_find(names[4 + _i]);
	static unsigned int c[10000];
	unsigned int i, k, lo = ~0U, hi = 0;
	void *st;

	for (i = 0; i < 10000; i++)
		d[i].weight = 1;
	st = calloc(1, a->state_size(10000));
	ck_assert_ptr_nonnull(st);
	a->init(st, d, 10000);
	for (k = 0; k < 1000000; k++)
		c[a->pick(st, key_hash(k))]++;
	for (i = 0; i < 10000; i++) {
		lo = c[i] < lo ? c[i] : lo;
		hi = c[i] > hi ? c[i] : hi;
	}
	/* 13.1 buckets each, 100 picks each on average */
	ck_assert_uint_gt(lo, 30);
	ck_assert_uint_lt(hi, 250);
	free(st);
}
END_TEST

START_TEST(test_hash)
{
	static const u8 v6a[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	static const u8 v6b[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
	static unsigned int bucket[256];
	unsigned int k;

	ck_assert_uint_eq(lbvs_sched_hash(v6a, 16), lbvs_sched_hash(v6a, 16));
	ck_assert_uint_ne(lbvs_sched_hash(v6a, 16), lbvs_sched_hash(v6b, 16));
	/* 65536 consecutive addresses of 198.18.0.0/16 spread over 256 buckets */
	for (k = 0; k < 65536; k++) {
		u8 a[4] = { 198, 18, k >> 8, k & 0xff };

		bucket[lbvs_sched_hash(a, 4) & 255]++;
	}
	for (k = 0; k < 256; k++)
		ck_assert_msg(bucket[k] > 180 && bucket[k] < 332, "bucket %u: %u", k, bucket[k]);
}
END_TEST

/* ---- lblc / lblcr ---- */

#define LOC_EXPIRE	(24U * 60 * 60)
#define REF_ENTS	64

/*
 * Reference: IPVS's ip_vs_lblc.c and ip_vs_lblcr.c written plainly: a
 * list of entries, one per destination, any number of them, a set of any
 * size; members by server key (IPVS holds the server itself). Two rules
 * are lbvs's, stated where they apply: an entry unused for LOC_EXPIRE is
 * gone at its next lookup (IPVS collects it within the next 30 minutes),
 * and a removed server leaves every set at once (IPVS leaves it in, never
 * picked, until the set shrinks).
 */
struct ref_ent {
	u32 hash, used, mod, cnt;
	u32 key[MAXN];		/* newest first */
};

struct ref_loc {
	bool r;			/* lblcr */
	u32 now;
	unsigned int nent;
	struct ref_ent e[REF_ENTS];
};

static int ref_index(const struct svc *s, u32 key)
{
	unsigned int i;

	for (i = 0; i < s->n; i++)
		if (s->d[i].key == key)
			return (int)i;
	return -1;
}

static void ref_drop(struct ref_loc *m, unsigned int k)
{
	m->e[k] = m->e[--m->nent];
}

static struct ref_ent *ref_lookup(struct ref_loc *m, u32 hash)
{
	unsigned int k;

	for (k = 0; k < m->nent; k++) {
		if (m->e[k].hash != hash)
			continue;
		if (m->now - m->e[k].used >= LOC_EXPIRE) {	/* lbvs's rule */
			ref_drop(m, k);
			return NULL;
		}
		return &m->e[k];
	}
	return NULL;
}

static unsigned __int128 ref_ovh(const struct svc *s, int i)
{
	return (unsigned __int128)s->d[i].active * 256 + s->d[i].inactive;
}

/* ip_vs_dest_set_min(): least overhead / weight, the first of equals. */
static int ref_set_min(const struct svc *s, const struct ref_ent *e)
{
	int best = -1, i;
	unsigned int k;

	for (k = 0; k < e->cnt; k++) {
		i = ref_index(s, e->key[k]);
		if (!s->d[i].weight || s->d[i].overloaded)
			continue;
		if (best < 0 || ref_ovh(s, best) * s->d[i].weight >
				ref_ovh(s, i) * s->d[best].weight)
			best = i;
	}
	return best;
}

/* ip_vs_dest_set_max(): most overhead / weight of those with a weight. */
static int ref_set_max(const struct svc *s, const struct ref_ent *e)
{
	int best = -1, i;
	unsigned int k;

	for (k = 0; k < e->cnt; k++) {
		i = ref_index(s, e->key[k]);
		if (!s->d[i].weight)
			continue;
		if (best < 0 || ref_ovh(s, best) * s->d[i].weight <
				ref_ovh(s, i) * s->d[best].weight)
			best = i;
	}
	return best;
}

static void ref_erase(struct ref_loc *m, struct ref_ent *e, u32 key)
{
	unsigned int k;

	for (k = 0; k < e->cnt; k++) {
		if (e->key[k] == key) {
			memmove(&e->key[k], &e->key[k + 1], (--e->cnt - k) * sizeof(u32));
			e->mod = m->now;
			return;
		}
	}
}

/* is_overloaded() */
static bool ref_overloaded(const struct svc *s, int i)
{
	unsigned int j;

	if (s->d[i].active <= s->d[i].weight)
		return false;
	for (j = 0; j < s->n; j++)
		if ((u64)s->d[j].active * 2 < s->d[j].weight)
			return true;
	return false;
}

/* lblc: the cached server, if available (lbvs: and not over its threshold) */
static int ref_cached(const struct svc *s, const struct ref_ent *e)
{
	int i = ref_index(s, e->key[0]);

	return s->d[i].weight && !s->d[i].overloaded ? i : -1;
}

/* ip_vs_lblc_schedule() and ip_vs_lblcr_schedule() */
static int ref_loc_pick(const struct svc *s, struct ref_loc *m, u32 hash)
{
	struct ref_ent *e = ref_lookup(m, hash);
	unsigned int k;
	int i = -1, x;

	if (e) {
		e->used = m->now;
		i = m->r ? ref_set_min(s, e) : ref_cached(s, e);
		if (m->r && e->cnt > 1 && m->now - e->mod > LOC_EXPIRE) {
			x = ref_set_max(s, e);
			if (x >= 0)
				ref_erase(m, e, s->d[x].key);
		}
		if (i >= 0 && !ref_overloaded(s, i))
			return i;
	}
	i = ref_pick(s);	/* as wlc: the name is neither lc, sed nor nq */
	if (i < 0)
		return -1;
	if (!e) {
		ck_assert_uint_lt(m->nent, REF_ENTS);
		e = &m->e[m->nent++];
		*e = (struct ref_ent){ .hash = hash, .used = m->now, .mod = m->now };
	}
	if (!m->r)
		e->cnt = 0;	/* lblc: the new server replaces the old */
	for (k = 0; k < e->cnt; k++)
		if (e->key[k] == s->d[i].key)
			return i;
	memmove(&e->key[1], &e->key[0], e->cnt++ * sizeof(u32));
	e->key[0] = s->d[i].key;
	e->mod = m->now;
	return i;
}

/* Server key left the service: lbvs drops it from every set. */
static void ref_forget(struct ref_loc *m, u32 key)
{
	unsigned int k = m->nent;

	while (k-- > 0) {
		u32 mod = m->e[k].mod;	/* not a change of the set's */

		ref_erase(m, &m->e[k], key);
		m->e[k].mod = mod;
		if (!m->e[k].cnt)
			ref_drop(m, k);
	}
}

/* The glue's rebuild after a configuration change: init, then carry. */
static void loc_rebuild(struct svc *s, unsigned int n)
{
	void *old = s->st;

	s->n = n;
	s->st = calloc(1, s->a->state_size(n));
	ck_assert_ptr_nonnull(s->st);
	s->a->init(s->st, s->d, n);
	s->a->carry(s->st, old);
	free(old);
}

/* Destination k of 16: distinct low bits, so no two share a bucket. */
static u32 loc_dest(u32 k)
{
	return (key_hash(k) & ~0x7ffU) | k;
}

static int loc_open(struct svc *s, u32 now, u32 hash)
{
	s->a->clock(s->st, now);
	return svc_open(s, hash);
}

/*
 * Random picks to 16 destinations, closes, weight and overload changes,
 * servers added and removed (rebuild and carry), time passing by seconds
 * and by hours (expiry, lblcr's shrink): every pick as the reference's.
 */
static void loc_simulate(const char *name, unsigned int steps)
{
	static const u32 w0[3] = { 1, 2, 3 };
	struct ref_loc m = { .r = !strcmp(name, "lblcr") };
	u32 next_key = 1;
	unsigned int k, i;
	struct svc s;

	svc_init(&s, name, w0, 3);
	for (k = 0; k < steps; k++) {
		u32 r = rnd(1000), h = loc_dest(rnd(16));

		i = rnd(s.n);
		m.now += r < 15 ? 6 * 3600 + rnd(6 * 3600) : rnd(30);
		if (r < 600) {
			int want = ref_loc_pick(&s, &m, h);

			ck_assert_int_eq(loc_open(&s, m.now, h), want);
		} else if (r < 800 && s.d[i].active) {
			s.d[i].active--;
			s.d[i].inactive += rnd(2);
			svc_update(&s, i);
		} else if (r < 850 && s.d[i].inactive) {
			s.d[i].inactive--;
			svc_update(&s, i);
		} else if (r < 900) {
			svc_set_weight(&s, i, rnd(5) ? 1 + rnd(6) : 0);
		} else if (r < 930) {
			svc_set_overload(&s, i, !s.d[i].overloaded);
		} else if (r < 960 && s.n < 4) {	/* a set never outgrows 4 */
			s.d[s.n] = (struct lbvs_sched_dest){
				.weight = 1 + rnd(5), .key = key_hash(100000 + next_key++),
			};
			loc_rebuild(&s, s.n + 1);
		} else if (r < 990 && s.n > 1) {
			ref_forget(&m, s.d[i].key);
			memmove(&s.d[i], &s.d[i + 1], (s.n - i - 1) * sizeof(s.d[0]));
			loc_rebuild(&s, s.n - 1);
		} else {
			loc_rebuild(&s, s.n);	/* an edit: the same servers */
		}
	}
	svc_free(&s);
}

START_TEST(test_loc_simulate)
{
	unsigned int k;

	for (k = 0; k < 20; k++)
		loc_simulate(names[NALGO - 2 + _i], 5000);
}
END_TEST

/* One destination stays on its server until IPVS's overload rule fires. */
START_TEST(test_lblc_rule)
{
	static const u32 w[3] = { 2, 2, 2 };
	static const int seq[] = { 0, 0, 0, 1, 1, 1, 2, 2 };
	u32 a = loc_dest(1), b = loc_dest(2), h[8] = { a, a, a, b, b, b, b, b };
	struct svc s;
	int k;

	svc_init(&s, "lblc", w, 3);
	/* b leaves 1 at 3 > 2 active, 2 being under (0 * 2 < 2) */
	for (k = 0; k < 8; k++)
		ck_assert_int_eq(loc_open(&s, 0, h[k]), seq[k]);
	/* active 3 3 2: 0 is over, but no server is under */
	ck_assert_int_eq(loc_open(&s, 0, a), 0);
	svc_set_weight(&s, 2, 0);			/* quiesced: wlc, 3/2 < 4/2 */
	ck_assert_int_eq(loc_open(&s, 0, b), 1);
	svc_set_weight(&s, 2, 2);
	ck_assert_int_eq(loc_open(&s, 0, b), 1);	/* no way back by itself */
	ck_assert_int_eq(loc_open(&s, LOC_EXPIRE - 1, b), 1);
	/* a unused for a day: forgotten, wlc (4/2, 6/2, 2/2) */
	ck_assert_int_eq(loc_open(&s, LOC_EXPIRE, a), 2);
	ck_assert_int_eq(loc_open(&s, 2 * LOC_EXPIRE - 2, b), 1);
	svc_free(&s);
}
END_TEST

/* lblcr's set: grows under IPVS's overload rule, shrinks a day later. */
START_TEST(test_lblcr_rule)
{
	static const u32 w[3] = { 2, 2, 2 };
	u32 a = loc_dest(1);
	struct svc s;
	int k;

	svc_init(&s, "lblcr", w, 3);
	for (k = 0; k < 3; k++)
		ck_assert_int_eq(loc_open(&s, 0, a), 0);
	s.d[1].active = 2;
	svc_update(&s, 1);
	ck_assert_int_eq(loc_open(&s, 0, a), 2);	/* 0 over, 2 under: joins */
	ck_assert_int_eq(loc_open(&s, 0, a), 2);	/* the least of {2, 0} */
	ck_assert_int_eq(loc_open(&s, 0, a), 2);	/* 2/2 < 3/2 */
	ck_assert_int_eq(loc_open(&s, 0, a), 2);	/* 3/2 = 3/2: the newest */
	ck_assert_int_eq(loc_open(&s, LOC_EXPIRE / 2, a), 0);	/* 3/2 < 4/2 */
	/*
	 * Unchanged for more than a day: the most loaded leaves, the first
	 * of equals (2, at 4/2 as 0), which is also the least loaded and
	 * still taken, as IPVS does.
	 */
	ck_assert_int_eq(loc_open(&s, LOC_EXPIRE + 1, a), 2);
	s.d[2].active = 1;	/* 1/2: would be taken if still a member */
	svc_update(&s, 2);
	ck_assert_int_eq(loc_open(&s, LOC_EXPIRE + 2, a), 0);
	svc_free(&s);
}
END_TEST

/*
 * lbvs's bounds: a third destination in a bucket evicts the one used
 * least recently; a set of 4 that must grow drops its most loaded member.
 */
START_TEST(test_loc_bounds)
{
	u32 w[10], h[3], k;
	struct svc s;

	for (k = 0; k < 10; k++)
		w[k] = 100;
	svc_init(&s, names[NALGO - 2 + _i], w, 10);
	for (k = 0; k < 3; k++)	/* one bucket: the same low 11 bits */
		h[k] = (key_hash(k) & ~0x7ffU) | 5;
	ck_assert_int_eq(loc_open(&s, 10, h[0]), 0);
	ck_assert_int_eq(loc_open(&s, 11, h[1]), 1);
	ck_assert_int_eq(loc_open(&s, 12, h[0]), 0);	/* h[1] is the LRU */
	ck_assert_int_eq(loc_open(&s, 13, h[2]), 2);	/* evicts h[1] */
	ck_assert_int_eq(loc_open(&s, 14, h[0]), 0);	/* kept */
	ck_assert_int_eq(loc_open(&s, 15, h[1]), 3);	/* forgotten: wlc */
	svc_free(&s);
	if (!_i)
		return;

	for (k = 0; k < 10; k++)
		w[k] = 2;
	svc_init(&s, "lblcr", w, 10);
	for (k = 0; k < 5; k++) {	/* each member over, 5..9 under */
		ck_assert_int_eq(loc_open(&s, 20, h[0]), k);
		s.d[k].active = k == 1 ? 20 : 3;
		svc_update(&s, k);
	}
	/* 4 joined the full set, 1 (the most loaded) left */
	s.d[1].active = 0;
	s.d[4].active = 1;
	svc_update(&s, 1);
	svc_update(&s, 4);
	ck_assert_int_eq(loc_open(&s, 21, h[0]), 4);	/* 1 would be less */
	svc_free(&s);
}
END_TEST

/* ---- exhaustive small cases: n <= 4, weights 0..4, all algorithms ---- */

static u32 gcd_ref(u32 a, u32 b)
{
	return b ? gcd_ref(b, a % b) : a;
}

/* Reference wrr/rr cycle: rounds r = max..g step g, weight >= r, by weight desc. */
static unsigned int ref_cycle(const struct svc *s, bool unit, int *seq)
{
	u32 w[MAXN], g = 0, top = 0, r, v;
	unsigned int i, len = 0;

	for (i = 0; i < s->n; i++) {
		w[i] = s->d[i].weight && !s->d[i].overloaded ? (unit ? 1 : s->d[i].weight) : 0;
		g = gcd_ref(w[i], g);
		top = w[i] > top ? w[i] : top;
	}
	for (r = top; r >= 1 && g; r -= g)
		for (v = top; v >= r; v--)
			for (i = 0; i < s->n; i++)
				if (w[i] == v)
					seq[len++] = i;
	return len;
}

/* After settling, every window of one cycle holds each server exactly. */
static void check_ring(struct svc *s, bool unit, bool fresh)
{
	int seq[64];
	unsigned int len = ref_cycle(s, unit, seq), k, c[MAXN] = { 0 }, want[MAXN] = { 0 };

	if (!len) {
		ck_assert_int_eq(s->a->pick(s->st, 0), -1);
		return;
	}
	for (k = 0; k < len; k++)
		want[seq[k]]++;
	if (fresh) {		/* a fresh state follows the reference exactly */
		expect_seq(s, seq, len, 2);
		return;
	}
	for (k = 0; k < len; k++)	/* the end of the cycle in progress */
		s->a->pick(s->st, 0);
	for (k = 0; k < 3 * len; k++) {
		c[s->a->pick(s->st, 0)]++;
		if (k % len == len - 1) {
			ck_assert_mem_eq(c, want, sizeof(c));
			memset(c, 0, sizeof(c));
		}
	}
}

static void check_table(struct svc *s)
{
	unsigned int size = 256, b, i, own[MAXN] = { 0 };
	int tab[256], fresh[256];
	struct svc t = *s;
	u32 sum = 0;

	table_of(s, tab, size);
	t.st = NULL;		/* after updates: the same table as a rebuild */
	svc_reinit(&t, s->n);
	table_of(&t, fresh, size);
	svc_free(&t);
	ck_assert_mem_eq(tab, fresh, sizeof(tab));
	for (b = 0; b < size; b++)
		if (tab[b] >= 0)
			own[tab[b]]++;
	for (i = 0; i < s->n; i++)
		sum += s->d[i].weight;
	for (i = 0; i < s->n; i++) {
		u32 want = sum ? size * s->d[i].weight / sum : 0;

		if (s->d[i].overloaded || !s->d[i].weight) {
			ck_assert_uint_eq(own[i], 0);
			continue;
		}
		ck_assert_uint_ge(own[i], want);
		ck_assert_uint_le(own[i], want + 1);
	}
}

static void check_least(struct svc *s)
{
	unsigned int k, i;

	for (k = 0; k < 20; k++) {
		ck_assert_int_eq(s->a->pick(s->st, 0), ref_pick(s));
		svc_open(s, 0);
		i = rnd(s->n);
		if (s->d[i].active) {
			s->d[i].active--;
			svc_update(s, i);
		}
	}
}

static void check_any(struct svc *s, bool fresh)
{
	if (is_table(s))
		check_table(s);
	else if (!strcmp(s->a->name, "rr") || !strcmp(s->a->name, "wrr"))
		check_ring(s, s->a->name[0] == 'r', fresh);
	else
		check_least(s);
}

/* IPVS's threshold rule, and no overflow near the largest threshold. */
START_TEST(test_thresholds)
{
	const u32 max = 0x7fffffff;

	ck_assert(!lbvs_sched_overloaded(1000, 0, 0, true));
	ck_assert(lbvs_sched_overloaded(8, 8, 0, false));
	ck_assert(!lbvs_sched_overloaded(7, 8, 0, false));
	ck_assert(lbvs_sched_overloaded(7, 8, 0, true));	/* 7 > 6 */
	ck_assert(!lbvs_sched_overloaded(6, 8, 0, true));
	ck_assert(lbvs_sched_overloaded(5, 8, 4, true));
	ck_assert(!lbvs_sched_overloaded(4, 8, 4, true));
	/* 3/4 of 2^31 - 1 is 1610612735; in 32 bits it came out 536870911. */
	ck_assert(lbvs_sched_overloaded(1610612736, max, 0, true));
	ck_assert(!lbvs_sched_overloaded(1610612735, max, 0, true));
	ck_assert(!lbvs_sched_overloaded(1000000000, max, 0, true));
}
END_TEST

START_TEST(test_exhaustive)
{
	unsigned int n, code, codes, i, v, j;
	u32 w[4];
	struct svc s;

	for (n = 1; n <= 4; n++) {
		for (codes = 1, i = 0; i < n; i++)
			codes *= 5;
		for (code = 0; code < codes; code++) {
			for (v = code, i = 0; i < n; i++, v /= 5)
				w[i] = v % 5;
			svc_init(&s, names[_i], w, n);
			for (i = 0; i < n; i++)
				s.d[i].inactive = (code + i) % 3;
			svc_reinit(&s, n);
			check_any(&s, true);
			/* every single change of weight or overload, mid-stream */
			for (i = 0; i < n; i++) {
				for (j = 0; j <= 5; j++) {
					if (j == 5)
						svc_set_overload(&s, i, !s.d[i].overloaded);
					else
						svc_set_weight(&s, i, j);
					check_any(&s, false);
				}
				svc_set_weight(&s, i, w[i]);
			}
			svc_free(&s);
		}
	}
}
END_TEST

static Suite *sched_suite(void)
{
	Suite *su = suite_create("sched");
	TCase *tc = tcase_create("all");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_find);
	tcase_add_loop_test(tc, test_empty, 0, NALGO);
	tcase_add_loop_test(tc, test_one, 0, NSPREAD + 1);	/* and fo */
	tcase_add_loop_test(tc, test_quiesce, 0, NSPREAD);
	tcase_add_loop_test(tc, test_overload, 0, NSPREAD);
	tcase_add_loop_test(tc, test_removal, 0, NSPREAD);
	/*
	 * Not the last four, with their own tests: twos is random, mh
	 * rebuilds 65,537 buckets per change, lblc and lblcr remember.
	 */
	tcase_add_loop_test(tc, test_exhaustive, 0, NALGO - 4);
	tcase_add_test(tc, test_rr_order);
	tcase_add_loop_test(tc, test_ring_cursor, 0, 2);
	tcase_add_test(tc, test_wrr_321);
	tcase_add_test(tc, test_wrr_large);
	tcase_add_test(tc, test_weight_max);
	tcase_add_loop_test(tc, test_lc_simulate, 0, 6);
	tcase_add_loop_test(tc, test_lc_ties, 0, 2);
	tcase_add_test(tc, test_wlc_proportion);
	tcase_add_test(tc, test_nq_idle_first);
	tcase_add_test(tc, test_fo);
	tcase_add_test(tc, test_ovf);
	tcase_add_loop_test(tc, test_twos, 0, 4);
	tcase_add_loop_test(tc, test_table_fallback, 0, 2);
	tcase_add_test(tc, test_mh_order);
	tcase_add_loop_test(tc, test_mh_balance, 0, 2);
	tcase_add_loop_test(tc, test_mh_disruption, 0, 3);
	tcase_add_test(tc, test_mh_states);
	tcase_add_loop_test(tc, test_mh_reference, 0, 5);
	tcase_add_loop_test(tc, test_table_sticky, 0, 2);
	tcase_add_loop_test(tc, test_table_spread, 0, 2);
	tcase_add_loop_test(tc, test_table_stable, 0, 2);
	tcase_add_loop_test(tc, test_table_big, 0, 2);
	tcase_add_test(tc, test_hash);
	tcase_add_test(tc, test_thresholds);
	tcase_add_loop_test(tc, test_loc_simulate, 0, 2);
	tcase_add_test(tc, test_lblc_rule);
	tcase_add_test(tc, test_lblcr_rule);
	tcase_add_loop_test(tc, test_loc_bounds, 0, 2);
	suite_add_tcase(su, tc);
	return su;
}

int main(void)
{
	SRunner *sr = srunner_create(sched_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
