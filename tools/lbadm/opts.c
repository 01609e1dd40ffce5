// SPDX-License-Identifier: GPL-2.0
/*
 * Command-line parsing driven by lbadm_opts[]. Three passes, so the order of
 * options never matters: collect (names to rows and raw strings), check the
 * table (accepted, needed, alternatives), then convert the values.
 */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "opts.h"
#include "fmt.h"
#include "parse.h"

#define B(c)		(1u << (c))
#define SLOT(s)		((uint64_t)1 << (s))	/* slots: 64 of them */
#define ID(o)		((uint64_t)1 << (o))	/* option ids: 64 of them */
#define SVC_CMDS	(B(LC_ADD) | B(LC_EDIT) | B(LC_DEL) | B(LC_LIST) | \
			 B(LC_ADDDEST) | B(LC_EDITDEST) | B(LC_DELDEST) | \
			 B(LC_ZERO) | LADDR_ALL | B(LC_GETLADDR) | B(LC_FLUSHCONN))
#define SVC_NEED	(B(LC_ADD) | B(LC_EDIT) | B(LC_DEL) | B(LC_ADDDEST) | \
			 B(LC_EDITDEST) | B(LC_DELDEST) | LADDR_ALL)
#define SVC_CONF	(B(LC_ADD) | B(LC_EDIT))
#define DEST_ALL	(B(LC_ADDDEST) | B(LC_EDITDEST) | B(LC_DELDEST))
#define DEST_CONF	(B(LC_ADDDEST) | B(LC_EDITDEST))
#define LIST		B(LC_LIST)
#define LADDR_ALL	(B(LC_ADDLADDR) | B(LC_DELLADDR))
#define STARTD		B(LC_STARTD)
#define DAEMON_ALL	(B(LC_STARTD) | B(LC_STOPD))

#define CMD(s, l, c, h) { s, l, ARG_NONE, c, -1, S_CMD, 0, 0, 0, NULL, h, 0 }
/* A command with a value (lbadm_req.cmd_arg). */
#define CMDV(l, c, meta, h) { 0, l, ARG_REQ, c, -1, S_CMD, 0, 0, 0, meta, h, 0 }
#define OPT(s, l, a, id, slot, cmds, need, one, meta, h) \
	{ s, l, a, LC_NONE, id, slot, cmds, need, one, meta, h, 0 }
/* An option that may be given up to n times. */
#define OPTN(l, id, slot, cmds, meta, n) \
	{ 0, l, ARG_REQ, LC_NONE, id, slot, cmds, 0, 0, meta, NULL, n }

const struct lbadm_opt lbadm_opts[] = {
	CMD('A', "add-service", LC_ADD, "add service"),
	CMD('E', "edit-service", LC_EDIT, "edit service"),
	CMD('D', "delete-service", LC_DEL, "delete service"),
	CMD('C', "clear", LC_FLUSH, "clear all"),
	CMD('L', "list", LC_LIST, "list"),
	CMD('l', "list", LC_LIST, "list"),
	CMD('Z', "zero", LC_ZERO, "zero counters"),
	CMD('a', "add-server", LC_ADDDEST, "add real server"),
	CMD('e', "edit-server", LC_EDITDEST, "edit real server"),
	CMD('d', "delete-server", LC_DELDEST, "delete server"),
	CMD(0, "set", LC_SET, "set timeouts"),
	CMD('S', "save", LC_SAVE, "save rules"),
	CMD('R', "restore", LC_RESTORE, "restore rules"),
	CMD('h', "help", LC_HELP, "this help"),
	CMD('v', "version", LC_VERSION, "version"),
	CMD('P', "add-laddr", LC_ADDLADDR, "add local address"),
	CMD('Q', "del-laddr", LC_DELLADDR, "delete local address"),
	CMD('G', "get-laddr", LC_GETLADDR, "list local addresses"),
	CMD(0, "flush-conns", LC_FLUSHCONN, "delete connections"),
	CMD(0, "monitor", LC_MONITOR, "print changes"),
	CMDV("start-daemon", LC_STARTD, "master|backup", "start sync daemon"),
	CMDV("stop-daemon", LC_STOPD, "master|backup", "stop sync daemon"),

	OPT('t', "tcp-service", ARG_REQ, O_TCP, S_SVC, SVC_CMDS, SVC_NEED, 0,
	    "addr[:port]", "TCP service"),
	OPT('u', "udp-service", ARG_REQ, O_UDP, S_SVC, SVC_CMDS, SVC_NEED, 0,
	    "addr[:port]", "UDP service"),
	OPT('f', "fwmark-service", ARG_REQ, O_FWMARK, S_SVC, SVC_CMDS, SVC_NEED,
	    0, "mark", "fwmark service"),
	OPT('6', "ipv6", ARG_NONE, O_IPV6, S_IPV6, SVC_CMDS, 0, 0, NULL,
	    "fwmark is IPv6"),
	OPT('s', "scheduler", ARG_REQ, O_SCHED, S_SCHED, SVC_CONF, 0, 0,
	    "sched", "default wlc"),
	OPT('p', "persistent", ARG_OPT, O_PERSIST, S_PERSIST, SVC_CONF, 0, 0,
	    "[timeout]", "default 360 s"),
	OPT('M', "netmask", ARG_REQ, O_NETMASK, S_NETMASK, SVC_CONF, 0, 0,
	    "netmask", "mask or prefix"),
	OPT('b', "sched-flags", ARG_REQ, O_SCHEDFLAGS, S_SCHEDFLAGS, SVC_CONF,
	    0, 0, "flags", "sh-port,..."),
	/* The service's own timeouts (not ipvsadm's): no line in --help. */
	OPT(0, "timeout-tcp", ARG_REQ, O_TOTCP, S_TOTCP, SVC_CONF, 0, 0, "s", NULL),
	OPT(0, "timeout-tcpfin", ARG_REQ, O_TOTCPFIN, S_TOTCPFIN, SVC_CONF, 0, 0,
	    "s", NULL),
	OPT(0, "timeout-udp", ARG_REQ, O_TOUDP, S_TOUDP, SVC_CONF, 0, 0, "s", NULL),
	/* ipvsadm's, UDP only and rare: --help has no line to spare. */
	OPT('o', "ops", ARG_NONE, O_OPS, S_OPS, SVC_CONF, 0, 0, NULL, NULL),
	/* Ours; as -o, no line to spare in --help: lbadm(8) has it. */
	OPT(0, "synproxy", ARG_NONE, O_SYNPROXY, S_SYNPROXY, SVC_CONF, 0, 0, NULL, NULL),
	/* -r and -z: in the usage lines of --help, as their commands'. */
	OPT('r', "real-server", ARG_REQ, O_REAL, S_REAL,
	    DEST_ALL | LIST | B(LC_FLUSHCONN), DEST_ALL, 0,
	    "addr[:port]", NULL),
	OPT('g', "gatewaying", ARG_NONE, O_GATE, S_FWD, DEST_CONF, 0, 0, NULL,
	    "direct routing"),
	OPT('i', "ipip", ARG_NONE, O_IPIP, S_FWD, DEST_CONF, 0, 0, NULL,
	    "IPIP tunnel"),
	OPT('m', "masquerading", ARG_NONE, O_MASQ, S_FWD, DEST_CONF, 0, 0, NULL,
	    "NAT"),
	OPT('F', "fullnat", ARG_NONE, O_FULLNAT, S_FWD, DEST_CONF, 0, 0, NULL,
	    "full NAT"),
	OPT('z', "laddr", ARG_REQ, O_LADDR, S_LADDR, LADDR_ALL, LADDR_ALL, 0,
	    "addr", NULL),
	OPT('w', "weight", ARG_REQ, O_WEIGHT, S_WEIGHT, DEST_CONF, 0, 0,
	    "weight", "0..2^31-1, def 1"),
	/* Tunnel types (ipvsadm's): --help has no line to spare. */
	OPT(0, "tun-type", ARG_REQ, O_TUNTYPE, S_TUNTYPE, DEST_CONF, 0, 0,
	    "ipip|gue|gre", NULL),
	OPT(0, "tun-port", ARG_REQ, O_TUNPORT, S_TUNPORT, DEST_CONF, 0, 0,
	    "port", NULL),
	OPT(0, "tun-nocsum", ARG_NONE, O_TUNNOCSUM, S_TUNCSUM, DEST_CONF, 0, 0,
	    NULL, NULL),
	OPT(0, "tun-csum", ARG_NONE, O_TUNCSUM, S_TUNCSUM, DEST_CONF, 0, 0,
	    NULL, NULL),
	OPT(0, "tun-remcsum", ARG_NONE, O_TUNREMCSUM, S_TUNCSUM, DEST_CONF, 0,
	    0, NULL, NULL),
	/* lbvs's own, in lbadm(8): --help has no line to spare. */
	OPT(0, "drain", ARG_REQ, O_DRAIN, S_DRAIN, B(LC_EDITDEST), 0, 0, "s", NULL),
	OPT('x', "u-threshold", ARG_REQ, O_UTHR, S_UTHR, DEST_CONF, 0, 0,
	    "n", "upper conn limit"),
	OPT('y', "l-threshold", ARG_REQ, O_LTHR, S_LTHR, DEST_CONF, 0, 0,
	    "n", "lower conn limit"),
	OPT('n', "numeric", ARG_NONE, O_NUMERIC, S_NUMERIC,
	    LIST | B(LC_SAVE) | B(LC_GETLADDR), 0, 0, NULL, "numeric output"),
	OPT('c', "connection", ARG_NONE, O_CONN, S_CONN, LIST | B(LC_MONITOR), 0,
	    LIST, NULL, "connections"),
	OPT(0, "timeout", ARG_NONE, O_TIMEOUT, S_TIMEOUT, LIST, 0, LIST, NULL,
	    "list timeouts"),
	OPT(0, "stats", ARG_NONE, O_STATS, S_STATS, LIST, 0, 0, NULL,
	    "counters"),
	OPT(0, "rate", ARG_NONE, O_RATE, S_RATE, LIST, 0, 0, NULL, "rates"),
	OPT('X', "exact", ARG_NONE, O_EXACT, S_EXACT, LIST, 0, 0, NULL,
	    "exact numbers"),
	OPT(0, "thresholds", ARG_NONE, O_THRESH, S_THRESH, LIST, 0, 0, NULL,
	    "thresholds"),
	OPT(0, "persistent-conn", ARG_NONE, O_PCONN, S_PCONN, LIST, 0, 0, NULL,
	    "persistent conns"),
	OPT(0, "tun-info", ARG_NONE, O_TUNINFO, S_TUNINFO, LIST, 0, 0, NULL,
	    NULL),
	/* The default, for ipvsadm's scripts: --help has no line to spare. */
	OPT(0, "sort", ARG_NONE, O_SORT, S_SORT, LIST, 0, 0, NULL, NULL),
	OPT(0, "nosort", ARG_NONE, O_NOSORT, S_SORT, LIST, 0, 0, NULL,
	    "unsorted"),
	OPT(0, "json", ARG_NONE, O_JSON, S_JSON,
	    LIST | B(LC_GETLADDR) | B(LC_MONITOR), 0, 0,
	    NULL, "JSON output"),
	OPT(0, "prometheus", ARG_NONE, O_PROM, S_JSON, LIST, 0, 0, NULL,
	    "metrics text"),
	/* lbvs's, in lbadm(8): --help has no line to spare. */
	OPT(0, "drops", ARG_NONE, O_DROPS, S_DROPS, LIST, 0, LIST, NULL, NULL),
	/*
	 * The connection-sync daemons, as ipvsadm's (ranges included); in
	 * the usage lines of --help, the rest in lbadm(8). --syncid with
	 * --stop-daemon is checked and unused, as ipvsadm's.
	 */
	OPT(0, "daemon", ARG_NONE, O_DAEMON, S_DAEMON, LIST, 0, LIST, NULL, NULL),
	OPT(0, "mcast-interface", ARG_REQ, O_MCASTIF, S_MCASTIF, STARTD, 0, 0,
	    "if", NULL),
	OPT(0, "syncid", ARG_REQ, O_SYNCID, S_SYNCID, DAEMON_ALL, 0, 0, "n",
	    NULL),
	OPT(0, "sync-maxlen", ARG_REQ, O_SYNCMAXLEN, S_SYNCMAXLEN, STARTD, 0, 0,
	    "bytes", NULL),
	OPT(0, "mcast-group", ARG_REQ, O_MCASTGROUP, S_MCASTGROUP, STARTD, 0, 0,
	    "addr", NULL),
	OPT(0, "mcast-port", ARG_REQ, O_MCASTPORT, S_MCASTPORT, STARTD, 0, 0,
	    "port", NULL),
	OPT(0, "mcast-ttl", ARG_REQ, O_MCASTTTL, S_MCASTTTL, STARTD, 0, 0,
	    "ttl", NULL),
	OPT(0, "sync-key", ARG_REQ, O_SYNCKEY, S_SYNCKEY, STARTD, 0, 0,
	    "file", NULL),
	/* lbvs's own, in lbadm(8): unicast peers instead of the group. */
	OPTN("sync-peer", O_SYNCPEER, S_SYNCPEER, STARTD, "addr", LBVS_SYNC_PEERS_MAX),
	{ 0 }
};

const char *lbadm_opt_name(const struct lbadm_opt *o, char *buf, size_t len)
{
	if (o->shortname)
		snprintf(buf, len, "-%c/--%s", o->shortname, o->longname);
	else
		snprintf(buf, len, "--%s", o->longname);
	return buf;
}

/*
 * What check_table() and find_short() look up, indexed once (-R parses
 * 110,000 lines): per command, the options it accepts, the slots it needs
 * and its 'one' options (bit per enum lbadm_opt_id / lbadm_slot); per
 * character, the first row with that short name, and that row again in
 * plain[] if "-c" alone needs nothing but take(): no optional value, not -h.
 */
_Static_assert(LC__MAX <= 32 && O__MAX <= 64 && S__MAX <= 64,
	       "command sets are 32-bit masks, option and slot sets 64-bit");

static struct {
	int ready;
	uint64_t accepts[LC__MAX], one[LC__MAX];
	uint64_t needs[LC__MAX];
	const struct lbadm_opt *by_short[256];
	const struct lbadm_opt *plain[256];
} idx;

static void index_opts(void)
{
	const struct lbadm_opt *o;
	int c;

	for (o = lbadm_opts; o->longname; o++) {
		c = (unsigned char)o->shortname;
		/* -b depends on the command: collect_short() decides. */
		if (c && !idx.by_short[c] && o->arg != ARG_OPT &&
		    o->cmd != LC_HELP && c != 'b')
			idx.plain[c] = o;
		if (c && !idx.by_short[c])
			idx.by_short[c] = o;
		if (o->cmd != LC_NONE)
			continue;
		for (c = 0; c < LC__MAX; c++) {
			if (o->cmds & B(c))
				idx.accepts[c] |= ID(o->id);
			if (o->need & B(c))
				idx.needs[c] |= SLOT(o->slot);
			if (o->one & B(c))
				idx.one[c] |= ID(o->id);
		}
	}
	idx.ready = 1;
}

/* Needs the index: lbadm_parse_args() builds it first. */
static const struct lbadm_opt *find_short(char c)
{
	return c ? idx.by_short[(unsigned char)c] : NULL;
}

static const struct lbadm_opt *find_long(const char *name, size_t n)
{
	const struct lbadm_opt *o;

	for (o = lbadm_opts; o->longname; o++)
		if (strlen(o->longname) == n && !strncmp(o->longname, name, n))
			return o;
	return NULL;
}

/* o, allowed in its slot, with value val (NULL if none). */
static inline void record(struct lbadm_req *r, const struct lbadm_opt *o,
			  const char *val)
{
	r->slot_opt[o->slot] = o;
	r->slots |= SLOT(o->slot);
	if (o->cmd != LC_NONE) {
		if (r->cmd != LC_HELP) {	/* -h wins over everything */
			r->cmd = o->cmd;
			r->cmd_opt = o;
			r->cmd_arg = val;
		}
		return;
	}
	r->given[o->id] = 1;
	r->given_ids |= ID(o->id);
	r->arg[o->id] = val;
	if (o->many)
		r->many[r->nmany++] = val;
}

/* Records one occurrence of o with value val (NULL if none). */
static int take_any(struct lbadm_req *r, const struct lbadm_opt *o,
		    const char *val, struct lbadm_err *e)
{
	const struct lbadm_opt *prev = r->slot_opt[o->slot];
	char a[64], b[64];

	if (o->cmd == LC_HELP) {
		r->cmd = LC_HELP;	/* -h wins over everything */
		r->cmd_opt = o;
		return 0;
	}
	if (prev && r->cmd != LC_HELP) {
		if (o->cmd != LC_NONE)
			return lbadm_seterr(e, "multiple commands: %s and %s",
					    lbadm_opt_name(prev, a, sizeof(a)),
					    lbadm_opt_name(o, b, sizeof(b)));
		if (prev == o && r->nmany < o->many) {
			r->many[r->nmany++] = val;
			return 0;
		}
		if (prev == o && o->many)
			return lbadm_seterr(e, "option %s given more than %d times (\"%s\")",
					    lbadm_opt_name(o, a, sizeof(a)), o->many, val);
		if (prev == o)
			return lbadm_seterr(e, "option %s given twice",
					    lbadm_opt_name(o, a, sizeof(a)));
		return lbadm_seterr(e, "conflicting options %s and %s",
				    lbadm_opt_name(prev, a, sizeof(a)),
				    lbadm_opt_name(o, b, sizeof(b)));
	}
	record(r, o, val);
	return 0;
}

/*
 * take_any() for the usual case, inlined: a first option of its slot, no
 * -h anywhere (-R takes some 600,000 options).
 */
static inline int take(struct lbadm_req *r, const struct lbadm_opt *o,
		       const char *val, struct lbadm_err *e)
{
	if (o->cmd == LC_HELP || r->cmd == LC_HELP || (r->slots & SLOT(o->slot)))
		return take_any(r, o, val, e);
	record(r, o, val);
	return 0;
}

static int need_value(const struct lbadm_opt *o, struct lbadm_err *e)
{
	char a[64];

	return lbadm_seterr(e, "option %s needs a value",
			    lbadm_opt_name(o, a, sizeof(a)));
}

/* An optional argument is the next word unless that looks like an option. */
static int optional_next(int argc, char **argv, int *i)
{
	return *i + 1 < argc && argv[*i + 1][0] != '-';
}

/* ipvsadm's options that lbvs lacks: refused by name (lbadm.8, DIFFERENCES). */
static const struct {
	const char *name;
	const char *feature;
} ipvsadm_only[] = {
	{ "pe", "persistence engines" },
	{ "sctp-service", "SCTP services" },
};

static int unknown_long(const char *arg, const char *name, size_t n, struct lbadm_err *e)
{
	size_t k;

	for (k = 0; k < sizeof(ipvsadm_only) / sizeof(ipvsadm_only[0]); k++)
		if (strlen(ipvsadm_only[k].name) == n && !strncmp(ipvsadm_only[k].name, name, n))
			return lbadm_seterr(e, "option --%s is not supported by lbvs: %s (see lbadm(8), DIFFERENCES)",
					    ipvsadm_only[k].name, ipvsadm_only[k].feature);
	return lbadm_seterr(e, "unknown option \"%s\"", arg);
}

static int collect_long(int argc, char **argv, int *i, struct lbadm_req *r,
			struct lbadm_err *e)
{
	const char *name = argv[*i] + 2;
	const char *eq = strchr(name, '=');
	size_t n = eq ? (size_t)(eq - name) : strlen(name);
	const struct lbadm_opt *o = find_long(name, n);
	const char *val = eq ? eq + 1 : NULL;

	if (!o)
		return unknown_long(argv[*i], name, n, e);
	if (o->arg == ARG_NONE && val)
		return lbadm_seterr(e, "option --%s takes no value (\"%s\")",
				    o->longname, argv[*i]);
	if (o->arg == ARG_REQ && !val) {
		if (*i + 1 >= argc)
			return need_value(o, e);
		val = argv[++*i];
	}
	if (o->arg == ARG_OPT && !val && optional_next(argc, argv, i))
		val = argv[++*i];
	return take(r, o, val, e);
}

/* -Ln, -At 192.0.2.1:80, -w5, -p600, -p. */
static int collect_short(int argc, char **argv, int *i, struct lbadm_req *r,
			 struct lbadm_err *e)
{
	const char *p = argv[*i] + 1;
	const struct lbadm_opt *o;
	const char *val;

	for (; *p; p++) {
		o = find_short(*p);
		/* lbvs 0.1 wrote FULLNAT servers as "-a ... -b": read them so. */
		if (*p == 'b' && (r->cmd == LC_ADDDEST || r->cmd == LC_EDITDEST))
			o = find_long("fullnat", 7);
		if (!o) {
			if (p == argv[*i] + 1 && !p[1])
				return lbadm_seterr(e, "unknown option \"%s\"",
						    argv[*i]);
			return lbadm_seterr(e, "unknown option \"-%c\" in \"%s\"",
					    *p, argv[*i]);
		}
		val = NULL;
		if (o->arg != ARG_NONE && p[1]) {
			val = p + 1;
		} else if (o->arg == ARG_REQ) {
			if (*i + 1 >= argc)
				return need_value(o, e);
			val = argv[++*i];
		} else if (o->arg == ARG_OPT && optional_next(argc, argv, i)) {
			val = argv[++*i];
		}
		if (take(r, o, val, e))
			return -1;
		if (val)
			break;
	}
	return 0;
}

static int collect(int argc, char **argv, struct lbadm_req *r,
		   struct lbadm_err *e)
{
	const struct lbadm_opt *o;
	int i, only_pos = 0;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		o = a[0] == '-' && !only_pos ? idx.plain[(unsigned char)a[1]] :
					       NULL;
		if (o && !a[2]) {
			/* "-a", "-t addr": what -R input is made of */
			if (o->arg == ARG_REQ && i + 1 >= argc)
				return need_value(o, e);
			if (take(r, o, o->arg == ARG_REQ ? argv[++i] : NULL, e))
				return -1;
		} else if (only_pos || a[0] != '-' || !a[1]) {
			if (r->npos >= (int)(sizeof(r->pos) / sizeof(r->pos[0])))
				return lbadm_seterr(e, "unexpected argument \"%s\"",
						    a);
			r->pos[r->npos++] = a;
		} else if (a[1] != '-') {
			if (collect_short(argc, argv, &i, r, e))
				return -1;
		} else if (a[2]) {
			if (collect_long(argc, argv, &i, r, e))
				return -1;
		} else {
			only_pos = 1;	/* "--" */
		}
	}
	return 0;
}

/* "-t, -u or -f" for the rows of a slot. */
static void slot_names(enum lbadm_slot slot, char *buf, size_t len)
{
	const struct lbadm_opt *o;
	size_t n = 0, total = 0, k = 0;
	char nm[64];

	for (o = lbadm_opts; o->longname; o++)
		total += o->slot == slot;
	buf[0] = '\0';
	for (o = lbadm_opts; o->longname && n < len; o++) {
		if (o->slot != slot)
			continue;
		k++;
		n += snprintf(buf + n, len - n, "%s%s",
			      k == 1 ? "" : k == total ? " or " : ", ",
			      total > 1 && o->shortname ?
			      (snprintf(nm, sizeof(nm), "-%c", o->shortname), nm) :
			      lbadm_opt_name(o, nm, sizeof(nm)));
	}
}

/* No option the command refuses, every slot it needs, one 'one' at most. */
static int table_ok(const struct lbadm_req *r)
{
	uint64_t one = r->given_ids & idx.one[r->cmd];

	return !(r->given_ids & ~idx.accepts[r->cmd]) &&
	       !(idx.needs[r->cmd] & ~r->slots) && !(one & (one - 1));
}

/* Why !table_ok(r): the first offending row, in table order. */
static int check_table(struct lbadm_req *r, struct lbadm_err *e)
{
	const struct lbadm_opt *o, *one = NULL;
	unsigned int bit = B(r->cmd);
	char a[64], b[64], names[128];

	for (o = lbadm_opts; o->longname; o++) {
		if (o->cmd != LC_NONE)
			continue;
		if (r->given[o->id] && !(o->cmds & bit))
			return lbadm_seterr(e, "option %s is not valid with %s",
					    lbadm_opt_name(o, a, sizeof(a)),
					    lbadm_opt_name(r->cmd_opt, b,
							   sizeof(b)));
		if ((o->need & bit) && !r->slot_opt[o->slot]) {
			slot_names(o->slot, names, sizeof(names));
			return lbadm_seterr(e, "%s needs %s",
					    lbadm_opt_name(r->cmd_opt, a,
							   sizeof(a)), names);
		}
		if (r->given[o->id] && (o->one & bit)) {
			if (one && one->slot != o->slot)
				return lbadm_seterr(e, "options %s and %s conflict in %s",
						    lbadm_opt_name(one, a, sizeof(a)),
						    lbadm_opt_name(o, b, sizeof(b)),
						    lbadm_opt_name(r->cmd_opt, names,
								   sizeof(names)));
			one = o;
		}
	}
	return 0;
}

/*
 * The last service address parsed and what it gave: ipvsadm-save repeats
 * a service's address on the line of each of its real servers, so -R
 * would parse the same text some ten times over. Only successes are kept
 * (errors are reported from scratch).
 */
static struct {
	char text[64];
	struct lbadm_addr addr;
	uint16_t port;
} last_svc;

static int parse_svc_addr(const char *v, struct lbadm_svc *s,
			  struct lbadm_err *e)
{
	size_t n;
	int has_port;

	if (v[0] && !strcmp(v, last_svc.text)) {
		s->addr = last_svc.addr;
		s->port = last_svc.port;
		return 0;
	}
	if (lbadm_parse_addrport(v, &s->addr, &s->port, &has_port, e))
		return -1;
	n = strlen(v);
	if (n < sizeof(last_svc.text)) {
		memcpy(last_svc.text, v, n + 1);
		last_svc.addr = s->addr;
		last_svc.port = s->port;
	}
	return 0;
}

static int conv_service(struct lbadm_req *r, struct lbadm_err *e)
{
	struct lbadm_svc *s = &r->svc;
	const char *v;

	if (r->given[O_TCP] || r->given[O_UDP]) {
		v = r->given[O_TCP] ? r->arg[O_TCP] : r->arg[O_UDP];
		s->protocol = r->given[O_TCP] ? IPPROTO_TCP : IPPROTO_UDP;
		if (parse_svc_addr(v, s, e))
			return -1;
		if (r->given[O_IPV6])
			return lbadm_seterr(e, "-6/--ipv6 is for fwmark services (-f) only; \"%s\" already names the family",
					    v);
		s->af = s->addr.af;
	} else if (r->given[O_FWMARK]) {
		if (lbadm_parse_fwmark(r->arg[O_FWMARK], &s->fwmark, e))
			return -1;
		s->af = r->given[O_IPV6] ? AF_INET6 : AF_INET;
	} else if (r->given[O_IPV6]) {
		return lbadm_seterr(e, "-6/--ipv6 needs -f/--fwmark-service");
	}
	r->has_svc = s->af != 0;
	return 0;
}

/* --timeout-tcp, -tcpfin, -udp: lbadm_svc.timeouts[] order. */
static const int svc_timeout_ids[3] = { O_TOTCP, O_TOTCPFIN, O_TOUDP };

static int conv_svc_conf(struct lbadm_req *r, struct lbadm_err *e)
{
	struct lbadm_svc *s = &r->svc;
	const char *mask = r->arg[O_NETMASK];
	int i;

	memcpy(s->sched, LBADM_DEF_SCHED, sizeof(LBADM_DEF_SCHED));
	if (r->given[O_SCHED] && lbadm_parse_sched(r->arg[O_SCHED], s->sched, e))
		return -1;
	if (r->given[O_PERSIST]) {
		s->flags |= LBVS_SVC_F_PERSISTENT;
		s->timeout = LBADM_DEF_PERSIST;
		if (r->arg[O_PERSIST] &&
		    lbadm_parse_u32("persistence timeout", r->arg[O_PERSIST], 1,
				    LBVS_PERSIST_MAX, &s->timeout, e))
			return -1;
	}
	s->netmask = s->af == AF_INET6 ? 128 : 32;
	if (mask && lbadm_parse_netmask(mask, s->af, &s->netmask, e))
		return -1;
	if (r->given[O_SCHEDFLAGS] &&
	    lbadm_parse_sched_flags(r->arg[O_SCHEDFLAGS], s->sched, &s->flags, e))
		return -1;
	for (i = 0; i < 3; i++)
		if (r->given[svc_timeout_ids[i]] &&
		    lbadm_parse_u32("service timeout", r->arg[svc_timeout_ids[i]], 0,
				    LBVS_TIMEOUT_MAX, &s->timeouts[i], e))
			return -1;
	if (r->given[O_OPS]) {
		if (s->protocol == IPPROTO_TCP)
			return lbadm_seterr(e, "-o/--ops (one-packet scheduling) is for UDP and fwmark services, not \"%s\"",
					    r->arg[O_TCP]);
		s->flags |= LBVS_SVC_F_ONEPACKET;
	}
	if (r->given[O_SYNPROXY]) {
		if (s->protocol == IPPROTO_UDP)
			return lbadm_seterr(e, "--synproxy is for TCP and fwmark services, not \"%s\"",
					    r->arg[O_UDP]);
		s->flags |= LBVS_SVC_F_SYNPROXY;
	}
	if (!s->fwmark && !s->port && !(s->flags & LBVS_SVC_F_PERSISTENT))
		return lbadm_seterr(e, "service \"%s\" has port 0, which needs -p/--persistent",
				    r->arg[O_TCP] ? r->arg[O_TCP] : r->arg[O_UDP]);
	return 0;
}

static const struct {
	int id;
	uint32_t fwd;
} fwd_opts[] = {
	{ O_GATE, LBVS_FWD_DR }, { O_IPIP, LBVS_FWD_TUN },
	{ O_MASQ, LBVS_FWD_NAT }, { O_FULLNAT, LBVS_FWD_FULLNAT },
};

/* Indexed by the LBVS_TUN_F_* value each sets. */
static const int tun_csum_ids[] = { O_TUNNOCSUM, O_TUNCSUM, O_TUNREMCSUM };

/* --tun-*: as ipvsadm's table of tunnel types and options. */
static int conv_tun(struct lbadm_req *r, struct lbadm_err *e)
{
	const struct lbadm_opt *csum = r->slot_opt[S_TUNCSUM];
	struct lbadm_dest *d = &r->dest;
	const char *type;
	uint32_t port;
	size_t i;

	if (!r->given[O_TUNTYPE] && !r->given[O_TUNPORT] && !csum)
		return 0;
	if (d->fwd != LBVS_FWD_TUN)
		return lbadm_seterr(e, "tunnel options need -i/--ipip");
	if (r->given[O_TUNTYPE] &&
	    lbadm_parse_tun_type(r->arg[O_TUNTYPE], &d->tun_type, e))
		return -1;
	type = lbadm_tun_types[d->tun_type];
	if (r->given[O_TUNPORT]) {
		if (d->tun_type != LBVS_TUN_GUE)
			return lbadm_seterr(e, "--tun-port is for --tun-type gue, not %s", type);
		if (lbadm_parse_u32("tunnel port", r->arg[O_TUNPORT], 1, 65535, &port, e))
			return -1;
		d->tun_port = (uint16_t)port;
	} else if (d->tun_type == LBVS_TUN_GUE) {
		return lbadm_seterr(e, "--tun-type gue needs --tun-port");
	}
	for (i = 0; csum && i < sizeof(tun_csum_ids) / sizeof(tun_csum_ids[0]); i++)
		if (r->given[tun_csum_ids[i]])
			d->tun_flags = (uint16_t)i;
	if (csum && (d->tun_type == LBVS_TUN_IPIP ||
		     (d->tun_type == LBVS_TUN_GRE && d->tun_flags == LBVS_TUN_F_REMCSUM)))
		return lbadm_seterr(e, "--%s is not for --tun-type %s", csum->longname, type);
	return 0;
}

static int conv_dest_conf(struct lbadm_req *r, struct lbadm_err *e)
{
	struct lbadm_dest *d = &r->dest;
	char addr[INET6_ADDRSTRLEN + 2];
	size_t i;

	d->fwd = LBVS_FWD_DR;
	for (i = 0; i < sizeof(fwd_opts) / sizeof(fwd_opts[0]); i++)
		if (r->given[fwd_opts[i].id])
			d->fwd = fwd_opts[i].fwd;
	d->weight = LBADM_DEF_WEIGHT;
	if (r->given[O_WEIGHT] &&
	    lbadm_parse_u32("weight", r->arg[O_WEIGHT], 0, LBVS_WEIGHT_MAX,
			    &d->weight, e))
		return -1;
	if (r->given[O_UTHR] &&
	    lbadm_parse_u32("upper threshold", r->arg[O_UTHR], 0,
			    LBVS_THRESH_MAX, &d->u_thresh, e))
		return -1;
	if (r->given[O_LTHR] &&
	    lbadm_parse_u32("lower threshold", r->arg[O_LTHR], 0,
			    LBVS_THRESH_MAX, &d->l_thresh, e))
		return -1;
	/* As IPVS, which refuses it even when the upper one is 0 (none). */
	if (d->l_thresh > d->u_thresh)
		return lbadm_seterr(e, "lower threshold %u is above upper threshold %u",
				    d->l_thresh, d->u_thresh);
	if (conv_tun(r, e))
		return -1;
	/* Routing and tunnelling cannot map ports (ipvsadm rewrites it). */
	if (!r->svc.fwmark && (d->fwd == LBVS_FWD_DR || d->fwd == LBVS_FWD_TUN) &&
	    d->port != r->svc.port) {
		lbadm_fmt_addr(&d->addr, 1, addr, sizeof(addr));
		return lbadm_seterr(e, "port %u of %s server %s must equal the service port %u (DR and TUN cannot map ports)",
				    d->port, d->fwd == LBVS_FWD_DR ?
				    "direct-routing" : "tunnelled", addr,
				    r->svc.port);
	}
	return 0;
}

static const char *af_name(int af)
{
	return af == AF_INET6 ? "IPv6" : "IPv4";
}

/* what "v" (of family af) is not of the service's family. */
static int family_differs(struct lbadm_req *r, const char *what,
			  const char *v, int af, struct lbadm_err *e)
{
	return lbadm_seterr(e, "%s \"%s\" is %s but the service is %s", what, v,
			    af_name(af), af_name(r->svc.af));
}

/* -e --drain N: the server's drain, and nothing else of it. */
static int conv_drain(struct lbadm_req *r, struct lbadm_err *e)
{
	const struct lbadm_opt *o;
	char name[40];

	for (o = lbadm_opts; o->longname; o++)
		if (o->cmd == LC_NONE && o->cmds == DEST_CONF && r->given[o->id])
			return lbadm_seterr(e, "--drain changes nothing else of a server: not with %s",
					    lbadm_opt_name(o, name, sizeof(name)));
	r->dest.has_drain = 1;
	return lbadm_parse_u32("drain time", r->arg[O_DRAIN], 0, LBVS_DRAIN_MAX,
			       &r->dest.drain, e);
}

static int conv_dest(struct lbadm_req *r, struct lbadm_err *e)
{
	struct lbadm_dest *d = &r->dest;
	const char *v = r->arg[O_REAL];
	int has_port;

	if (lbadm_parse_addrport(v, &d->addr, &d->port, &has_port, e))
		return -1;
	if (!has_port)
		d->port = r->svc.port;
	if (r->given[O_DRAIN]) {
		if (conv_drain(r, e))
			return -1;
	} else if ((r->cmd == LC_ADDDEST || r->cmd == LC_EDITDEST) && conv_dest_conf(r, e)) {
		return -1;
	}
	if (d->addr.af != r->svc.af && d->fwd != LBVS_FWD_TUN)
		return family_differs(r, "real server", v, d->addr.af, e);
	return 0;
}

/* -z: a FULLNAT local address, of the service's family. */
static int conv_laddr(struct lbadm_req *r, struct lbadm_err *e)
{
	const char *v = r->arg[O_LADDR];

	if (lbadm_parse_host("local address", v, &r->laddr, e))
		return -1;
	if (r->laddr.af != r->svc.af)
		return family_differs(r, "local address", v, r->laddr.af, e);
	return 0;
}

static int conv_set(struct lbadm_req *r, struct lbadm_err *e)
{
	static const char *const what[] = {
		"tcp timeout", "tcpfin timeout", "udp timeout"
	};
	uint32_t *dst[] = { &r->to.tcp, &r->to.tcp_fin, &r->to.udp };
	int i;

	if (r->npos != 3)
		return lbadm_seterr(e, "--set needs 3 timeouts in seconds: tcp tcpfin udp (got %d)",
				    r->npos);
	for (i = 0; i < 3; i++)
		if (lbadm_parse_u32(what[i], r->pos[i], 0, LBVS_PERSIST_MAX,
				    dst[i], e))
			return -1;
	return 0;
}

/* --start-daemon's and --stop-daemon's state: IPVS's names. */
static int parse_sync_state(const char *v, uint32_t *state,
			    struct lbadm_err *e)
{
	if (!strcmp(v, "master"))
		*state = LBVS_SYNC_STATE_MASTER;
	else if (!strcmp(v, "backup"))
		*state = LBVS_SYNC_STATE_BACKUP;
	else
		return lbadm_seterr(e, "unknown sync daemon state \"%s\" (master backup)",
				    v);
	return 0;
}

/* --mcast-group: an IPv4 or IPv6 multicast address, as ipvsadm's. */
static int parse_mcast_group(const char *v, struct lbadm_addr *a,
			     struct lbadm_err *e)
{
	if (lbadm_parse_host("multicast group", v, a, e))
		return -1;
	if (a->af == AF_INET ? !IN_MULTICAST(ntohl(a->v4.s_addr)) :
	    !IN6_IS_ADDR_MULTICAST(&a->v6))
		return lbadm_seterr(e, "multicast group \"%s\" is not a multicast address",
				    v);
	return 0;
}

/* --sync-peer: a unicast address, each once, all of one family. */
static int parse_sync_peers(const struct lbadm_req *r, struct lbadm_peers *p,
			    struct lbadm_err *e)
{
	struct lbadm_addr *a;
	int i, k;

	for (i = 0; i < r->nmany; i++) {
		a = &p->a[i];
		if (lbadm_parse_host("sync peer", r->many[i], a, e))
			return -1;
		if (a->af == AF_INET ? IN_MULTICAST(ntohl(a->v4.s_addr)) ||
				       !a->v4.s_addr || a->v4.s_addr == INADDR_BROADCAST :
		    IN6_IS_ADDR_MULTICAST(&a->v6) || IN6_IS_ADDR_UNSPECIFIED(&a->v6))
			return lbadm_seterr(e, "sync peer \"%s\" is not a unicast address",
					    r->many[i]);
		if (a->af != p->a[0].af)
			return lbadm_seterr(e, "sync peer \"%s\" is not of the family of \"%s\"",
					    r->many[i], r->many[0]);
		for (k = 0; k < i; k++)
			if (!memcmp(a->b, p->a[k].b, a->af == AF_INET6 ? 16 : 4))
				return lbadm_seterr(e, "sync peer \"%s\" is given twice",
						    r->many[i]);
	}
	p->n = (uint8_t)r->nmany;
	if (p->n && (r->given[O_MCASTGROUP] || r->given[O_MCASTTTL]))
		return lbadm_seterr(e, "--sync-peer replaces the group: no %s with it",
				    r->given[O_MCASTGROUP] ? "--mcast-group" : "--mcast-ttl");
	return 0;
}

/*
 * --start-daemon, --stop-daemon: ipvsadm's values and ranges. The
 * interface is ipvsadm's default when not given; the sync ID is 0.
 */
static int conv_daemon(struct lbadm_req *r, struct lbadm_err *e)
{
	struct lbadm_daemon *d = &r->daemon;
	const char *ifn = r->given[O_MCASTIF] ? r->arg[O_MCASTIF] :
			  LBADM_DEF_MCAST_IFN;
	uint32_t v;

	if (parse_sync_state(r->cmd_arg, &d->state, e))
		return -1;
	if (r->given[O_SYNCID] &&
	    lbadm_parse_u32("sync ID", r->arg[O_SYNCID], 0, 255, &d->syncid, e))
		return -1;
	if (r->cmd == LC_STOPD)
		return 0;
	if (!ifn[0])
		return lbadm_seterr(e, "empty interface name (--mcast-interface)");
	if (strlen(ifn) >= sizeof(d->ifname))
		return lbadm_seterr(e, "interface name \"%s\" is longer than %zu characters",
				    ifn, sizeof(d->ifname) - 1);
	memcpy(d->ifname, ifn, strlen(ifn) + 1);
	/* The largest UDP payload of an IPv4 datagram, as ipvsadm's. */
	if (r->given[O_SYNCMAXLEN]) {
		if (lbadm_parse_u32("sync message length", r->arg[O_SYNCMAXLEN],
				    1, 65535 - 20 - 8, &v, e))
			return -1;
		d->maxlen = (uint16_t)v;
	}
	if (r->given[O_MCASTGROUP] &&
	    parse_mcast_group(r->arg[O_MCASTGROUP], &d->group, e))
		return -1;
	if (r->given[O_MCASTPORT]) {
		if (lbadm_parse_u32("multicast port", r->arg[O_MCASTPORT], 1,
				    65535, &v, e))
			return -1;
		d->port = (uint16_t)v;
	}
	if (r->given[O_MCASTTTL]) {
		if (lbadm_parse_u32("multicast TTL", r->arg[O_MCASTTTL], 1, 255,
				    &v, e))
			return -1;
		d->ttl = (uint8_t)v;
	}
	if (r->given[O_SYNCKEY]) {
		if (lbadm_read_key(r->arg[O_SYNCKEY], d->key, sizeof(d->key), e))
			return -1;
		d->auth = 1;
	}
	return parse_sync_peers(r, &d->peers, e);
}

/*
 * Listings other than services': -L --daemon (the daemons, with their
 * counters on a line of their own if --stats; ipvsadm refuses the listing
 * options of services with it) and -L --drops (the namespace's drops, or
 * the service's given).
 */
static const struct {
	int id;
	const char *opt, *what;
	int stats;	/* --stats allowed */
	int svc;	/* a service may be given */
} list_kinds[] = {
	{ O_DAEMON, "--daemon", "sync daemons", 1, 0 },
	{ O_DROPS, "--drops", "drops", 0, 1 },
};

static int check_list_kind(struct lbadm_req *r, struct lbadm_err *e)
{
	const struct lbadm_opt *o;
	char name[40];
	size_t k;

	for (k = 0; k < sizeof(list_kinds) / sizeof(list_kinds[0]); k++)
		if (r->given[list_kinds[k].id])
			break;
	if (k == sizeof(list_kinds) / sizeof(list_kinds[0]))
		return 0;
	for (o = lbadm_opts; o->longname; o++)
		if (o->cmd == LC_NONE && r->given[o->id] &&
		    (o->id == O_RATE || o->id == O_THRESH || o->id == O_PCONN ||
		     o->id == O_PROM || (o->id == O_STATS && !list_kinds[k].stats)))
			return lbadm_seterr(e, "%s lists services, not %s (%s)",
					    lbadm_opt_name(o, name, sizeof(name)),
					    list_kinds[k].what, list_kinds[k].opt);
	if (r->slot_opt[S_SVC] && !list_kinds[k].svc)
		return lbadm_seterr(e, "%s lists %s, not a service (%s)",
				    list_kinds[k].opt, list_kinds[k].what,
				    r->arg[r->slot_opt[S_SVC]->id]);
	return 0;
}

static const struct {
	int id;
	unsigned int fmt;
} fmt_opts[] = {
	{ O_NUMERIC, LBADM_FMT_NUMERIC }, { O_STATS, LBADM_FMT_STATS },
	{ O_RATE, LBADM_FMT_RATE }, { O_THRESH, LBADM_FMT_THRESH },
	{ O_PCONN, LBADM_FMT_PCONN }, { O_EXACT, LBADM_FMT_EXACT },
	{ O_NOSORT, LBADM_FMT_NOSORT }, { O_JSON, LBADM_FMT_JSON },
	{ O_PROM, LBADM_FMT_PROM }, { O_TUNINFO, LBADM_FMT_TUNINFO },
};

static void set_fmt(struct lbadm_req *r)
{
	size_t i;

	for (i = 0; i < sizeof(fmt_opts) / sizeof(fmt_opts[0]); i++)
		if (r->given[fmt_opts[i].id])
			r->fmt |= fmt_opts[i].fmt;
}

/* The options set_fmt() looks for: most lines have none. */
#define FMT_IDS		(ID(O_NUMERIC) | ID(O_STATS) | ID(O_RATE) | ID(O_THRESH) | \
			 ID(O_PCONN) | ID(O_EXACT) | ID(O_NOSORT) | ID(O_JSON) | \
			 ID(O_PROM) | ID(O_TUNINFO))

static int convert(struct lbadm_req *r, struct lbadm_err *e)
{
	if (r->given_ids & FMT_IDS)
		set_fmt(r);
	if (r->cmd == LC_SAVE)
		r->fmt |= LBADM_FMT_RULE;
	if (r->cmd == LC_LIST && check_list_kind(r, e))
		return -1;
	if (r->cmd == LC_LIST && (r->given[O_CONN] || r->given[O_TIMEOUT]) &&
	    (r->given[O_STATS] || r->given[O_RATE] || r->given[O_THRESH]))
		return lbadm_seterr(e, "--stats, --rate and --thresholds list services, not %s",
				    r->given[O_CONN] ? "connections (-c)" :
				    "timeouts (--timeout)");
	if (r->given[O_PROM] && (r->given[O_CONN] || r->given[O_TIMEOUT]))
		return lbadm_seterr(e, "--prometheus lists services, not %s",
				    r->given[O_CONN] ? "connections (-c)" :
				    "timeouts (--timeout)");
	/* A service selects what -L and -L -c list; timeouts have none. */
	if (r->cmd == LC_LIST && r->given[O_TIMEOUT] && r->slot_opt[S_SVC])
		return lbadm_seterr(e, "--timeout lists timeouts, not a service (%s)",
				    r->arg[r->slot_opt[S_SVC]->id]);
	if (r->cmd == LC_SET)
		return conv_set(r, e);
	if (r->npos)
		return lbadm_seterr(e, "unexpected argument \"%s\"", r->pos[0]);
	if (r->cmd == LC_STARTD || r->cmd == LC_STOPD)
		return conv_daemon(r, e);
	if (conv_service(r, e))
		return -1;
	if ((r->cmd == LC_ADD || r->cmd == LC_EDIT) && conv_svc_conf(r, e))
		return -1;
	/* -L -c and --flush-conns: a server of a service, if any. */
	if (r->given[O_REAL] && (r->cmd == LC_LIST || r->cmd == LC_FLUSHCONN)) {
		if (r->cmd == LC_LIST && !r->given[O_CONN])
			return lbadm_seterr(e, "-r/--real-server with -L needs -c/--connection");
		if (!r->has_svc)
			return lbadm_seterr(e, "-r/--real-server needs a service (-t, -u or -f)");
	}
	if (r->given[O_REAL] && conv_dest(r, e))
		return -1;
	if (r->given[O_LADDR] && conv_laddr(r, e))
		return -1;
	return 0;
}

/*
 * memset() behind a call gcc does not look through: at this constant size
 * it would inline it as rep stosq, an instruction per 8 bytes, where
 * libc's vector memset() takes about half as many (-R parses 110,000
 * lines into a struct lbadm_req).
 */
__attribute__((noipa)) static void zero(void *p, size_t n)
{
	memset(p, 0, n);
}

int lbadm_parse_args(int argc, char **argv, struct lbadm_req *req,
		     struct lbadm_err *e)
{
	if (!idx.ready)
		index_opts();
	zero(req, sizeof(*req));
	if (collect(argc, argv, req, e))
		return -1;
	if (req->cmd == LC_HELP || req->cmd == LC_VERSION)
		return 0;
	if (req->cmd == LC_NONE) {
		if (argc == 0) {	/* bare "lbadm" lists, like ipvsadm */
			req->cmd = LC_LIST;
			req->cmd_opt = find_short('L');
			return 0;
		}
		return lbadm_seterr(e, "no command given (one of -A -E -D -C -a -e -d -P -Q -G -L -Z --set -S -R -h)");
	}
	if (!table_ok(req) && check_table(req, e))
		return -1;
	return convert(req, e);
}

void lbadm_usage(FILE *f)
{
	const struct lbadm_opt *o;
	char cell[64], nm[8];
	int col = 0;

	fputs("Usage: lbadm COMMAND [SERVICE] [OPTIONS]   ipvsadm syntax; -h help, -v version\n"
	      "  -A|-E SERVICE [-s sched [-b flags]] [-p [timeout]] [-M netmask]  add|edit\n"
	      "  -D SERVICE  delete service  -C  clear all  --flush-conns [SERVICE [-r addr]]\n"
	      "  -a|-e SERVICE -r addr[:port] [-g|-i|-m|-F] [-w n] [-x n] [-y n]  add|edit\n"
	      "  -d SERVICE -r addr[:port]  delete real server   -Z [SERVICE]  zero counters\n"
	      "  -P|-Q SERVICE -z addr  add|delete FULLNAT local address   -G [SERVICE]  list\n"
	      "  -L|-l [SERVICE|-c [SERVICE [-r addr]]|--timeout|--daemon] [-n] [--stats|...]\n"
	      "  --set tcp tcpfin udp  timeouts  -S [-n] save  -R restore  --monitor [-c]\n"
	      "  --start-daemon|--stop-daemon master|backup [--mcast-interface if] [--syncid n]\n"
	      "SERVICE: -t|-u addr[:port] (192.0.2.1:80, [2001:db8::1]:80) | -f mark [-6]\n",
	      f);
	for (o = lbadm_opts; o->longname; o++) {
		if (o->cmd != LC_NONE || !o->help)
			continue;
		snprintf(nm, sizeof(nm), "-%c", o->shortname);
		snprintf(cell, sizeof(cell), " %-2s --%-15s %s",
			 o->shortname ? nm : "", o->longname, o->help);
		fprintf(f, col ? "%s\n" : "%-40s", cell);
		col = !col;
	}
	if (col)
		fputc('\n', f);
	fputs("Exit status: 0 ok, 1 kernel refused or runtime error, 2 usage or parse error\n",
	      f);
}
