/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Draining a real server: no new connections, then its removal when its
 * last connection ends or its time is up (LBVS_DEST_ATTR_DRAIN).
 */
#ifndef _LBVS_DRAIN_H
#define _LBVS_DRAIN_H

#include <linux/netlink.h>

struct lbvs_net;
struct lbvs_dest;

void lbvs_drain_init(struct lbvs_net *ln);
/* Before the namespace's services go: the work takes config_lock. */
void lbvs_drain_exit(struct lbvs_net *ln);

/* Starts (secs > 0), extends or ends (0) dest's drain. config_lock. */
int lbvs_drain_set(struct lbvs_net *ln, struct lbvs_dest *dest, u32 secs,
		   struct netlink_ext_ack *extack);
/* dest leaves its service by another way. config_lock. */
void lbvs_drain_forget(struct lbvs_net *ln, struct lbvs_dest *dest);
/* Seconds left, rounded up; 0 if dest does not drain. config_lock. */
u32 lbvs_drain_left(const struct lbvs_dest *dest);

#endif /* _LBVS_DRAIN_H */
