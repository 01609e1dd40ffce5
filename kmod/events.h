/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Events: each configuration change, sent to the family's "events"
 * multicast group once it is made, and each connection entry's start and
 * end, sent to "conns" (the message formats are in the UAPI header).
 */
#ifndef _LBVS_EVENTS_H
#define _LBVS_EVENTS_H

#include <net/genetlink.h>

/* The family's multicast groups, in the order of lbvs_genl_mcgrps. */
enum lbvs_mcgrp {
	LBVS_MCGRP_EVENTS,
	LBVS_MCGRP_CONNS,
};

extern const struct genl_multicast_group lbvs_genl_mcgrps[2];

struct lbvs_net;

/*
 * A namespace's budget of connection events: net.lbvs.conn_events_rate a
 * second. Lockless: two CPUs that start a new second together may each
 * reset sent, letting a few more than the rate through in that second.
 */
struct lbvs_conn_events {
	unsigned long second;	/* jiffies when the current second began */
	atomic_t sent;		/* events taken from this second's budget */
	atomic64_t lost;	/* not sent: over the rate, or no memory */
};

/*
 * After a request made a change: tells the listeners, if there are any.
 * Called in the requester's context (current is who asked), without
 * config_lock: a listener may see two changes' events in another order than
 * they were made, never one it did not make.
 */
void lbvs_event_change(struct genl_family *family, struct genl_info *info);

/* Writes an event's attributes: 0 or -EMSGSIZE. */
typedef int (*lbvs_event_put_t)(struct sk_buff *msg, const void *arg);

/*
 * A change the kernel made: the event of request cmd, whose attributes
 * put writes (less than a page), by pid 0 named comm. Process context.
 */
void lbvs_event_kernel(struct genl_family *family, struct net *net, u8 cmd,
		       const char *comm, lbvs_event_put_t put, const void *arg);

/*
 * A connection entry's event cmd, whose attributes put writes into size
 * bytes, if anyone listens and the rate allows. Any context: the packet
 * path calls it for a new entry.
 */
void lbvs_event_conn(struct genl_family *family, struct lbvs_net *ln, u8 cmd,
		     size_t size, lbvs_event_put_t put, const void *arg);

#endif /* _LBVS_EVENTS_H */
