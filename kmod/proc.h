/* SPDX-License-Identifier: GPL-2.0 */
/*
 * /proc/net/ip_vs, ip_vs_stats and ip_vs_conn in IPVS's formats, in every
 * namespace, for the IPVS personality (ipvs_api.h).
 */
#ifndef _LBVS_PROC_H
#define _LBVS_PROC_H

int lbvs_proc_register(void);
void lbvs_proc_unregister(void);

#endif /* _LBVS_PROC_H */
