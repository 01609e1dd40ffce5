/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LBVS_NETLINK_H
#define _LBVS_NETLINK_H

struct lbvs_net;
struct lbvs_dest;
struct lbvs_conn;

int lbvs_genl_init(void);
void lbvs_genl_exit(void);
/* dest's drain ended (drain.c): tells the event listeners. */
void lbvs_genl_drained(struct lbvs_net *ln, struct lbvs_dest *dest);
/*
 * c's start (LBVS_CMD_NEW_CONN) or end (LBVS_CMD_DEL_CONN), to the "conns"
 * listeners (events.h). Any context, under rcu_read_lock() or holding c.
 */
void lbvs_genl_conn_event(struct lbvs_net *ln, const struct lbvs_conn *c, u8 cmd);

#endif /* _LBVS_NETLINK_H */
