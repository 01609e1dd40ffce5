/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LBVS_SYSCTL_H
#define _LBVS_SYSCTL_H

struct lbvs_net;

int lbvs_sysctl_register(struct lbvs_net *ln);
void lbvs_sysctl_unregister(struct lbvs_net *ln);

/* net.lbvs.fullnat_port_range, as a consistent pair (lo <= hi). */
void lbvs_sysctl_port_range(struct lbvs_net *ln, int *lo, int *hi);

#endif /* _LBVS_SYSCTL_H */
