/* SPDX-License-Identifier: GPL-2.0 */
/*
 * THE option table: every command and option lbadm knows, its short and
 * long names, its argument, which commands accept or need it. The parser,
 * the legality checks and --help all read this one table.
 */
#ifndef LBADM_OPTS_H
#define LBADM_OPTS_H

#include <stdio.h>
#include "lbadm.h"

enum lbadm_cmd {
	LC_NONE,
	LC_ADD,		/* -A */
	LC_EDIT,	/* -E */
	LC_DEL,		/* -D */
	LC_FLUSH,	/* -C */
	LC_LIST,	/* -L -l */
	LC_ADDDEST,	/* -a */
	LC_EDITDEST,	/* -e */
	LC_DELDEST,	/* -d */
	LC_SET,		/* --set */
	LC_ZERO,	/* -Z */
	LC_SAVE,	/* -S */
	LC_RESTORE,	/* -R */
	LC_HELP,	/* -h */
	LC_VERSION,	/* -v */
	LC_ADDLADDR,	/* -P */
	LC_DELLADDR,	/* -Q */
	LC_GETLADDR,	/* -G */
	LC_FLUSHCONN,	/* --flush-conns */
	LC_MONITOR,	/* --monitor */
	LC_STARTD,	/* --start-daemon */
	LC_STOPD,	/* --stop-daemon */
	LC__MAX
};

enum lbadm_opt_id {
	O_TCP, O_UDP, O_FWMARK, O_IPV6, O_SCHED, O_PERSIST, O_NETMASK,
	O_REAL, O_GATE, O_IPIP, O_MASQ, O_FULLNAT, O_WEIGHT, O_UTHR, O_LTHR,
	O_NUMERIC, O_CONN, O_TIMEOUT, O_STATS, O_RATE, O_EXACT, O_THRESH,
	O_PCONN, O_SORT, O_NOSORT, O_JSON, O_PROM, O_TUNTYPE, O_LADDR,
	O_SCHEDFLAGS, O_OPS, O_TUNPORT, O_TUNNOCSUM, O_TUNCSUM, O_TUNREMCSUM,
	O_TUNINFO, O_TOTCP, O_TOTCPFIN, O_TOUDP, O_DRAIN, O_DAEMON, O_MCASTIF,
	O_SYNCID, O_SYNCMAXLEN, O_MCASTGROUP, O_MCASTPORT, O_MCASTTTL,
	O_SYNCKEY, O_DROPS, O_SYNCPEER, O_SYNPROXY,
	O__MAX
};

/* Options sharing a slot are alternatives: at most one may be given. */
enum lbadm_slot {
	S_CMD, S_SVC, S_IPV6, S_SCHED, S_PERSIST, S_NETMASK, S_REAL, S_FWD,
	S_WEIGHT, S_UTHR, S_LTHR, S_NUMERIC, S_CONN, S_TIMEOUT, S_STATS,
	S_RATE, S_EXACT, S_THRESH, S_PCONN, S_SORT, S_JSON, S_TUNTYPE, S_LADDR,
	S_SCHEDFLAGS, S_OPS, S_TUNPORT, S_TUNCSUM, S_TUNINFO, S_TOTCP, S_TOTCPFIN,
	S_TOUDP, S_DRAIN, S_DAEMON, S_MCASTIF, S_SYNCID, S_SYNCMAXLEN,
	S_MCASTGROUP, S_MCASTPORT, S_MCASTTTL, S_SYNCKEY, S_DROPS, S_SYNCPEER, S_SYNPROXY,
	S__MAX
};

enum lbadm_arg { ARG_NONE, ARG_REQ, ARG_OPT };

struct lbadm_opt {
	char shortname;		/* 0: long only */
	const char *longname;
	enum lbadm_arg arg;
	enum lbadm_cmd cmd;	/* != LC_NONE: this row is a command */
	int id;			/* enum lbadm_opt_id for options */
	enum lbadm_slot slot;
	unsigned int cmds;	/* commands accepting it (bit per lbadm_cmd) */
	unsigned int need;	/* commands needing its slot */
	unsigned int one;	/* commands allowing one of the 'one' options */
	const char *metavar;
	const char *help;	/* for --help, short; NULL: not listed there */
	uint8_t many;		/* times it may be given (lbadm_req.many); 0: once */
};

extern const struct lbadm_opt lbadm_opts[];

/* Output format flags. */
#define LBADM_FMT_NUMERIC	0x001
#define LBADM_FMT_STATS		0x002
#define LBADM_FMT_RATE		0x004
#define LBADM_FMT_THRESH	0x008
#define LBADM_FMT_PCONN		0x010
#define LBADM_FMT_EXACT		0x020
#define LBADM_FMT_NOSORT	0x040
#define LBADM_FMT_JSON		0x080
#define LBADM_FMT_RULE		0x100
#define LBADM_FMT_PROM		0x200
#define LBADM_FMT_TUNINFO	0x400

/* One parsed command line, values converted and checked. */
struct lbadm_req {
	enum lbadm_cmd cmd;
	const struct lbadm_opt *cmd_opt;
	const char *cmd_arg;		/* the command's value (--start-daemon) */
	const struct lbadm_opt *slot_opt[S__MAX];	/* which row set it */
	const char *arg[O__MAX];
	int given[O__MAX];
	/* Every value of the one option that may be given again (--sync-peer). */
	const char *many[LBVS_SYNC_PEERS_MAX];
	int nmany;
	uint64_t given_ids;		/* bit per given[] set */
	uint64_t slots;			/* bit per slot_opt[] set */
	const char *pos[4];
	int npos;
	int has_svc;
	struct lbadm_svc svc;
	struct lbadm_dest dest;
	struct lbadm_addr laddr;	/* -z */
	struct lbadm_timeouts to;
	struct lbadm_daemon daemon;	/* --start-daemon, --stop-daemon */
	unsigned int fmt;
};

/*
 * Parses argv[0..argc) (argv[0] is the first argument, not the program) into
 * req. Returns 0, or -1 with a message in e (a usage error: exit 2).
 */
int lbadm_parse_args(int argc, char **argv, struct lbadm_req *req,
		     struct lbadm_err *e);

/* "-w/--weight" or "--stats". */
const char *lbadm_opt_name(const struct lbadm_opt *o, char *buf, size_t len);

/* The --help text; fits 80x24. */
void lbadm_usage(FILE *f);

#endif /* LBADM_OPTS_H */
