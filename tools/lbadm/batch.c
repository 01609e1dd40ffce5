// SPDX-License-Identifier: GPL-2.0
/*
 * Batched requests on the libnl socket's descriptor, below libnl: libnl
 * would wait for an ACK per message. Sequence numbers start far from
 * libnl's own so replies can never be confused with its requests.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>

#include "batch.h"

#define CHUNK		(32 * 1024)	/* bytes per sendmsg() */
#define SOCKBUF		(4 * 1024 * 1024)
#define SEQ_BASE	0x40000000u

void lbadm_batch_init(struct lbadm_batch *b, struct lbadm_nl *nl, int stop)
{
	memset(b, 0, sizeof(*b));
	b->nl = nl;
	b->stop = stop;
	b->seq0 = SEQ_BASE;
}

void lbadm_batch_free(struct lbadm_batch *b)
{
	free(b->buf);
	free(b->tags);
	b->buf = NULL;
	b->tags = NULL;
}

static int reserve(void **p, size_t *cap, size_t need, size_t unit)
{
	size_t c = *cap ? *cap : 4096;
	void *q;

	if (need <= *cap)
		return 0;
	while (c < need)
		c *= 2;
	q = realloc(*p, c * unit);
	if (!q)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

int lbadm_batch_put(struct lbadm_batch *b, struct nl_msg *m, int tag)
{
	struct nlmsghdr *src = nlmsg_hdr(m), *dst;
	size_t len = NLMSG_ALIGN(src->nlmsg_len);

	if (reserve((void **)&b->buf, &b->cap, b->len + len, 1) ||
	    reserve((void **)&b->tags, &b->tagcap, b->n + 1, sizeof(int)))
		return -1;
	dst = (struct nlmsghdr *)(b->buf + b->len);
	memcpy(dst, src, src->nlmsg_len);
	dst->nlmsg_flags = NLM_F_REQUEST;	/* no ACK: errors only */
	dst->nlmsg_seq = b->seq0 + b->n;
	dst->nlmsg_pid = 0;
	b->tags[b->n++] = tag;
	b->len += len;
	return 0;
}

static void record_error(struct lbadm_batch *b, const struct nlmsghdr *h)
{
	const struct nlmsgerr *err = nlmsg_data(h);
	uint32_t idx = h->nlmsg_seq - b->seq0;

	if (idx >= b->n || (b->failed && idx >= b->fail_idx))
		return;
	b->failed = 1;
	b->fail_idx = idx;
	b->fail_err = err->error;
	b->fail_msg[0] = '\0';
	lbadm_nl_ack_msg(h, b->fail_msg, sizeof(b->fail_msg));
	if (!b->fail_msg[0])
		snprintf(b->fail_msg, sizeof(b->fail_msg), "%s",
			 strerror(-err->error));
}

/*
 * Reads what is queued on the socket (all of it if !wait, else until the
 * ACK of sequence number sync). Returns 0, or -1 with e set.
 */
static int drain(struct lbadm_batch *b, int wait, uint32_t sync,
		 struct lbadm_err *e)
{
	static char rbuf[64 * 1024];
	int fd = nl_socket_get_fd(b->nl->sk);
	struct nlmsghdr *h;
	ssize_t got;
	int left;

	for (;;) {
		got = recv(fd, rbuf, sizeof(rbuf), wait ? 0 : MSG_DONTWAIT);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 && !wait && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (got < 0)
			return lbadm_seterr(e, "netlink receive: %s",
					    strerror(errno));
		left = (int)got;
		for (h = (struct nlmsghdr *)rbuf; NLMSG_OK(h, left);
		     h = NLMSG_NEXT(h, left)) {
			if (h->nlmsg_type != NLMSG_ERROR)
				continue;
			if (wait && h->nlmsg_seq == sync) {
				const struct nlmsgerr *err = nlmsg_data(h);

				if (err->error)
					return lbadm_seterr(e, "netlink sync: %s",
							    strerror(-err->error));
				return 0;
			}
			if (((const struct nlmsgerr *)nlmsg_data(h))->error)
				record_error(b, h);
		}
	}
}

static int send_all(int fd, const char *p, size_t len, struct lbadm_err *e)
{
	ssize_t sent;

	while (len) {
		sent = send(fd, p, len, 0);
		if (sent < 0 && errno == EINTR)
			continue;
		if (sent < 0)
			return lbadm_seterr(e, "netlink send: %s",
					    strerror(errno));
		p += sent;
		len -= (size_t)sent;
	}
	return 0;
}

/* Largest run of whole messages from off that fits in CHUNK (at least one). */
static size_t chunk_end(const struct lbadm_batch *b, size_t off)
{
	size_t end = off;

	while (end < b->len) {
		const struct nlmsghdr *h = (const void *)(b->buf + end);
		size_t len = NLMSG_ALIGN(h->nlmsg_len);

		if (end > off && end + len - off > CHUNK)
			break;
		end += len;
	}
	return end;
}

/*
 * Requests may be queued before the family is resolved (-R parses all its
 * input before it opens the socket): the type is set when they leave.
 */
static void set_family(struct lbadm_batch *b, size_t off, size_t end)
{
	struct nlmsghdr *h;

	for (; off < end; off += NLMSG_ALIGN(h->nlmsg_len)) {
		h = (struct nlmsghdr *)(b->buf + off);
		h->nlmsg_type = (uint16_t)b->nl->family;
	}
}

/* The end marker: GET_INFO with an ACK, after every queued request. */
static int send_sync(struct lbadm_batch *b, uint32_t seq, struct lbadm_err *e)
{
	struct nl_msg *m = lbadm_nl_msg(b->nl, LBVS_CMD_GET_INFO, 0);
	struct nlmsghdr *h;
	int rc;

	if (!m)
		return lbadm_seterr(e, "cannot build the netlink message");
	h = nlmsg_hdr(m);
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	h->nlmsg_seq = seq;
	rc = send_all(nl_socket_get_fd(b->nl->sk), (const char *)h,
		      h->nlmsg_len, e);
	nlmsg_free(m);
	return rc;
}

int lbadm_batch_run(struct lbadm_batch *b, struct lbadm_err *e)
{
	int fd = nl_socket_get_fd(b->nl->sk);
	size_t off = 0, end;
	uint32_t sync = b->seq0 + b->n;

	/* Capped by net.core.[rw]mem_max; a bigger buffer only saves syscalls. */
	nl_socket_set_buffer_size(b->nl->sk, SOCKBUF, SOCKBUF);
	while (off < b->len && !(b->stop && b->failed)) {
		end = chunk_end(b, off);
		set_family(b, off, end);
		if (send_all(fd, b->buf + off, end - off, e) ||
		    drain(b, 0, 0, e))
			return -1;
		off = end;
	}
	if (send_sync(b, sync, e) || drain(b, 1, sync, e))
		return -1;
	return b->failed ? -1 : 0;
}
