/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Virtual services and their real servers (destinations).
 *
 * Lifetime: a service is created and unlinked under lbvs_net.config_lock and
 * freed through RCU once its last reference is gone. References are held by
 * the service table (one) and by each destination (one each), so a service
 * outlives every destination that still carries connections after deletion.
 * A destination is referenced by its service's list (one) and by each
 * connection bound to it (one each); it is freed through RCU at zero.
 */
#ifndef _LBVS_SERVICE_H
#define _LBVS_SERVICE_H

#include <linux/list.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/netfilter.h>
#include <net/dst_cache.h>
#include <linux/lbvs.h>

#include "laddr.h"
#include "sched.h"
#include "stats.h"

/*
 * 1024 buckets (8 KiB per namespace): 10,000 services make chains of ~10
 * rather than ~40, and every configuration request and new flow looks its
 * service up.
 */
#define LBVS_SVC_TAB_BITS	10

struct lbvs_net;

/*
 * LBVS_SVC_ATTR_TIMEOUT_TCP, _TCP_FIN, _UDP, as LBVS_ATTR_TIMEOUT_*: the
 * connection state each sets (established, closing, UDP).
 */
#define LBVS_SVC_TIMEOUTS	3
extern const u8 lbvs_timeout_states[LBVS_SVC_TIMEOUTS];

union lbvs_tun {
	struct {
		u8 type;	/* enum lbvs_tun_type */
		u8 flags;	/* LBVS_TUN_F_* */
		__be16 port;	/* GUE: the server's UDP port */
	};
	u32 word;
};

struct lbvs_svc_table {
	/* Lookup by (af, protocol, addr, port) or (af, fwmark). RCU readers;
	 * writers hold config_lock.
	 */
	struct hlist_head hash[1 << LBVS_SVC_TAB_BITS];
	/* Every service in creation order, for listings; config_lock. */
	struct list_head list;
	unsigned int count;
	/*
	 * Services on port 0 ("all ports", persistent): while there are
	 * none, a packet for no service costs no third lookup.
	 * config_lock; READ_ONCE on the packet path.
	 */
	unsigned int port0;
	/* Bumped on every change (lbvs_svc_changed()), so an interrupted
	 * dump can tell; config_lock.
	 */
	unsigned int generation;
};

struct lbvs_service {
	struct hlist_node hnode;	/* svc_table.hash, RCU */
	struct list_head list;		/* svc_table.list (empty once deleted), config_lock */
	struct list_head dests;		/* lbvs_dest.list, config_lock */
	unsigned int ndests;		/* config_lock */
	refcount_t refcnt;

	u16 af;
	u8 protocol;			/* IPPROTO_TCP/UDP; 0 for a fwmark service */
	u8 netmask;			/* persistence prefix length */
	__be16 port;
	/*
	 * The SYN proxy may take its flows (synproxy.h): it has servers, all
	 * NAT or FULLNAT. config_lock writes (WRITE_ONCE), the packet path
	 * reads (READ_ONCE).
	 */
	bool proxy_ok;
	u32 fwmark;
	union nf_inet_addr addr;
	u32 flags;			/* LBVS_SVC_F_* */
	u32 timeout;			/* persistence, seconds */
	/*
	 * Per-state timeouts, LBVS_SVC_ATTR_TIMEOUT_TCP.. order (0: the
	 * namespace's). config_lock writes, READ_ONCE in conn.c.
	 */
	u32 timeouts[LBVS_SVC_TIMEOUTS];

	struct lbvs_laddr_set __rcu *laddrs;	/* FULLNAT pool, see laddr.h */
	struct lbvs_sched sched;	/* scheduler, see sched.h */
	struct lbvs_stats stats;
	/*
	 * Drops by reason (drop.h): NULL until the first, made then by the
	 * packet path (cmpxchg, once), freed with the service. drops_retry:
	 * when to try making them again without memory (jiffies; 0: any
	 * time); racy, a hint.
	 */
	struct lbvs_svc_drops __rcu *drops;
	unsigned long drops_retry;
	struct rcu_head rcu;
};

/*
 * 256 bytes on x86-64 (kmalloc-256; one more byte would double it: adding
 * 100,000 servers spends its time zeroing them): fields fill the holes.
 */
struct lbvs_dest {
	struct list_head list;		/* service->dests, config_lock */
	struct lbvs_service *svc;	/* holds a reference */
	refcount_t refcnt;

	u16 af;
	u8 fwd;				/* enum lbvs_fwd; see rt_cache */
	/* Cleared when removed from its service: its connections then follow
	 * net.lbvs.expire_nodest_conn. Read locklessly on the packet path.
	 */
	bool available;
	__be16 port;
	bool overloaded;		/* over u_thresh until under l_thresh; sched.lock */
	union nf_inet_addr addr;
	/*
	 * FULLNAT: no local port was free for this server until then
	 * (jiffies; 0: none). Racy, a hint: fullnat_lport.c.
	 */
	unsigned long lport_full;
	int sched_idx;			/* position in svc->sched.set; sched.lock */

	/*
	 * The route to addr, one slot per CPU, for every packet sent to this
	 * server (lbvs_route_dest(), route.c). Lifetime: its per-CPU slots
	 * are allocated with the first packet (cache_ready(), route.c; NULL
	 * until then), dst_cache_destroy() in the RCU free path (dest_free_rcu),
	 * so it lives as long as any connection's reference. Locking: only the
	 * packet path (BH disabled) reads and fills it, each CPU its own slot;
	 * the kernel drops a stale route at lookup (dst_check: route, device,
	 * address or path MTU change). It holds routes of the kind fwd needs
	 * (DR: FLOWI_FLAG_KNOWN_NH): a change of fwd, under config_lock,
	 * resets it after the new value is visible, with a barrier paired
	 * with one after each fill (lbvs_route_dest_set_fwd() and
	 * lbvs_route_dest(), route.c), and connections whose method no
	 * longer matches fwd route uncached.
	 * Only routes the kernel takes the device from when it goes away are
	 * kept (IPv6 DR is not cached, see cacheable() in route.c): the
	 * cache is released only after the namespace's devices are gone.
	 */
	struct dst_cache rt_cache;

	/*
	 * TUN's encapsulation in one word, so that the packet path reads a
	 * consistent triple: WRITE_ONCE under config_lock, READ_ONCE in
	 * xmit_tun.c.
	 */
	union lbvs_tun tun;

	/* Written under config_lock, read with READ_ONCE on the packet path. */
	u32 weight;
	u32 u_thresh;
	u32 l_thresh;

	/*
	 * Drain (drain.c): on ln->drain_list from the request until the
	 * server goes or the drain is ended; drain_node and drain_until under
	 * config_lock. draining (no new connections) and drained (removed by
	 * its drain: reset its flows) are read with READ_ONCE on the packet
	 * path; drained is set before available is cleared, and counts
	 * only with it (lbvs_dest_drained()).
	 */
	struct list_head drain_node;
	unsigned long drain_until;	/* jiffies */
	bool draining;
	bool drained;

	atomic_t active;		/* TCP connections in ESTABLISHED */
	atomic_t inactive;		/* every other connection */
	atomic_t closed;		/* of those, lbvs_state_closed() ones */
	atomic_t persist;		/* persistence templates */

	struct lbvs_stats stats;
	struct rcu_head rcu;
};

/* Removed by its drain (drain.c): its flows are reset. Packet path. */
static inline bool lbvs_dest_drained(const struct lbvs_dest *dest)
{
	return READ_ONCE(dest->drained) && !READ_ONCE(dest->available);
}

/* Identifies a service in requests and on the packet path. */
struct lbvs_svc_key {
	u16 af;
	u8 protocol;
	__be16 port;
	u32 fwmark;
	union nf_inet_addr addr;
};

struct lbvs_svc_conf {
	struct lbvs_svc_key key;
	char sched_name[LBVS_SCHED_NAME_MAX];
	u32 flags;
	u32 timeout;
	u32 timeouts[LBVS_SVC_TIMEOUTS];
	u8 netmask;
};

struct lbvs_dest_conf {
	union lbvs_tun tun;
	u16 af;
	u8 fwd;
	__be16 port;
	union nf_inet_addr addr;
	u32 weight;
	u32 u_thresh;
	u32 l_thresh;
	u32 drain;			/* LBVS_DEST_ATTR_DRAIN, seconds */
};

/* The LBVS_SVC_F_* this kernel knows. */
#define LBVS_SVC_FLAGS		(LBVS_SVC_F_PERSISTENT | LBVS_SVC_F_ONEPACKET | \
				 LBVS_SVC_F_SCHED_MASK | LBVS_SVC_F_SYNPROXY)

/* Mask of which lbvs_svc_conf / lbvs_dest_conf fields a SET request carries. */
#define LBVS_SET_SCHED		BIT(0)
#define LBVS_SET_FLAGS		BIT(1)
#define LBVS_SET_TIMEOUT	BIT(2)
#define LBVS_SET_NETMASK	BIT(3)
#define LBVS_SET_FWD		BIT(4)
#define LBVS_SET_WEIGHT		BIT(5)
#define LBVS_SET_U_THRESH	BIT(6)
#define LBVS_SET_L_THRESH	BIT(7)
#define LBVS_SET_TUN		BIT(8)
#define LBVS_SET_TIMEOUTS	BIT(9)
#define LBVS_SET_DRAIN		BIT(10)

void lbvs_svc_table_init(struct lbvs_svc_table *t);

/*
 * Packet path, under rcu_read_lock(): the service for a packet of af,
 * protocol to daddr:dport carrying mark, as IPVS looks: (protocol, address,
 * port), then the mark, then (protocol, address, port 0).
 */
struct lbvs_service *lbvs_svc_lookup(struct lbvs_net *ln, u16 af, u8 protocol,
				     const union nf_inet_addr *daddr, __be16 dport, u32 mark);

/* The service's own timeout for an entry in state, seconds; 0 if none. */
u32 lbvs_svc_state_timeout(const struct lbvs_service *svc, u8 state);

/* svc is the service k names. */
bool lbvs_svc_is(const struct lbvs_service *svc, const struct lbvs_svc_key *k);

/* Configuration, under ln->config_lock; extack names the bad value. */
struct lbvs_service *lbvs_svc_find(struct lbvs_net *ln, const struct lbvs_svc_key *key);
int lbvs_svc_add(struct lbvs_net *ln, const struct lbvs_svc_conf *conf,
		 struct netlink_ext_ack *extack);
int lbvs_svc_edit(struct lbvs_net *ln, struct lbvs_service *svc,
		  const struct lbvs_svc_conf *conf, u32 set,
		  struct netlink_ext_ack *extack);
void lbvs_svc_del(struct lbvs_net *ln, struct lbvs_service *svc);
void lbvs_svc_flush(struct lbvs_net *ln);
/* Counters of svc and its servers back to zero (-Z); config_lock. */
void lbvs_svc_zero(struct lbvs_service *svc);
/* Every service's of the namespace; takes config_lock. */
void lbvs_svc_zero_all(struct lbvs_net *ln);
void lbvs_svc_changed(struct lbvs_net *ln);
/* A round of the rate estimator over every service and server; takes config_lock. */
void lbvs_svc_estimate(struct lbvs_net *ln);

struct lbvs_dest *lbvs_dest_find(struct lbvs_service *svc, const struct lbvs_dest_conf *dc);
int lbvs_dest_add(struct lbvs_net *ln, struct lbvs_service *svc,
		  const struct lbvs_dest_conf *dcs, unsigned int n, unsigned int *bad,
		  struct netlink_ext_ack *extack);
int lbvs_dest_edit(struct lbvs_net *ln, struct lbvs_dest *dest,
		   const struct lbvs_dest_conf *dc, u32 set,
		   struct netlink_ext_ack *extack);
int lbvs_dest_del(struct lbvs_net *ln, struct lbvs_dest *dest,
		  struct netlink_ext_ack *extack);

/* References held by connections. */
static inline void lbvs_dest_hold(struct lbvs_dest *dest)
{
	refcount_inc(&dest->refcnt);
}

void lbvs_dest_put(struct lbvs_dest *dest);

/*
 * Freeing is a chain of RCU callbacks, each link queueing the next: a
 * connection's (conn.c) drops its real server, whose drops its service.
 * Whoever must outlive all of it (module exit) runs rcu_barrier() once a
 * link: a new link here is one more.
 */
#define LBVS_RCU_FREE_LINKS	3

#endif /* _LBVS_SERVICE_H */
