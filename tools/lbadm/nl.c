// SPDX-License-Identifier: GPL-2.0
/*
 * One request at a time, synchronously. libnl opens the socket and resolves
 * the family; requests and replies go straight through the descriptor
 * (libnl's receive path peeks every message and allocates per message,
 * which dominated listing 10,000 services). Extended ACK is enabled and
 * parsed by hand from the NLMSG_ERROR message.
 */
#define _GNU_SOURCE		/* recvmmsg() */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#include "msg.h"
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

int lbadm_nl_msg_reuse(struct lbadm_nl *nl, struct nl_msg *m, int cmd,
		       int dump)
{
	if (nlmsg_get_max_size(m) < NLMSG_HDRLEN + GENL_HDRLEN)
		return -1;
	lbadm_put_hdr(nlmsg_hdr(m), nl->family, cmd, dump ? NLM_F_DUMP : 0);
	return 0;
}

struct nl_msg *lbadm_nl_msg(struct lbadm_nl *nl, int cmd, int dump)
{
	/* Requests are small; the default page-sized, zeroed buffer is not. */
	struct nl_msg *m = nlmsg_alloc_size(1024);

	if (m && lbadm_nl_msg_reuse(nl, m, cmd, dump)) {
		nlmsg_free(m);
		m = NULL;
	}
	return m;
}

/* The extended ACK's attributes of nlh into tb; -1 if it has none. */
static int ack_tlvs(const struct nlmsghdr *nlh, struct nlattr **tb)
{
	const struct nlmsgerr *err = nlmsg_data(nlh);
	size_t off = sizeof(*err);
	int left;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return -1;
	/* NLMSG_DONE carries an int, NLMSG_ERROR a struct nlmsgerr. */
	if (nlh->nlmsg_type == NLMSG_DONE)
		off = sizeof(int);
	else if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += NLMSG_ALIGN(err->msg.nlmsg_len - NLMSG_HDRLEN);
	left = (int)nlh->nlmsg_len - NLMSG_HDRLEN - (int)off;
	if (left <= 0 ||
	    nla_parse(tb, NLMSGERR_ATTR_MAX,
		      (struct nlattr *)((char *)err + off), left, NULL))
		return -1;
	return 0;
}

void lbadm_nl_ack_msg(const struct nlmsghdr *nlh, char *buf, size_t len)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

	if (!ack_tlvs(nlh, tb) && tb[NLMSGERR_ATTR_MSG])
		nla_strlcpy(buf, tb[NLMSGERR_ATTR_MSG], len);
}

int lbadm_nl_ack_offset(const struct nlmsghdr *nlh, uint32_t *off)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];

	if (ack_tlvs(nlh, tb) || !tb[NLMSGERR_ATTR_OFFS] ||
	    nla_len(tb[NLMSGERR_ATTR_OFFS]) < (int)sizeof(*off))
		return -1;
	*off = nla_get_u32(tb[NLMSGERR_ATTR_OFFS]);
	return 0;
}

/*
 * Reply buffers: recvmmsg() takes a dump's data and the NLMSG_DONE that the
 * kernel queues while we read the data in one system call, which halves the
 * calls of the per-service dumps of a listing.
 */
#define RX_BUFS		4
#define RX_SIZE		(64 * 1024)	/* above the kernel's 32 KiB dump skbs */

struct xfer {
	lbadm_nl_cb cb;
	void *arg;
	uint32_t seq;
	int done;
	int err;		/* negative errno */
	char msg[256];		/* extended ACK text, if any */
};

/* One reply message; sets x->done at the end of the exchange. */
static void on_msg(struct nlmsghdr *h, struct xfer *x)
{
	const struct nlmsgerr *err;
	int derr;

	if (h->nlmsg_seq != x->seq)
		return;		/* a late answer to someone else's request */
	if (h->nlmsg_flags & NLM_F_DUMP_INTR && !x->err)
		x->err = -EAGAIN;	/* the table changed under the dump */
	switch (h->nlmsg_type) {
	case NLMSG_NOOP:
		return;
	case NLMSG_ERROR:
		err = nlmsg_data(h);
		x->done = 1;
		if (err->error) {
			x->err = err->error;
			lbadm_nl_ack_msg(h, x->msg, sizeof(x->msg));
		}
		return;
	case NLMSG_DONE:
		x->done = 1;
		/* A dump's NLMSG_DONE may carry the dump's error. */
		if (nlmsg_datalen(h) >= (int)sizeof(int)) {
			memcpy(&derr, nlmsg_data(h), sizeof(derr));
			if (derr < 0) {
				x->err = derr;
				lbadm_nl_ack_msg(h, x->msg, sizeof(x->msg));
			}
		}
		return;
	default:
		if (x->cb && x->cb(h, x->arg) < 0 && !x->err)
			x->err = -EPROTO;	/* malformed reply; read on */
	}
}

static int receive(int fd, struct xfer *x)
{
	static char bufs[RX_BUFS][RX_SIZE];
	struct mmsghdr mm[RX_BUFS];
	struct iovec iov[RX_BUFS];
	struct nlmsghdr *h;
	int i, n, left;

	memset(mm, 0, sizeof(mm));
	for (i = 0; i < RX_BUFS; i++) {
		iov[i].iov_base = bufs[i];
		iov[i].iov_len = RX_SIZE;
		mm[i].msg_hdr.msg_iov = &iov[i];
		mm[i].msg_hdr.msg_iovlen = 1;
	}
	n = recvmmsg(fd, mm, RX_BUFS, MSG_WAITFORONE, NULL);
	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	for (i = 0; i < n; i++) {
		if (mm[i].msg_hdr.msg_flags & MSG_TRUNC)
			return -EMSGSIZE;
		left = (int)mm[i].msg_len;
		for (h = (struct nlmsghdr *)bufs[i]; NLMSG_OK(h, left);
		     h = NLMSG_NEXT(h, left))
			on_msg(h, x);
	}
	return 0;
}

int lbadm_nl_exec(struct lbadm_nl *nl, struct nl_msg *m, lbadm_nl_cb cb,
		  void *arg, struct lbadm_err *e)
{
	struct xfer x = { .cb = cb, .arg = arg };
	struct nlmsghdr *h = nlmsg_hdr(m);
	int fd = nl_socket_get_fd(nl->sk);
	ssize_t sent;
	int rc;

	/* Our own sequence numbers: requests here never overlap. */
	x.seq = h->nlmsg_seq = ++nl->seq;
	h->nlmsg_pid = 0;
	h->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	do
		sent = send(fd, h, h->nlmsg_len, 0);
	while (sent < 0 && errno == EINTR);
	nlmsg_free(m);
	if (sent < 0) {
		x.err = -errno;
		snprintf(x.msg, sizeof(x.msg), "netlink send: %s",
			 strerror(errno));
	}
	while (sent >= 0 && !x.done) {
		rc = receive(fd, &x);
		if (rc < 0) {
			x.err = rc;
			/* The kernel could not allocate its answer: it may have
			 * acted all the same.
			 */
			snprintf(x.msg, sizeof(x.msg), "netlink receive: %s%s",
				 strerror(-rc), rc == -ENOBUFS ?
				 " (the kernel's answer was lost: the request may have been applied)" : "");
			break;
		}
	}
	if (!x.err)
		return 0;
	if (x.msg[0])
		lbadm_seterr(e, "%s", x.msg);
	else if (x.err == -EAGAIN)
		lbadm_seterr(e, "the table changed during the dump");
	else
		lbadm_seterr(e, "%s", strerror(-x.err));
	return x.err;
}
