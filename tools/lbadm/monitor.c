// SPDX-License-Identifier: GPL-2.0
/*
 * --monitor. An event is the request that made a change (the UAPI header's
 * "events" group), so it is read back into the struct lbadm_req that would
 * have made it, with the readers of replies, and printed as a rule.
 * --monitor -c joins "conns" instead, whose events are entries as -L -c
 * reads them.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <netlink/genl/ctrl.h>

#include "monitor.h"
#include "msg.h"
#include "print.h"

/* Room for an event naming thousands of servers (a -R batch's list). */
#define MON_RCVBUF	(8 << 20)
#define MON_BUF		(1 << 20)

/* The command line's command for a LBVS_CMD_*, or LC_NONE. */
static enum lbadm_cmd cmd_of(int genl_cmd, const struct lbadm_opt **row)
{
	struct lbadm_req r;
	const struct lbadm_opt *o;

	for (r.cmd = LC_NONE; r.cmd < LC__MAX; r.cmd++) {
		if (lbadm_req_cmd(&r) != genl_cmd)
			continue;
		for (o = lbadm_opts; o->longname; o++)
			if (o->cmd == r.cmd) {
				*row = o;
				return r.cmd;
			}
	}
	return LC_NONE;
}

/* One event: a line, or one per server of a list. */
static void print_one(struct nlattr **tb, struct lbadm_req *r, FILE *out,
		      unsigned int fmt)
{
	struct lbadm_event ev;
	struct nlattr *e;
	int rem;

	lbadm_get_event(tb, &ev);
	if (!tb[LBVS_ATTR_EVENT_COMM])
		strcpy(ev.comm, "?");
	r->has_svc = tb[LBVS_ATTR_SERVICE] && !lbadm_get_svc(tb, &r->svc);
	r->given[O_REAL] = tb[LBVS_ATTR_DEST] && !lbadm_get_dest(tb, &r->dest);
	r->given[O_LADDR] = tb[LBVS_ATTR_LADDR] &&
			    !lbadm_get_laddr(tb, &r->laddr);
	lbadm_get_timeouts(tb, &r->to);
	if (tb[LBVS_ATTR_DAEMON] && lbadm_get_daemon(tb, &r->daemon))
		memset(&r->daemon, 0, sizeof(r->daemon));
	if (!tb[LBVS_ATTR_DEST_LIST]) {
		lbadm_print_event(out, r, ev.pid, ev.comm, fmt);
		return;
	}
	nla_for_each_nested(e, tb[LBVS_ATTR_DEST_LIST], rem) {
		tb[LBVS_ATTR_DEST] = e;
		r->given[O_REAL] = !lbadm_get_dest(tb, &r->dest);
		lbadm_print_event(out, r, ev.pid, ev.comm, fmt);
	}
}

/* A connection event: an entry, and no requester. */
static int print_conn(struct nlattr **tb, int cmd, FILE *out, unsigned int fmt)
{
	struct lbadm_conn c;

	if ((cmd != LBVS_CMD_NEW_CONN && cmd != LBVS_CMD_DEL_CONN) ||
	    lbadm_get_conn(tb, &c))
		return -1;
	lbadm_print_conn_event(out, &c, cmd == LBVS_CMD_DEL_CONN, fmt);
	return 0;
}

int lbadm_monitor_print(struct nlmsghdr *h, int family, FILE *out,
			unsigned int fmt)
{
	struct nlattr *tb[LBVS_ATTR_MAX + 1];
	struct genlmsghdr *g = NLMSG_DATA(h);
	struct lbadm_req r;

	if (h->nlmsg_type != family || h->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN ||
	    lbadm_parse_top_hdr(h, tb))
		return -1;
	if (!tb[LBVS_ATTR_EVENT_PID] && tb[LBVS_ATTR_CONN])
		return print_conn(tb, g->cmd, out, fmt);
	memset(&r, 0, sizeof(r));
	r.cmd = cmd_of(g->cmd, &r.cmd_opt);
	if (r.cmd == LC_NONE)
		return -1;
	print_one(tb, &r, out, fmt);
	return 0;
}

static int join(struct lbadm_nl *nl, const char *group, struct lbadm_err *e)
{
	int grp = genl_ctrl_resolve_grp(nl->sk, LBVS_GENL_NAME, group);
	int size = MON_RCVBUF, rc;

	if (grp < 0)
		return lbadm_seterr(e, "--monitor: this lbvs has no \"%s\" events (%s)",
				    group, nl_geterror(grp));
	rc = nl_socket_add_membership(nl->sk, grp);
	if (rc < 0)
		return lbadm_seterr(e, "--monitor: cannot join the \"%s\" group: %s",
				    group, nl_geterror(rc));
	/* Past rmem_max only with CAP_NET_ADMIN: the plain call is the fallback. */
	if (setsockopt(nl_socket_get_fd(nl->sk), SOL_SOCKET, SO_RCVBUFFORCE,
		       &size, sizeof(size)))
		setsockopt(nl_socket_get_fd(nl->sk), SOL_SOCKET, SO_RCVBUF,
			   &size, sizeof(size));
	return 0;
}

int lbadm_monitor(struct lbadm_nl *nl, FILE *out, unsigned int fmt, int conns,
		  struct lbadm_err *e)
{
	static char buf[MON_BUF] __attribute__((aligned(NLMSG_ALIGNTO)));
	struct nlmsghdr *h;
	ssize_t n;

	if (join(nl, conns ? LBVS_GENL_MCGRP_CONNS : LBVS_GENL_MCGRP_EVENTS, e))
		return LBADM_EXIT_RUNTIME;
	for (;;) {
		n = recv(nl_socket_get_fd(nl->sk), buf, sizeof(buf), 0);
		if (n < 0 && errno == ENOBUFS) {
			/* Go on, as ip monitor does, but say what was lost. */
			fprintf(stderr, "lbadm: --monitor: events lost (%s)\n",
				conns ? "receive buffer full, or over net.lbvs.conn_events_rate" :
				"receive buffer full");
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			lbadm_seterr(e, "--monitor: %s", strerror(errno));
			return LBADM_EXIT_RUNTIME;
		}
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n))
			lbadm_monitor_print(h, nl->family, out, fmt);
		if (fflush(out)) {
			lbadm_seterr(e, "--monitor: output: %s", strerror(errno));
			return LBADM_EXIT_RUNTIME;
		}
	}
}
