// SPDX-License-Identifier: GPL-2.0
/*
 * Scheduling algorithms, after IPVS's ip_vs_{rr,wrr,lc,wlc,sed,nq,fo,ovf,sh,
 * dh,mh,twos,lblc,lblcr}.c, reworked so that pick() costs the same for 10
 * and for 10,000 servers (IPVS scans every server on each pick but for rr,
 * sh, dh and mh).
 *
 * Five structures serve the fourteen names:
 * - "ring" (rr, wrr): eligible servers sorted by weight, served in rounds;
 * - "heap" (lc, wlc, sed, nq, fo, ovf): a binary heap of eligible servers,
 *   best first in each algorithm's order;
 * - "table" (sh, dh, mh): a bucket table filled Maglev-style by weight;
 * - "twos": an alias table of the weights, for weighted draws;
 * - "loc" (lblc, lblcr): a cache of destinations and their servers, in
 *   front of wlc's heap.
 * rr is wrr with every eligible weight taken as 1, lc is wlc likewise.
 *
 * A server is eligible when its weight is > 0 and it is not overloaded.
 * States hold only indices, never pointers (see sched_algo.h for the
 * memory and locking contract).
 */
#include "sched_algo.h"

#define NONE		0xffffffffU
#define TAB_MIN		256U	/* IPVS's sh/dh table size */
#define TAB_PER_DEST	8U	/* buckets per server at least */
#define MH_SIZE		65537U	/* mh's buckets: a prime, as Maglev's paper */

/* r scaled to [0, n) by a multiply: no division on the packet path. */
static inline u32 scale32(u32 r, u32 n)
{
	return (u32)(((u64)r * n) >> 32);
}

static bool eligible(const struct lbvs_sched_dest *d)
{
	return d->weight > 0 && !d->overloaded;
}

u32 lbvs_sched_hash(const void *addr, unsigned int len)
{
	const u8 *p = addr;
	u32 h = len;
	u32 w = 0;
	unsigned int k;

	/* Bytes are folded big-endian, so every host computes the same hash. */
	for (k = 0; k < len; k++) {
		w = (w << 8) | p[k];
		if ((k & 3) == 3 || k == len - 1) {
			h = (h ^ w) * 2654435761U;
			w = 0;
		}
	}
	return lbvs_sched_mix32(h);
}

/*
 * Generic binary heap of u32 elements over an ordering supplied by the
 * algorithm. pos (optional) maps an element to its slot, for updates.
 * Inline, so that each user gets a copy with its ordering inlined too.
 */
typedef bool (*before_fn)(const void *s, u32 a, u32 b);

struct heap {
	u32 *h;
	u32 *pos;
	u32 len;
	before_fn before;
	const void *s;
};

static inline void heap_put(struct heap *hp, u32 k, u32 e)
{
	hp->h[k] = e;
	if (hp->pos)
		hp->pos[e] = k;
}

static inline void heap_sift_up(struct heap *hp, u32 k)
{
	u32 e = hp->h[k];

	while (k > 0) {
		u32 parent = (k - 1) >> 1;

		if (!hp->before(hp->s, e, hp->h[parent]))
			break;
		heap_put(hp, k, hp->h[parent]);
		k = parent;
	}
	heap_put(hp, k, e);
}

static inline void heap_sift_down(struct heap *hp, u32 k)
{
	u32 e = hp->h[k];

	for (;;) {
		u32 c = 2 * k + 1;

		if (c >= hp->len)
			break;
		if (c + 1 < hp->len && hp->before(hp->s, hp->h[c + 1], hp->h[c]))
			c++;
		if (!hp->before(hp->s, hp->h[c], e))
			break;
		heap_put(hp, k, hp->h[c]);
		k = c;
	}
	heap_put(hp, k, e);
}

static inline void heapify(struct heap *hp)
{
	u32 k = hp->len / 2;

	while (k-- > 0)
		heap_sift_down(hp, k);
}

/* Slot k's element changed its key: restore the order. */
static inline void heap_fix(struct heap *hp, u32 k)
{
	if (k > 0 && hp->before(hp->s, hp->h[k], hp->h[(k - 1) >> 1]))
		heap_sift_up(hp, k);
	else
		heap_sift_down(hp, k);
}

static inline void heap_push(struct heap *hp, u32 e)
{
	heap_put(hp, hp->len++, e);
	heap_sift_up(hp, hp->len - 1);
}

static inline void heap_remove(struct heap *hp, u32 k)
{
	u32 e = hp->h[k];
	u32 last = hp->h[--hp->len];

	hp->pos[e] = NONE;
	if (k == hp->len)
		return;
	heap_put(hp, k, last);
	heap_fix(hp, k);
}

/*
 * Sort h[0..len) so that before() holds between neighbours: heapsort, as it
 * needs neither recursion nor memory. hp->before must be the reverse order.
 */
static __always_inline void heap_sort(struct heap *hp)
{
	heapify(hp);
	while (hp->len > 1) {
		u32 top = hp->h[0];

		hp->h[0] = hp->h[--hp->len];
		hp->h[hp->len] = top;
		heap_sift_down(hp, 0);
	}
}

/*
 * ---- ring: rr and wrr ----
 *
 * ord[0..cnt) lists the eligible servers by weight descending, ties by
 * index ascending (for rr every weight is 1: plain index order, IPVS's list
 * order). A cycle runs rounds r = top, top - g, ..., g, with top the largest
 * and g the gcd of the eligible weights (IPVS's mw, di and cw). Round r serves
 * the servers of weight >= r, which is the prefix ord[0..plen), so a cycle
 * gives each server exactly weight / g picks, e.g. A A B A B C for 3:2:1,
 * as IPVS, which serves the same set per round but in list order.
 * When r drops by g, the servers that join are exactly one run of equal
 * weights (all weights are multiples of g); run[p] is the end of the run
 * holding position p, so no pick ever scans.
 */
struct ring {
	u32 n;
	u32 cnt;	/* eligible servers, in ord[0..cnt) */
	u32 unit;	/* rr: eligible weights count as 1 */
	u32 gcd;
	u32 round;	/* r: a multiple of gcd, <= top; 0 before the first pick */
	u32 plen;	/* servers of weight >= round */
	u32 next;	/* next position of ord[0..plen) to serve */
	u32 w[];	/* w[n] effective weight (0: not eligible), pos[n], ord[n], run[n] */
};

static u32 *ring_pos(struct ring *s)
{
	return s->w + s->n;
}

static u32 *ring_ord(struct ring *s)
{
	return s->w + 2 * s->n;
}

static u32 *ring_run(struct ring *s)
{
	return s->w + 3 * s->n;
}

static size_t ring_size(unsigned int n)
{
	return sizeof(struct ring) + (size_t)n * 4 * sizeof(u32);
}

static bool ring_before(const void *state, u32 a, u32 b)
{
	const struct ring *s = state;

	return s->w[a] > s->w[b] || (s->w[a] == s->w[b] && a < b);
}

static bool ring_after(const void *state, u32 a, u32 b)
{
	return ring_before(state, b, a);
}

static u32 ring_weight(const struct ring *s, const struct lbvs_sched_dest *d)
{
	if (!eligible(d))
		return 0;
	return s->unit ? 1 : d->weight;
}

static u32 gcd32(u32 a, u32 b)
{
	while (b) {
		u32 t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/* After ord[] changed: recompute gcd and runs, put the cursor back in range. */
static void ring_settle(struct ring *s)
{
	u32 *ord = ring_ord(s), *run = ring_run(s);
	u32 top, p;

	if (!s->cnt) {
		s->round = 0;
		s->plen = 0;
		s->next = 0;
		return;
	}
	s->gcd = 0;
	for (p = 0; p < s->cnt && s->gcd != 1; p++)
		s->gcd = gcd32(s->w[ord[p]], s->gcd);
	run[s->cnt - 1] = s->cnt;
	for (p = s->cnt - 1; p-- > 0;)
		run[p] = s->w[ord[p]] == s->w[ord[p + 1]] ? run[p + 1] : p + 1;

	/* Like IPVS's wrr_dest_changed: keep the round, clamped and aligned. */
	top = s->w[ord[0]];
	if (s->round > top)
		s->round = top;
	s->round -= s->round % s->gcd;
	if (!s->round) {
		s->round = top;
		s->next = 0;
	}
	for (s->plen = 0; s->plen < s->cnt && s->w[ord[s->plen]] >= s->round;)
		s->plen = run[s->plen];
	if (s->next > s->plen)
		s->next = s->plen;
}

static void ring_setup(void *state, const struct lbvs_sched_dest *d,
		       unsigned int n, bool unit)
{
	struct ring *s = state;
	struct heap hp;
	u32 *pos, *ord;
	u32 i;

	memset(s, 0, ring_size(n));
	s->n = n;
	s->unit = unit;
	ord = ring_ord(s);
	for (i = 0; i < n; i++) {
		s->w[i] = ring_weight(s, &d[i]);
		if (s->w[i])
			ord[s->cnt++] = i;
	}
	for (i = 1; i < s->cnt && ring_before(s, ord[i - 1], ord[i]); i++)
		;
	if (i < s->cnt) {	/* rr, or equal weights, come sorted */
		hp = (struct heap){ .h = ord, .len = s->cnt, .before = ring_after, .s = s };
		heap_sort(&hp);
	}
	pos = ring_pos(s);
	for (i = 0; i < n; i++)
		pos[i] = NONE;
	for (i = 0; i < s->cnt; i++)
		pos[ord[i]] = i;
	ring_settle(s);
}

static void rr_init(void *state, const struct lbvs_sched_dest *d, unsigned int n)
{
	ring_setup(state, d, n, true);
}

static void wrr_init(void *state, const struct lbvs_sched_dest *d, unsigned int n)
{
	ring_setup(state, d, n, false);
}

static int ring_pick(void *state, u32 hash)
{
	struct ring *s = state;
	u32 *ord = ring_ord(s), *run = ring_run(s);

	(void)hash;
	if (!s->cnt)
		return -1;
	if (s->next >= s->plen) {
		if (s->round <= s->gcd) {	/* new cycle */
			s->round = s->w[ord[0]];
			s->plen = run[0];
		} else {
			s->round -= s->gcd;
			if (s->plen < s->cnt && s->w[ord[s->plen]] >= s->round)
				s->plen = run[s->plen];
		}
		s->next = 0;
	}
	return (int)ord[s->next++];
}

/* Shift ord[from..to) by one slot (up if up, else down), fixing pos[]. */
static void ring_shift(struct ring *s, u32 from, u32 to, bool up)
{
	u32 *pos = ring_pos(s), *ord = ring_ord(s);
	u32 p;

	if (from >= to)
		return;
	if (up)
		memmove(&ord[from + 1], &ord[from], (to - from) * sizeof(u32));
	else
		memmove(&ord[from - 1], &ord[from], (to - from) * sizeof(u32));
	for (p = up ? from + 1 : from - 1; p < (up ? to + 1 : to - 1); p++)
		pos[ord[p]] = p;
}

static void ring_update(void *state, unsigned int i, const struct lbvs_sched_dest *d)
{
	struct ring *s = state;
	u32 *pos = ring_pos(s), *ord = ring_ord(s);
	u32 w, p, lo, hi;

	if (i >= s->n)
		return;
	w = ring_weight(s, d);
	if (w == s->w[i])
		return;		/* counts only: nothing to do */

	p = pos[i];
	if (p != NONE) {	/* take it out */
		ring_shift(s, p + 1, s->cnt, false);
		s->cnt--;
		pos[i] = NONE;
		if (p < s->next)
			s->next--;
	}
	s->w[i] = w;
	if (w) {		/* put it back where the order says */
		lo = 0;
		hi = s->cnt;
		while (lo < hi) {
			u32 mid = lo + ((hi - lo) >> 1);

			if (ring_before(s, ord[mid], i))
				lo = mid + 1;
			else
				hi = mid;
		}
		ring_shift(s, lo, s->cnt, true);
		ord[lo] = i;
		pos[i] = lo;
		s->cnt++;
		if (lo < s->next)
			s->next++;
	}
	ring_settle(s);
}

/*
 * ---- heap: lc, wlc, sed, nq, fo, ovf ----
 *
 * Eligible servers sit in a heap, the one IPVS's scan would return on top;
 * ties go to the lower index (IPVS keeps the first of its list).
 * update() sifts one server, pick() reads the top. The orders:
 * - lc, wlc: least load / weight (lc: weight 1), compared by cross
 *   multiplication as IPVS does; the load is IPVS's overhead,
 *   active * 256 + inactive;
 * - sed: least (active + 1) / weight, the shortest expected delay;
 * - nq: a server with no active connection first (the lowest index of
 *   them: IPVS takes the first idle one it meets), else as sed;
 * - fo: the highest weight;
 * - ovf: the highest weight among servers whose active connections do
 *   not exceed their weight (the others are not eligible until they do).
 */
enum lheap_mode { LH_LC, LH_WLC, LH_SED, LH_NQ, LH_FO, LH_OVF };

struct lheap {
	u32 n;
	u32 len;	/* eligible servers, in heap[0..len) */
	u32 mode;	/* enum lheap_mode */
	u32 pad;
	u64 load[];	/* load[n], then u32 weight[n], pos[n], heap[n] */
};

static u32 *lheap_weight(struct lheap *s)
{
	return (u32 *)&s->load[s->n];
}

static u32 *lheap_pos(struct lheap *s)
{
	return lheap_weight(s) + s->n;
}

static u32 *lheap_heap(struct lheap *s)
{
	return lheap_weight(s) + 2 * s->n;
}

static size_t lheap_size(unsigned int n)
{
	return sizeof(struct lheap) + (size_t)n * (sizeof(u64) + 3 * sizeof(u32));
}

/* x * y as hi * 2^32 + lo, exactly (x * y may need 96 bits). */
static void mul96(u64 x, u32 y, u64 *hi, u32 *lo)
{
	u64 l = (x & 0xffffffffU) * y;

	*hi = (x >> 32) * y + (l >> 32);
	*lo = (u32)l;
}

/*
 * load_a / w_a against load_b / w_b, exactly, as IPVS compares them:
 * load_a * w_b against load_b * w_a. < 0, 0 or > 0.
 */
static inline int ratio_cmp(u64 load_a, u32 w_a, u64 load_b, u32 w_b)
{
	u64 ha, hb;
	u32 la, lb;

	mul96(load_a, w_b, &ha, &la);
	mul96(load_b, w_a, &hb, &lb);
	if (ha != hb)
		return ha < hb ? -1 : 1;
	return la < lb ? -1 : la > lb;
}

/* IPVS's overhead of a server for lc, wlc and twos. */
static inline u64 lc_load(const struct lbvs_sched_dest *d)
{
	return ((u64)d->active << 8) + d->inactive;
}

static bool ratio_before(const void *state, u32 a, u32 b)
{
	struct lheap *s = (struct lheap *)state;
	u32 *w = lheap_weight(s);
	int c = ratio_cmp(s->load[a], w[a], s->load[b], w[b]);

	return c ? c < 0 : a < b;
}

/* nq: idle servers (load 1) first, in index order; then by ratio. */
static bool nq_before(const void *state, u32 a, u32 b)
{
	const struct lheap *s = state;
	bool ia = s->load[a] == 1, ib = s->load[b] == 1;

	if (ia || ib)
		return ia != ib ? ia : a < b;
	return ratio_before(state, a, b);
}

/* fo, ovf: the heavier first. */
static bool weight_before(const void *state, u32 a, u32 b)
{
	u32 *w = lheap_weight((struct lheap *)state);

	return w[a] != w[b] ? w[a] > w[b] : a < b;
}

static __always_inline struct heap lheap_heap_of(struct lheap *s, before_fn before)
{
	return (struct heap){ .h = lheap_heap(s), .pos = lheap_pos(s),
			      .len = s->len, .before = before, .s = s };
}

/* Record d as server i's view; true if it is eligible. */
static __always_inline bool lheap_store(struct lheap *s, u32 i,
					const struct lbvs_sched_dest *d)
{
	if (s->mode == LH_SED || s->mode == LH_NQ)
		s->load[i] = (u64)d->active + 1;
	else
		s->load[i] = lc_load(d);
	lheap_weight(s)[i] = s->mode == LH_LC ? 1 : d->weight;
	if (s->mode == LH_OVF && d->active > d->weight)
		return false;
	return eligible(d);
}

/*
 * Inlined once per order (ratio, nq, weight) with that order constant, so
 * that the heap's comparisons are direct calls.
 */
static __always_inline void lheap_setup(void *state,
					const struct lbvs_sched_dest *d,
					unsigned int n, enum lheap_mode mode,
					before_fn before)
{
	struct lheap *s = state;
	u32 *pos, *heap;
	struct heap hp;
	u32 i;

	memset(s, 0, lheap_size(n));
	s->n = n;
	s->mode = mode;
	pos = lheap_pos(s);
	heap = lheap_heap(s);
	for (i = 0; i < n; i++) {
		pos[i] = NONE;
		if (lheap_store(s, i, &d[i])) {
			pos[i] = s->len;
			heap[s->len++] = i;
		}
	}
	hp = lheap_heap_of(s, before);
	heapify(&hp);
}

static __always_inline void lheap_update(void *state, unsigned int i,
					 const struct lbvs_sched_dest *d,
					 before_fn before)
{
	struct lheap *s = state;
	u32 p = NONE;
	struct heap hp;
	bool in;

	if (i >= s->n)
		return;
	in = lheap_store(s, i, d);
	p = lheap_pos(s)[i];
	hp = lheap_heap_of(s, before);
	if (in && p != NONE)
		heap_fix(&hp, p);
	else if (in)
		heap_push(&hp, i);
	else if (p != NONE)
		heap_remove(&hp, p);
	s->len = hp.len;
}

static int lheap_pick(void *state, u32 hash)
{
	struct lheap *s = state;

	(void)hash;
	return s->len ? (int)lheap_heap(s)[0] : -1;
}

/*
 * order_setup() and order_update(): the heap kept in that order, with the
 * heap's code flattened into each, so that its comparisons are direct calls.
 */
#define LHEAP_ORDER(order) \
static __flatten void order##_setup(void *state, \
				    const struct lbvs_sched_dest *d, \
				    unsigned int n, enum lheap_mode mode) \
{ \
	lheap_setup(state, d, n, mode, order##_before); \
} \
static __flatten void order##_update(void *state, unsigned int i, \
				     const struct lbvs_sched_dest *d) \
{ \
	lheap_update(state, i, d, order##_before); \
}

LHEAP_ORDER(ratio)
LHEAP_ORDER(nq)
LHEAP_ORDER(weight)

/* algo_init() and lbvs_algo, with the heap in that order and mode. */
#define LHEAP_ALGO(algo, mode, order, counts) \
static void algo##_init(void *state, const struct lbvs_sched_dest *d, \
			unsigned int n) \
{ \
	order##_setup(state, d, n, mode); \
} \
static const struct lbvs_sched_algo lbvs_##algo = { \
	.name = #algo, .state_size = lheap_size, .init = algo##_init, \
	.pick = lheap_pick, .update = order##_update, .load_aware = counts, \
}

LHEAP_ALGO(lc, LH_LC, ratio, true);
LHEAP_ALGO(wlc, LH_WLC, ratio, true);
LHEAP_ALGO(sed, LH_SED, ratio, true);
LHEAP_ALGO(nq, LH_NQ, nq, true);
LHEAP_ALGO(fo, LH_FO, weight, false);
LHEAP_ALGO(ovf, LH_OVF, weight, true);

/*
 * ---- table: sh, dh and mh ----
 *
 * pick(hash) = table[hash & mask], -1 if that server is not eligible (IPVS
 * without the fallback flag). The table has max(256, 2^k >= 8 n) buckets.
 * mh: MH_SIZE buckets, pick(hash) = table[hash * MH_SIZE / 2^32], and each
 * server's permutation and place in the turns come from its key (address
 * and port), not its index: every director with the same servers and
 * weights builds the same table whatever order they were added in, and a
 * server's removal or addition moves little more than its own share.
 *
 * Filling (Maglev, Eisenbud et al., NSDI 2016): server i has its own
 * permutation of the buckets, offset_i + j * skip_i (skip_i odd, so it visits
 * all 2^k), both from a hash of i. Servers take turns, each claiming the
 * next free bucket of its permutation, until it has its quota,
 * max(1, floor(size * weight / sum)); leftover buckets go one per server in
 * index order. Weight 0 servers get none.
 *
 * Result: deterministic for a given list of weights (update() rebuilds
 * exactly what init() would); proportional to weights within a bucket
 * (every weighted server owns one bucket at least). Moves: appending a
 * server, quiescing one or doubling one weight moves 2-5x the ideal number
 * of buckets at 100 servers (ideal: the new server's share), up to ~10x at
 * 10,000 (0.1% of the table): Maglev's turn taking cascades a little, but
 * unlike IPVS's contiguous fill, which moves nearly every bucket.
 * What it cannot do: server identity is its index, so removing server k
 * renumbers the servers after it and moves their buckets; and the table
 * size doubles when n passes 32, 64, ..., which reshuffles all buckets.
 * Overload never moves buckets; a weight change rebuilds the table in
 * update() (O(table), like init()).
 */
struct table {
	u32 n;
	u32 size;	/* buckets: a power of two (sh, dh) or MH_SIZE (mh) */
	u32 keyed;	/* mh: permutations and fill order from server keys */
	u32 mask;	/* sh, dh: size - 1 */
	u32 pad;
	u32 slot[];	/* slot[size], u8 ok[n] (padded to 4 bytes; pick()
			 * reads it), then weight[n], quota[n], at[n], skip[n],
			 * turn[n] (build scratch), key[n]
			 */
};

static u32 table_buckets(unsigned int n)
{
	u32 size = TAB_MIN;

	while (size / TAB_PER_DEST < n)
		size <<= 1;
	return size;
}

static u8 *table_ok(struct table *s)
{
	return (u8 *)(s->slot + s->size);
}

/* The u32 arrays after ok[], n each, in this order; T_ARRS: how many. */
enum table_arr { T_WEIGHT, T_QUOTA, T_AT, T_SKIP, T_TURN, T_KEY, T_ARRS };

static u32 *table_arr(struct table *s, enum table_arr a)
{
	return s->slot + s->size + (s->n + 3) / 4 + a * s->n;
}

static size_t table_bytes(u32 buckets, unsigned int n)
{
	return sizeof(struct table) + (size_t)buckets * sizeof(u32) +
	       (size_t)(n + 3) / 4 * sizeof(u32) + (size_t)n * T_ARRS * sizeof(u32);
}

static size_t table_size(unsigned int n)
{
	return table_bytes(table_buckets(n), n);
}

static size_t mh_size(unsigned int n)
{
	return table_bytes(MH_SIZE, n);
}

/* The bucket after p in a permutation of stride skip. */
static __always_inline u32 table_next(const struct table *s, u32 p, u32 skip,
				      bool keyed)
{
	p += skip;
	if (keyed)
		return p >= s->size ? p - s->size : p;
	return p & s->mask;
}

/* a / b by shift and subtract: config path only, and no libgcc helper. */
static u64 div64(u64 a, u64 b)
{
	u64 q = 0, r = 0;
	int bit;

	for (bit = 63; bit >= 0; bit--) {
		r = (r << 1) | ((a >> bit) & 1);
		if (r >= b) {
			r -= b;
			q |= 1ULL << bit;
		}
	}
	return q;
}

/* Server i claims the next free bucket of its permutation. */
static __always_inline void table_claim(struct table *s, u32 i, bool keyed)
{
	u32 *at = table_arr(s, T_AT), skip = table_arr(s, T_SKIP)[i];
	u32 p = at[i];

	while (s->slot[p] != NONE)	/* ends: a free bucket exists, all are visited */
		p = table_next(s, p, skip, keyed);
	s->slot[p] = i;
	at[i] = table_next(s, p, skip, keyed);
}

/*
 * Server i's permutation: its start and stride. sh, dh: from its index, the
 * stride odd (coprime with the power-of-two size). mh: from its key (its
 * address and port), so that it does not depend on which other servers
 * exist or in what order they came; any stride below the prime size is
 * coprime with it.
 */
static void table_perm(struct table *s, u32 i)
{
	u32 k = table_arr(s, T_KEY)[i];

	if (s->keyed) {
		table_arr(s, T_AT)[i] = lbvs_sched_mix32(k ^ 0x9e3779b9U) % s->size;
		table_arr(s, T_SKIP)[i] = lbvs_sched_mix32(k ^ 0x85ebca6bU) % (s->size - 1) + 1;
		return;
	}
	table_arr(s, T_AT)[i] = lbvs_sched_mix32(2 * i + 0x9e3779b9U) & s->mask;
	table_arr(s, T_SKIP)[i] = (lbvs_sched_mix32(2 * i + 1 + 0x9e3779b9U) & s->mask) | 1;
}

/* mh takes turns in key order, whatever the order servers were added in. */
static bool key_after(const void *state, u32 a, u32 b)
{
	u32 *key = table_arr((struct table *)state, T_KEY);

	return key[a] != key[b] ? key[a] > key[b] : a > b;
}

static void table_by_key(struct table *s, u32 *turn, u32 cnt)
{
	struct heap hp = { .h = turn, .len = cnt, .before = key_after, .s = s };

	heap_sort(&hp);
}

/* Quotas, permutations and the turn list of weighted servers; count returned. */
static u32 table_prepare(struct table *s)
{
	u32 *w = table_arr(s, T_WEIGHT), *quota = table_arr(s, T_QUOTA);
	u32 *turn = table_arr(s, T_TURN);
	u64 sum = 0;
	u32 i, cnt = 0;

	for (i = 0; i < s->n; i++)
		sum += w[i];
	for (i = 0; i < s->n; i++) {
		if (!w[i])
			continue;
		quota[i] = (u32)div64((u64)s->size * w[i], sum);
		if (!quota[i])
			quota[i] = 1;
		table_perm(s, i);
		turn[cnt++] = i;
	}
	if (s->keyed)
		table_by_key(s, turn, cnt);
	return cnt;
}

/* Inlined with keyed constant: the claims' loop has no test of it. */
static __always_inline void table_fill(struct table *s, bool keyed)
{
	u32 *w = table_arr(s, T_WEIGHT), *quota = table_arr(s, T_QUOTA);
	u32 *turn = table_arr(s, T_TURN);
	u32 size = s->size, filled = 0;
	u32 cnt, t, kept, i;
	bool leftover = false;

	memset(s->slot, 0xff, size * sizeof(u32));
	cnt = table_prepare(s);
	while (cnt && filled < size) {
		for (t = 0, kept = 0; t < cnt && filled < size; t++) {
			i = turn[t];
			table_claim(s, i, keyed);
			filled++;
			if (leftover || --quota[i])
				turn[kept++] = i;
		}
		cnt = kept;
		if (!cnt && filled < size) {	/* quotas rounded down */
			leftover = true;
			for (i = 0; i < s->n; i++)
				if (w[i])
					turn[cnt++] = i;
			if (keyed)
				table_by_key(s, turn, cnt);
		}
	}
}

static void table_build(struct table *s)
{
	if (s->keyed)
		table_fill(s, true);
	else
		table_fill(s, false);
}

static void table_setup(struct table *s, const struct lbvs_sched_dest *d,
			unsigned int n, u32 size, bool keyed)
{
	u32 i;

	memset(s, 0, table_bytes(size, n));
	s->n = n;
	s->size = size;
	s->mask = size - 1;
	s->keyed = keyed;
	for (i = 0; i < n; i++) {
		table_arr(s, T_WEIGHT)[i] = d[i].weight;
		table_arr(s, T_KEY)[i] = d[i].key;
		table_ok(s)[i] = eligible(&d[i]);
	}
	table_build(s);
}

static void table_init(void *state, const struct lbvs_sched_dest *d, unsigned int n)
{
	table_setup(state, d, n, table_buckets(n), false);
}

static void mh_init(void *state, const struct lbvs_sched_dest *d, unsigned int n)
{
	table_setup(state, d, n, MH_SIZE, true);
}

static int table_owner(struct table *s, u32 b)
{
	u32 i = s->slot[b];

	if (i == NONE || !table_ok(s)[i])
		return -1;
	return (int)i;
}

static u32 table_bucket(const struct table *s, u32 hash)
{
	return s->keyed ? scale32(hash, s->size) : hash & s->mask;
}

/*
 * IPVS's sh and mh fallback: when the client's bucket holds no eligible
 * server, the client's hash perturbed 1, 2, ... times picks other buckets,
 * until one does. The same client lands on the same fallback server while
 * the table stays. Bounded by the table's size; with some server eligible,
 * a few tries on average (the eligible servers' share of the buckets).
 */
static int table_fallback(void *state, u32 hash)
{
	struct table *s = state;
	u32 k;
	int i;

	if (!memchr(table_ok(s), 1, s->n))	/* none eligible */
		return -1;
	for (k = 1; k < s->size; k++) {
		i = table_owner(s, table_bucket(s, lbvs_sched_mix32(hash + k)));
		if (i >= 0)
			return i;
	}
	return -1;
}

static int table_pick(void *state, u32 hash)
{
	struct table *s = state;

	return table_owner(s, hash & s->mask);
}

static int mh_pick(void *state, u32 hash)
{
	struct table *s = state;

	return table_owner(s, scale32(hash, s->size));
}

static void table_update(void *state, unsigned int i, const struct lbvs_sched_dest *d)
{
	struct table *s = state;

	if (i >= s->n)
		return;
	table_ok(s)[i] = eligible(d);
	if (table_arr(s, T_WEIGHT)[i] != d->weight) {
		table_arr(s, T_WEIGHT)[i] = d->weight;
		table_build(s);
	}
}

/*
 * ---- twos: weighted random two choices ----
 *
 * IPVS's twos draws two servers at random, each with probability
 * proportional to its weight, and takes the one with the smaller load /
 * weight (load as lc's; the first drawn on a tie). IPVS sums and walks its
 * list twice per pick. Here a draw is O(1) from an alias table (Walker,
 * Vose) over the eligible servers: column k of m, chosen uniformly, gives
 * col[k] if a second uniform number in [0, total) is below cut[k], else
 * alias[k]. Built in integers: weights scaled by m average total. A count
 * change is O(1); a weight or eligibility change rebuilds, O(n), as wrr's.
 * pick()'s hash is a random number; the other three come from mixing it.
 */
struct twos {
	u32 n;
	u32 m;		/* eligible servers, columns of the table */
	u64 total;	/* sum of their weights */
	u64 load[];	/* load[n], cut[n], then u32 weight[n] (0 if not
			 * eligible), col[n], alias[n], work[n] (build scratch)
			 */
};

static u64 *twos_cut(struct twos *s)
{
	return s->load + s->n;
}

/* The u32 arrays after cut[], n each, in this order; TW_ARRS: how many. */
enum twos_arr { TW_WEIGHT, TW_COL, TW_ALIAS, TW_WORK, TW_ARRS };

static u32 *twos_arr(struct twos *s, enum twos_arr a)
{
	return (u32 *)(s->load + 2 * s->n) + a * s->n;
}

static size_t twos_size(unsigned int n)
{
	return sizeof(struct twos) + (size_t)n * (2 * sizeof(u64) + TW_ARRS * sizeof(u32));
}

/*
 * Vose's pairing: work[] holds the columns below the average (cut < total)
 * from the front and the others from the back; each small column takes
 * its alias from a large one, which gives up what the small one lacks.
 */
static void twos_build(struct twos *s)
{
	u32 *w = twos_arr(s, TW_WEIGHT), *col = twos_arr(s, TW_COL);
	u32 *alias = twos_arr(s, TW_ALIAS), *work = twos_arr(s, TW_WORK);
	u32 small = 0, large, k, i, l;
	u64 *cut = twos_cut(s);

	s->m = 0;
	s->total = 0;
	for (i = 0; i < s->n; i++) {
		if (w[i]) {
			col[s->m++] = i;
			s->total += w[i];
		}
	}
	large = s->m;
	for (k = 0; k < s->m; k++) {
		cut[k] = (u64)w[col[k]] * s->m;
		alias[k] = col[k];
		if (cut[k] < s->total)
			work[small++] = k;
		else
			work[--large] = k;
	}
	while (small && large < s->m) {
		k = work[--small];
		l = work[large];
		alias[k] = col[l];
		cut[l] -= s->total - cut[k];
		if (cut[l] < s->total) {	/* l turns small */
			large++;
			work[small++] = l;
		}
	}
	while (large < s->m)		/* rounding: keep their own */
		cut[work[large++]] = s->total;
	while (small)
		cut[work[--small]] = s->total;
}

/* Record d as server i's view; true if the table must be rebuilt. */
static bool twos_store(struct twos *s, u32 i, const struct lbvs_sched_dest *d)
{
	u32 w = eligible(d) ? d->weight : 0;
	bool changed = w != twos_arr(s, TW_WEIGHT)[i];

	s->load[i] = lc_load(d);
	twos_arr(s, TW_WEIGHT)[i] = w;
	return changed;
}

static void twos_init(void *state, const struct lbvs_sched_dest *d, unsigned int n)
{
	struct twos *s = state;
	u32 i;

	memset(s, 0, twos_size(n));
	s->n = n;
	for (i = 0; i < n; i++)
		twos_store(s, i, &d[i]);
	twos_build(s);
}

/* A weighted draw from the random numbers r (column) and u (cut). */
static u32 twos_draw(struct twos *s, u32 r, u32 u)
{
	u32 k = scale32(r, s->m);
	u64 hi;
	u32 lo;

	mul96(s->total, u, &hi, &lo);	/* total * u / 2^32, in [0, total) */
	return hi < twos_cut(s)[k] ? twos_arr(s, TW_COL)[k] : twos_arr(s, TW_ALIAS)[k];
}

static int twos_pick(void *state, u32 hash)
{
	struct twos *s = state;
	u32 *w = twos_arr(s, TW_WEIGHT), a, b;

	if (!s->m)
		return -1;
	a = twos_draw(s, hash, lbvs_sched_mix32(hash ^ 0x9e3779b9U));
	b = twos_draw(s, lbvs_sched_mix32(hash ^ 0x85ebca6bU),
		      lbvs_sched_mix32(hash ^ 0xc2b2ae35U));
	/* b only if load_b / w_b < load_a / w_a, as IPVS */
	return (int)(ratio_cmp(s->load[b], w[b], s->load[a], w[a]) < 0 ? b : a);
}

static void twos_update(void *state, unsigned int i, const struct lbvs_sched_dest *d)
{
	struct twos *s = state;

	if (i < s->n && twos_store(s, i, d))
		twos_build(s);
}

/*
 * ---- loc: lblc and lblcr ----
 *
 * IPVS's locality-based least-connection: each destination address (the
 * hash of it pick() gets) remembers a server, or for lblcr a set of
 * servers, and new connections to it go there while that server is
 * eligible and not "overloaded" in IPVS's sense: more active connections
 * than its weight while some server has fewer than half its weight. Else
 * wlc picks a server (the heap above, in wlc's order), which replaces the
 * remembered one (lblc) or joins the set (lblcr). lblcr sends to the
 * set's least loaded eligible member and, when the set has not changed
 * for LOC_EXPIRE, drops its most loaded member (one per period).
 *
 * Bounded memory instead of IPVS's hash table with a collecting timer:
 * LOC_BUCKETS buckets of two entries, the bucket by the hash's low bits,
 * an entry identified by the 32-bit hash, not the address (two addresses
 * with one hash share an entry: a locality hint, not a correctness
 * matter). A new destination takes a free or expired entry of its
 * bucket, else the one used least recently; an entry unused for
 * LOC_EXPIRE is forgotten, as IPVS's full check forgets it (which runs
 * every 30 minutes: here the age is tested on each lookup). A set holds
 * LBLCR_MEMBERS servers at most (IPVS's: any number); joining a full set
 * evicts its most loaded member.
 *
 * "Some server has active * 2 < weight" is a count (under) kept by
 * update(), so pick() is O(1): a lookup in one bucket, a scan of at most
 * LBLCR_MEMBERS members, the heap's top.
 *
 * Members are server indices; key[] and map[] (key -> index, open
 * addressing) let carry() translate them to a rebuilt state's indices.
 */
#define LOC_BUCKETS	2048U	/* x LOC_WAYS: 4,096 destinations */
#define LOC_WAYS	2U
#define LOC_EXPIRE	(24U * 60 * 60)	/* IPVS's lblc(r)_expiration, s */
/*
 * A set's size bounds pick()'s scan: at 4, a pick among 10,000 servers
 * stays within twice one among 10, as the other schedulers' do; at 8 it
 * did not (docs/benchmarks.md).
 */
#define LBLCR_MEMBERS	4U

struct loc_entry {
	u32 hash;	/* of the destination address */
	u32 used;	/* last lookup, s */
	u32 mod;	/* lblcr: last change of the set, s */
	u32 cnt;	/* members; 0: a free entry */
	u32 m[];	/* server indices, the newest first (IPVS's list order) */
};

struct loc {
	u32 n;
	u32 members;	/* per entry: 1 (lblc) or LBLCR_MEMBERS */
	u32 now;	/* s, from clock() */
	u32 under;	/* servers with active * 2 < weight */
	u32 mmask;	/* map[]'s slots - 1 */
	u32 hoff;	/* bytes before the heap: loc_head() */
	/*
	 * LOC_BUCKETS * LOC_WAYS entries, then act[n], key[n], map[mmask + 1];
	 * then, 8-byte aligned, the wlc heap.
	 */
	u32 ent[];
};

static u32 loc_stride(u32 members)
{
	return sizeof(struct loc_entry) / sizeof(u32) + members;
}

static u32 loc_map_slots(unsigned int n)
{
	u32 slots = 1;

	while (slots < 2 * n)	/* half empty: short probes */
		slots <<= 1;
	return slots;
}

/* Bytes before the heap. */
static size_t loc_head(unsigned int n, u32 members)
{
	size_t words = (size_t)LOC_BUCKETS * LOC_WAYS * loc_stride(members) +
		       2 * (size_t)n + loc_map_slots(n);

	/* the heap's u64 loads: 8-byte aligned */
	return (sizeof(struct loc) + words * sizeof(u32) + 7) & ~(size_t)7;
}

static size_t loc_size(unsigned int n, u32 members)
{
	return loc_head(n, members) + lheap_size(n);
}

static size_t lblc_size(unsigned int n)
{
	return loc_size(n, 1);
}

static size_t lblcr_size(unsigned int n)
{
	return loc_size(n, LBLCR_MEMBERS);
}

static struct loc_entry *loc_entry(const struct loc *s, u32 k)
{
	return (struct loc_entry *)(s->ent + k * loc_stride(s->members));
}

static u32 *loc_act(const struct loc *s)
{
	return (u32 *)s->ent + LOC_BUCKETS * LOC_WAYS * loc_stride(s->members);
}

static u32 *loc_key(const struct loc *s)
{
	return loc_act(s) + s->n;
}

static u32 *loc_map(const struct loc *s)
{
	return loc_act(s) + 2 * s->n;
}

static struct lheap *loc_heap(const struct loc *s)
{
	return (struct lheap *)((u8 *)s + s->hoff);
}

/* The index of the server whose key is key, NONE if there is none. */
static u32 loc_find_key(const struct loc *s, u32 key)
{
	u32 *map = loc_map(s), p = lbvs_sched_mix32(key) & s->mmask;

	while (map[p] != NONE && loc_key(s)[map[p]] != key)
		p = (p + 1) & s->mmask;
	return map[p];
}

/* IPVS's is_overloaded()'s "less loaded" server. */
static bool loc_under(u32 active, u32 weight)
{
	return (u64)active * 2 < weight;
}

static void loc_setup(void *state, const struct lbvs_sched_dest *d,
		      unsigned int n, u32 members)
{
	struct loc *s = state;
	u32 *map, i, p;

	memset(s, 0, loc_head(n, members));
	s->n = n;
	s->members = members;
	s->mmask = loc_map_slots(n) - 1;
	s->hoff = (u32)loc_head(n, members);
	map = loc_map(s);
	memset(map, 0xff, (s->mmask + 1) * sizeof(u32));
	for (i = 0; i < n; i++) {
		loc_act(s)[i] = d[i].active;
		loc_key(s)[i] = d[i].key;
		s->under += loc_under(d[i].active, d[i].weight);
		for (p = lbvs_sched_mix32(d[i].key) & s->mmask; map[p] != NONE;)
			p = (p + 1) & s->mmask;
		map[p] = i;
	}
	ratio_setup(loc_heap(s), d, n, LH_WLC);
}

static void lblc_init(void *state, const struct lbvs_sched_dest *d, unsigned int n)
{
	loc_setup(state, d, n, 1);
}

static void lblcr_init(void *state, const struct lbvs_sched_dest *d, unsigned int n)
{
	loc_setup(state, d, n, LBLCR_MEMBERS);
}

static void loc_update(void *state, unsigned int i, const struct lbvs_sched_dest *d)
{
	struct loc *s = state;
	struct lheap *hp;

	if (i >= s->n)
		return;
	hp = loc_heap(s);
	s->under -= loc_under(loc_act(s)[i], lheap_weight(hp)[i]);
	s->under += loc_under(d->active, d->weight);
	loc_act(s)[i] = d->active;
	ratio_update(hp, i, d);
}

static void loc_clock(void *state, u32 now)
{
	((struct loc *)state)->now = now;
}

static bool loc_live(const struct loc *s, const struct loc_entry *e)
{
	return e->cnt && s->now - e->used < LOC_EXPIRE;
}

/* The entry of destination hash, or NULL. */
static struct loc_entry *loc_lookup(const struct loc *s, u32 hash)
{
	u32 k = (hash & (LOC_BUCKETS - 1)) * LOC_WAYS, w;
	struct loc_entry *e;

	for (w = 0; w < LOC_WAYS; w++) {
		e = loc_entry(s, k + w);
		if (e->hash == hash && loc_live(s, e))
			return e;
	}
	return NULL;
}

/* A new entry for hash: a free or expired one of its bucket, else the LRU. */
static struct loc_entry *loc_claim(struct loc *s, u32 hash)
{
	u32 k = (hash & (LOC_BUCKETS - 1)) * LOC_WAYS, w;
	struct loc_entry *e, *lru = NULL;

	for (w = 0; w < LOC_WAYS; w++) {
		e = loc_entry(s, k + w);
		if (!loc_live(s, e)) {
			lru = e;
			break;
		}
		if (!lru || s->now - e->used > s->now - lru->used)
			lru = e;
	}
	lru->hash = hash;
	lru->used = s->now;
	lru->mod = s->now;
	lru->cnt = 0;
	return lru;
}

/*
 * IPVS's least (min) or most (!min) load / weight member, the first of
 * equals: for the least, of the eligible members (those in the heap);
 * for the most, of those with a weight. Its position in m[], or -1.
 */
static int loc_extreme(const struct loc *s, const struct loc_entry *e, bool min)
{
	struct lheap *hp = loc_heap(s);
	u32 *w = lheap_weight(hp), k, i, b;
	int best = -1;

	for (k = 0; k < e->cnt; k++) {
		i = e->m[k];
		if (min ? lheap_pos(hp)[i] == NONE : !w[i])
			continue;
		b = best < 0 ? i : e->m[best];
		if (best < 0 ||
		    ratio_cmp(hp->load[i], w[i], hp->load[b], w[b]) == (min ? -1 : 1))
			best = (int)k;
	}
	return best;
}

/* IPVS's is_overloaded(). */
static bool loc_overloaded(const struct loc *s, u32 i)
{
	return loc_act(s)[i] > lheap_weight(loc_heap(s))[i] && s->under;
}

static void loc_erase(struct loc *s, struct loc_entry *e, u32 k)
{
	e->cnt--;
	memmove(&e->m[k], &e->m[k + 1], (e->cnt - k) * sizeof(u32));
	e->mod = s->now;
}

/* Server i joins e's set at the front; a full set loses its most loaded. */
static void loc_insert(struct loc *s, struct loc_entry *e, u32 i)
{
	int victim;
	u32 k;

	for (k = 0; k < e->cnt; k++)
		if (e->m[k] == i)
			return;
	if (e->cnt == s->members) {
		victim = loc_extreme(s, e, false);
		loc_erase(s, e, victim < 0 ? e->cnt - 1 : (u32)victim);
	}
	memmove(&e->m[1], &e->m[0], e->cnt * sizeof(u32));
	e->m[0] = i;
	e->cnt++;
	e->mod = s->now;
}

/* lblcr: a set unchanged for LOC_EXPIRE loses its most loaded member. */
static void loc_shrink(struct loc *s, struct loc_entry *e)
{
	int k;

	if (e->cnt > 1 && s->now - e->mod > LOC_EXPIRE) {
		k = loc_extreme(s, e, false);
		if (k >= 0)
			loc_erase(s, e, (u32)k);
	}
}

static int loc_pick(void *state, u32 hash)
{
	struct loc *s = state;
	struct loc_entry *e = loc_lookup(s, hash);
	int k, i;

	if (e) {
		e->used = s->now;
		/* chosen before the shrink, which may drop it: as IPVS */
		k = loc_extreme(s, e, true);
		i = k < 0 ? -1 : (int)e->m[k];
		loc_shrink(s, e);
		if (i >= 0 && !loc_overloaded(s, (u32)i))
			return i;
	}
	i = lheap_pick(loc_heap(s), hash);
	if (i < 0)
		return -1;
	loc_insert(s, e ?: loc_claim(s, hash), (u32)i);
	return i;
}

/*
 * Each live entry goes to the same place in the new state, its members
 * renumbered by key; those no longer in the service are dropped (IPVS
 * keeps them in a set, never picked, until the set shrinks). A server's
 * key is a hash: on a collision, its entries may go to the other server.
 */
static void loc_carry(void *new_state, const void *old_state)
{
	const struct loc *o = old_state;
	struct loc *s = new_state;
	struct loc_entry *oe, *e;
	u32 k, j, i;

	s->now = o->now;
	if (o->members != s->members)
		return;
	for (k = 0; k < LOC_BUCKETS * LOC_WAYS; k++) {
		oe = loc_entry(o, k);
		if (!loc_live(o, oe))
			continue;
		e = loc_entry(s, k);
		*e = *oe;
		e->cnt = 0;
		for (j = 0; j < oe->cnt; j++) {
			i = loc_find_key(s, loc_key(o)[oe->m[j]]);
			if (i != NONE)
				e->m[e->cnt++] = i;
		}
	}
}

static const struct lbvs_sched_algo lbvs_rr = {
	.name = "rr", .state_size = ring_size, .init = rr_init,
	.pick = ring_pick, .update = ring_update,
};

static const struct lbvs_sched_algo lbvs_wrr = {
	.name = "wrr", .state_size = ring_size, .init = wrr_init,
	.pick = ring_pick, .update = ring_update,
};

static const struct lbvs_sched_algo lbvs_sh = {
	.name = "sh", .state_size = table_size, .init = table_init,
	.pick = table_pick, .fallback = table_fallback, .update = table_update,
};

static const struct lbvs_sched_algo lbvs_dh = {
	.name = "dh", .key = LBVS_SCHED_KEY_DEST, .state_size = table_size,
	.init = table_init, .pick = table_pick, .update = table_update,
};

static const struct lbvs_sched_algo lbvs_mh = {
	.name = "mh", .state_size = mh_size, .init = mh_init,
	.pick = mh_pick, .fallback = table_fallback, .update = table_update,
};

static const struct lbvs_sched_algo lbvs_twos = {
	.name = "twos", .key = LBVS_SCHED_KEY_RANDOM, .state_size = twos_size,
	.init = twos_init, .pick = twos_pick, .update = twos_update,
	.load_aware = true,
};

static const struct lbvs_sched_algo lbvs_lblc = {
	.name = "lblc", .key = LBVS_SCHED_KEY_DEST, .state_size = lblc_size,
	.init = lblc_init, .pick = loc_pick, .update = loc_update,
	.clock = loc_clock, .carry = loc_carry, .load_aware = true,
};

static const struct lbvs_sched_algo lbvs_lblcr = {
	.name = "lblcr", .key = LBVS_SCHED_KEY_DEST, .state_size = lblcr_size,
	.init = lblcr_init, .pick = loc_pick, .update = loc_update,
	.clock = loc_clock, .carry = loc_carry, .load_aware = true,
};

const struct lbvs_sched_algo *const lbvs_sched_algos[] = {
	&lbvs_rr, &lbvs_wrr, &lbvs_lc, &lbvs_wlc, &lbvs_sh, &lbvs_dh,
	&lbvs_sed, &lbvs_nq, &lbvs_fo, &lbvs_ovf, &lbvs_twos, &lbvs_mh,
	&lbvs_lblc, &lbvs_lblcr, NULL,
};

const struct lbvs_sched_algo *lbvs_sched_algo_find(const char *name)
{
	unsigned int k;

	if (!name)
		return NULL;
	for (k = 0; lbvs_sched_algos[k]; k++)
		if (!strcmp(lbvs_sched_algos[k]->name, name))
			return lbvs_sched_algos[k];
	return NULL;
}

bool lbvs_sched_overloaded(u32 total, u32 upper, u32 lower, bool was)
{
	if (!upper)
		return false;
	if (total >= upper)
		return true;
	/* In 64 bits: upper goes up to 2^31 - 1, three times that does not fit. */
	return was && total > (lower ?: (u32)((u64)upper * 3 / 4));
}
