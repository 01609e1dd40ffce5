/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The connection table: one entry per flow, found in O(1) from either
 * direction.
 *
 * Every entry sits in two resizable hash tables (rhashtable): "in" keyed by
 * what the client sends (proto, caddr, cport, vaddr, vport) and "out" keyed
 * by what the real server sends back (proto, daddr, dport, laddr, lport),
 * where laddr/lport is the client for NAT and the pool address for FULLNAT.
 * Both keys read as (proto, saddr, sport, daddr, dport) of a packet, so one
 * hash function serves both. DR and TUN entries have no reply path through
 * the director and sit only in "in". The tables hash with jhash and the
 * random seed rhashtable draws per table: clients cannot aim collisions.
 *
 * Locking: lookups are RCU (no lock, no reference: the caller stays inside
 * rcu_read_lock() while it uses the entry). Insert and remove use
 * rhashtable's own bucket locks; whoever sets LBVS_CONN_DEAD in c->state owns
 * the removal, so an entry is unhashed and freed exactly once (call_rcu,
 * after which it drops its real-server reference). c->state changes by
 * cmpxchg, so the server's active/inactive counts follow each transition
 * exactly once, and none follows the removal.
 *
 * Expiry needs no timer per entry: each entry keeps its deadline in jiffies;
 * lookups skip expired entries and a per-netns worker reclaims them in
 * slices. IPv4 entries come from a cache of sizeof(struct lbvs_conn) +
 * LBVS_CONN_V4_ADDRS bytes (72 on x86_64; IPv6: 120).
 */
#ifndef _LBVS_CONN_H
#define _LBVS_CONN_H

#include <linux/atomic.h>
#include <linux/rhashtable.h>
#include <linux/siphash.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/netfilter.h>

#include "addr.h"
#include "service.h"

struct lbvs_dest;
struct lbvs_laddr_set;
struct lbvs_net;
struct lbvs_proxy_conn;

/* What the packet path extracted from a packet's headers. */
struct lbvs_tuple {
	union nf_inet_addr saddr;
	union nf_inet_addr daddr;
	__be16 sport;
	__be16 dport;
	u16 af;
	u8 proto;
};

struct lbvs_conn {
	struct rhash_head in_node;
	union {
		struct rhash_head out_node;	/* c->out */
		/*
		 * A template (never in "out"): its own reference, held by the
		 * table until it is unlinked, plus one per connection it
		 * placed (c->control). It is freed at zero, and while any
		 * such connection lives it does not expire (as IPVS's
		 * n_control): persistence outlasts a long connection.
		 */
		atomic_t n_control;
	};
	struct lbvs_dest *dest;		/* holds a reference; constant */
	union {
		/* A connection placed by a template: holds a reference on
		 * it. Set before the entry is hashed, read once by whoever
		 * unlinks it, before call_rcu() reuses the space.
		 */
		struct lbvs_conn *control;
		struct rcu_head rcu;
	};
	u32 expires;			/* jiffies (low 32 bits), WRITE_ONCE */
	__be16 cport, vport, lport, dport;
	u8 proto;
	u8 fwd:3;			/* enum lbvs_fwd, copied from dest */
	u8 v6:1;			/* addresses are in6_addr */
	u8 out:1;			/* also in the "out" table */
	u8 tmpl:1;			/* persistence template, see persist.c */
	/* FULLNAT: the client's address went out in a data-bearing packet
	 * (xmit_fullnat.c). Set once by the packet path; the other bits of
	 * this byte never change after the entry is published.
	 */
	u8 toa_sent:1;
	/* UDP: its client sent a second datagram (pressure.h). Set once by
	 * the packet path, never in a TCP entry: toa_sent and assured, the
	 * byte's only changing bits, never have writers on the same entry.
	 */
	u8 assured:1;
	/*
	 * enum lbvs_conn_state, changed by cmpxchg, and LBVS_CONN_DEAD, set
	 * once by whoever removes the entry: the dead entry's state stays as
	 * it was (its server's counts are undone from it). The two share a
	 * byte so that sync_pkts has one: read them with lbvs_conn_state()
	 * and lbvs_conn_dead().
	 */
	u8 state;
	/*
	 * Client packets, modulo sync_threshold's period, as IPVS's in_pkts:
	 * counted only while a sync master runs (sync.c). No atomics: two
	 * CPUs on one flow at once may lose a count, as a resend late by one.
	 */
	u8 sync_pkts;
	/* caddr, vaddr, laddr, daddr: 4 x 4 bytes (IPv4) or 4 x 16 (IPv6). */
	u8 addrs[] __aligned(4);
};

#define LBVS_CONN_V4_ADDRS	(4 * sizeof(__be32))
#define LBVS_CONN_V6_ADDRS	(4 * sizeof(struct in6_addr))

enum { LBVS_A_C, LBVS_A_V, LBVS_A_L, LBVS_A_D };

#define LBVS_CONN_DEAD	0x80	/* in c->state, above every state */

static inline u8 lbvs_conn_state(const struct lbvs_conn *c)
{
	return READ_ONCE(c->state) & ~LBVS_CONN_DEAD;
}

static inline bool lbvs_conn_dead(const struct lbvs_conn *c)
{
	return READ_ONCE(c->state) & LBVS_CONN_DEAD;
}

static inline u16 lbvs_conn_af(const struct lbvs_conn *c)
{
	return c->v6 ? AF_INET6 : AF_INET;
}

static inline unsigned int lbvs_conn_alen(const struct lbvs_conn *c)
{
	return lbvs_addr_len(lbvs_conn_af(c));
}

static inline void *lbvs_conn_addr(const struct lbvs_conn *c, int which)
{
	return (void *)&c->addrs[which * lbvs_conn_alen(c)];
}

static inline void lbvs_conn_get_addr(const struct lbvs_conn *c, int which,
				      union nf_inet_addr *out)
{
	memset(out, 0, sizeof(*out));
	memcpy(out, lbvs_conn_addr(c, which), lbvs_conn_alen(c));
}

struct lbvs_conn_table {
	struct rhashtable in;
	struct rhashtable out;
	atomic_t count;			/* entries not yet freed */
	struct delayed_work gc_work;
	struct rhashtable_iter gc_iter;	/* gc_work only */
	/* When a full table last ran gc_work early (jiffies); racy: a hint. */
	unsigned long gc_kicked;
	/* lbvs_conn_expire_nodest(); cancelled before the table goes. */
	struct work_struct nodest_work;
	/*
	 * Set by lbvs_conn_table_destroy() before its last sweep, once nothing
	 * else runs on the table: that sweep sends no events, as the family
	 * may already be gone (module exit unregisters it first).
	 */
	bool quiet;
};

int lbvs_conn_cache_init(void);
void lbvs_conn_cache_exit(void);

/*
 * The table is full: run the collector now, at most every 100 ms however
 * many new flows are refused meanwhile. Any context.
 */
void lbvs_conn_gc_kick(struct lbvs_net *ln);

/* Table setup (lbvs_net_start()) and teardown (netns exit). */
int lbvs_conn_table_init(struct lbvs_net *ln);
void lbvs_conn_table_destroy(struct lbvs_net *ln);
/* Buckets of the client-side table (its first size if not set up yet). */
u32 lbvs_conn_table_size(struct lbvs_net *ln);

/* Packet path, under rcu_read_lock(). */
struct lbvs_conn *lbvs_conn_in_get(struct lbvs_net *ln, const struct lbvs_tuple *t);
struct lbvs_conn *lbvs_conn_out_get(struct lbvs_net *ln, const struct lbvs_tuple *t);
/* c's client -> virtual tuple, as its client's packets have it. */
void lbvs_conn_client_tuple(const struct lbvs_conn *c, struct lbvs_tuple *t);

/*
 * Create and hash a connection for tuple t (client -> virtual) to dest, by
 * dest's method (fwd.h), which settles its reply tuple. control: the
 * persistence template that chose dest, or NULL. Returns an ERR_PTR():
 * -ENOSPC the table is full, -ENOENT dest is being freed, -EADDRNOTAVAIL
 * the method found no reply tuple, -EEXIST the flow's other packet made it
 * first, -ENOMEM. The caller counts the drop (drop.h).
 *
 * pc, if not NULL: the client completed the SYN proxy's handshake; the
 * entry starts in SYN_RECV, by its server's method's proxied twin
 * (fwd.h), carrying *pc. -ENOENT also if that method has no such twin.
 */
struct lbvs_conn *lbvs_conn_new(struct lbvs_net *ln, const struct lbvs_tuple *t,
				struct lbvs_dest *dest, struct lbvs_conn *control,
				const struct lbvs_proxy_conn *pc);
/*
 * For a method's hash_out (fwd.h): file c's reply tuple, from its fields
 * as they are, in the "out" table: 0, -EEXIST if a live flow has it.
 */
int lbvs_conn_hash_out(struct lbvs_net *ln, struct lbvs_conn *c);
/* A tuple's hash, seeded: the tables' and FULLNAT's port probing's. */
u32 lbvs_tuple_hash(const struct lbvs_tuple *t, u32 seed);
/*
 * A connection of one datagram (-o), on the caller's stack: it is never
 * hashed, counted in the table or on its server, nor freed; it lives as
 * long as the caller's use of dest under rcu_read_lock().
 */
union lbvs_conn_one {
	struct lbvs_conn c;
	u8 bytes[sizeof(struct lbvs_conn) + LBVS_CONN_V6_ADDRS];
};

struct lbvs_conn *lbvs_conn_one(union lbvs_conn_one *one, const struct lbvs_tuple *t,
				struct lbvs_dest *dest);
/*
 * A persistence template keyed by t (protocol 0), living timeout seconds;
 * errors as lbvs_conn_new()'s.
 */
struct lbvs_conn *lbvs_conn_new_template(struct lbvs_net *ln, const struct lbvs_tuple *t,
					 struct lbvs_dest *dest, u32 timeout);
/*
 * A sync peer's connection (sync.c): as lbvs_conn_new(), but in state
 * (checked against t's protocol by the caller) and living timeout seconds
 * (0: the state's timeout). The server's counts follow state as for a
 * packet's transition. A FULLNAT flow takes the peer's laddr:lport
 * (network order; NULL for other methods) and fails if one of ours holds
 * them. Under rcu_read_lock(), BH disabled.
 */
struct lbvs_conn *lbvs_conn_new_synced(struct lbvs_net *ln, const struct lbvs_tuple *t,
				       struct lbvs_dest *dest, struct lbvs_conn *control,
				       u8 state, u32 timeout,
				       const union nf_inet_addr *laddr, __be16 lport);
/* A sync peer's news of c: its state, then timeout seconds left (0: the state's). */
void lbvs_conn_sync_update(struct lbvs_net *ln, struct lbvs_conn *c, u8 state, u32 timeout);
/*
 * The real server port of dest's connections to vport: a fwmark service's
 * server given without a port, and every server of a port-0 service, take
 * the packet's port (as IPVS).
 */
__be16 lbvs_conn_dest_port(const struct lbvs_dest *dest, __be16 vport);
/* Push a template's deadline timeout seconds into the future. */
void lbvs_conn_touch(struct lbvs_conn *c, u32 timeout);
/* Set state and refresh the deadline; updates the dest's counts. */
void lbvs_conn_set_state(struct lbvs_net *ln, struct lbvs_conn *c, u8 state);
void lbvs_conn_expire_now(struct lbvs_net *ln, struct lbvs_conn *c);
/*
 * net.lbvs.expire_nodest_conn: remove the entries of every server removed
 * so far (dest->available false), in one deferred walk however many went
 * since the last: deleting 1,000 servers costs one walk, and the caller
 * (under config_lock) does not wait for it.
 */
void lbvs_conn_expire_nodest(struct lbvs_net *ln);

static inline bool lbvs_conn_expired(const struct lbvs_conn *c)
{
	if (!time_after32((u32)jiffies, READ_ONCE(c->expires)))
		return false;
	return !c->tmpl || atomic_read(&c->n_control) <= 1;
}

/*
 * Visit every entry not yet removed, expired ones too: a flush must reach
 * those the collector has not reclaimed yet, a dump skips them. A non-zero
 * return stops the walk and the same entry is offered again on the next
 * call.
 */
typedef int (*lbvs_conn_visit_t)(struct lbvs_conn *c, void *arg);

/* The entries a listing or a flush takes: all, a service's, a server's. */
struct lbvs_conn_filter {
	bool by_svc;			/* key */
	bool by_dest;			/* daddr, dport, of key's service */
	struct lbvs_svc_key key;
	union nf_inet_addr daddr;
	__be16 dport;
};

/* Under rcu_read_lock(), as the entry's own lookup. */
bool lbvs_conn_filter_match(const struct lbvs_conn_filter *f, const struct lbvs_conn *c);
/* Remove the entries f takes (templates too). Process context. */
void lbvs_conn_flush(struct lbvs_net *ln, const struct lbvs_conn_filter *f);
int lbvs_conn_walk(struct rhashtable_iter *it, lbvs_conn_visit_t visit, void *arg);
/*
 * The walk's entry now (between rhashtable_walk_start() and _stop()), not
 * yet removed; NULL at the end, or on an error (*err). The walk moves on
 * with rhashtable_walk_next().
 */
struct lbvs_conn *lbvs_conn_walk_peek(struct rhashtable_iter *it, int *err);

#endif /* _LBVS_CONN_H */
