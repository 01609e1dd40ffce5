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
	[LBVS_FWD_SYNPROXY_NAT] = &lbvs_fwd_synproxy_nat,
	[LBVS_FWD_SYNPROXY_FULLNAT] = &lbvs_fwd_synproxy_fullnat,
};

static_assert(ARRAY_SIZE(lbvs_fwd_table) >= __LBVS_FWD_ALL);
