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
#include "msg.h"
#include "parse.h"
#include "print.h"

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

void lbadm_describe(const struct lbadm_req *r, char *buf, size_t len)
{
	char svc[96] = "", dest[64] = "";

	if (r->has_svc)
		lbadm_svc_desc(&r->svc, svc, sizeof(svc));
	if (r->given[O_REAL])
		lbadm_fmt_addrport(&r->dest.addr, r->dest.port, dest,
				   sizeof(dest));
	switch (r->cmd) {
	case LC_ADD:	  snprintf(buf, len, "add service %s", svc); break;
	case LC_EDIT:	  snprintf(buf, len, "edit service %s", svc); break;
	case LC_DEL:	  snprintf(buf, len, "delete service %s", svc); break;
	case LC_FLUSH:	  snprintf(buf, len, "clear"); break;
	case LC_ADDDEST:
		snprintf(buf, len, "add real server %s to %s", dest, svc);
		break;
	case LC_EDITDEST:
		snprintf(buf, len, "edit real server %s of %s", dest, svc);
		break;
	case LC_DELDEST:
		snprintf(buf, len, "delete real server %s from %s", dest, svc);
		break;
	case LC_SET:	  snprintf(buf, len, "set timeouts"); break;
	case LC_ZERO:
		snprintf(buf, len, "zero counters%s%s", *svc ? " of " : "",
			 svc);
		break;
	default:	  snprintf(buf, len, "request"); break;
	}
}

static int run_change(struct lbadm_nl *nl, const struct lbadm_req *r,
		      struct lbadm_err *e)
{
	struct nl_msg *m = lbadm_nl_msg(nl, lbadm_req_cmd(r), 0);
	char what[256];

	lbadm_describe(r, what, sizeof(what));
	if (!m || lbadm_put_req(m, r)) {
		nlmsg_free(m);
		lbadm_seterr(e, "cannot build the netlink message");
		return fail(e, what);
	}
	if (lbadm_nl_exec(nl, m, NULL, NULL, e))
		return fail(e, what);
	return LBADM_EXIT_OK;
}

/* Growable array of n elements of size bytes. */
static void *grow(void *p, size_t *cap, size_t n, size_t size)
{
	void *q;

	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 16;
	q = realloc(p, *cap * size);
	if (!q) {
		free(p);
		*cap = 0;
	}
	return q;
}

static int got_svc(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[LBVS_ATTR_MAX + 1];
	struct lbadm_table *l = arg;

	if (lbadm_parse_top_hdr(h, tb))
		return -1;
	l->v = grow(l->v, &l->cap, l->n, sizeof(*l->v));
	if (!l->v)
		return -1;
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	if (lbadm_get_svc(tb, &l->v[l->n].svc))
		return -1;
	l->n++;
	return 0;
}

/* Appends the server of reply tb to se. */
static int add_dest(struct lbadm_svc_entry *se, struct nlattr **tb)
{
	se->dests = grow(se->dests, &se->dest_cap, se->n_dests,
			 sizeof(*se->dests));
	if (!se->dests) {
		se->n_dests = 0;
		return -1;
	}
	if (lbadm_get_dest(tb, &se->dests[se->n_dests]))
		return -1;
	se->n_dests++;
	return 0;
}

static int got_dest(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[LBVS_ATTR_MAX + 1];

	if (lbadm_parse_top_hdr(h, tb))
		return -1;
	return add_dest(arg, tb);
}

/* The services of a table by key, to file the servers of a full dump. */
struct svc_index {
	struct lbadm_svc_entry **v;
	size_t n;
};

static int cmp_ref(const void *a, const void *b)
{
	return lbadm_cmp_svc_entry(*(void *const *)a, *(void *const *)b);
}

static int got_any_dest(struct nlmsghdr *h, void *arg)
{
	struct nlattr *tb[LBVS_ATTR_MAX + 1];
	struct lbadm_svc_entry key, *kp = &key, **hit;
	struct svc_index *ix = arg;

	memset(&key, 0, sizeof(key));
	if (lbadm_parse_top_hdr(h, tb) || lbadm_get_svc(tb, &key.svc))
		return -1;
	hit = bsearch(&kp, ix->v, ix->n, sizeof(*ix->v), cmp_ref);
	return hit ? add_dest(*hit, tb) : -1;
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

/* A request carrying at most a service selector, replies through cb. */
static int query(struct lbadm_nl *nl, int cmd, int dump,
		 const struct lbadm_svc *sel, lbadm_nl_cb cb, void *arg,
		 struct lbadm_err *e)
{
	struct nl_msg *m = lbadm_nl_msg(nl, cmd, dump);

	if (!m || (sel && lbadm_put_svc(m, sel, 0) < 0)) {
		nlmsg_free(m);
		lbadm_seterr(e, "cannot build the netlink message");
		return -1;
	}
	return lbadm_nl_exec(nl, m, cb, arg, e);
}

void lbadm_table_free(struct lbadm_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].dests);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

/*
 * Every server of every service in one dump: LBVS_CMD_GET_DEST without a
 * service, each reply carrying its service's key. Returns -EINVAL when the
 * kernel only dumps one service's servers at a time.
 */
static int fetch_all_dests(struct lbadm_nl *nl, struct lbadm_table *t,
			   struct lbadm_err *e)
{
	struct svc_index ix = { .n = t->n };
	size_t i;
	int rc;

	ix.v = malloc(t->n * sizeof(*ix.v));
	if (!ix.v) {
		lbadm_seterr(e, "out of memory");
		return -ENOMEM;
	}
	for (i = 0; i < t->n; i++)
		ix.v[i] = &t->v[i];
	qsort(ix.v, ix.n, sizeof(*ix.v), cmp_ref);
	rc = query(nl, LBVS_CMD_GET_DEST, 1, NULL, got_any_dest, &ix, e);
	free(ix.v);
	return rc;
}

/* One attempt: the services (or the one of sel), then their servers. */
static int fetch_once(struct lbadm_nl *nl, const struct lbadm_svc *sel,
		      struct lbadm_table *t, struct lbadm_err *e)
{
	size_t i;
	int rc;

	rc = query(nl, LBVS_CMD_GET_SERVICE, !sel, sel, got_svc, t, e);
	if (!rc && !sel && t->n > 1 && nl->all_dests >= 0) {
		rc = fetch_all_dests(nl, t, e);
		if (rc != -EINVAL)
			return rc;
		nl->all_dests = -1;	/* not supported: one dump each */
		for (i = 0; i < t->n; i++)
			t->v[i].n_dests = 0;
		rc = 0;
	}
	for (i = 0; !rc && i < t->n; i++)
		rc = query(nl, LBVS_CMD_GET_DEST, 1, &t->v[i].svc, got_dest,
			   &t->v[i], e);
	return rc;
}

#define FETCH_TRIES	5

int lbadm_fetch(struct lbadm_nl *nl, const struct lbadm_svc *sel,
		struct lbadm_table *t, struct lbadm_err *e)
{
	int rc = 0, i;

	/*
	 * A dump interrupted by a change (NLM_F_DUMP_INTR), or a service
	 * deleted between the service dump and its servers' dump, is an
	 * inconsistent picture: take it again.
	 */
	for (i = 0; i < FETCH_TRIES; i++) {
		memset(t, 0, sizeof(*t));
		rc = fetch_once(nl, sel, t, e);
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
	return query(nl, LBVS_CMD_GET_CONFIG, 0, NULL, got_timeouts, t, e) ?
		-1 : 0;
}

static int run_list(struct lbadm_nl *nl, const struct lbadm_req *r, FILE *out,
		    struct lbadm_err *e)
{
	struct lbadm_table t;
	struct lbadm_info info = { 0 };
	int banner = !r->has_svc && r->cmd != LC_SAVE;
	char what[128] = "list services";

	if (banner && query(nl, LBVS_CMD_GET_INFO, 0, NULL, got_info, &info, e))
		return fail(e, "get info");
	if (r->has_svc) {
		strcpy(what, "list service ");
		lbadm_svc_desc(&r->svc, what + strlen(what),
			       sizeof(what) - strlen(what));
	}
	if (lbadm_fetch(nl, r->has_svc ? &r->svc : NULL, &t, e))
		return fail(e, what);
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

	if (lbadm_parse_top_hdr(h, tb))
		return -1;
	l->v = grow(l->v, &l->cap, l->n, sizeof(*l->v));
	if (!l->v) {
		l->n = 0;
		return -1;
	}
	if (lbadm_get_conn(tb, &l->v[l->n]))
		return -1;
	l->n++;
	return 0;
}

static int run_conns(struct lbadm_nl *nl, const struct lbadm_req *r,
		     FILE *out, struct lbadm_err *e)
{
	struct conn_list l = { 0 };
	int rc = LBADM_EXIT_OK;

	if (query(nl, LBVS_CMD_GET_CONN, 1, NULL, got_conn, &l, e))
		rc = fail(e, "list connections");
	else
		lbadm_print_conns(out, l.v, l.n, r->fmt);
	free(l.v);
	return rc;
}

int lbadm_run(struct lbadm_nl *nl, const struct lbadm_req *r, FILE *out,
	      struct lbadm_err *e)
{
	struct lbadm_timeouts t = { 0 };

	switch (r->cmd) {
	case LC_LIST:
		if (r->given[O_CONN])
			return run_conns(nl, r, out, e);
		if (r->given[O_TIMEOUT]) {
			if (lbadm_fetch_timeouts(nl, &t, e))
				return fail(e, "get timeouts");
			lbadm_print_timeouts(out, &t, r->fmt);
			return LBADM_EXIT_OK;
		}
		return run_list(nl, r, out, e);
	case LC_SAVE:
		return run_list(nl, r, out, e);
	default:
		if (lbadm_req_cmd(r) < 0) {
			lbadm_seterr(e, "internal error: command %d", r->cmd);
			return LBADM_EXIT_RUNTIME;
		}
		return run_change(nl, r, e);
	}
}
