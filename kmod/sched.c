// SPDX-License-Identifier: GPL-2.0
/*
 * Scheduler glue: snapshots a service's real servers into an array the pure
 * algorithms (sched_algo.c) index, and keeps their view of weights, counts
 * and overload current. Locking is described in sched.h.
 */
#include <linux/jiffies.h>
#include <linux/math64.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "addr.h"
#include "sched.h"
#include "conn.h"
#include "netns.h"
#include "service.h"

void lbvs_sched_init(struct lbvs_sched *s)
{
	spin_lock_init(&s->lock);
	s->algo = NULL;
	s->set = NULL;
	s->load_aware = false;
}

const struct lbvs_sched_algo *lbvs_sched_lookup(const char *name,
						struct netlink_ext_ack *extack)
{
	const struct lbvs_sched_algo *algo = lbvs_sched_algo_find(name);

	if (!algo)
		NL_SET_ERR_MSG(extack, "unknown scheduler");
	return algo;
}

/* overloaded is read racily outside s->lock; it only steers new picks. */
static void dest_view(const struct lbvs_dest *d, struct lbvs_sched_dest *v)
{
	v->weight = READ_ONCE(d->available) && !READ_ONCE(d->draining) ?
		    READ_ONCE(d->weight) : 0;
	v->active = atomic_read(&d->active);
	v->inactive = atomic_read(&d->inactive);
	v->overloaded = d->overloaded;
}

/* mh's identity of a server: the same on every director. */
static u32 dest_key(const struct lbvs_dest *d)
{
	return lbvs_sched_hash(&d->addr, lbvs_addr_len(d->af)) ^
	       ((u32)ntohs(d->port) * 0x9e3779b1U);
}

static size_t set_state_offset(unsigned int n)
{
	return ALIGN(struct_size_t(struct lbvs_sched_set, dests, n), sizeof(u64));
}

/*
 * Views of up to this many servers are built on the stack: a restore
 * rebuilds once per server added, and most services have a few servers.
 */
#define SCHED_STACK_VIEWS	16

static void free_views(struct lbvs_sched_dest *views, struct lbvs_sched_dest *on_stack)
{
	if (views != on_stack)
		kvfree(views);
}

int lbvs_sched_rebuild(struct lbvs_net *ln, struct lbvs_service *svc,
		       const struct lbvs_sched_algo *algo)
{
	struct lbvs_sched_dest stack_views[SCHED_STACK_VIEWS];
	struct lbvs_sched_dest *views = stack_views;
	struct lbvs_sched *s = &svc->sched;
	struct lbvs_sched_set *set, *old;
	unsigned int n = svc->ndests, i = 0;
	struct lbvs_dest *d;

	lockdep_assert_held(&ln->config_lock);
	set = kvzalloc(set_state_offset(n) + algo->state_size(n), GFP_KERNEL);
	if (n > SCHED_STACK_VIEWS)
		views = kvcalloc(n, sizeof(*views), GFP_KERNEL);
	if (!set || !views) {
		kvfree(set);
		free_views(views, stack_views);
		return -ENOMEM;
	}
	set->n = n;
	set->state = (u8 *)set + set_state_offset(n);
	list_for_each_entry(d, &svc->dests, list)
		set->dests[i++] = d;

	/*
	 * Build outside the lock: an sh/dh table for 10,000 servers takes
	 * milliseconds. A count that changes meanwhile reaches the new set with
	 * that server's next change.
	 */
	for (i = 0; i < n; i++) {
		dest_view(set->dests[i], &views[i]);
		views[i].key = dest_key(set->dests[i]);
	}
	algo->init(set->state, views, n);

	spin_lock_bh(&s->lock);
	old = s->set;
	/*
	 * Under the lock: pick() writes the old state's cache until the
	 * swap, and what it learnt meanwhile is carried too.
	 */
	if (old && s->algo == algo && algo->carry)
		algo->carry(set->state, old->state);
	for (i = 0; old && i < old->n; i++)
		old->dests[i]->sched_idx = -1;
	for (i = 0; i < n; i++)
		set->dests[i]->sched_idx = i;
	s->set = set;
	s->algo = algo;
	s->load_aware = algo->load_aware;
	spin_unlock_bh(&s->lock);

	kvfree(old);
	free_views(views, stack_views);
	return 0;
}

void lbvs_sched_free(struct lbvs_net *ln, struct lbvs_sched *s)
{
	struct lbvs_sched_set *old;
	unsigned int i;

	lockdep_assert_held(&ln->config_lock);
	spin_lock_bh(&s->lock);
	old = s->set;
	s->set = NULL;
	for (i = 0; old && i < old->n; i++)
		old->dests[i]->sched_idx = -1;
	spin_unlock_bh(&s->lock);
	kvfree(old);
}

/* The algorithms' clock: seconds, wrapping after 136 years, not 49 days. */
static u32 sched_now(void)
{
	return (u32)div_u64(get_jiffies_64(), HZ);
}

static u32 pick_hash(const struct lbvs_sched_algo *algo, const struct lbvs_tuple *t,
		     u32 flags)
{
	unsigned int alen = lbvs_addr_len(t->af);
	u32 h;

	switch (algo->key) {
	case LBVS_SCHED_KEY_DEST:
		return lbvs_sched_hash(&t->daddr, alen);
	case LBVS_SCHED_KEY_RANDOM:
		return get_random_u32();
	default:
		h = lbvs_sched_hash(&t->saddr, alen);
		/* sh-port, mh-port: each client port its own server */
		if (algo->fallback && (flags & LBVS_SVC_F_SCHED2))
			h ^= lbvs_sched_hash(&t->sport, sizeof(t->sport));
		return h;
	}
}

struct lbvs_dest *lbvs_sched_pick(struct lbvs_service *svc, const struct lbvs_tuple *t)
{
	u32 flags = READ_ONCE(svc->flags), hash;
	struct lbvs_sched *s = &svc->sched;
	struct lbvs_dest *d = NULL;
	int idx;

	spin_lock_bh(&s->lock);
	if (s->set) {
		hash = pick_hash(s->algo, t, flags);
		if (s->algo->clock)
			s->algo->clock(s->set->state, sched_now());
		idx = s->algo->pick(s->set->state, hash);
		/* sh-fallback, mh-fallback */
		if (idx < 0 && s->algo->fallback && (flags & LBVS_SVC_F_SCHED1))
			idx = s->algo->fallback(s->set->state, hash);
		if (idx >= 0 && idx < s->set->n)
			d = s->set->dests[idx];
	}
	spin_unlock_bh(&s->lock);
	return d;
}

enum lbvs_drop_reason lbvs_sched_none_reason(struct lbvs_service *svc)
{
	enum lbvs_drop_reason r = LBVS_DROP_NO_DEST;
	struct lbvs_sched *s = &svc->sched;
	unsigned int i;

	spin_lock_bh(&s->lock);
	for (i = 0; s->set && i < s->set->n; i++) {
		if (s->set->dests[i]->overloaded) {
			r = LBVS_DROP_THRESHOLD;
			break;
		}
	}
	spin_unlock_bh(&s->lock);
	return r;
}

void lbvs_sched_set_limit(struct lbvs_dest *d, u32 u_thresh)
{
	struct lbvs_sched *s = &d->svc->sched;

	if (READ_ONCE(d->overloaded) && (!u_thresh || u_thresh > d->u_thresh)) {
		spin_lock_bh(&s->lock);
		d->overloaded = false;
		spin_unlock_bh(&s->lock);
	}
	WRITE_ONCE(d->u_thresh, u_thresh);
}

void lbvs_sched_load_changed(struct lbvs_dest *d)
{
	struct lbvs_sched *s = &d->svc->sched;
	struct lbvs_sched_dest view;
	u32 total;

	if (!READ_ONCE(s->load_aware) && !READ_ONCE(d->u_thresh) &&
	    !READ_ONCE(d->overloaded))
		return;
	total = atomic_read(&d->active) + atomic_read(&d->inactive);
	spin_lock_bh(&s->lock);
	d->overloaded = lbvs_sched_overloaded(total, READ_ONCE(d->u_thresh),
					      READ_ONCE(d->l_thresh), d->overloaded);
	if (s->set && d->sched_idx >= 0) {
		dest_view(d, &view);
		s->algo->update(s->set->state, d->sched_idx, &view);
	}
	spin_unlock_bh(&s->lock);
}
