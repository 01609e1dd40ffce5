/* SPDX-License-Identifier: GPL-2.0 */
/* Runs one parsed command against the kernel. */
#ifndef LBADM_CMD_H
#define LBADM_CMD_H

#include <stdio.h>
#include "nl.h"
#include "opts.h"

/* Returns an exit code; on failure e holds "what: why". */
int lbadm_run(struct lbadm_nl *nl, const struct lbadm_req *r, FILE *out,
	      struct lbadm_err *e);

/* "TCP 192.0.2.1:80", "FWM 7", "FWM 7 IPv6": names a service in errors. */
void lbadm_svc_desc(const struct lbadm_svc *s, char *buf, size_t len);

/*
 * "add real server 192.0.2.11:80 to TCP 203.0.113.1:80", "add local
 * address 198.51.100.254 to TCP 203.0.113.1:80": what r does.
 */
void lbadm_describe(const struct lbadm_req *r, char *buf, size_t len);

/*
 * Services with their servers and pools, as the kernel has them now. The
 * servers of all services share one array, dests, each service's servers
 * a run of it: an array per service, grown 16 at a time, left most of its
 * memory unused.
 */
struct lbadm_table {
	struct lbadm_svc_entry *v;
	size_t n, cap;
	struct lbadm_dest *dests;
	size_t n_dests, dest_cap;
};

/* What lbadm_fetch() gathers besides the services. */
#define LBADM_FETCH_DESTS	0x1	/* real servers */
#define LBADM_FETCH_LADDRS	0x2	/* FULLNAT local address pools */
#define LBADM_FETCH_LADDRS_IF	0x4	/* pools, if the kernel has them */
#define LBADM_FETCH_STATS	0x8	/* counters and rates (else left out) */

/*
 * All services (sel NULL) or the one of sel, each with what `what` asks.
 * Retries when the table changed during the dump. Returns 0, or -1 with e
 * set.
 */
int lbadm_fetch(struct lbadm_nl *nl, const struct lbadm_svc *sel,
		struct lbadm_table *t, unsigned int what, struct lbadm_err *e);
void lbadm_table_free(struct lbadm_table *t);
int lbadm_fetch_timeouts(struct lbadm_nl *nl, struct lbadm_timeouts *t,
			 struct lbadm_err *e);
int lbadm_fetch_info(struct lbadm_nl *nl, struct lbadm_info *i,
		     struct lbadm_err *e);

#endif /* LBADM_CMD_H */
