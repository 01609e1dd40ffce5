/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IPVS personality (module parameter ipvs_api=1): IPVS's Generic
 * Netlink family and /proc/net/ip_vs* served from lbvs's configuration, for
 * ipvsadm, keepalived and other users of libipvs or the IPVS netlink API.
 */
#ifndef _LBVS_IPVS_API_H
#define _LBVS_IPVS_API_H

struct lbvs_service;

int lbvs_ipvs_api_init(void);
void lbvs_ipvs_api_exit(void);

/*
 * svc's persistence netmask as IPVS holds it: an IPv4 mask in network
 * order, or an IPv6 prefix length (in host order, in the same 32 bits).
 */
u32 lbvs_ipvs_netmask(const struct lbvs_service *svc);

#endif /* _LBVS_IPVS_API_H */
