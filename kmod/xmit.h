/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Transmit paths, one file per forwarding method, each defining its
 * method's table (fwd.h).
 */
#ifndef _LBVS_XMIT_H
#define _LBVS_XMIT_H

#include "fwd.h"

extern const struct lbvs_fwd_ops lbvs_fwd_nat;		/* xmit_nat.c */
extern const struct lbvs_fwd_ops lbvs_fwd_dr;		/* xmit_dr.c */
extern const struct lbvs_fwd_ops lbvs_fwd_tun;		/* xmit_tun.c */
extern const struct lbvs_fwd_ops lbvs_fwd_fullnat;	/* xmit_fullnat.c */

#endif /* _LBVS_XMIT_H */
