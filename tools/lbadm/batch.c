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
#define LIST_MAX	256		/* servers per list: ~16 KiB, one message */
#define LIST_BYTES	0xffff		/* a list is one attribute: u16 length */

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
	free(b->first);
	free(b->item_off);
	b->buf = NULL;
	b->tags = NULL;
	b->first = NULL;
	b->item_off = NULL;
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

/* The queued message that request k's refusal is about. */
static uint32_t refused(const struct lbadm_batch *b, uint32_t k,
			const struct nlmsghdr *h)
{
	uint32_t i, off;

	if (!b->first)
		return k;
	i = b->first[k];
	if (b->first[k + 1] - i > 1 && !lbadm_nl_ack_offset(h, &off))
		while (i + 1 < b->first[k + 1] && b->item_off[i + 1] <= off)
			i++;
	return i;
}

static void record_error(struct lbadm_batch *b, const struct nlmsghdr *h)
{
	const struct nlmsgerr *err = nlmsg_data(h);
	uint32_t idx = h->nlmsg_seq - b->seq0;

	if (idx >= b->nsent)
		return;
	idx = refused(b, idx, h);
	if (b->failed && idx >= b->fail_idx)
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

/*
 * A NEW_DEST request as lbadm builds it: the service's selector, then one
 * server. *svc and *dest point at the two attributes.
 */
static int new_dest_parts(const struct nlmsghdr *h, const struct nlattr **svc,
			  const struct nlattr **dest)
{
	const struct genlmsghdr *g = nlmsg_data(h);
	const struct nlattr *a = (const void *)((const char *)g + GENL_HDRLEN);
	int left = (int)h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;

	if (left < 0 || g->cmd != LBVS_CMD_NEW_DEST || !nla_ok(a, left) ||
	    nla_type(a) != LBVS_ATTR_SERVICE)
		return 0;
	*svc = a;
	a = nla_next(a, &left);
	if (!nla_ok(a, left) || nla_type(a) != LBVS_ATTR_DEST)
		return 0;
	*dest = a;
	a = nla_next(a, &left);
	return !nla_ok(a, left);
}

/* May overlap: lbadm_batch_lists() moves messages down in b->buf. */
static void *put_bytes(char *to, size_t *len, const void *p, size_t n)
{
	memmove(to + *len, p, n);
	memset(to + *len + n, 0, NLMSG_ALIGN(n) - n);
	*len += NLMSG_ALIGN(n);
	return to + *len - NLMSG_ALIGN(n);
}

/*
 * Moves queued messages from i on (at *in_off) down to b->buf + *len as
 * one request: a run of NEW_DEST for one service becomes a
 * LBVS_ATTR_DEST_LIST, shorter than the messages it replaces, so the
 * output never passes what is still to read. Its servers are gathered in
 * items first: the list's header would overwrite the first server's
 * message before it was read. A run of one stays the message it is (as a
 * list it would be longer). Returns the index after the run.
 */
static uint32_t put_run(struct lbadm_batch *b, uint32_t i, size_t *in_off,
			size_t *len, char *items)
{
	const struct nlmsghdr *h0 = (const void *)(b->buf + *in_off), *h = h0;
	const struct nlattr *svc, *dest, *s2;
	size_t start = *len, hlen, n = 0;
	struct nlmsghdr *nh;
	uint32_t j = i;

	if (!new_dest_parts(h, &svc, &dest)) {
		*in_off += NLMSG_ALIGN(h->nlmsg_len);	/* before h is moved */
		put_bytes(b->buf, len, h, h->nlmsg_len);
		return i + 1;
	}
	hlen = (const char *)dest - (const char *)h;
	for (;;) {
		b->item_off[j] = (uint32_t)(hlen + NLA_HDRLEN + n);
		put_bytes(items, &n, dest, dest->nla_len);
		*in_off += NLMSG_ALIGN(h->nlmsg_len);
		h = (const void *)(b->buf + *in_off);
		if (++j == b->n || j - i == LIST_MAX ||
		    !new_dest_parts(h, &s2, &dest) || s2->nla_len != svc->nla_len ||
		    memcmp(s2, svc, svc->nla_len) ||
		    NLA_HDRLEN + n + NLA_ALIGN(dest->nla_len) > LIST_BYTES)
			break;
	}
	if (j - i == 1) {
		b->item_off[i] = (uint32_t)hlen;
		put_bytes(b->buf, len, h0, h0->nlmsg_len);
		return j;
	}
	nh = put_bytes(b->buf, len, h0, hlen);
	put_bytes(b->buf, len, &(struct nlattr){
		.nla_len = (uint16_t)(NLA_HDRLEN + n),
		.nla_type = NLA_F_NESTED | LBVS_ATTR_DEST_LIST }, NLA_HDRLEN);
	put_bytes(b->buf, len, items, n);
	nh->nlmsg_len = (uint32_t)(*len - start);
	return j;
}

/* Sequence numbers: request k of the ones sent is seq0 + k. */
static void number(struct lbadm_batch *b)
{
	struct nlmsghdr *h;
	size_t off;
	uint32_t k = 0;

	for (off = 0; off < b->len; off += NLMSG_ALIGN(h->nlmsg_len)) {
		h = (struct nlmsghdr *)(b->buf + off);
		h->nlmsg_seq = b->seq0 + k++;
	}
}

int lbadm_batch_lists(struct lbadm_batch *b)
{
	size_t in_off = 0, len = 0;
	char *items = malloc(NLA_ALIGN(LIST_BYTES));
	uint32_t i = 0;

	b->first = calloc(b->n + 1, sizeof(*b->first));
	b->item_off = calloc(b->n + 1, sizeof(*b->item_off));
	if (!items || !b->first || !b->item_off) {
		free(items);
		return -1;
	}
	b->nsent = 0;
	while (i < b->n) {
		b->first[b->nsent++] = i;
		i = put_run(b, i, &in_off, &len, items);
	}
	b->first[b->nsent] = b->n;
	b->len = len;
	free(items);
	number(b);
	return 0;
}

int lbadm_batch_run(struct lbadm_batch *b, struct lbadm_err *e)
{
	int fd = nl_socket_get_fd(b->nl->sk);
	size_t off = 0, end;
	uint32_t sync;

	if (!b->first)
		b->nsent = b->n;
	if (b->lists && !b->first && lbadm_batch_lists(b))
		return lbadm_seterr(e, "out of memory");
	sync = b->seq0 + b->nsent;

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
