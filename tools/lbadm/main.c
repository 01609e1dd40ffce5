// SPDX-License-Identifier: GPL-2.0
/*
 * lbadm: ipvsadm-compatible administration of the lbvs load balancer over
 * Generic Netlink. Parse everything first (usage errors exit 2 even without
 * the module), then talk to the kernel (failures exit 1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "nl.h"
#include "opts.h"
#include "restore.h"

#define LBADM_VERSION	"0.1.0"

static void report(const char *where, const struct lbadm_err *e)
{
	fprintf(stderr, "lbadm: %s%s\n", where, e->msg);
}

int main(int argc, char **argv)
{
	struct lbadm_nl nl = { 0 };
	struct lbadm_err e = { "" };
	struct lbadm_req r;
	int rc;

	/* A listing of 10,000 services is 6 MB: write it in large pieces. */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IOFBF, 256 * 1024);
	if (lbadm_parse_args(argc - 1, argv + 1, &r, &e)) {
		report("", &e);
		return LBADM_EXIT_USAGE;
	}
	switch (r.cmd) {
	case LC_HELP:
		lbadm_usage(stdout);
		return LBADM_EXIT_OK;
	case LC_VERSION:
		printf("lbadm %s (lbvs Generic Netlink API version %d)\n",
		       LBADM_VERSION, LBVS_GENL_VERSION);
		return LBADM_EXIT_OK;
	case LC_RESTORE:
		rc = lbadm_restore(&nl, stdin);
		break;
	default:
		if (lbadm_nl_open(&nl, &e)) {
			report("", &e);
			return LBADM_EXIT_RUNTIME;
		}
		rc = lbadm_run(&nl, &r, stdout, &e);
		if (rc)
			report("", &e);
	}
	lbadm_nl_close(&nl);
	if (fflush(stdout) && !rc) {
		perror("lbadm: stdout");
		rc = LBADM_EXIT_RUNTIME;
	}
	return rc;
}
