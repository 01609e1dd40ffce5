// SPDX-License-Identifier: GPL-2.0
/*
 * Attribute layout per include/uapi/linux/lbvs.h. Ports and addresses go on
 * the wire in network byte order; everything else is host order.
 */
#include <string.h>
#include <arpa/inet.h>
#include <netlink/genl/genl.h>

#include "msg.h"

static int addr_len(int af)
{
	return af == AF_INET6 ? 16 : 4;
}

/*
 * Requests are written straight into the message's buffer rather than with
 * libnl's nla_* calls (-R builds 110,000 requests of a dozen attributes
 * each, and the calls per attribute cost more than all the rest of the
 * building): the same bytes, nests flagged NLA_F_NESTED as
 * nla_nest_start() flags them, padding zeroed. A request's size is checked
 * against the buffer once, before anything is written: one that does not
 * fit leaves the message as it was and returns -1.
 */
static size_t attr_size(size_t len)
{
	return NLA_ALIGN(NLA_HDRLEN + len);
}

/* The attribute at a, its padding zeroed; returns where the next goes. */
static char *attr(char *a, int type, size_t len, const void *data)
{
	struct nlattr hdr = { (uint16_t)(NLA_HDRLEN + len), (uint16_t)type };
	uint32_t zero = 0;

	memcpy(a + attr_size(len) - sizeof(zero), &zero, sizeof(zero));
	memcpy(a, &hdr, sizeof(hdr));
	memcpy(a + NLA_HDRLEN, data, len);
	return a + attr_size(len);
}

/* Two calls with constant lengths, so that each compiles to a few stores. */
static char *attr_addr(char *a, int type, int af, const uint8_t *b)
{
	return af == AF_INET6 ? attr(a, type, 16, b) : attr(a, type, 4, b);
}

static char *attr_u8(char *a, int type, uint8_t v)
{
	return attr(a, type, sizeof(v), &v);
}

static char *attr_u16(char *a, int type, uint16_t v)
{
	return attr(a, type, sizeof(v), &v);
}

static char *attr_u32(char *a, int type, uint32_t v)
{
	return attr(a, type, sizeof(v), &v);
}

static char *nest_start(char *a, int type)
{
	struct nlattr hdr = { 0, (uint16_t)(NLA_F_NESTED | type) };

	memcpy(a, &hdr, sizeof(hdr));
	return a + NLA_HDRLEN;
}

/* Its members are aligned, so a nest needs no padding of its own. */
static char *nest_end(char *nest, char *end)
{
	((struct nlattr *)nest)->nla_len = (uint16_t)(end - nest);
	return end;
}

static size_t svc_size(const struct lbadm_svc *s, int conf)
{
	size_t n = NLA_HDRLEN + attr_size(2);

	if (s->fwmark)
		n += attr_size(4);
	else
		n += 2 * attr_size(2) + attr_size(addr_len(s->af));
	if (conf)
		n += attr_size(strlen(s->sched) + 1) + 2 * attr_size(4) +
		     attr_size(1);
	return n;
}

/* Inlined: put_req() writes a whole request without a call per part. */
static inline __attribute__((always_inline))
char *put_svc(char *a, const struct lbadm_svc *s, int conf)
{
	char *nest = a;

	a = nest_start(a, LBVS_ATTR_SERVICE);
	a = attr_u16(a, LBVS_SVC_ATTR_AF, s->af);
	if (s->fwmark) {
		a = attr_u32(a, LBVS_SVC_ATTR_FWMARK, s->fwmark);
	} else {
		a = attr_u16(a, LBVS_SVC_ATTR_PROTOCOL, s->protocol);
		a = attr_addr(a, LBVS_SVC_ATTR_ADDR, s->af, s->addr.b);
		a = attr_u16(a, LBVS_SVC_ATTR_PORT, htons(s->port));
	}
	if (conf) {
		a = attr(a, LBVS_SVC_ATTR_SCHED_NAME, strlen(s->sched) + 1,
			 s->sched);
		a = attr_u32(a, LBVS_SVC_ATTR_FLAGS, s->flags);
		a = attr_u32(a, LBVS_SVC_ATTR_TIMEOUT, s->timeout);
		a = attr_u8(a, LBVS_SVC_ATTR_NETMASK, s->netmask);
	}
	return nest_end(nest, a);
}

static size_t dest_size(const struct lbadm_dest *d, int conf)
{
	return NLA_HDRLEN + 2 * attr_size(2) + attr_size(addr_len(d->addr.af)) +
	       (conf ? 4 * attr_size(4) : 0);
}

static inline __attribute__((always_inline))
char *put_dest(char *a, const struct lbadm_dest *d, int conf)
{
	char *nest = a;

	a = nest_start(a, LBVS_ATTR_DEST);
	a = attr_u16(a, LBVS_DEST_ATTR_AF, d->addr.af);
	a = attr_addr(a, LBVS_DEST_ATTR_ADDR, d->addr.af, d->addr.b);
	a = attr_u16(a, LBVS_DEST_ATTR_PORT, htons(d->port));
	if (conf) {
		a = attr_u32(a, LBVS_DEST_ATTR_FWD, d->fwd);
		a = attr_u32(a, LBVS_DEST_ATTR_WEIGHT, d->weight);
		a = attr_u32(a, LBVS_DEST_ATTR_U_THRESH, d->u_thresh);
		a = attr_u32(a, LBVS_DEST_ATTR_L_THRESH, d->l_thresh);
	}
	return nest_end(nest, a);
}

static size_t laddr_size(const struct lbadm_addr *x)
{
	return NLA_HDRLEN + attr_size(2) + attr_size(addr_len(x->af));
}

static char *put_laddr(char *a, const struct lbadm_addr *x)
{
	char *nest = a;

	a = nest_start(a, LBVS_ATTR_LADDR);
	a = attr_u16(a, LBVS_LADDR_ATTR_AF, x->af);
	a = attr_addr(a, LBVS_LADDR_ATTR_ADDR, x->af, x->b);
	return nest_end(nest, a);
}

/* The end of h's message in m's buffer if len more bytes fit, else NULL. */
static char *room(struct nl_msg *m, struct nlmsghdr *h, size_t len)
{
	size_t off = NLMSG_ALIGN(h->nlmsg_len);

	return off + len <= nlmsg_get_max_size(m) ? (char *)h + off : NULL;
}

static int done(struct nlmsghdr *h, char *end)
{
	h->nlmsg_len = (uint32_t)(end - (char *)h);
	return 0;
}

int lbadm_put_svc(struct nl_msg *m, const struct lbadm_svc *s, int conf)
{
	struct nlmsghdr *h = nlmsg_hdr(m);
	char *a = room(m, h, svc_size(s, conf));

	return a ? done(h, put_svc(a, s, conf)) : -1;
}

int lbadm_put_dest(struct nl_msg *m, const struct lbadm_dest *d, int conf)
{
	struct nlmsghdr *h = nlmsg_hdr(m);
	char *a = room(m, h, dest_size(d, conf));

	return a ? done(h, put_dest(a, d, conf)) : -1;
}

int lbadm_put_laddr(struct nl_msg *m, const struct lbadm_addr *x)
{
	struct nlmsghdr *h = nlmsg_hdr(m);
	char *a = room(m, h, laddr_size(x));

	return a ? done(h, put_laddr(a, x)) : -1;
}

static size_t req_size(const struct lbadm_req *r, int conf_svc, int conf_dest)
{
	size_t n = 0;

	if (r->cmd == LC_SET)
		return 3 * attr_size(4);
	if (r->has_svc)
		n += svc_size(&r->svc, conf_svc);
	if (r->given[O_REAL])
		n += dest_size(&r->dest, conf_dest);
	if (r->given[O_LADDR])
		n += laddr_size(&r->laddr);
	return n;
}

/*
 * The most any request takes: an IPv6 service with its configuration, a
 * server and a local address. With that much room left, the exact size
 * (which only matters near the end of the buffer) need not be worked out.
 */
#define REQ_MAX	(3 * NLA_HDRLEN + 6 * NLA_ALIGN(NLA_HDRLEN + 2) +	\
		 3 * NLA_ALIGN(NLA_HDRLEN + 16) +			\
		 NLA_ALIGN(NLA_HDRLEN + LBVS_SCHED_NAME_MAX) +		\
		 6 * NLA_ALIGN(NLA_HDRLEN + 4) + NLA_ALIGN(NLA_HDRLEN + 1))

/* lbadm_put_req() into h, whose buffer holds max bytes. */
static inline __attribute__((always_inline))
int put_req(struct nlmsghdr *h, size_t max, const struct lbadm_req *r)
{
	int conf_svc = r->cmd == LC_ADD || r->cmd == LC_EDIT;
	int conf_dest = r->cmd == LC_ADDDEST || r->cmd == LC_EDITDEST;
	size_t off = NLMSG_ALIGN(h->nlmsg_len);
	char *a = (char *)h + off;

	if (off + REQ_MAX > max &&
	    off + req_size(r, conf_svc, conf_dest) > max)
		return -1;
	if (r->cmd == LC_SET) {
		a = attr_u32(a, LBVS_ATTR_TIMEOUT_TCP, r->to.tcp);
		a = attr_u32(a, LBVS_ATTR_TIMEOUT_TCP_FIN, r->to.tcp_fin);
		a = attr_u32(a, LBVS_ATTR_TIMEOUT_UDP, r->to.udp);
		return done(h, a);
	}
	if (r->has_svc)
		a = put_svc(a, &r->svc, conf_svc);
	if (r->given[O_REAL])
		a = put_dest(a, &r->dest, conf_dest);
	if (r->given[O_LADDR])
		a = put_laddr(a, &r->laddr);
	return done(h, a);
}

int lbadm_put_req(struct nl_msg *m, const struct lbadm_req *r)
{
	return put_req(nlmsg_hdr(m), nlmsg_get_max_size(m), r);
}

void lbadm_put_hdr(struct nlmsghdr *h, int family, int cmd, int flags)
{
	struct genlmsghdr g = {
		.cmd = (uint8_t)cmd,
		.version = LBVS_GENL_VERSION,
	};

	h->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN;
	h->nlmsg_type = (uint16_t)family;
	h->nlmsg_flags = (uint16_t)flags;
	h->nlmsg_seq = NL_AUTO_SEQ;
	h->nlmsg_pid = NL_AUTO_PORT;
	memcpy(NLMSG_DATA(h), &g, sizeof(g));
}

int lbadm_req_msg(struct nl_msg *m, int family, const struct lbadm_req *r)
{
	struct nlmsghdr *h = nlmsg_hdr(m);
	size_t max = nlmsg_get_max_size(m);
	int cmd = lbadm_req_cmd(r);

	if (cmd < 0 || max < NLMSG_HDRLEN + GENL_HDRLEN)
		return -1;
	lbadm_put_hdr(h, family, cmd, 0);
	return put_req(h, max, r);
}

/* Replies. Lengths are checked here rather than trusted. */

static struct nla_policy top_policy[LBVS_ATTR_MAX + 1] = {
	[LBVS_ATTR_SERVICE] = { .type = NLA_NESTED },
	[LBVS_ATTR_DEST] = { .type = NLA_NESTED },
	[LBVS_ATTR_CONN] = { .type = NLA_NESTED },
	[LBVS_ATTR_TIMEOUT_TCP] = { .type = NLA_U32 },
	[LBVS_ATTR_TIMEOUT_TCP_FIN] = { .type = NLA_U32 },
	[LBVS_ATTR_TIMEOUT_UDP] = { .type = NLA_U32 },
	[LBVS_ATTR_INFO_VERSION] = { .type = NLA_U32 },
	[LBVS_ATTR_INFO_CONN_TAB_SIZE] = { .type = NLA_U32 },
	[LBVS_ATTR_INFO_CONN_MAX] = { .type = NLA_U32 },
	[LBVS_ATTR_INFO_CONN_COUNT] = { .type = NLA_U32 },
	[LBVS_ATTR_INFO_CONN_DROPPED] = { .type = NLA_U64 },
	[LBVS_ATTR_LADDR] = { .type = NLA_NESTED },
	[LBVS_ATTR_INFO_NO_LPORT] = { .type = NLA_U64 },
	[LBVS_ATTR_INFO_FEATURES] = { .type = NLA_U32 },
};

/*
 * libnl's nla_parse() with its policy checks (the type's minimum length,
 * minlen/maxlen, NUL-terminated strings), without a library call per
 * attribute: a listing parses some 30 attributes for each of 110,000 real
 * servers. Returns 0 or a negative libnl error.
 */
static int parse(struct nlattr **tb, int max, struct nlattr *head, int len,
		 const struct nla_policy *policy)
{
	static const uint16_t minlen[NLA_TYPE_MAX + 1] = {
		[NLA_U8] = 1, [NLA_U16] = 2, [NLA_U32] = 4, [NLA_U64] = 8,
		[NLA_STRING] = 1,
	};
	const struct nla_policy *pt;
	struct nlattr *a = head;
	int type, n;

	memset(tb, 0, sizeof(*tb) * (max + 1));
	while (len >= (int)sizeof(*a) && a->nla_len >= sizeof(*a) &&
	       a->nla_len <= len) {
		n = a->nla_len - NLA_HDRLEN;
		type = a->nla_type & NLA_TYPE_MASK;
		if (type <= max && policy) {
			pt = &policy[type];
			if (n < (pt->minlen ? pt->minlen : minlen[pt->type]) ||
			    (pt->maxlen && n > pt->maxlen))
				return -NLE_RANGE;
			if (pt->type == NLA_STRING &&
			    ((const char *)a)[NLA_HDRLEN + n - 1])
				return -NLE_INVAL;
		}
		if (type <= max)
			tb[type] = a;
		len -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
	}
	return 0;
}

static int parse_nested(struct nlattr **tb, int max, struct nlattr *nest,
			const struct nla_policy *policy)
{
	return parse(tb, max, (struct nlattr *)((char *)nest + NLA_HDRLEN),
		     nest->nla_len - NLA_HDRLEN, policy);
}

int lbadm_parse_top_hdr(struct nlmsghdr *h, struct nlattr **tb)
{
	int hdr = NLMSG_HDRLEN + GENL_HDRLEN;

	if (h->nlmsg_len < (uint32_t)hdr)
		return -NLE_MSG_TOOSHORT;
	return parse(tb, LBVS_ATTR_MAX, (struct nlattr *)((char *)h + hdr),
		     (int)h->nlmsg_len - hdr, top_policy);
}

int lbadm_parse_top(struct nl_msg *m, struct nlattr **tb)
{
	return lbadm_parse_top_hdr(nlmsg_hdr(m), tb);
}

/* Attribute accessors without a library call (lengths checked by parse()). */
static const void *attr_data(const struct nlattr *a)
{
	return (const char *)a + NLA_HDRLEN;
}

static int attr_len(const struct nlattr *a)
{
	return a->nla_len - NLA_HDRLEN;
}

static uint16_t get_u16(struct nlattr *a)
{
	uint16_t v = 0;

	if (a)
		memcpy(&v, attr_data(a), sizeof(v));
	return v;
}

static uint32_t get_u32(struct nlattr *a)
{
	uint32_t v = 0;

	if (a)
		memcpy(&v, attr_data(a), sizeof(v));
	return v;
}

static uint64_t get_u64(struct nlattr *a)
{
	uint64_t v;

	if (!a || attr_len(a) < 8)
		return get_u32(a);
	memcpy(&v, attr_data(a), sizeof(v));
	return v;
}

static int get_addr(struct nlattr *a, int af, struct lbadm_addr *out)
{
	if (!a || attr_len(a) < addr_len(af))
		return -1;
	memset(out, 0, sizeof(*out));
	out->af = af;
	memcpy(out->b, attr_data(a), addr_len(af));
	return 0;
}

static uint16_t get_port(struct nlattr *a)
{
	return ntohs(get_u16(a));
}

static void get_stats(struct nlattr *nest, struct lbadm_stats *s)
{
	struct nlattr *tb[LBVS_STATS_ATTR_MAX + 1];

	memset(s, 0, sizeof(*s));
	if (!nest || parse_nested(tb, LBVS_STATS_ATTR_MAX, nest, NULL))
		return;
	s->conns = get_u64(tb[LBVS_STATS_ATTR_CONNS]);
	s->inpkts = get_u64(tb[LBVS_STATS_ATTR_INPKTS]);
	s->outpkts = get_u64(tb[LBVS_STATS_ATTR_OUTPKTS]);
	s->inbytes = get_u64(tb[LBVS_STATS_ATTR_INBYTES]);
	s->outbytes = get_u64(tb[LBVS_STATS_ATTR_OUTBYTES]);
	s->cps = get_u64(tb[LBVS_STATS_ATTR_CPS]);
	s->inpps = get_u64(tb[LBVS_STATS_ATTR_INPPS]);
	s->outpps = get_u64(tb[LBVS_STATS_ATTR_OUTPPS]);
	s->inbps = get_u64(tb[LBVS_STATS_ATTR_INBPS]);
	s->outbps = get_u64(tb[LBVS_STATS_ATTR_OUTBPS]);
}

static int get_af(struct nlattr *a, int dflt)
{
	int af = a ? get_u16(a) : dflt;

	return af == AF_INET || af == AF_INET6 ? af : -1;
}

static struct nla_policy svc_policy[LBVS_SVC_ATTR_MAX + 1] = {
	[LBVS_SVC_ATTR_AF] = { .type = NLA_U16 },
	[LBVS_SVC_ATTR_PROTOCOL] = { .type = NLA_U16 },
	[LBVS_SVC_ATTR_PORT] = { .type = NLA_U16 },
	[LBVS_SVC_ATTR_FWMARK] = { .type = NLA_U32 },
	[LBVS_SVC_ATTR_SCHED_NAME] = { .type = NLA_STRING },
	[LBVS_SVC_ATTR_FLAGS] = { .type = NLA_U32 },
	[LBVS_SVC_ATTR_TIMEOUT] = { .type = NLA_U32 },
	[LBVS_SVC_ATTR_NETMASK] = { .type = NLA_U8 },
	[LBVS_SVC_ATTR_STATS] = { .type = NLA_NESTED },
};

int lbadm_get_svc(struct nlattr **top, struct lbadm_svc *s)
{
	struct nlattr *tb[LBVS_SVC_ATTR_MAX + 1];

	memset(s, 0, sizeof(*s));
	if (!top[LBVS_ATTR_SERVICE] ||
	    parse_nested(tb, LBVS_SVC_ATTR_MAX, top[LBVS_ATTR_SERVICE],
			     svc_policy))
		return -1;
	s->af = get_af(tb[LBVS_SVC_ATTR_AF], -1);
	if (s->af < 0)
		return -1;
	s->fwmark = get_u32(tb[LBVS_SVC_ATTR_FWMARK]);
	if (!s->fwmark) {
		s->protocol = get_u16(tb[LBVS_SVC_ATTR_PROTOCOL]);
		if (get_addr(tb[LBVS_SVC_ATTR_ADDR], s->af, &s->addr))
			return -1;
		s->port = get_port(tb[LBVS_SVC_ATTR_PORT]);
	}
	if (tb[LBVS_SVC_ATTR_SCHED_NAME])
		nla_strlcpy(s->sched, tb[LBVS_SVC_ATTR_SCHED_NAME],
			    sizeof(s->sched));
	s->flags = get_u32(tb[LBVS_SVC_ATTR_FLAGS]);
	s->timeout = get_u32(tb[LBVS_SVC_ATTR_TIMEOUT]);
	s->netmask = tb[LBVS_SVC_ATTR_NETMASK] ?
		nla_get_u8(tb[LBVS_SVC_ATTR_NETMASK]) :
		(s->af == AF_INET6 ? 128 : 32);
	get_stats(tb[LBVS_SVC_ATTR_STATS], &s->stats);
	return 0;
}

static struct nla_policy dest_policy[LBVS_DEST_ATTR_MAX + 1] = {
	[LBVS_DEST_ATTR_AF] = { .type = NLA_U16 },
	[LBVS_DEST_ATTR_PORT] = { .type = NLA_U16 },
	[LBVS_DEST_ATTR_FWD] = { .type = NLA_U32 },
	[LBVS_DEST_ATTR_WEIGHT] = { .type = NLA_U32 },
	[LBVS_DEST_ATTR_U_THRESH] = { .type = NLA_U32 },
	[LBVS_DEST_ATTR_L_THRESH] = { .type = NLA_U32 },
	[LBVS_DEST_ATTR_ACTIVE_CONNS] = { .type = NLA_U32 },
	[LBVS_DEST_ATTR_INACT_CONNS] = { .type = NLA_U32 },
	[LBVS_DEST_ATTR_PERSIST_CONNS] = { .type = NLA_U32 },
	[LBVS_DEST_ATTR_STATS] = { .type = NLA_NESTED },
};

/* The family of the reply's service, if it names one, else AF_INET. */
static int svc_af(struct nlattr **top)
{
	struct lbadm_svc svc;

	return top[LBVS_ATTR_SERVICE] && !lbadm_get_svc(top, &svc) ?
		svc.af : AF_INET;
}

/* A dest without LBVS_DEST_ATTR_AF has its service's family, if sent. */
int lbadm_get_dest(struct nlattr **top, struct lbadm_dest *d)
{
	struct nlattr *tb[LBVS_DEST_ATTR_MAX + 1];
	int af;

	memset(d, 0, sizeof(*d));
	if (!top[LBVS_ATTR_DEST] ||
	    parse_nested(tb, LBVS_DEST_ATTR_MAX, top[LBVS_ATTR_DEST],
			     dest_policy))
		return -1;
	af = tb[LBVS_DEST_ATTR_AF] ? get_af(tb[LBVS_DEST_ATTR_AF], 0) :
				     svc_af(top);
	if (af < 0 || get_addr(tb[LBVS_DEST_ATTR_ADDR], af, &d->addr))
		return -1;
	d->port = get_port(tb[LBVS_DEST_ATTR_PORT]);
	d->fwd = get_u32(tb[LBVS_DEST_ATTR_FWD]);
	d->weight = get_u32(tb[LBVS_DEST_ATTR_WEIGHT]);
	d->u_thresh = get_u32(tb[LBVS_DEST_ATTR_U_THRESH]);
	d->l_thresh = get_u32(tb[LBVS_DEST_ATTR_L_THRESH]);
	d->active = get_u32(tb[LBVS_DEST_ATTR_ACTIVE_CONNS]);
	d->inactive = get_u32(tb[LBVS_DEST_ATTR_INACT_CONNS]);
	d->persist = get_u32(tb[LBVS_DEST_ATTR_PERSIST_CONNS]);
	get_stats(tb[LBVS_DEST_ATTR_STATS], &d->stats);
	return 0;
}

static struct nla_policy laddr_policy[LBVS_LADDR_ATTR_MAX + 1] = {
	[LBVS_LADDR_ATTR_AF] = { .type = NLA_U16 },
};

/* As a dest: without LBVS_LADDR_ATTR_AF, the service's family. */
int lbadm_get_laddr(struct nlattr **top, struct lbadm_addr *a)
{
	struct nlattr *tb[LBVS_LADDR_ATTR_MAX + 1];
	int af;

	if (!top[LBVS_ATTR_LADDR] ||
	    parse_nested(tb, LBVS_LADDR_ATTR_MAX, top[LBVS_ATTR_LADDR],
			     laddr_policy))
		return -1;
	af = tb[LBVS_LADDR_ATTR_AF] ? get_af(tb[LBVS_LADDR_ATTR_AF], 0) :
				      svc_af(top);
	return af < 0 ? -1 : get_addr(tb[LBVS_LADDR_ATTR_ADDR], af, a);
}

static struct nla_policy conn_policy[LBVS_CONN_ATTR_MAX + 1] = {
	[LBVS_CONN_ATTR_AF] = { .type = NLA_U16 },
	[LBVS_CONN_ATTR_PROTOCOL] = { .type = NLA_U16 },
	[LBVS_CONN_ATTR_CPORT] = { .type = NLA_U16 },
	[LBVS_CONN_ATTR_VPORT] = { .type = NLA_U16 },
	[LBVS_CONN_ATTR_LPORT] = { .type = NLA_U16 },
	[LBVS_CONN_ATTR_DPORT] = { .type = NLA_U16 },
	[LBVS_CONN_ATTR_STATE] = { .type = NLA_U8 },
	[LBVS_CONN_ATTR_EXPIRES] = { .type = NLA_U32 },
	[LBVS_CONN_ATTR_FWD] = { .type = NLA_U32 },
	[LBVS_CONN_ATTR_FLAGS] = { .type = NLA_U32 },
};

int lbadm_get_conn(struct nlattr **top, struct lbadm_conn *c)
{
	struct nlattr *tb[LBVS_CONN_ATTR_MAX + 1];

	memset(c, 0, sizeof(*c));
	if (!top[LBVS_ATTR_CONN] ||
	    parse_nested(tb, LBVS_CONN_ATTR_MAX, top[LBVS_ATTR_CONN],
			     conn_policy))
		return -1;
	c->af = get_af(tb[LBVS_CONN_ATTR_AF], -1);
	if (c->af < 0 ||
	    get_addr(tb[LBVS_CONN_ATTR_CADDR], c->af, &c->caddr) ||
	    get_addr(tb[LBVS_CONN_ATTR_VADDR], c->af, &c->vaddr) ||
	    get_addr(tb[LBVS_CONN_ATTR_DADDR], c->af, &c->daddr))
		return -1;
	/* The local address only exists for FULLNAT; it may be IPv4/6. */
	if (tb[LBVS_CONN_ATTR_LADDR])
		get_addr(tb[LBVS_CONN_ATTR_LADDR],
			 nla_len(tb[LBVS_CONN_ATTR_LADDR]) == 16 ?
			 AF_INET6 : AF_INET, &c->laddr);
	c->protocol = get_u16(tb[LBVS_CONN_ATTR_PROTOCOL]);
	c->cport = get_port(tb[LBVS_CONN_ATTR_CPORT]);
	c->vport = get_port(tb[LBVS_CONN_ATTR_VPORT]);
	c->lport = get_port(tb[LBVS_CONN_ATTR_LPORT]);
	c->dport = get_port(tb[LBVS_CONN_ATTR_DPORT]);
	c->state = tb[LBVS_CONN_ATTR_STATE] ?
		nla_get_u8(tb[LBVS_CONN_ATTR_STATE]) : 0;
	c->expires_ms = get_u32(tb[LBVS_CONN_ATTR_EXPIRES]);
	c->fwd = get_u32(tb[LBVS_CONN_ATTR_FWD]);
	c->flags = get_u32(tb[LBVS_CONN_ATTR_FLAGS]);
	return 0;
}

void lbadm_get_info(struct nlattr **tb, struct lbadm_info *i)
{
	i->version = get_u32(tb[LBVS_ATTR_INFO_VERSION]);
	i->conn_tab_size = get_u32(tb[LBVS_ATTR_INFO_CONN_TAB_SIZE]);
	i->conn_max = get_u32(tb[LBVS_ATTR_INFO_CONN_MAX]);
	i->conn_count = get_u32(tb[LBVS_ATTR_INFO_CONN_COUNT]);
	i->conn_dropped = get_u64(tb[LBVS_ATTR_INFO_CONN_DROPPED]);
	i->no_lport = get_u64(tb[LBVS_ATTR_INFO_NO_LPORT]);
	i->features = get_u32(tb[LBVS_ATTR_INFO_FEATURES]);
}

void lbadm_get_timeouts(struct nlattr **tb, struct lbadm_timeouts *t)
{
	t->tcp = get_u32(tb[LBVS_ATTR_TIMEOUT_TCP]);
	t->tcp_fin = get_u32(tb[LBVS_ATTR_TIMEOUT_TCP_FIN]);
	t->udp = get_u32(tb[LBVS_ATTR_TIMEOUT_UDP]);
}
