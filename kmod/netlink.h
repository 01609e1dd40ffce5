/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LBVS_NETLINK_H
#define _LBVS_NETLINK_H

#include <net/genetlink.h>

#include "sync.h"

struct lbvs_net;
struct lbvs_dest;
struct lbvs_conn;
struct lbvs_service;

int lbvs_genl_init(void);
void lbvs_genl_exit(void);
/* dest's drain ended (drain.c): tells the event listeners. */
void lbvs_genl_drained(struct lbvs_net *ln, struct lbvs_dest *dest);
/*
 * c's start (LBVS_CMD_NEW_CONN) or end (LBVS_CMD_DEL_CONN), to the "conns"
 * listeners (events.h). Any context, under rcu_read_lock() or holding c.
 */
void lbvs_genl_conn_event(struct lbvs_net *ln, const struct lbvs_conn *c, u8 cmd);

/*
 * What the LBVS family shares with the IPVS personality (ipvs_api.c): the
 * same requests on other attributes. Each works for the family of its
 * request or dump.
 */

/* A doit's reply: command cmd, its attributes written by fill from obj. */
typedef int (*lbvs_fill_t)(struct sk_buff *msg, struct genl_info *info, void *obj);
int lbvs_genl_reply(const struct genl_family *family, struct genl_info *info, u8 cmd,
		    lbvs_fill_t fill, void *obj);

/*
 * The namespace's timeouts, LBVS_ATTR_TIMEOUT_* (IPVS_CMD_ATTR_TIMEOUT_*
 * are the same numbers): set from a request (0 or absent: unchanged;
 * err_range when one is out of range, nothing changed then), or written
 * into a reply (a lbvs_fill_t of the lbvs_net).
 */
int lbvs_genl_set_timeouts(struct genl_info *info, int err_range);
int lbvs_genl_put_timeouts(struct sk_buff *msg, struct genl_info *info, void *obj);

/* A dump message's header: each message of a dump carries one object. */
void *lbvs_genl_dump_hdr(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd);

/*
 * A dump over every service of the namespace, under config_lock: put is
 * called for each from where the last round stopped, and returns
 * -EMSGSIZE when the skb is full (the service is then done again in the
 * next round). The dump's context is netlink.c's (cb->ctx).
 */
typedef int (*lbvs_dump_svc_t)(struct sk_buff *skb, struct netlink_callback *cb,
			       struct lbvs_service *svc);
int lbvs_genl_dump_svcs(struct sk_buff *skb, struct netlink_callback *cb, lbvs_dump_svc_t put);

/*
 * The running sync daemons, one message of command cmd each, master
 * first, their attributes by put (a master's counters are the tx ones).
 */
typedef int (*lbvs_put_daemon_t)(struct sk_buff *skb, enum lbvs_sync_role role,
				 const struct lbvs_sync_cfg *c,
				 const struct lbvs_sync_counters *n);
int lbvs_genl_dump_daemons(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd,
			   lbvs_put_daemon_t put);

/* A message of command cmd for svc in a dump, its attributes by put. */
typedef int (*lbvs_put_svc_t)(struct sk_buff *skb, struct lbvs_service *svc,
			      struct netlink_callback *cb);
int lbvs_genl_dump_one(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd,
		       lbvs_put_svc_t put, struct lbvs_service *svc);

/*
 * svc's servers in a dump, one message of command cmd each (with svc's key
 * if key), each written by put, from where the last round stopped;
 * -EMSGSIZE when the skb is full. Under config_lock.
 */
typedef int (*lbvs_put_dest_t)(struct sk_buff *skb, struct lbvs_dest *d, bool stats);
int lbvs_genl_put_dests(struct sk_buff *skb, struct netlink_callback *cb,
			struct lbvs_service *svc, bool key, u8 cmd, lbvs_put_dest_t put,
			bool stats);

#endif /* _LBVS_NETLINK_H */
