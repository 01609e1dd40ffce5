// SPDX-License-Identifier: GPL-2.0
/*
 * The connection table; the rules are in conn.h.
 */
#include <linux/jhash.h>
#include <linux/slab.h>

#include "addr.h"
#include "conn.h"
#include "fwd.h"
#include "netlink.h"
#include "netns.h"
#include "pressure.h"
#include "proto_state.h"
#include "sched.h"
#include "service.h"
#include "synproxy.h"

/* Allocator handles, created at module load and constant until unload. */
/* [v6][proxied]: a SYN proxy's entries carry struct lbvs_proxy_conn too. */
static struct kmem_cache *conn_caches[2][2] __read_mostly;

static struct kmem_cache *conn_cache(bool v6, bool proxied)
{
	return conn_caches[v6][proxied];
}

u32 lbvs_tuple_hash(const struct lbvs_tuple *t, u32 seed)
{
	u32 ports = ((u32)ntohs(t->sport) << 16) | ntohs(t->dport);

	if (t->af == AF_INET)
		return jhash_3words((__force u32)t->saddr.ip, (__force u32)t->daddr.ip,
				    ports, seed ^ t->proto);
	return jhash2((const u32 *)t->saddr.all, 4,
		      jhash2((const u32 *)t->daddr.all, 4, seed ^ ports) ^ t->proto);
}

/* The key an entry is filed under: its "in" or its "out" packet tuple. */
static void conn_tuple(const struct lbvs_conn *c, bool out, struct lbvs_tuple *t)
{
	t->af = lbvs_conn_af(c);
	t->proto = c->proto;
	if (out) {
		lbvs_conn_get_addr(c, LBVS_A_D, &t->saddr);
		lbvs_conn_get_addr(c, LBVS_A_L, &t->daddr);
		t->sport = c->dport;
		t->dport = c->lport;
	} else {
		lbvs_conn_get_addr(c, LBVS_A_C, &t->saddr);
		lbvs_conn_get_addr(c, LBVS_A_V, &t->daddr);
		t->sport = c->cport;
		t->dport = c->vport;
	}
}

void lbvs_conn_client_tuple(const struct lbvs_conn *c, struct lbvs_tuple *t)
{
	conn_tuple(c, false, t);
}

static bool conn_match(const struct lbvs_conn *c, bool out, const struct lbvs_tuple *t)
{
	unsigned int alen = lbvs_conn_alen(c);
	int s = out ? LBVS_A_D : LBVS_A_C, d = out ? LBVS_A_L : LBVS_A_V;
	bool v6 = t->af == AF_INET6;

	if (c->proto != t->proto || c->v6 != v6)
		return false;
	if (out ? (c->dport != t->sport || c->lport != t->dport) :
		  (c->cport != t->sport || c->vport != t->dport))
		return false;
	return !memcmp(lbvs_conn_addr(c, s), &t->saddr, alen) &&
	       !memcmp(lbvs_conn_addr(c, d), &t->daddr, alen);
}

static u32 key_hash(const void *data, u32 len, u32 seed)
{
	return lbvs_tuple_hash(data, seed);
}

static u32 in_obj_hash(const void *data, u32 len, u32 seed)
{
	struct lbvs_tuple t;

	conn_tuple(data, false, &t);
	return lbvs_tuple_hash(&t, seed);
}

static u32 out_obj_hash(const void *data, u32 len, u32 seed)
{
	struct lbvs_tuple t;

	conn_tuple(data, true, &t);
	return lbvs_tuple_hash(&t, seed);
}

/* Expired and removed entries do not match: a new flow may replace them. */
static int in_cmp(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct lbvs_conn *c = obj;

	return lbvs_conn_dead(c) || lbvs_conn_expired(c) || !conn_match(c, false, arg->key);
}

static int out_cmp(struct rhashtable_compare_arg *arg, const void *obj)
{
	const struct lbvs_conn *c = obj;

	return lbvs_conn_dead(c) || lbvs_conn_expired(c) || !conn_match(c, true, arg->key);
}

static const struct rhashtable_params in_params = {
	.key_len = sizeof(struct lbvs_tuple),
	.head_offset = offsetof(struct lbvs_conn, in_node),
	.hashfn = key_hash,
	.obj_hashfn = in_obj_hash,
	.obj_cmpfn = in_cmp,
	.automatic_shrinking = true,
	.min_size = 256,
};

static const struct rhashtable_params out_params = {
	.key_len = sizeof(struct lbvs_tuple),
	.head_offset = offsetof(struct lbvs_conn, out_node),
	.hashfn = key_hash,
	.obj_hashfn = out_obj_hash,
	.obj_cmpfn = out_cmp,
	.automatic_shrinking = true,
	.min_size = 256,
};

struct lbvs_conn *lbvs_conn_in_get(struct lbvs_net *ln, const struct lbvs_tuple *t)
{
	return rhashtable_lookup(&ln->conns.in, t, in_params);
}

struct lbvs_conn *lbvs_conn_out_get(struct lbvs_net *ln, const struct lbvs_tuple *t)
{
	return rhashtable_lookup(&ln->conns.out, t, out_params);
}

/* Of the inactive, those whose TCP connection is over (drain.c's test). */
static void count_closed(const struct lbvs_conn *c, u8 state, int delta)
{
	if (lbvs_state_closed(state))
		atomic_add(delta, &c->dest->closed);
}

/* Templates count as persistent, connections as active or inactive. */
static void conn_count(const struct lbvs_conn *c, u8 state, int delta)
{
	struct lbvs_dest *dest = c->dest;

	if (c->tmpl) {
		atomic_add(delta, &dest->persist);
		return;
	}
	atomic_add(delta, lbvs_state_active(state) ? &dest->active : &dest->inactive);
	count_closed(c, state, delta);
}

/* The first link of LBVS_RCU_FREE_LINKS' chain (service.h). */
static void conn_free_rcu(struct rcu_head *head)
{
	struct lbvs_conn *c = container_of(head, struct lbvs_conn, rcu);
	const struct lbvs_fwd_ops *fwd = lbvs_conn_fwd(c);
	struct lbvs_dest *dest = c->dest;

	conn_count(c, lbvs_conn_state(c), -1);
	lbvs_sched_load_changed(dest);
	lbvs_dest_put(dest);
	if (fwd->release)
		fwd->release(c);
	kmem_cache_free(conn_cache(c->v6, fwd->proxied), c);
}

/*
 * A template's reference dropped (n_control): freed at zero. When only the
 * table's is left, its last connection has gone: its timeout runs from now.
 */
static void template_put(struct lbvs_conn *tc)
{
	int left = atomic_dec_return(&tc->n_control);

	if (!left)
		call_rcu(&tc->rcu, conn_free_rcu);
	else if (left == 1)
		lbvs_conn_touch(tc, READ_ONCE(tc->dest->svc->timeout));
}

/* Unhash and free an entry that its caller marked dead. */
static void conn_drop(struct lbvs_conn_table *tab, struct lbvs_conn *c)
{
	struct lbvs_conn *control;

	rhashtable_remove_fast(&tab->in, &c->in_node, in_params);
	if (c->out)
		rhashtable_remove_fast(&tab->out, &c->out_node, out_params);
	atomic_dec(&tab->count);
	if (c->tmpl) {
		template_put(c);
		return;
	}
	control = c->control;
	call_rcu(&c->rcu, conn_free_rcu);
	if (control)
		template_put(control);
}

/* conn.h's sizes, which the memory budget per entry counts on. */
static_assert(!IS_ENABLED(CONFIG_X86_64) || sizeof(struct lbvs_conn) == 56);

/* Whoever sets LBVS_CONN_DEAD first removes c: true for that caller. */
static bool conn_kill(struct lbvs_conn *c)
{
	u8 old = READ_ONCE(c->state);

	do {
		if (old & LBVS_CONN_DEAD)
			return false;
	} while (!try_cmpxchg(&c->state, &old, old | LBVS_CONN_DEAD));
	return true;
}

/*
 * An entry's end: announced if it was (shown), unhashed, freed; a no-op
 * if already done.
 */
static void conn_end(struct lbvs_conn_table *tab, struct lbvs_conn *c, bool shown)
{
	if (!conn_kill(c))
		return;
	if (shown && !c->tmpl && !tab->quiet)
		lbvs_genl_conn_event(container_of(tab, struct lbvs_net, conns), c,
				     LBVS_CMD_DEL_CONN);
	conn_drop(tab, c);
}

static void conn_unlink(struct lbvs_conn_table *tab, struct lbvs_conn *c)
{
	conn_end(tab, c, true);
}

static u8 initial_state(u8 proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return LBVS_S_NONE;
	case IPPROTO_UDP:
		return LBVS_S_UDP;
	default:
		return LBVS_S_ICMP;
	}
}

/* A deadline in 32-bit jiffies, kept within time_after32()'s half range. */
static u32 deadline_in(u32 secs)
{
	return (u32)jiffies + min_t(u32, secs, (1U << 30) / HZ) * HZ;
}

/*
 * The entry's service's own timeout for state, or the namespace's, as
 * pressure mode may shorten it.
 */
static u32 deadline(struct lbvs_net *ln, const struct lbvs_conn *c, u8 state)
{
	u32 secs = lbvs_svc_state_timeout(c->dest->svc, state) ?:
		   READ_ONCE(ln->sysctl.timeout[state]);

	return deadline_in(lbvs_pressure_secs(ln, c, state, secs));
}

/*
 * As IPVS: a fwmark service's server given without a port, and every
 * server of a port-0 service, take the packet's port.
 */
__be16 lbvs_conn_dest_port(const struct lbvs_dest *dest, __be16 vport)
{
	const struct lbvs_service *svc = dest->svc;

	if (!dest->port || (!svc->fwmark && !svc->port))
		return vport;
	return dest->port;
}

/* Everything but the deadline, for a tuple t (client -> virtual) to dest. */
static void conn_fill(struct lbvs_conn *c, const struct lbvs_tuple *t,
		      struct lbvs_dest *dest, u8 fwd)
{
	unsigned int alen = lbvs_addr_len(t->af);

	memset(c, 0, offsetof(struct lbvs_conn, addrs));
	c->dest = dest;
	c->proto = t->proto;
	c->fwd = fwd;
	c->v6 = t->af == AF_INET6;
	c->out = !!lbvs_conn_fwd(c)->xmit_out;
	c->state = initial_state(t->proto);
	c->cport = t->sport;
	c->vport = t->dport;
	c->dport = lbvs_conn_dest_port(dest, t->dport);
	c->lport = t->sport;
	memcpy(lbvs_conn_addr(c, LBVS_A_C), &t->saddr, alen);
	memcpy(lbvs_conn_addr(c, LBVS_A_V), &t->daddr, alen);
	memcpy(lbvs_conn_addr(c, LBVS_A_L), &t->saddr, alen);
	memcpy(lbvs_conn_addr(c, LBVS_A_D), &dest->addr, alen);
}

/*
 * A SYN proxy's entry takes its server's method's proxied twin: -ENOENT
 * if the server changed to a method without one since it was picked.
 */
static struct lbvs_conn *conn_alloc(struct lbvs_net *ln, const struct lbvs_tuple *t,
				    struct lbvs_dest *dest, bool proxied)
{
	u8 fwd = READ_ONCE(dest->fwd);
	struct lbvs_conn *c;

	if (proxied)
		fwd = lbvs_fwd(fwd)->proxy;
	if (!fwd)
		return ERR_PTR(-ENOENT);
	c = kmem_cache_alloc(conn_cache(t->af == AF_INET6, proxied), GFP_ATOMIC);
	if (!c)
		return ERR_PTR(-ENOMEM);
	conn_fill(c, t, dest, fwd);
	c->expires = deadline(ln, c, c->state);
	return c;
}

struct lbvs_conn *lbvs_conn_one(union lbvs_conn_one *one, const struct lbvs_tuple *t,
				struct lbvs_dest *dest)
{
	conn_fill(&one->c, t, dest, READ_ONCE(dest->fwd));
	return &one->c;
}

int lbvs_conn_hash_out(struct lbvs_net *ln, struct lbvs_conn *c)
{
	struct lbvs_tuple ot;

	conn_tuple(c, true, &ot);
	return rhashtable_lookup_insert_key(&ln->conns.out, &ot, &c->out_node, out_params);
}

/* How an entry starts when not from its first packet: lbvs_conn_new()'s. */
struct conn_start {
	u32 tmpl_timeout;	/* a template living that long (s), or 0 */
	bool synced;		/* a sync peer's: state and timeout from it */
	u8 state;
	u32 timeout;		/* seconds left; 0: the state's own */
	/* FULLNAT, synced: the peer's local address and port, or NULL. */
	const union nf_inet_addr *laddr;
	__be16 lport;
	/* A SYN proxy's: what its entry carries (synproxy.h), or NULL. */
	const struct lbvs_proxy_conn *proxy;
};

static void conn_start(struct lbvs_net *ln, struct lbvs_conn *c,
		       const struct conn_start *st)
{
	if (st->tmpl_timeout) {
		c->tmpl = 1;
		c->out = 0;
		c->state = LBVS_S_NONE;
		atomic_set(&c->n_control, 1);
		lbvs_conn_touch(c, st->tmpl_timeout);
	} else if (st->synced) {
		c->state = st->state;
		c->expires = st->timeout ? deadline_in(st->timeout) :
					   deadline(ln, c, st->state);
		/* The peer's flow is past its first segments: no option now. */
		c->toa_sent = 1;
	} else if (st->proxy) {
		/* Its client's handshake is done; the server's is to come. */
		memcpy(lbvs_proxy_of(c), st->proxy, sizeof(*st->proxy));
		c->state = LBVS_S_SYN_RECV;
		c->expires = deadline(ln, c, c->state);
	}
}

/*
 * File c's reply tuple: a synced FULLNAT flow keeps the peer's local
 * address and port, and is refused (-EEXIST) if one of ours holds them.
 */
static int conn_hash_out(struct lbvs_net *ln, struct lbvs_conn *c, const struct lbvs_tuple *t,
			 const struct conn_start *st)
{
	const struct lbvs_fwd_ops *fwd = lbvs_conn_fwd(c);

	if (st && st->laddr) {
		memcpy(lbvs_conn_addr(c, LBVS_A_L), st->laddr, lbvs_conn_alen(c));
		c->lport = st->lport;
		return lbvs_conn_hash_out(ln, c);
	}
	return fwd->hash_out ? fwd->hash_out(ln, c, t) : lbvs_conn_hash_out(ln, c);
}

static struct lbvs_conn *conn_new(struct lbvs_net *ln, const struct lbvs_tuple *t,
				  struct lbvs_dest *dest, struct lbvs_conn *control,
				  const struct conn_start *st)
{
	struct lbvs_conn_table *tab = &ln->conns;
	struct lbvs_conn *c;
	int err = -ENOSPC;

	if (atomic_inc_return(&tab->count) > READ_ONCE(ln->sysctl.conn_max)) {
		/* Expired entries may be what fills it. */
		lbvs_conn_gc_kick(ln);
		goto err_count;
	}
	/* A removed server may reach zero while we scheduled to it. */
	err = -ENOENT;
	if (!refcount_inc_not_zero(&dest->refcnt))
		goto err_count;
	c = conn_alloc(ln, t, dest, st && st->proxy);
	if (IS_ERR(c)) {
		err = PTR_ERR(c);
		goto err_dest;
	}
	if (st)
		conn_start(ln, c, st);
	conn_count(c, c->state, 1);

	/*
	 * The reply tuple first: a flow becomes visible to its client's
	 * packets only once its method has settled that tuple (FULLNAT: its
	 * local address and port). A reply tuple that is taken is never
	 * shared by two flows.
	 */
	err = 0;
	if (c->out)
		err = conn_hash_out(ln, c, t, st);
	if (err) {
		conn_free_rcu(&c->rcu);
		goto err_count;
	}
	/* A template being freed places nothing. */
	if (control && atomic_inc_not_zero(&control->n_control))
		c->control = control;
	err = rhashtable_lookup_insert_key(&tab->in, t, &c->in_node, in_params);
	if (err) {
		/*
		 * Lost a race with the same flow's other packet, or no memory.
		 * Reply lookups may already hold it: unhash and free after a
		 * grace period (removing it from "in" finds nothing). Never
		 * announced (hooks.c does that): it ends without an event.
		 */
		conn_end(tab, c, false);
		return ERR_PTR(err);
	}
	lbvs_sched_load_changed(dest);
	return c;

err_dest:
	lbvs_dest_put(dest);
err_count:
	atomic_dec(&tab->count);
	return ERR_PTR(err);
}

struct lbvs_conn *lbvs_conn_new(struct lbvs_net *ln, const struct lbvs_tuple *t,
				struct lbvs_dest *dest, struct lbvs_conn *control,
				const struct lbvs_proxy_conn *pc)
{
	struct conn_start st = { .proxy = pc };

	return conn_new(ln, t, dest, control, pc ? &st : NULL);
}

struct lbvs_conn *lbvs_conn_new_template(struct lbvs_net *ln, const struct lbvs_tuple *t,
					 struct lbvs_dest *dest, u32 timeout)
{
	struct conn_start st = { .tmpl_timeout = max(timeout, 1U) };

	return conn_new(ln, t, dest, NULL, &st);
}

struct lbvs_conn *lbvs_conn_new_synced(struct lbvs_net *ln, const struct lbvs_tuple *t,
				       struct lbvs_dest *dest, struct lbvs_conn *control,
				       u8 state, u32 timeout,
				       const union nf_inet_addr *laddr, __be16 lport)
{
	struct conn_start st = { .synced = true, .state = state, .timeout = timeout,
				 .laddr = laddr, .lport = lport };

	return conn_new(ln, t, dest, control, &st);
}

void lbvs_conn_sync_update(struct lbvs_net *ln, struct lbvs_conn *c, u8 state, u32 timeout)
{
	lbvs_conn_set_state(ln, c, state);
	if (timeout)
		lbvs_conn_touch(c, timeout);
}

void lbvs_conn_touch(struct lbvs_conn *c, u32 timeout)
{
	WRITE_ONCE(c->expires, deadline_in(timeout));
}

void lbvs_conn_set_state(struct lbvs_net *ln, struct lbvs_conn *c, u8 state)
{
	u8 old = READ_ONCE(c->state);

	/* A dead entry keeps the state its counts are undone from. */
	if (old == state || (old & LBVS_CONN_DEAD) || cmpxchg(&c->state, old, state) != old)
		goto out;
	if (lbvs_state_active(old) != lbvs_state_active(state)) {
		conn_count(c, old, -1);
		conn_count(c, state, 1);
		lbvs_sched_load_changed(c->dest);
	} else if (!c->tmpl && lbvs_state_closed(old) != lbvs_state_closed(state)) {
		count_closed(c, old, -1);
		count_closed(c, state, 1);
	}
out:
	WRITE_ONCE(c->expires, deadline(ln, c, state));
}

void lbvs_conn_gc_kick(struct lbvs_net *ln)
{
	struct lbvs_conn_table *tab = &ln->conns;
	unsigned long now = jiffies;

	if (time_before(now, READ_ONCE(tab->gc_kicked) + HZ / 10))
		return;
	WRITE_ONCE(tab->gc_kicked, now);
	mod_delayed_work(system_power_efficient_wq, &tab->gc_work, 0);
}

void lbvs_conn_expire_now(struct lbvs_net *ln, struct lbvs_conn *c)
{
	conn_unlink(&ln->conns, c);
}

struct lbvs_conn *lbvs_conn_walk_peek(struct rhashtable_iter *it, int *err)
{
	struct lbvs_conn *c;

	*err = 0;
	for (;;) {
		c = rhashtable_walk_peek(it);
		if (IS_ERR(c) && PTR_ERR(c) != -EAGAIN) {
			*err = PTR_ERR(c);
			return NULL;
		}
		/* -EAGAIN: the table was resized; go on, entries may repeat. */
		if (!c || (!IS_ERR(c) && !lbvs_conn_dead(c)))
			return c;
		rhashtable_walk_next(it);
	}
}

int lbvs_conn_walk(struct rhashtable_iter *it, lbvs_conn_visit_t visit, void *arg)
{
	struct lbvs_conn *c;
	int err;

	rhashtable_walk_start(it);
	while ((c = lbvs_conn_walk_peek(it, &err))) {
		err = visit(c, arg);
		if (err)
			break;
		rhashtable_walk_next(it);
	}
	rhashtable_walk_stop(it);
	return err;
}

/* Reclaim expired entries from one slice of the table. */
static void conn_gc(struct work_struct *work)
{
	struct lbvs_conn_table *tab = container_of(to_delayed_work(work),
						   struct lbvs_conn_table, gc_work);
	unsigned int budget = max(4096, atomic_read(&tab->count) / 8);
	struct lbvs_conn *c;

	rhashtable_walk_start(&tab->gc_iter);
	while (budget--) {
		c = rhashtable_walk_next(&tab->gc_iter);
		if (IS_ERR(c)) {
			if (PTR_ERR(c) == -EAGAIN)
				continue;
			break;
		}
		if (!c) {
			/* End of the table: the next run starts over. */
			rhashtable_walk_stop(&tab->gc_iter);
			rhashtable_walk_exit(&tab->gc_iter);
			rhashtable_walk_enter(&tab->in, &tab->gc_iter);
			goto out;
		}
		if (lbvs_conn_expired(c))
			conn_unlink(tab, c);
	}
	rhashtable_walk_stop(&tab->gc_iter);
out:
	queue_delayed_work(system_power_efficient_wq, &tab->gc_work, HZ);
}

/* Entries a sweep looks at between two chances for the CPU to go. */
#define SWEEP_SLICE	1024

static bool any_conn(const struct lbvs_conn *c, const void *arg)
{
	return true;
}

static bool server_gone(const struct lbvs_conn *c, const void *arg)
{
	return !READ_ONCE(c->dest->available);
}

/* By value: the entry's server (and so its service) is held by the entry. */
bool lbvs_conn_filter_match(const struct lbvs_conn_filter *f, const struct lbvs_conn *c)
{
	const struct lbvs_dest *dest = c->dest;

	if (f->by_svc && !lbvs_svc_is(dest->svc, &f->key))
		return false;
	return !f->by_dest || (dest->port == f->dport &&
			       lbvs_addr_eq(dest->af, &dest->addr, &f->daddr));
}

static bool filter_match(const struct lbvs_conn *c, const void *arg)
{
	return lbvs_conn_filter_match(arg, c);
}

/*
 * Whether the walk may pause after the entry it returned last: only at the
 * end of a bucket. rhashtable_walk_start() finds its place again by that
 * entry, or, once the sweep has unlinked it, by a count of the bucket's
 * entries that the unlinked ones no longer fill; in the middle of a bucket
 * that count would step over entries never looked at.
 */
static bool sweep_may_pause(const struct rhashtable_iter *it)
{
	return rht_is_a_nulls(rcu_dereference(it->p->next));
}

/*
 * Unlink every entry match() picks. rcu_read_lock() is held a slice at a
 * time, so a table of millions neither stalls RCU nor holds the CPU.
 * Process context.
 */
static void conn_sweep(struct lbvs_conn_table *tab,
		       bool (*match)(const struct lbvs_conn *c, const void *arg),
		       const void *arg)
{
	struct rhashtable_iter it;
	struct lbvs_conn *c;
	unsigned int n = 0;

	rhashtable_walk_enter(&tab->in, &it);
	rhashtable_walk_start(&it);
	while ((c = rhashtable_walk_next(&it))) {
		if (IS_ERR(c)) {
			if (PTR_ERR(c) == -EAGAIN)
				continue;
			break;
		}
		if (!lbvs_conn_dead(c) && match(c, arg))
			conn_unlink(tab, c);
		if (++n < SWEEP_SLICE || !sweep_may_pause(&it))
			continue;
		n = 0;
		rhashtable_walk_stop(&it);
		cond_resched();
		rhashtable_walk_start(&it);
	}
	rhashtable_walk_stop(&it);
	rhashtable_walk_exit(&it);
}

static void conn_nodest_work(struct work_struct *work)
{
	conn_sweep(container_of(work, struct lbvs_conn_table, nodest_work), server_gone,
		   NULL);
}

void lbvs_conn_flush(struct lbvs_net *ln, const struct lbvs_conn_filter *f)
{
	conn_sweep(&ln->conns, filter_match, f);
}

void lbvs_conn_expire_nodest(struct lbvs_net *ln)
{
	queue_work(system_unbound_wq, &ln->conns.nodest_work);
}

int lbvs_conn_table_init(struct lbvs_net *ln)
{
	struct lbvs_conn_table *tab = &ln->conns;
	int err;

	atomic_set(&tab->count, 0);
	/* jiffies start near wrap-around: 0 would hold off the first kick. */
	tab->gc_kicked = jiffies - HZ;
	err = rhashtable_init(&tab->in, &in_params);
	if (err)
		return err;
	err = rhashtable_init(&tab->out, &out_params);
	if (err)
		goto err_in;
	rhashtable_walk_enter(&tab->in, &tab->gc_iter);
	INIT_WORK(&tab->nodest_work, conn_nodest_work);
	INIT_DELAYED_WORK(&tab->gc_work, conn_gc);
	queue_delayed_work(system_power_efficient_wq, &tab->gc_work, HZ);
	return 0;

err_in:
	rhashtable_destroy(&tab->in);
	return err;
}

u32 lbvs_conn_table_size(struct lbvs_net *ln)
{
	struct bucket_table *tbl;
	u32 size;

	if (!lbvs_net_started(ln))
		return in_params.min_size;	/* what it will start with */
	rcu_read_lock();
	tbl = rht_dereference_rcu(ln->conns.in.tbl, &ln->conns.in);
	size = tbl->size;
	rcu_read_unlock();
	return size;
}

void lbvs_conn_table_destroy(struct lbvs_net *ln)
{
	struct lbvs_conn_table *tab = &ln->conns;

	cancel_delayed_work_sync(&tab->gc_work);
	cancel_work_sync(&tab->nodest_work);
	rhashtable_walk_exit(&tab->gc_iter);
	tab->quiet = true;
	conn_sweep(tab, any_conn, NULL);
	rhashtable_destroy(&tab->out);
	rhashtable_destroy(&tab->in);
}

int lbvs_conn_cache_init(void)
{
	static const char *const names[2][2] = {
		{ "lbvs_conn4", "lbvs_conn4p" }, { "lbvs_conn6", "lbvs_conn6p" },
	};
	size_t base = offsetof(struct lbvs_conn, addrs), size;
	int v6, p;

	/* lbvs_proxy_of(): the extension (it holds a pointer) follows aligned. */
	BUILD_BUG_ON((base + LBVS_CONN_V4_ADDRS) % sizeof(void *) ||
		     (base + LBVS_CONN_V6_ADDRS) % sizeof(void *));
	for (v6 = 0; v6 < 2; v6++) {
		for (p = 0; p < 2; p++) {
			size = base + (v6 ? LBVS_CONN_V6_ADDRS : LBVS_CONN_V4_ADDRS) +
			       (p ? sizeof(struct lbvs_proxy_conn) : 0);
			conn_caches[v6][p] = kmem_cache_create(names[v6][p], size, 0, 0, NULL);
			if (!conn_caches[v6][p])
				goto err;
		}
	}
	return 0;

err:
	lbvs_conn_cache_exit();
	return -ENOMEM;
}

void lbvs_conn_cache_exit(void)
{
	int v6, p;

	/* kmem_cache_destroy(NULL) is a no-op: a failed init unwinds here. */
	for (v6 = 0; v6 < 2; v6++)
		for (p = 0; p < 2; p++)
			kmem_cache_destroy(conn_caches[v6][p]);
}
