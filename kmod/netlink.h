/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LBVS_NETLINK_H
#define _LBVS_NETLINK_H

int lbvs_genl_init(void);
void lbvs_genl_exit(void);

#endif /* _LBVS_NETLINK_H */
