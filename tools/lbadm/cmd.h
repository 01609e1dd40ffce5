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

#endif /* LBADM_CMD_H */
