/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IPVS personality (module parameter ipvs_api=1): IPVS's Generic
 * Netlink family and /proc/net/ip_vs* served from lbvs's configuration, for
 * ipvsadm, keepalived and other users of libipvs or the IPVS netlink API.
 */
#ifndef _LBVS_IPVS_API_H
#define _LBVS_IPVS_API_H

int lbvs_ipvs_api_init(void);
void lbvs_ipvs_api_exit(void);

#endif /* _LBVS_IPVS_API_H */
