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

static void describe(const struct lbadm_req *r, char *buf, size_t len)
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

	describe(r, what, sizeof(what));
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

struct svc_list {
	struct lbadm_svc_entry *v;
	size_t n, cap;
};

static int got_svc(struct nl_msg *m, void *arg)
{
	struct nlattr *tb[LBVS_ATTR_MAX + 1];
	struct svc_list *l = arg;

	if (lbadm_parse_top(m, tb))
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

struct dest_list {
	struct lbadm_svc_entry *se;
	size_t cap;
};

static int got_dest(struct nl_msg *m, void *arg)
{
	struct nlattr *tb[LBVS_ATTR_MAX + 1];
	struct dest_list *l = arg;
	struct lbadm_svc_entry *se = l->se;

	if (lbadm_parse_top(m, tb))
		return -1;
	se->dests = grow(se->dests, &l->cap, se->n_dests, sizeof(*se->dests));
	if (!se->dests) {
		se->n_dests = 0;
		return -1;
	}
	if (lbadm_get_dest(tb, &se->dests[se->n_dests]))
		return -1;
	se->n_dests++;
	return 0;
}

static int got_info(struct nl_msg *m, void *arg)
{
	struct nlattr *tb[LBVS_ATTR_MAX + 1];

	if (lbadm_parse_top(m, tb))
		return -1;
	lbadm_get_info(tb, arg);
	return 0;
}

static int got_timeouts(struct nl_msg *m, void *arg)
{
	struct nlattr *tb[LBVS_ATTR_MAX + 1];

	if (lbadm_parse_top(m, tb))
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
	return lbadm_nl_exec(nl, m, cb, arg, e) ? -1 : 0;
}

static void free_list(struct svc_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].dests);
	free(l->v);
}

static int run_list(struct lbadm_nl *nl, const struct lbadm_req *r, FILE *out,
		    struct lbadm_err *e)
{
	struct svc_list l = { 0 };
	struct lbadm_info info = { 0 };
	int banner = !r->has_svc && r->cmd != LC_SAVE;
	char what[128] = "list services";
	int rc = LBADM_EXIT_RUNTIME;
	size_t i;

	if (banner && query(nl, LBVS_CMD_GET_INFO, 0, NULL, got_info, &info, e))
		return fail(e, "get info");
	if (r->has_svc) {
		strcpy(what, "list service ");
		lbadm_svc_desc(&r->svc, what + strlen(what),
			       sizeof(what) - strlen(what));
	}
	if (query(nl, LBVS_CMD_GET_SERVICE, !r->has_svc,
		  r->has_svc ? &r->svc : NULL, got_svc, &l, e))
		goto out;
	for (i = 0; i < l.n; i++) {
		struct dest_list dl = { .se = &l.v[i] };

		if (query(nl, LBVS_CMD_GET_DEST, 1, &l.v[i].svc, got_dest, &dl,
			  e))
			goto out;
	}
	lbadm_print_list(out, banner ? &info : NULL, l.v, l.n, r->fmt);
	rc = LBADM_EXIT_OK;
out:
	free_list(&l);
	return rc ? fail(e, what) : rc;
}

struct conn_list {
	struct lbadm_conn *v;
	size_t n, cap;
};

static int got_conn(struct nl_msg *m, void *arg)
{
	struct nlattr *tb[LBVS_ATTR_MAX + 1];
	struct conn_list *l = arg;

	if (lbadm_parse_top(m, tb))
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
			if (query(nl, LBVS_CMD_GET_CONFIG, 0, NULL,
				  got_timeouts, &t, e))
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
