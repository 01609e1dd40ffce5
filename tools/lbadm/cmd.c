// SPDX-License-Identifier: GPL-2.0
/*
 * Command execution: state changes are one request each; listings gather
 * everything first (info, services, then each service's servers) and print
 * at the end, so a failure never leaves half a table on stdout.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "monitor.h"
#include "msg.h"
#include "fmt.h"
#include "parse.h"
#include "print.h"
#include "prom.h"

void lbadm_svc_desc(const struct lbadm_svc *s, char *buf, size_t len)
{
	char ap[64];

	if (s->fwmark) {
		snprintf(buf, len, "FWM %u%s", s->fwmark,
			 s->af == AF_INET6 ? " IPv6" : "");
		return;
	}
	lbadm_fmt_addrport(&s->addr, s->port, ap, sizeof(ap));
	snprintf(buf, len, "%s %s", lbadm_proto_name(s->protocol), ap);
}

/* Prefixes e with what failed: "add service TCP 192.0.2.1:80: why". */
static int fail(struct lbadm_err *e, const char *what)
{
	char why[sizeof(e->msg)];

	snprintf(why, sizeof(why), "%s", e->msg);
	lbadm_seterr(e, "%s: %s", what, why);
	return LBADM_EXIT_RUNTIME;
}

/* descs[].item: 0 none, 1 the real server or local address, or: */
#define ITEM_DAEMON	2	/* "master sync daemon" */

/*
 * What each command does, for messages: "VERB[ ITEM][LINK SERVICE]";
 * without a service, NONE instead of LINK SERVICE.
 */
static const struct {
	const char *verb, *link, *none;
	int item;
} descs[LC__MAX] = {
	[LC_ADD] = { "add service", " ", "", 0 },
	[LC_EDIT] = { "edit service", " ", "", 0 },
	[LC_DEL] = { "delete service", " ", "", 0 },
	[LC_FLUSH] = { "clear", "", "", 0 },
	[LC_ADDDEST] = { "add real server", " to ", "", 1 },
	[LC_EDITDEST] = { "edit real server", " of ", "", 1 },
	[LC_DELDEST] = { "delete real server", " from ", "", 1 },
	[LC_SET] = { "set timeouts", "", "", 0 },
	[LC_ZERO] = { "zero counters", " of ", "", 0 },
	[LC_ADDLADDR] = { "add local address", " to ", "", 1 },
	[LC_DELLADDR] = { "delete local address", " from ", "", 1 },
	[LC_GETLADDR] = { "list local addresses", " of ", "", 0 },
	[LC_FLUSHCONN] = { "flush connections", " of ", "", 1 },
	[LC_LIST] = { "list service", " ", "s", 0 },
	[LC_SAVE] = { "list service", " ", "s", 0 },
	[LC_STARTD] = { "start", "", "", ITEM_DAEMON },
	[LC_STOPD] = { "stop", "", "", ITEM_DAEMON },
};

/*
 * ipvsadm's own messages for a command refused with an errno (its
 * ipvs_strerror()'s), which replace the kernel's so that the reason reads
 * as with ipvsadm. The others are the kernel's extended ACK, or strerror.
 */
static const struct {
	enum lbadm_cmd cmd;
	int err;
	const char *msg;
} ipvsadm_errs[] = {
	{ LC_STARTD, EEXIST, "Daemon has already run" },
	{ LC_STOPD, ESRCH, "No daemon is running" },
};

/* e becomes ipvsadm's message if it has one for r's refusal with -rc. */
static void ipvsadm_err(const struct lbadm_req *r, int rc, struct lbadm_err *e)
{
	size_t i;

	for (i = 0; i < sizeof(ipvsadm_errs) / sizeof(ipvsadm_errs[0]); i++)
		if (ipvsadm_errs[i].cmd == r->cmd && -ipvsadm_errs[i].err == rc)
			lbadm_seterr(e, "%s", ipvsadm_errs[i].msg);
}

void lbadm_describe(const struct lbadm_req *r, char *buf, size_t len)
{
	char svc[96] = "", item[64] = "";

	if (!descs[r->cmd].verb) {
		snprintf(buf, len, "request");
		return;
	}
	if (r->has_svc)
		lbadm_svc_desc(&r->svc, svc, sizeof(svc));
	if (r->given[O_REAL])
		lbadm_fmt_addrport(&r->dest.addr, r->dest.port, item,
				   sizeof(item));
	if (r->given[O_LADDR])
		lbadm_fmt_addr(&r->laddr, 0, item, sizeof(item));
	/* A start names its interface: the kernel's refusal cannot. */
	if (descs[r->cmd].item == ITEM_DAEMON)
		snprintf(item, sizeof(item), "%s sync daemon%s%s",
			 lbadm_sync_state_name(r->daemon.state),
			 r->cmd == LC_STARTD ? " on " : "",
			 r->cmd == LC_STARTD ? r->daemon.ifname : "");
	snprintf(buf, len, "%s%s%s%s%s", descs[r->cmd].verb,
		 descs[r->cmd].item ? " " : "", descs[r->cmd].item ? item : "",
		 r->has_svc ? descs[r->cmd].link : descs[r->cmd].none, svc);
}

/*
 * The forwarding method of the real server -e names, as the kernel has it,
 * or -1 (not found, or the listing failed: the edit itself will say why).
 */
static long current_fwd(struct lbadm_nl *nl, const struct lbadm_req *r)
{
	struct lbadm_table t;
	struct lbadm_err ignored;
	const struct lbadm_dest *d;
	long fwd = -1;
	size_t i;

	if (lbadm_fetch(nl, &r->svc, &t, LBADM_FETCH_DESTS, &ignored))
		return -1;
	for (i = 0; t.n && i < t.v[0].n_dests; i++) {
		d = &t.v[0].dests[i];
		if (d->port == r->dest.port &&
		    !lbadm_cmp_addr(&d->addr, &r->dest.addr))
			fwd = d->fwd;
	}
	lbadm_table_free(&t);
	return fwd;
}

/*
 * ipvsadm's -e without -g/-i/-m/-F sets the default, -g: an edit of a
 * weight turns a NAT server into a DR one without a word. lbadm keeps the
 * rule (scripts rely on it) but says so.
 */
static void warn_implicit_fwd(const struct lbadm_req *r, long was,
			      const char *what)
{
	if (was < 0 || (uint32_t)was == r->dest.fwd)
		return;
	fprintf(stderr, "lbadm: warning: %s: forwarding changed from %s to %s (no -g, -i, -m or -F given; -g is the default)\n",
		what, lbadm_fwd_name(was), lbadm_fwd_name(r->dest.fwd));
}

/* Command cmd (a dump if dump) with r's attributes, each reply to cb. */
static int exec_req(struct lbadm_nl *nl, int cmd, int dump, const struct lbadm_req *r,
		    lbadm_nl_cb cb, void *arg, struct lbadm_err *e)
{
	struct nl_msg *m = lbadm_nl_msg(nl, cmd, dump);

	if (!m || lbadm_put_req(m, r)) {
		nlmsg_free(m);
		lbadm_seterr(e, "cannot build the netlink message");
		return -1;
	}
	return lbadm_nl_exec(nl, m, cb, arg, e);
}

static int run_change(struct lbadm_nl *nl, const struct lbadm_req *r,
		      struct lbadm_err *e)
{
	long was = r->cmd == LC_EDITDEST && !(r->slots & ((uint64_t)1 << S_FWD)) &&
		   !r->dest.has_drain ?
		   current_fwd(nl, r) : -1;
	char what[256];
	int rc;

	lbadm_describe(r, what, sizeof(what));
	rc = exec_req(nl, lbadm_req_cmd(r), 0, r, NULL, NULL, e);
	if (rc) {
		ipvsadm_err(r, rc, e);
		return fail(e, what);
	}
	warn_implicit_fwd(r, was, what);
	return LBADM_EXIT_OK;
}

/*
 * Appends a zeroed element of size bytes to the array *vp of *n elements
 * (capacity *cap): its address, or NULL (out of memory, array unchanged).
 */
static inline void *push(void *vp, size_t *n, size_t *cap, size_t size)
{
	void **v = vp;
	void *q;

	if (*n == *cap) {
		q = realloc(*v, (*cap ? *cap * 2 : 16) * size);
		if (!q)
			return NULL;
		*v = q;
		*cap = *cap ? *cap * 2 : 16;
	}
	q = (char *)*v + (*n)++ * size;
	memset(q, 0, size);
	return q;
}

static int got_svc(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[LBVS_ATTR_MAX + 1];
	struct lbadm_table *l = arg;
	struct lbadm_svc_entry *se;

	if (lbadm_parse_top_hdr(h, tb))
		return -1;
	se = push(&l->v, &l->n, &l->cap, sizeof(*se));
	return se && !lbadm_get_svc(tb, &se->svc) ? 0 : -1;
}

/* Copies se's run of servers to the end of t->dests (a hole stays behind). */
static int move_run(struct lbadm_table *t, struct lbadm_svc_entry *se)
{
	size_t from = se->dest_first, k;
	struct lbadm_dest *d;

	se->dest_first = t->n_dests;
	for (k = 0; k < se->n_dests; k++) {
		d = push(&t->dests, &t->n_dests, &t->dest_cap, sizeof(*d));
		if (!d)
			return -1;
		*d = t->dests[from + k];
	}
	return 0;
}

/*
 * Appends the server of reply tb to se's run in t->dests. The array moves
 * as it grows, so the run is an index until link_dests(). Replies come
 * grouped by service, so se's run is the last one; should they not be, the
 * run moves to the end.
 */
static int add_dest(struct lbadm_table *t, struct lbadm_svc_entry *se,
		    struct nlattr **tb)
{
	struct lbadm_dest *d;

	if (!se->n_dests)
		se->dest_first = t->n_dests;
	else if (se->dest_first + se->n_dests != t->n_dests && move_run(t, se))
		return -1;
	d = push(&t->dests, &t->n_dests, &t->dest_cap, sizeof(*d));
	if (!d)
		return -1;
	se->n_dests++;
	return lbadm_get_dest(tb, d) ? -1 : 0;
}

/* Appends the pool address of reply tb to se. */
static int add_laddr(struct lbadm_table *t, struct lbadm_svc_entry *se,
		     struct nlattr **tb)
{
	struct lbadm_addr *a = push(&se->laddrs, &se->n_laddrs,
				    &se->laddr_cap, sizeof(*a));

	(void)t;	/* only servers go to the table's shared array */
	return a && !lbadm_get_laddr(tb, a) ? 0 : -1;
}

typedef int (*add_fn)(struct lbadm_table *t, struct lbadm_svc_entry *se,
		      struct nlattr **tb);

/*
 * Where the replies of a dump go: the one service of a dump with a
 * selector, or (n > 1) the services of a table, sorted by key, each reply
 * filed by the service key it carries.
 */
struct filer {
	struct lbadm_table *t;
	struct lbadm_svc_entry **v;
	size_t n;
	struct lbadm_svc_entry *tab;	/* the n in the order of the dumps */
	add_fn add;
	struct lbadm_svc_entry *last;	/* replies come grouped by service */
	uint16_t key_len;		/* last's key as the replies carry it */
	char key[64];
};

static int cmp_ref(const void *a, const void *b)
{
	return lbadm_cmp_svc_entry(*(void *const *)a, *(void *const *)b);
}

/*
 * Whether nest holds the same bytes as the key of the last reply's: then
 * it names the same service, and need not be parsed and looked up again
 * (a listing's 100,000 servers come in runs of one service's).
 */
static int same_key(const struct filer *f, const struct nlattr *nest)
{
	return f->key_len && nest && nest->nla_len == f->key_len &&
	       !memcmp(nest, f->key, f->key_len);
}

static void keep_key(struct filer *f, const struct nlattr *nest)
{
	f->key_len = 0;
	if (nest && nest->nla_len <= sizeof(f->key)) {
		memcpy(f->key, nest, nest->nla_len);
		f->key_len = nest->nla_len;
	}
}

/*
 * The service of key: the last one's, or the next in the order of the
 * dumps (the kernel lists services in one order), or else one found by
 * its key. NULL if none has it.
 */
static struct lbadm_svc_entry *find(const struct filer *f,
				    struct lbadm_svc_entry *key)
{
	struct lbadm_svc_entry *next = f->last ? f->last + 1 : f->tab, **hit;

	if (f->last && !lbadm_cmp_svc_entry(f->last, key))
		return f->last;
	if (next < f->tab + f->n && !lbadm_cmp_svc_entry(next, key))
		return next;
	hit = bsearch(&key, f->v, f->n, sizeof(*f->v), cmp_ref);
	return hit ? *hit : NULL;
}

static int got_item(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[LBVS_ATTR_MAX + 1];
	struct lbadm_svc_entry key;
	struct filer *f = arg;

	if (lbadm_parse_top_hdr(h, tb))
		return -1;
	if (f->n == 1)
		return f->add(f->t, f->v[0], tb);
	if (same_key(f, tb[LBVS_ATTR_SERVICE]))
		return f->add(f->t, f->last, tb);
	memset(&key, 0, sizeof(key));
	if (lbadm_get_svc(tb, &key.svc))
		return -1;
	f->last = find(f, &key);
	if (!f->last)
		return -1;
	keep_key(f, tb[LBVS_ATTR_SERVICE]);
	return f->add(f->t, f->last, tb);
}

static int got_info(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[LBVS_ATTR_MAX + 1];

	if (lbadm_parse_top_hdr(h, tb))
		return -1;
	lbadm_get_info(tb, arg);
	return 0;
}

static int got_timeouts(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[LBVS_ATTR_MAX + 1];

	if (lbadm_parse_top_hdr(h, tb))
		return -1;
	lbadm_get_timeouts(tb, arg);
	return 0;
}

/*
 * A request carrying at most a service selector, replies through cb;
 * without counters if no_stats and the kernel knows LBVS_ATTR_NO_STATS
 * (an older one refuses the attribute: -EINVAL, asked again without).
 */
static int query(struct lbadm_nl *nl, int cmd, int dump,
		 const struct lbadm_svc *sel, int no_stats, lbadm_nl_cb cb,
		 void *arg, struct lbadm_err *e)
{
	struct nl_msg *m = lbadm_nl_msg(nl, cmd, dump);
	int rc;

	no_stats = no_stats && nl->no_stats >= 0;
	if (!m || (sel && lbadm_put_svc(m, sel, 0) < 0) ||
	    (no_stats && nla_put_flag(m, LBVS_ATTR_NO_STATS))) {
		nlmsg_free(m);
		lbadm_seterr(e, "cannot build the netlink message");
		return -1;
	}
	rc = lbadm_nl_exec(nl, m, cb, arg, e);
	if (rc == -EINVAL && no_stats) {
		nl->no_stats = -1;
		rc = query(nl, cmd, dump, sel, 0, cb, arg, e);
	}
	return rc;
}

void lbadm_table_free(struct lbadm_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].laddrs);
	free(t->v);
	free(t->dests);
	memset(t, 0, sizeof(*t));
}

/* The dump cmd for service se of t alone (its selector), into se by add. */
static int fetch_one(struct lbadm_nl *nl, int cmd, struct lbadm_table *t,
		     struct lbadm_svc_entry *se, add_fn add, int no_stats,
		     struct lbadm_err *e)
{
	struct filer f = { .t = t, .v = &se, .n = 1, .add = add };

	return query(nl, cmd, 1, &se->svc, no_stats, got_item, &f, e);
}

/*
 * The dump cmd without a service (t->n > 1): every item of every service
 * in one dump, each reply carrying its service's key. -EINVAL when the
 * kernel only dumps one service at a time.
 */
static int fetch_all(struct lbadm_nl *nl, int cmd, struct lbadm_table *t,
		     add_fn add, int no_stats, struct lbadm_err *e)
{
	struct filer f = { .t = t, .n = t->n, .tab = t->v, .add = add };
	size_t i;
	int rc;

	f.v = malloc(t->n * sizeof(*f.v));
	if (!f.v) {
		lbadm_seterr(e, "out of memory");
		return -ENOMEM;
	}
	for (i = 0; i < t->n; i++)
		f.v[i] = &t->v[i];
	lbadm_sort(f.v, f.n, sizeof(*f.v), cmp_ref);
	rc = query(nl, cmd, 1, NULL, no_stats, got_item, &f, e);
	free(f.v);
	return rc;
}

/* The servers of the services of t: one dump if it can, else one each. */
static int fetch_dests(struct lbadm_nl *nl, struct lbadm_table *t,
		       int no_stats, struct lbadm_err *e)
{
	size_t i;
	int rc = 0;

	if (t->n > 1 && nl->all_dests >= 0) {
		rc = fetch_all(nl, LBVS_CMD_GET_DEST, t, add_dest, no_stats, e);
		if (rc != -EINVAL)
			return rc;
		nl->all_dests = -1;	/* not supported: one dump each */
		for (i = 0; i < t->n; i++)
			t->v[i].n_dests = 0;
		t->n_dests = 0;
		rc = 0;
	}
	for (i = 0; !rc && i < t->n; i++)
		rc = fetch_one(nl, LBVS_CMD_GET_DEST, t, &t->v[i], add_dest,
			       no_stats, e);
	return rc;
}

/* t->dests has stopped moving: each service's run index becomes dests. */
static void link_dests(struct lbadm_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		t->v[i].dests = t->v[i].n_dests ?
				t->dests + t->v[i].dest_first : NULL;
}

/*
 * The FULLNAT pools of the services of t. With LBADM_FETCH_LADDRS_IF, a
 * kernel without pools (no LBVS_CMD_GET_LADDR: -EOPNOTSUPP) has empty ones.
 */
static int fetch_laddrs(struct lbadm_nl *nl, struct lbadm_table *t,
			unsigned int what, struct lbadm_err *e)
{
	int rc = 0;

	if (t->n == 1)
		rc = fetch_one(nl, LBVS_CMD_GET_LADDR, t, &t->v[0], add_laddr,
			       0, e);
	else if (t->n > 1)
		rc = fetch_all(nl, LBVS_CMD_GET_LADDR, t, add_laddr, 0, e);
	return rc == -EOPNOTSUPP && (what & LBADM_FETCH_LADDRS_IF) ? 0 : rc;
}

/* One attempt: the services (or the one of sel), then what they hold. */
static int fetch_once(struct lbadm_nl *nl, const struct lbadm_svc *sel,
		      struct lbadm_table *t, unsigned int what,
		      struct lbadm_err *e)
{
	int no_stats = !(what & LBADM_FETCH_STATS), rc;

	rc = query(nl, LBVS_CMD_GET_SERVICE, !sel, sel, no_stats, got_svc, t,
		   e);
	if (!rc && (what & LBADM_FETCH_DESTS))
		rc = fetch_dests(nl, t, no_stats, e);
	if (!rc)
		link_dests(t);
	if (!rc && (what & (LBADM_FETCH_LADDRS | LBADM_FETCH_LADDRS_IF)))
		rc = fetch_laddrs(nl, t, what, e);
	return rc;
}

#define FETCH_TRIES	5

int lbadm_fetch(struct lbadm_nl *nl, const struct lbadm_svc *sel,
		struct lbadm_table *t, unsigned int what, struct lbadm_err *e)
{
	int rc = 0, i;

	/*
	 * A dump interrupted by a change (NLM_F_DUMP_INTR), or a service
	 * deleted between the service dump and its servers' dump, is an
	 * inconsistent picture: take it again.
	 */
	for (i = 0; i < FETCH_TRIES; i++) {
		memset(t, 0, sizeof(*t));
		rc = fetch_once(nl, sel, t, what, e);
		if (!rc || (rc != -EAGAIN && (sel || rc != -ESRCH)))
			break;
		lbadm_table_free(t);
	}
	if (rc)
		lbadm_table_free(t);
	return rc ? -1 : 0;
}

int lbadm_fetch_timeouts(struct lbadm_nl *nl, struct lbadm_timeouts *t,
			 struct lbadm_err *e)
{
	return query(nl, LBVS_CMD_GET_CONFIG, 0, NULL, 0, got_timeouts, t,
		     e) ? -1 : 0;
}

int lbadm_fetch_info(struct lbadm_nl *nl, struct lbadm_info *i,
		     struct lbadm_err *e)
{
	memset(i, 0, sizeof(*i));
	return query(nl, LBVS_CMD_GET_INFO, 0, NULL, 0, got_info, i, e) ? -1 : 0;
}

/* -L (services), -S (rules) and -G (pools): fetch all, then print. */
static int run_list(struct lbadm_nl *nl, const struct lbadm_req *r, FILE *out,
		    struct lbadm_err *e)
{
	static const unsigned int what[] = {
		[LC_LIST] = LBADM_FETCH_DESTS,
		[LC_SAVE] = LBADM_FETCH_DESTS | LBADM_FETCH_LADDRS_IF,
		[LC_GETLADDR] = LBADM_FETCH_LADDRS,
	};
	struct lbadm_table t;
	struct lbadm_info info = { 0 };
	int banner = !r->has_svc && r->cmd == LC_LIST;
	unsigned int stats = r->fmt & (LBADM_FMT_STATS | LBADM_FMT_RATE |
				       LBADM_FMT_JSON | LBADM_FMT_PROM) ?
			     LBADM_FETCH_STATS : 0;
	char desc[128];

	if (banner && lbadm_fetch_info(nl, &info, e))
		return fail(e, "get info");
	lbadm_describe(r, desc, sizeof(desc));
	if (lbadm_fetch(nl, r->has_svc ? &r->svc : NULL, &t,
			what[r->cmd] | stats, e))
		return fail(e, desc);
	if (r->cmd == LC_GETLADDR)
		lbadm_print_laddrs(out, t.v, t.n, r->fmt);
	else if (r->fmt & LBADM_FMT_PROM)
		lbadm_print_prom(out, banner ? &info : NULL, t.v, t.n);
	else
		lbadm_print_list(out, banner ? &info : NULL, t.v, t.n, r->fmt);
	lbadm_table_free(&t);
	return LBADM_EXIT_OK;
}

struct conn_list {
	struct lbadm_conn *v;
	size_t n, cap;
};

static int got_conn(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[LBVS_ATTR_MAX + 1];
	struct conn_list *l = arg;
	struct lbadm_conn *c;

	if (lbadm_parse_top_hdr(h, tb))
		return -1;
	c = push(&l->v, &l->n, &l->cap, sizeof(*c));
	return c && !lbadm_get_conn(tb, c) ? 0 : -1;
}

static int run_conns(struct lbadm_nl *nl, const struct lbadm_req *r,
		     FILE *out, struct lbadm_err *e)
{
	struct conn_list l = { 0 };
	int rc = LBADM_EXIT_OK;

	/* The service and real server selectors, if any, as a change's. */
	if (exec_req(nl, LBVS_CMD_GET_CONN, 1, r, got_conn, &l, e))
		rc = fail(e, "list connections");
	else
		lbadm_print_conns(out, l.v, l.n, r->fmt);
	free(l.v);
	return rc;
}

struct daemon_list {
	struct lbadm_daemon *v;
	size_t n, cap;
};

static int got_daemon(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[LBVS_ATTR_MAX + 1];
	struct daemon_list *l = arg;
	struct lbadm_daemon *d;

	if (lbadm_parse_top_hdr(h, tb))
		return -1;
	d = push(&l->v, &l->n, &l->cap, sizeof(*d));
	return d && !lbadm_get_daemon(tb, d) ? 0 : -1;
}

/* -L --daemon: the running sync daemons (none: no output). */
static int run_daemons(struct lbadm_nl *nl, const struct lbadm_req *r,
		       FILE *out, struct lbadm_err *e)
{
	struct daemon_list l = { 0 };
	int rc = LBADM_EXIT_OK;

	if (query(nl, LBVS_CMD_GET_DAEMON, 1, NULL, 0, got_daemon, &l, e))
		rc = fail(e, "list sync daemons");
	else
		lbadm_print_daemons(out, l.v, l.n, r->fmt);
	free(l.v);
	return rc;
}

/* -L --drops: the namespace's drops by reason, or a service's. */
static int run_drops(struct lbadm_nl *nl, const struct lbadm_req *r,
		     FILE *out, struct lbadm_err *e)
{
	struct lbadm_info info = { 0 };
	struct lbadm_table t;
	char desc[128];

	if (!r->has_svc) {
		if (lbadm_fetch_info(nl, &info, e))
			return fail(e, "get drop counters");
		lbadm_print_drops(out, info.drops, r->fmt);
		return LBADM_EXIT_OK;
	}
	lbadm_describe(r, desc, sizeof(desc));
	if (lbadm_fetch(nl, &r->svc, &t, LBADM_FETCH_STATS, e))
		return fail(e, desc);
	if (t.n)
		lbadm_print_drops(out, t.v[0].svc.drop_reasons, r->fmt);
	lbadm_table_free(&t);
	return LBADM_EXIT_OK;
}

/* The namespace's timeouts, and in text the services' own. */
static int run_timeouts(struct lbadm_nl *nl, const struct lbadm_req *r,
			FILE *out, struct lbadm_err *e)
{
	struct lbadm_timeouts t = { 0 };
	struct lbadm_table tab = { 0 };

	if (lbadm_fetch_timeouts(nl, &t, e))
		return fail(e, "get timeouts");
	if (!(r->fmt & LBADM_FMT_JSON) && lbadm_fetch(nl, NULL, &tab, 0, e))
		return fail(e, "list services");
	lbadm_print_timeouts(out, &t, tab.v, tab.n, r->fmt);
	lbadm_table_free(&tab);
	return LBADM_EXIT_OK;
}

int lbadm_run(struct lbadm_nl *nl, const struct lbadm_req *r, FILE *out,
	      struct lbadm_err *e)
{

	switch (r->cmd) {
	case LC_LIST:
		if (r->given[O_CONN])
			return run_conns(nl, r, out, e);
		if (r->given[O_TIMEOUT])
			return run_timeouts(nl, r, out, e);
		if (r->given[O_DAEMON])
			return run_daemons(nl, r, out, e);
		if (r->given[O_DROPS])
			return run_drops(nl, r, out, e);
		return run_list(nl, r, out, e);
	case LC_SAVE:
	case LC_GETLADDR:
		return run_list(nl, r, out, e);
	case LC_MONITOR:
		return lbadm_monitor(nl, out, r->fmt, r->given[O_CONN], e);
	default:
		if (lbadm_req_cmd(r) < 0) {
			lbadm_seterr(e, "internal error: command %d", r->cmd);
			return LBADM_EXIT_RUNTIME;
		}
		return run_change(nl, r, e);
	}
}
