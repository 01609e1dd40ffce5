/* SPDX-License-Identifier: GPL-2.0 */
/* --monitor: the kernel's events as they happen. */
#ifndef LBADM_MONITOR_H
#define LBADM_MONITOR_H

#include <stdio.h>
#include "nl.h"

/*
 * Joins the "events" group of nl's family ("conns" if conns is set) and
 * prints each event to out (lbadm_print_event(), lbadm_print_conn_event(),
 * fmt as -L's), flushed as it comes, until an error. Returns an exit code,
 * with e set on failure.
 */
int lbadm_monitor(struct lbadm_nl *nl, FILE *out, unsigned int fmt, int conns,
		  struct lbadm_err *e);

/* One event message h of family: its lines to out. 0, or -1 if h is none. */
int lbadm_monitor_print(struct nlmsghdr *h, int family, FILE *out,
			unsigned int fmt);

#endif /* LBADM_MONITOR_H */
