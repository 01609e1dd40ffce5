/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Events: each configuration change, sent to the family's "events"
 * multicast group once it is made (the message format is in the UAPI
 * header).
 */
#ifndef _LBVS_EVENTS_H
#define _LBVS_EVENTS_H

#include <net/genetlink.h>

/* The family's multicast groups, in the order of lbvs_genl_mcgrps. */
enum lbvs_mcgrp {
	LBVS_MCGRP_EVENTS,
};

extern const struct genl_multicast_group lbvs_genl_mcgrps[1];

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

#endif /* _LBVS_EVENTS_H */
