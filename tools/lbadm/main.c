// SPDX-License-Identifier: GPL-2.0
/*
 * lbadm: ipvsadm-compatible administration of the lbvs load balancer over
 * Generic Netlink. Parse everything first (usage errors exit 2 even without
 * the module), then talk to the kernel (failures exit 1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nl.h"
#include "opts.h"

#define LBADM_VERSION	"0.1.0"
#define MAX_WORDS	64

static void report(const char *where, const struct lbadm_err *e)
{
	fprintf(stderr, "lbadm: %s%s\n", where, e->msg);
}

static int open_once(struct lbadm_nl *nl, struct lbadm_err *e)
{
	return nl->sk ? 0 : lbadm_nl_open(nl, e);
}

/* ipvsadm-save lines on stdin, one command each; stops at the first error. */
static int restore(struct lbadm_nl *nl)
{
	char *line = NULL, *words[MAX_WORDS], *tok, where[48];
	struct lbadm_err e = { "" };
	struct lbadm_req r;
	size_t cap = 0;
	int n, lineno = 0, rc = LBADM_EXIT_OK;

	while (rc == LBADM_EXIT_OK && getline(&line, &cap, stdin) >= 0) {
		lineno++;
		snprintf(where, sizeof(where), "stdin line %d: ", lineno);
		n = 0;
		for (tok = strtok(line, " \t\r\n"); tok && n < MAX_WORDS;
		     tok = strtok(NULL, " \t\r\n"))
			words[n++] = tok;
		if (n == 0 || words[0][0] == '#')
			continue;
		if (tok) {
			lbadm_seterr(&e, "more than %d words", MAX_WORDS);
			rc = LBADM_EXIT_USAGE;
		} else if (lbadm_parse_args(n, words, &r, &e)) {
			rc = LBADM_EXIT_USAGE;
		} else if (r.cmd == LC_RESTORE || r.cmd == LC_HELP ||
			   r.cmd == LC_VERSION) {
			lbadm_seterr(&e, "%s is not allowed in restore input",
				     words[0]);
			rc = LBADM_EXIT_USAGE;
		} else if (open_once(nl, &e)) {
			rc = LBADM_EXIT_RUNTIME;
		} else {
			rc = lbadm_run(nl, &r, stdout, &e);
		}
		if (rc)
			report(where, &e);
	}
	free(line);
	return rc;
}

int main(int argc, char **argv)
{
	struct lbadm_nl nl = { 0 };
	struct lbadm_err e = { "" };
	struct lbadm_req r;
	int rc;

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
		rc = restore(&nl);
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
