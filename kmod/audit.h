/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel log's trail of configuration changes, one info line per
 * request that changed something, as nftables' audit trail.
 */
#ifndef _LBVS_AUDIT_H
#define _LBVS_AUDIT_H

#include <net/genetlink.h>

/*
 * After a change request: logs "VERB [item of] service by pid N (comm) in
 * netns M", if err is 0
 * (rate-limited: a restore of thousands of lines leaves a count of the
 * lines suppressed). Returns err.
 */
int lbvs_audit(struct genl_info *info, const char *verb, int err);

#endif /* _LBVS_AUDIT_H */
