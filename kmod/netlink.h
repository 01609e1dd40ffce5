/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LBVS_NETLINK_H
#define _LBVS_NETLINK_H

struct lbvs_net;
struct lbvs_dest;

int lbvs_genl_init(void);
void lbvs_genl_exit(void);
/* dest's drain ended (drain.c): tells the event listeners. */
void lbvs_genl_drained(struct lbvs_net *ln, struct lbvs_dest *dest);

#endif /* _LBVS_NETLINK_H */
