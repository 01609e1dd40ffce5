/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The connection sync daemons, as IPVS's (ip_vs_sync.c): a master sends
 * its connections' changes to a multicast group, a backup applies what it
 * hears to its own table, so that a backup director taking over the VIPs
 * keeps the flows. The wire format is IPVS's version 1 (sync_msg.h), so
 * lbvs and IPVS directors can back each other up.
 *
 * Each namespace may run one master and one backup, at the same time
 * (active/active). Each is a kernel thread with its own UDP socket in the
 * namespace; their state hangs off lbvs_net.sync (netns.h).
 *
 * Contexts: start, stop, get and counters run under ln->config_lock and
 * may sleep (stop waits for the thread). lbvs_sync_conn() is the packet
 * path's, under rcu_read_lock(), any context; it never sleeps nor waits
 * for the socket. Lock order: config_lock, then RTNL (start takes it to
 * join the group), then nothing of the packet path's.
 */
#ifndef _LBVS_SYNC_H
#define _LBVS_SYNC_H

#include <linux/if.h>
#include <linux/lbvs.h>
#include <linux/netfilter.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

#include "netns.h"
#include "sync_auth.h"

struct netlink_ext_ack;

enum lbvs_sync_role { LBVS_SYNC_MASTER, LBVS_SYNC_BACKUP, LBVS_SYNC_ROLES };

/*
 * A role's number in requests and replies: LBVS_SYNC_STATE_*, which are
 * IPVS's IP_VS_STATE_* (ipvs_api.c checks it). state must be one of them.
 */
static inline u32 lbvs_sync_state(enum lbvs_sync_role role)
{
	return role == LBVS_SYNC_MASTER ? LBVS_SYNC_STATE_MASTER : LBVS_SYNC_STATE_BACKUP;
}

static inline enum lbvs_sync_role lbvs_sync_role(u32 state)
{
	return state == LBVS_SYNC_STATE_MASTER ? LBVS_SYNC_MASTER : LBVS_SYNC_BACKUP;
}

/* IPVS's defaults (ip_vs_sync.c), so either kind of director finds the other. */
#define LBVS_SYNC_GROUP4	0xe0000051	/* 224.0.0.81 */
#define LBVS_SYNC_PORT		8848
#define LBVS_SYNC_TTL		1

struct lbvs_sync_cfg {
	char ifname[IFNAMSIZ];	/* mcast interface, required */
	u8 syncid;		/* 0..255; backup with 0 accepts all */
	/* max message payload; 0: from the interface MTU minus IP/UDP headers (as IPVS) */
	u16 maxlen;
	u16 af;			/* family of group: AF_INET (default) or AF_INET6 */
	union nf_inet_addr group;	/* default 224.0.0.81 / ff02::8151 (IPVS's) */
	u16 port;		/* default 8848 */
	u8 ttl;			/* default 1 */
	struct lbvs_sync_auth auth;	/* key: sent and checked if on */
	/* Unicast peers of af instead of the group (sync_peer.h); 0: the group. */
	u8 npeers;
	union nf_inet_addr peers[LBVS_SYNC_PEERS_MAX];
};

/*
 * Under ln->config_lock. 0, -EEXIST if that role runs, -ENODEV no such
 * interface, other -errno; extack message on failure. Fills defaults into
 * the stored config.
 */
int lbvs_sync_start(struct lbvs_net *ln, enum lbvs_sync_role role,
		    const struct lbvs_sync_cfg *cfg, struct netlink_ext_ack *extack);
/* Under config_lock. 0 or -ESRCH if not running. Waits for the thread to end. */
int lbvs_sync_stop(struct lbvs_net *ln, enum lbvs_sync_role role);
/* Under config_lock: true and *cfg (with defaults filled) if running. */
bool lbvs_sync_get(struct lbvs_net *ln, enum lbvs_sync_role role,
		   struct lbvs_sync_cfg *cfg);
/*
 * netns exit / module exit: stop both. Called from the namespace's
 * pre_exit (netns.c), before its devices, services and conn table go.
 */
void lbvs_sync_net_exit(struct lbvs_net *ln);

/*
 * Counters for listing, since the running daemons started (a stopped
 * role's are zero): sent messages, sent entries, messages dropped (queue
 * full, no memory, send error), received messages, received entries,
 * entries refused (no such service/server, bad, table full), messages
 * refused by the decoder, messages from others than the peers. Under
 * config_lock. Resync (sync_resync.h): the master's walks and the
 * entries they queued; the backup's LBVS_RESYNC_* state, the entries its
 * end marker counted, and its time.
 */
struct lbvs_sync_counters {
	u64 tx_msgs, tx_conns, tx_dropped, rx_msgs, rx_conns, rx_refused, rx_errors;
	u64 rx_auth_failed;
	u64 rx_not_peer;	/* messages from an address not in peers */
	u64 resyncs, resync_sent;
	u32 resync_state;
	u64 resync_entries, resync_msecs;
};

void lbvs_sync_counters(struct lbvs_net *ln, struct lbvs_sync_counters *out);

/* What the packet lbvs_sync_conn() hears of was, bits of its "how". */
#define LBVS_SYNC_FRESH		BIT(0)	/* c was just made for it */
#define LBVS_SYNC_CLIENT	BIT(1)	/* the client's, counted as IPVS's in_pkts */

/* lbvs_sync_conn()'s work when a master runs. */
void lbvs_sync_conn_slow(struct lbvs_net *ln, struct lbvs_conn *c, u8 old_state,
			 u32 old_expires, unsigned int how);

/*
 * The packet path, right after c's state and deadline were set from a
 * packet (old_state, old_expires: before it; how: LBVS_SYNC_*): queue c
 * for the master if IPVS would sync it now, or if its backup's copy would
 * otherwise expire. Nothing but a load and a test when no master runs.
 * Under rcu_read_lock().
 */
static inline void lbvs_sync_conn(struct lbvs_net *ln, struct lbvs_conn *c,
				  u8 old_state, u32 old_expires, unsigned int how)
{
	if (unlikely(rcu_access_pointer(ln->sync.master)))
		lbvs_sync_conn_slow(ln, c, old_state, old_expires, how);
}

/* A persistence template just created (persist.c). Under rcu_read_lock(). */
static inline void lbvs_sync_template(struct lbvs_net *ln, struct lbvs_conn *tc)
{
	if (unlikely(rcu_access_pointer(ln->sync.master)))
		lbvs_sync_conn_slow(ln, tc, 0, 0, LBVS_SYNC_FRESH);
}

#endif /* _LBVS_SYNC_H */
