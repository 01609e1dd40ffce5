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

/*
 * For another family's requests (ipvs_api.c): whether this one's line is
 * within the rate limit, and the line, with item (" 192.0.2.1:80") and svc
 * (" TCP 192.0.2.1:80") already written, each "" if none.
 */
bool lbvs_audit_due(struct genl_info *info);
void lbvs_audit_log(struct genl_info *info, const char *verb, const char *item,
		    const char *svc);

#endif /* _LBVS_AUDIT_H */
