/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per network namespace state: every table and setting of lbvs lives here,
 * reached through net_generic(); there is no global mutable state.
 */
#ifndef _LBVS_NETNS_H
#define _LBVS_NETNS_H

#include <linux/mutex.h>
#include <linux/siphash.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include "conn.h"
#include "drop.h"
#include "events.h"
#include "fullnat_lport.h"
#include "service.h"
#include "stats.h"

struct lbvs_sync_master;
struct lbvs_sync_backup;

/* Tunables exported as net.lbvs.* (sysctl.c); read locklessly with READ_ONCE. */
struct lbvs_sysctl {
	int conn_max;			/* table limit; new flows refused above it */
	int expire_nodest_conn;		/* drop a flow at once when its server is gone */
	int expire_quiescent_template;	/* drop templates of weight-0 servers */
	int conn_reuse_mode;		/* reschedule a reused TCP tuple (SYN on old flow) */
	int fullnat_port_range[2];	/* FULLNAT local ports, first and last */
	int fullnat_toa;		/* carry the client address in a TCP option */
	int conn_events_rate;		/* connection events a second, see events.h */
	int sync_qlen_max;		/* sync master's queue, messages (IPVS's name) */
	int sync_sock_size;		/* sync sockets' buffer, bytes; 0: lbvs's (IPVS's name) */
	int sync_refresh_period;	/* seconds; 0: half a timeout (IPVS's name) */
	int sync_threshold[2];		/* IPVS's: threshold, period (sync_rule.h) */
	int synproxy;			/* 1: every TCP service that can is proxied */
	int log_drops;			/* a rate-limited line per drop (drop.h) */
	int pressure_level;		/* % of conn_max from which pressure.h acts; 0: off */
	int pressure_timeout;		/* seconds, unassured entries under pressure */
	int timeout[LBVS_S_MAX + 1];	/* seconds, per connection state */
};

struct lbvs_net {
	struct net *net;

	/*
	 * config_lock serialises every configuration change (netlink doit
	 * handlers, netns teardown). The packet path never takes it: it reads
	 * services and real servers under RCU.
	 */
	struct mutex config_lock;
	struct lbvs_svc_table svcs;	/* config_lock for writers, RCU readers */
	struct lbvs_stats_pool stats_pool;	/* config_lock */

	struct lbvs_conn_table conns;	/* its own locking, see conn.h */
	struct lbvs_fullnat_net fullnat;	/* lockless, see fullnat_lport.h */
	atomic64_t icmp_bad_csum;	/* ICMP errors of flows dropped: bad checksum */
	struct lbvs_drops drops;	/* per-CPU, lockless, see drop.h */
	/* The SYN proxy's cookies (synproxy.c): set at init, then constant. */
	siphash_key_t cookie_key;
	struct lbvs_conn_events conn_events;	/* lockless, see events.h */

	/* The configuration trail's rate limit (audit.c); its own lock. */
	struct ratelimit_state audit_rs;

	struct lbvs_sysctl sysctl;
	struct ctl_table_header *sysctl_hdr;

	struct delayed_work est_work;	/* rate estimator, every 2 s */
	/* Draining servers (drain.c): the list under config_lock. */
	struct list_head drain_list;
	struct delayed_work drain_work;
	/*
	 * conns set up, est_work and the collector running: from the first
	 * service until the namespace exits (lbvs_net_start()). Set under
	 * config_lock; read without it through lbvs_net_started().
	 */
	bool started;
	/*
	 * The connection sync daemons (sync.c), NULL while not running. Set
	 * and cleared under config_lock. The packet path reads master under
	 * rcu_read_lock() (lbvs_sync_conn()): it is unpublished and an RCU
	 * grace period passes before it is freed. backup is config_lock only.
	 */
	struct {
		struct lbvs_sync_master __rcu *master;
		struct lbvs_sync_backup *backup;
	} sync;
	/* Netfilter hooks registered: from the first service until the
	 * namespace exits (hooks.c). config_lock.
	 */
	bool hooks_on;
};

extern unsigned int lbvs_net_id;

static inline struct lbvs_net *lbvs_net(const struct net *net)
{
	return net_generic(net, lbvs_net_id);
}

int lbvs_net_start(struct lbvs_net *ln);

static inline bool lbvs_net_started(const struct lbvs_net *ln)
{
	/* Pairs with lbvs_net_start(): true means the tables are set up. */
	return smp_load_acquire(&ln->started);
}

int lbvs_netns_register(void);
void lbvs_netns_unregister(void);

#endif /* _LBVS_NETNS_H */
