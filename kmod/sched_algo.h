/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The scheduling algorithms (rr, wrr, lc, wlc, sh, dh, sed, nq, mh, fo, ovf,
 * twos, lblc, lblcr) as plain C that builds both in the kernel module and
 * in userspace unit tests.
 *
 * Contract with the caller:
 * - memory: the caller allocates state_size(n) zeroed bytes and calls init();
 *   the algorithms never allocate and keep no pointers into the block, so
 *   the block may live anywhere.
 * - locking: none inside. The caller serialises every call (init, pick,
 *   update) on one state, e.g. with the service's scheduler spinlock.
 * - cost: pick() is O(1) worst case for all (the heap's top for lc, wlc,
 *   sed, nq, fo, ovf; two draws from an alias table for twos; for lblc
 *   and lblcr, a lookup in one bucket of a fixed-size cache, a scan of at
 *   most 4 members, the heap's top). update()
 *   is O(1) when only counts change for rr/wrr/sh/dh/mh/fo/twos, O(log n)
 *   for the heap's, O(n) when a server's eligibility or weight changes for
 *   rr/wrr/twos, and O(table) (a rebuild) on a weight change for sh/dh/mh.
 *   carry() is O(cache): 4,096 entries.
 * - no floating point, no recursion, no division in pick() or in the
 *   count-only update() path.
 */
#ifndef _LBVS_SCHED_ALGO_H
#define _LBVS_SCHED_ALGO_H

#include "pure.h"

struct lbvs_sched_dest {	/* what an algorithm sees of real server i */
	u32 weight;		/* 0 = quiescent: never picked for new connections */
	u32 active;		/* active connections (TCP ESTABLISHED) */
	u32 inactive;		/* other connections */
	bool overloaded;	/* over its upper threshold: not picked */
	/*
	 * mh, lblc, lblcr: the server's identity (a hash of its address and
	 * port), read by init() only; the same on every director.
	 */
	u32 key;
};

/* What pick()'s hash is made of. */
enum lbvs_sched_key {
	LBVS_SCHED_KEY_CLIENT,	/* the client's address (the others ignore it) */
	LBVS_SCHED_KEY_DEST,	/* the packet's destination address (dh, lblc, lblcr) */
	LBVS_SCHED_KEY_RANDOM,	/* a random number per pick (twos) */
};

struct lbvs_sched_algo {
	const char *name;	/* "rr", "wrr", "lc", "wlc", "sh", "dh", ... */
	enum lbvs_sched_key key;
	/* Its picks depend on the counts: update() on every count change. */
	bool load_aware;
	size_t (*state_size)(unsigned int n);
	/* Rebuild from scratch for n servers (n may be 0). */
	void (*init)(void *state, const struct lbvs_sched_dest *d, unsigned int n);
	/*
	 * Index of the server for a new connection, or -1 if none is eligible.
	 * hash: as key says: lbvs_sched_hash() of the client address (sh, mh)
	 * or of the destination address (dh, lblc, lblcr), or random (twos).
	 */
	int (*pick)(void *state, u32 hash);
	/*
	 * NULL, or the algorithm reads the service's SCHED1 and SCHED2 flags
	 * as IPVS's sh and mh do: SCHED2 puts the client's port in hash, and
	 * with SCHED1, when pick() found no eligible server, fallback() looks
	 * further for one (-1 if none is eligible).
	 */
	int (*fallback)(void *state, u32 hash);
	/* Server i's weight, counts or overload changed; d is its new view. */
	void (*update)(void *state, unsigned int i, const struct lbvs_sched_dest *d);
	/*
	 * NULL, or the algorithm keeps time: the caller calls clock() before
	 * each pick(), now in seconds on a clock that never goes back (it
	 * may wrap: algorithms compare differences). Passed in, not read,
	 * so that tests drive it.
	 */
	void (*clock)(void *state, u32 now);
	/*
	 * NULL, or the algorithm learns from its picks (a cache) and keeps
	 * that across a rebuild: after init() of new_state for the new list
	 * of servers, carry() copies what still applies from old_state (same
	 * algorithm, built by init() for the old list). Servers are matched
	 * by their view's key, since their indices change. Both states are
	 * the caller's to serialise, as for every other call; O(the state's
	 * cache), no allocation.
	 */
	void (*carry)(void *new_state, const void *old_state);
};

/*
 * IPVS's threshold rule: a server at or over its upper threshold takes no
 * new connections until it falls to its lower threshold, or to 3/4 of the
 * upper one when no lower threshold is set. upper 0: no threshold; was:
 * the server's state before this count.
 */
bool lbvs_sched_overloaded(u32 total, u32 upper, u32 lower, bool was);

/* NULL if unknown. */
const struct lbvs_sched_algo *lbvs_sched_algo_find(const char *name);

/*
 * murmur3's finaliser: every input bit reaches every output bit. mh's
 * offsets and skips are defined by it (the unit tests' reference too).
 */
static inline u32 lbvs_sched_mix32(u32 h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bU;
	h ^= h >> 13;
	h *= 0xc2b2ae35U;
	h ^= h >> 16;
	return h;
}

/* addr: 4 or 16 bytes in network order; the same on every host. */
u32 lbvs_sched_hash(const void *addr, unsigned int len);
/* NULL-terminated, for listing. */
extern const struct lbvs_sched_algo *const lbvs_sched_algos[];

#endif /* _LBVS_SCHED_ALGO_H */
