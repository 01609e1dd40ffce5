/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Netlink message contents, both ways: requests from a parsed command line
 * and replies into plain structs. Needs libnl-3 messages but no socket, so
 * the unit tests build and inspect real messages.
 */
#ifndef LBADM_MSG_H
#define LBADM_MSG_H

#include <netlink/msg.h>
#include <netlink/attr.h>

#include "lbadm.h"
#include "opts.h"

/* LBVS_ATTR_SERVICE: the selector, plus scheduler etc. if conf. */
int lbadm_put_svc(struct nl_msg *m, const struct lbadm_svc *s, int conf);
/* LBVS_ATTR_DEST: address, port, family, plus the rest if conf. */
int lbadm_put_dest(struct nl_msg *m, const struct lbadm_dest *d, int conf);

/* LBVS_ATTR_LADDR: a FULLNAT pool address and its family. */
int lbadm_put_laddr(struct nl_msg *m, const struct lbadm_addr *a);

/* LBVS_ATTR_TIMEOUT_*: --set's timeouts. */
int lbadm_put_timeouts(struct nl_msg *m, const struct lbadm_timeouts *t);

/*
 * The LBVS_CMD_* and attributes for a state-changing command (-A -E -D -C
 * -a -e -d -P -Q -Z --set --flush-conns --start-daemon --stop-daemon).
 * Returns the command, or -1 if r is not one (inline: -R asks twice for
 * each of its 110,000 lines).
 */
static inline int lbadm_req_cmd(const struct lbadm_req *r)
{
	switch (r->cmd) {
	case LC_ADD:		return LBVS_CMD_NEW_SERVICE;
	case LC_EDIT:		return LBVS_CMD_SET_SERVICE;
	case LC_DEL:		return LBVS_CMD_DEL_SERVICE;
	case LC_FLUSH:		return LBVS_CMD_FLUSH;
	case LC_ADDDEST:	return LBVS_CMD_NEW_DEST;
	case LC_EDITDEST:	return LBVS_CMD_SET_DEST;
	case LC_DELDEST:	return LBVS_CMD_DEL_DEST;
	case LC_SET:		return LBVS_CMD_SET_CONFIG;
	case LC_ZERO:		return LBVS_CMD_ZERO;
	case LC_ADDLADDR:	return LBVS_CMD_NEW_LADDR;
	case LC_DELLADDR:	return LBVS_CMD_DEL_LADDR;
	case LC_FLUSHCONN:	return LBVS_CMD_DEL_CONN;
	case LC_STARTD:		return LBVS_CMD_NEW_DAEMON;
	case LC_STOPD:		return LBVS_CMD_DEL_DAEMON;
	default:		return -1;
	}
}

int lbadm_put_req(struct nl_msg *m, const struct lbadm_req *r);

/*
 * The netlink and generic netlink headers of a request at h, as
 * genlmsg_put() writes them (without its three calls into libnl); the
 * message then holds them alone.
 */
void lbadm_put_hdr(struct nlmsghdr *h, int family, int cmd, int flags);

/*
 * m emptied and made r's whole request for family: lbadm_put_hdr() and
 * lbadm_put_req() in one pass (-R builds 110,000). 0, or -1 if r is not a
 * request or m is too small.
 */
int lbadm_req_msg(struct nl_msg *m, int family, const struct lbadm_req *r);

/* Replies; each takes the top-level attribute table (LBVS_ATTR_MAX + 1). */
int lbadm_parse_top(struct nl_msg *m, struct nlattr **tb);
int lbadm_parse_top_hdr(struct nlmsghdr *h, struct nlattr **tb);
int lbadm_get_svc(struct nlattr **tb, struct lbadm_svc *s);
int lbadm_get_dest(struct nlattr **tb, struct lbadm_dest *d);
int lbadm_get_laddr(struct nlattr **tb, struct lbadm_addr *a);
int lbadm_get_conn(struct nlattr **tb, struct lbadm_conn *c);
void lbadm_get_info(struct nlattr **tb, struct lbadm_info *i);
void lbadm_get_timeouts(struct nlattr **tb, struct lbadm_timeouts *t);
void lbadm_get_event(struct nlattr **tb, struct lbadm_event *e);
/* LBVS_ATTR_DAEMON: 0, or -1 if absent or malformed. */
int lbadm_get_daemon(struct nlattr **tb, struct lbadm_daemon *d);

#endif /* LBADM_MSG_H */
