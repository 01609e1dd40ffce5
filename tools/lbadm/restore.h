/* SPDX-License-Identifier: GPL-2.0 */
/*
 * -R: restore ipvsadm-save rules from a stream, all or nothing.
 *
 * 1. Every line is parsed and turned into its netlink request before
 *    anything is sent: a malformed line fails the restore with nothing
 *    changed ("restore line N: ..."; exit 2).
 * 2. The current configuration (services, servers, timeouts) is dumped.
 * 3. The requests go out pipelined (batch.h); the first the kernel refuses
 *    stops the sending.
 * 4. On a refusal, lbadm reports its line, then compares the kernel's
 *    table with the dump of step 2 and sends the difference (deletes,
 *    additions, edits), so the configuration is exactly what it was.
 *    Services the restore never touched keep their counters and
 *    connections; a service it deleted comes back with zero counters.
 *    -Z in the input cannot be undone (counters are not configuration).
 */
#ifndef LBADM_RESTORE_H
#define LBADM_RESTORE_H

#include <stdio.h>
#include "nl.h"

/* Returns an exit code; reports errors on stderr itself. */
int lbadm_restore(struct lbadm_nl *nl, FILE *in);

/*
 * Queues on b the requests that turn table now into table want (both
 * sorted with lbadm_sort_services()). Returns 0 or -1 (memory).
 */
struct lbadm_batch;
struct lbadm_table;
int lbadm_diff(struct lbadm_batch *b, const struct lbadm_table *now,
	       const struct lbadm_table *want);

#endif /* LBADM_RESTORE_H */
