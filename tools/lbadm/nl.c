// SPDX-License-Identifier: GPL-2.0
/*
 * One request at a time, synchronously. Extended ACK is enabled on the
 * socket and parsed by hand from the NLMSG_ERROR message, because libnl's
 * error callback only hands us struct nlmsgerr.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

int lbadm_nl_open(struct lbadm_nl *nl, struct lbadm_err *e)
{
	int one = 1, rc;

	nl->sk = nl_socket_alloc();
	if (!nl->sk)
		return lbadm_seterr(e, "cannot allocate a netlink socket");
	rc = genl_connect(nl->sk);
	if (rc < 0) {
		lbadm_seterr(e, "cannot open a Generic Netlink socket: %s",
			     nl_geterror(rc));
		goto fail;
	}
	/* Best effort: old kernels lack these, the messages just get vaguer. */
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));
	nl_socket_enable_msg_peek(nl->sk);
	nl->family = genl_ctrl_resolve(nl->sk, LBVS_GENL_NAME);
	if (nl->family < 0) {
		lbadm_seterr(e, "lbvs module not loaded (Generic Netlink family %s not found)",
			     LBVS_GENL_NAME);
		goto fail;
	}
	return 0;
fail:
	nl_socket_free(nl->sk);
	nl->sk = NULL;
	return -1;
}

void lbadm_nl_close(struct lbadm_nl *nl)
{
	if (nl->sk)
		nl_socket_free(nl->sk);
	nl->sk = NULL;
}

struct nl_msg *lbadm_nl_msg(struct lbadm_nl *nl, int cmd, int dump)
{
	struct nl_msg *m = nlmsg_alloc();

	if (m && !genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
			      dump ? NLM_F_DUMP : 0, cmd, LBVS_GENL_VERSION)) {
		nlmsg_free(m);
		m = NULL;
	}
	return m;
}

struct xfer {
	lbadm_nl_cb cb;
	void *arg;
	int done;
	int err;		/* negative errno */
	char msg[256];		/* extended ACK text, if any */
};

/* NLMSGERR_ATTR_MSG from the TLVs after struct nlmsgerr, if present. */
static void ext_ack_msg(const struct nlmsgerr *err, struct xfer *x)
{
	const struct nlmsghdr *nlh =
		(const void *)((const char *)err - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = sizeof(*err);
	int len;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += NLMSG_ALIGN(err->msg.nlmsg_len - NLMSG_HDRLEN);
	len = (int)nlh->nlmsg_len - NLMSG_HDRLEN - (int)off;
	if (len <= 0 ||
	    nla_parse(tb, NLMSGERR_ATTR_MAX,
		      (struct nlattr *)((char *)err + off), len, NULL) ||
	    !tb[NLMSGERR_ATTR_MSG])
		return;
	nla_strlcpy(x->msg, tb[NLMSGERR_ATTR_MSG], sizeof(x->msg));
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *err, void *arg)
{
	struct xfer *x = arg;

	(void)who;
	x->err = err->error;
	x->done = 1;
	ext_ack_msg(err, x);
	return NL_STOP;
}

static int on_ack(struct nl_msg *m, void *arg)
{
	struct xfer *x = arg;

	(void)m;
	x->done = 1;
	return NL_STOP;
}

/* NLMSG_DONE of a dump may carry the dump's error as an int. */
static int on_finish(struct nl_msg *m, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(m);
	struct xfer *x = arg;
	int err;

	x->done = 1;
	if (nlmsg_datalen(nlh) >= (int)sizeof(int)) {
		memcpy(&err, nlmsg_data(nlh), sizeof(err));
		if (err < 0)
			x->err = err;
	}
	return NL_STOP;
}

static int on_valid(struct nl_msg *m, void *arg)
{
	struct xfer *x = arg;

	if (x->cb && x->cb(m, x->arg) < 0 && !x->err)
		x->err = -EPROTO;	/* malformed reply; finish reading */
	return NL_OK;
}

int lbadm_nl_exec(struct lbadm_nl *nl, struct nl_msg *m, lbadm_nl_cb cb,
		  void *arg, struct lbadm_err *e)
{
	struct xfer x = { .cb = cb, .arg = arg };
	struct nl_cb *c = nl_cb_alloc(NL_CB_DEFAULT);
	int rc;

	if (!c) {
		nlmsg_free(m);
		lbadm_seterr(e, "%s", strerror(ENOMEM));
		return -ENOMEM;
	}
	nl_cb_set(c, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &x);
	nl_cb_set(c, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &x);
	nl_cb_set(c, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &x);
	nl_cb_err(c, NL_CB_CUSTOM, on_error, &x);
	rc = nl_send_auto(nl->sk, m);
	nlmsg_free(m);
	if (rc < 0) {
		x.err = -EIO;
		snprintf(x.msg, sizeof(x.msg), "send: %s", nl_geterror(rc));
		x.done = 1;
	}
	while (!x.done) {
		rc = nl_recvmsgs(nl->sk, c);
		if (rc < 0 && !x.done) {
			x.err = -EIO;
			snprintf(x.msg, sizeof(x.msg), "receive: %s",
				 nl_geterror(rc));
			break;
		}
	}
	nl_cb_put(c);
	if (!x.err)
		return 0;
	if (x.msg[0])
		lbadm_seterr(e, "%s", x.msg);
	else
		lbadm_seterr(e, "%s", strerror(-x.err));
	return x.err;
}
