// SPDX-License-Identifier: GPL-2.0
/*
 * When a sync master sends a connection again (sync_rule.h). Plain C: the
 * unit tests build it too.
 */
#include "sync_rule.h"

bool lbvs_sync_pkts_step(u8 *pkts, u32 threshold, u32 period)
{
	u32 n = *pkts;

	/* A count left from a longer period is brought within this one. */
	if (period)
		n = (n + 1) % period;
	else if (n < LBVS_SYNC_PERIOD_MAX)
		n++;
	else
		return false;	/* past any threshold: IPVS's count never comes back */
	*pkts = n;
	return n == threshold;
}

bool lbvs_sync_threshold_valid(int threshold, int period)
{
	if (threshold < 0 || period < 0 || period > LBVS_SYNC_PERIOD_MAX)
		return false;
	/* Period 0: once, and a saturated count must not match again. */
	return period ? threshold < period : threshold < LBVS_SYNC_PERIOD_MAX;
}

bool lbvs_sync_slot_changed(u32 old, u32 now_expires, u32 period, u16 cport)
{
	u32 phase = (u32)(((u64)cport * period) >> 16);

	return (old + phase) / period != (now_expires + phase) / period;
}
