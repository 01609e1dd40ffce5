// SPDX-License-Identifier: GPL-2.0
/*
 * The forwarding methods, by their UAPI number (fwd.h).
 */
#include <linux/lbvs.h>

#include "fwd.h"
#include "xmit.h"

const struct lbvs_fwd_ops *const lbvs_fwd_table[16] = {
	[LBVS_FWD_NAT] = &lbvs_fwd_nat,
	[LBVS_FWD_DR] = &lbvs_fwd_dr,
	[LBVS_FWD_TUN] = &lbvs_fwd_tun,
	[LBVS_FWD_FULLNAT] = &lbvs_fwd_fullnat,
};
