/* SPDX-License-Identifier: GPL-2.0 */
/*
 * When a sync master sends a connection again while it lives (sync.c):
 * plain C, also built into the unit tests.
 */
#ifndef _LBVS_SYNC_RULE_H
#define _LBVS_SYNC_RULE_H

#include "pure.h"

/* The largest period: the count is a byte of each entry (conn.h). */
#define LBVS_SYNC_PERIOD_MAX	255

/*
 * IPVS's sync_threshold "threshold period": one more client packet on a
 * count kept modulo period; true when the count reaches threshold, i.e.
 * at the threshold-th packet and then every period-th (period 0: at the
 * threshold-th only).
 */
bool lbvs_sync_pkts_step(u8 *pkts, u32 threshold, u32 period);

/* As IPVS's proc_do_sync_threshold(), within LBVS_SYNC_PERIOD_MAX. */
bool lbvs_sync_threshold_valid(int threshold, int period);

/*
 * lbvs's own resend, which IPVS lacks: true when a deadline pushed on by a
 * packet (old -> now_expires) enters another slot of period jiffies. Each
 * flow has its own phase (from its client port), so that flows started
 * together are not resent together.
 */
bool lbvs_sync_slot_changed(u32 old, u32 now_expires, u32 period, u16 cport);

#endif /* _LBVS_SYNC_RULE_H */
