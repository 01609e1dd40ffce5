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
		n += attr_size(strlen(s->sched) + 1) + 5 * attr_size(4) +
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
		/* Always: -E without them puts --set's back, as -E does -p's. */
		a = attr_u32(a, LBVS_SVC_ATTR_TIMEOUT_TCP, s->timeouts[0]);
		a = attr_u32(a, LBVS_SVC_ATTR_TIMEOUT_TCP_FIN, s->timeouts[1]);
		a = attr_u32(a, LBVS_SVC_ATTR_TIMEOUT_UDP, s->timeouts[2]);
	}
	return nest_end(nest, a);
}

/* A tunnelled server's type always (an edit without one means IPIP). */
static size_t tun_size(const struct lbadm_dest *d)
{
	if (d->fwd != LBVS_FWD_TUN)
		return 0;
	return attr_size(1) + (d->tun_port ? attr_size(2) : 0) +
	       (d->tun_flags ? attr_size(2) : 0);
}

static char *put_tun(char *a, const struct lbadm_dest *d)
{
	if (d->fwd != LBVS_FWD_TUN)
		return a;
	a = attr_u8(a, LBVS_DEST_ATTR_TUN_TYPE, d->tun_type);
	if (d->tun_port)
		a = attr_u16(a, LBVS_DEST_ATTR_TUN_PORT, htons(d->tun_port));
	if (d->tun_flags)
		a = attr_u16(a, LBVS_DEST_ATTR_TUN_FLAGS, d->tun_flags);
	return a;
}

static size_t dest_size(const struct lbadm_dest *d, int conf)
{
	return NLA_HDRLEN + 2 * attr_size(2) + attr_size(addr_len(d->addr.af)) +
	       (d->has_drain ? attr_size(4) : 0) +
	       (conf ? 4 * attr_size(4) + tun_size(d) : 0);
}

static inline __attribute__((always_inline))
char *put_dest(char *a, const struct lbadm_dest *d, int conf)
{
	char *nest = a;

	a = nest_start(a, LBVS_ATTR_DEST);
	a = attr_u16(a, LBVS_DEST_ATTR_AF, d->addr.af);
	a = attr_addr(a, LBVS_DEST_ATTR_ADDR, d->addr.af, d->addr.b);
	a = attr_u16(a, LBVS_DEST_ATTR_PORT, htons(d->port));
	if (d->has_drain)
		a = attr_u32(a, LBVS_DEST_ATTR_DRAIN, d->drain);
	if (conf) {
		a = attr_u32(a, LBVS_DEST_ATTR_FWD, d->fwd);
		a = attr_u32(a, LBVS_DEST_ATTR_WEIGHT, d->weight);
		a = attr_u32(a, LBVS_DEST_ATTR_U_THRESH, d->u_thresh);
		a = attr_u32(a, LBVS_DEST_ATTR_L_THRESH, d->l_thresh);
		a = put_tun(a, d);
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
#define REQ_MAX	(3 * NLA_HDRLEN + 8 * NLA_ALIGN(NLA_HDRLEN + 2) +	\
		 3 * NLA_ALIGN(NLA_HDRLEN + 16) +			\
		 NLA_ALIGN(NLA_HDRLEN + LBVS_SCHED_NAME_MAX) +		\
		 9 * NLA_ALIGN(NLA_HDRLEN + 4) + 2 * NLA_ALIGN(NLA_HDRLEN + 1))

/* lbadm_put_req() into h, whose buffer holds max bytes. */
static inline __attribute__((always_inline))
int put_req(struct nlmsghdr *h, size_t max, const struct lbadm_req *r)
{
	int conf_svc = r->cmd == LC_ADD || r->cmd == LC_EDIT;
	int conf_dest = (r->cmd == LC_ADDDEST || r->cmd == LC_EDITDEST) &&
			!r->dest.has_drain;
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

/*
 * Replies. Lengths are checked here rather than trusted, as libnl's
 * nla_parse() checks them against a policy: each attribute type's minimum
 * payload (NLA_U8 1, NLA_U16 2, NLA_U32 4, NLA_U64 8, NLA_STRING 1 and
 * NUL-terminated, anything else 0). A policy here is those minimums by
 * type, STR marking the strings.
 */
#define STR	0x80

static const uint8_t top_policy[LBVS_ATTR_MAX + 1] = {
	[LBVS_ATTR_TIMEOUT_TCP] = 4,
	[LBVS_ATTR_TIMEOUT_TCP_FIN] = 4,
	[LBVS_ATTR_TIMEOUT_UDP] = 4,
	[LBVS_ATTR_INFO_VERSION] = 4,
	[LBVS_ATTR_INFO_CONN_TAB_SIZE] = 4,
	[LBVS_ATTR_INFO_CONN_MAX] = 4,
	[LBVS_ATTR_INFO_CONN_COUNT] = 4,
	[LBVS_ATTR_INFO_CONN_DROPPED] = 8,
	[LBVS_ATTR_INFO_NO_LPORT] = 8,
	[LBVS_ATTR_INFO_FEATURES] = 4,
	[LBVS_ATTR_EVENT_PID] = 4,
};

/*
 * nla_parse() with such a policy (NULL: no checks): 0 or a negative libnl
 * error. Always inlined, so that each caller's is specialised to its
 * constant max and policy: a listing parses some 15 attributes for each
 * real server, where a generic loop's per-attribute cost adds up.
 */
static inline __attribute__((always_inline))
int parse(struct nlattr **tb, int max, struct nlattr *head, int len,
	  const uint8_t *policy)
{
	struct nlattr *a = head;
	int type, n;

	memset(tb, 0, sizeof(*tb) * (max + 1));
	while (len >= (int)sizeof(*a) && a->nla_len >= sizeof(*a) &&
	       a->nla_len <= len) {
		n = a->nla_len - NLA_HDRLEN;
		type = a->nla_type & NLA_TYPE_MASK;
		if (type <= max) {
			if (policy && n < (policy[type] & ~STR))
				return -NLE_RANGE;
			if (policy && (policy[type] & STR) &&
			    ((const char *)a)[NLA_HDRLEN + n - 1])
				return -NLE_INVAL;
			tb[type] = a;
		}
		len -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
	}
	return 0;
}

static inline __attribute__((always_inline))
int parse_nested(struct nlattr **tb, int max, struct nlattr *nest,
		 const uint8_t *policy)
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

	/* Counters may come as u32; shorter ones are not counters. */
	if (!a || attr_len(a) < 4)
		return 0;
	if (attr_len(a) < 8)
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

/* An attribute's header as the uint32_t it is in memory. */
static inline uint32_t hdr_word(uint16_t len, uint16_t type)
{
	struct nlattr h = { len, type };
	uint32_t w;

	memcpy(&w, &h, sizeof(w));
	return w;
}

static inline uint32_t hdr_at(const char *p)
{
	uint32_t w;

	memcpy(&w, p, sizeof(w));
	return w;
}

#define U64_ATTR	(NLA_HDRLEN + 8)

/*
 * The counters as the kernel sends them: nothing but u64 attributes of
 * known types, in any order (then the one of a type taken last is the one
 * get_stats() would take), into s zeroed. Returns -1, s zeroed again,
 * for any other layout.
 */
static int stats_fast(const struct nlattr *nest, struct lbadm_stats *s)
{
	static const uint8_t off[LBVS_STATS_ATTR_MAX + 1] = {
#define OFF(a, m)	[LBVS_STATS_ATTR_##a] = offsetof(struct lbadm_stats, m)
		OFF(CONNS, conns), OFF(INPKTS, inpkts), OFF(OUTPKTS, outpkts),
		OFF(INBYTES, inbytes), OFF(OUTBYTES, outbytes), OFF(CPS, cps),
		OFF(INPPS, inpps), OFF(OUTPPS, outpps), OFF(INBPS, inbps),
		OFF(OUTBPS, outbps),
#undef OFF
	};
	const char *p = attr_data(nest), *end = p + attr_len(nest);
	const struct nlattr *a;

	for (; end - p >= U64_ATTR; p += U64_ATTR) {
		a = (const struct nlattr *)p;
		if (a->nla_len != U64_ATTR || a->nla_type < LBVS_STATS_ATTR_CONNS ||
		    a->nla_type > LBVS_STATS_ATTR_OUTBPS)
			break;
		memcpy((char *)s + off[a->nla_type], p + NLA_HDRLEN, 8);
	}
	if (p == end)
		return 0;
	memset(s, 0, sizeof(*s));
	return -1;
}

static void get_stats(struct nlattr *nest, struct lbadm_stats *s)
{
	struct nlattr *tb[LBVS_STATS_ATTR_MAX + 1];

	memset(s, 0, sizeof(*s));
	if (!nest || !stats_fast(nest, s) ||
	    parse_nested(tb, LBVS_STATS_ATTR_MAX, nest, NULL))
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

static const uint8_t svc_policy[LBVS_SVC_ATTR_MAX + 1] = {
	[LBVS_SVC_ATTR_AF] = 2,
	[LBVS_SVC_ATTR_PROTOCOL] = 2,
	[LBVS_SVC_ATTR_PORT] = 2,
	[LBVS_SVC_ATTR_FWMARK] = 4,
	[LBVS_SVC_ATTR_SCHED_NAME] = 1 | STR,
	[LBVS_SVC_ATTR_FLAGS] = 4,
	[LBVS_SVC_ATTR_TIMEOUT] = 4,
	[LBVS_SVC_ATTR_NETMASK] = 1,
	[LBVS_SVC_ATTR_TIMEOUT_TCP] = 4,
	[LBVS_SVC_ATTR_TIMEOUT_TCP_FIN] = 4,
	[LBVS_SVC_ATTR_TIMEOUT_UDP] = 4,
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
	s->timeouts[0] = get_u32(tb[LBVS_SVC_ATTR_TIMEOUT_TCP]);
	s->timeouts[1] = get_u32(tb[LBVS_SVC_ATTR_TIMEOUT_TCP_FIN]);
	s->timeouts[2] = get_u32(tb[LBVS_SVC_ATTR_TIMEOUT_UDP]);
	s->netmask = tb[LBVS_SVC_ATTR_NETMASK] ?
		nla_get_u8(tb[LBVS_SVC_ATTR_NETMASK]) :
		(s->af == AF_INET6 ? 128 : 32);
	get_stats(tb[LBVS_SVC_ATTR_STATS], &s->stats);
	return 0;
}

static const uint8_t dest_policy[LBVS_DEST_ATTR_MAX + 1] = {
	[LBVS_DEST_ATTR_AF] = 2,
	[LBVS_DEST_ATTR_PORT] = 2,
	[LBVS_DEST_ATTR_FWD] = 4,
	[LBVS_DEST_ATTR_WEIGHT] = 4,
	[LBVS_DEST_ATTR_U_THRESH] = 4,
	[LBVS_DEST_ATTR_L_THRESH] = 4,
	[LBVS_DEST_ATTR_ACTIVE_CONNS] = 4,
	[LBVS_DEST_ATTR_INACT_CONNS] = 4,
	[LBVS_DEST_ATTR_PERSIST_CONNS] = 4,
	[LBVS_DEST_ATTR_TUN_TYPE] = 1,
	[LBVS_DEST_ATTR_TUN_PORT] = 2,
	[LBVS_DEST_ATTR_TUN_FLAGS] = 2,
	[LBVS_DEST_ATTR_DRAIN] = 4,
};

/* The family of the reply's service, if it names one, else AF_INET. */
static int svc_af(struct nlattr **top)
{
	struct lbadm_svc svc;

	return top[LBVS_ATTR_SERVICE] && !lbadm_get_svc(top, &svc) ?
		svc.af : AF_INET;
}

/* The u32 attributes of a server, in the kernel's order. */
static const uint8_t dest_u32s[] = {
	offsetof(struct lbadm_dest, fwd),
	offsetof(struct lbadm_dest, weight),
	offsetof(struct lbadm_dest, u_thresh),
	offsetof(struct lbadm_dest, l_thresh),
	offsetof(struct lbadm_dest, active),
	offsetof(struct lbadm_dest, inactive),
	offsetof(struct lbadm_dest, persist),
};

#define U16_ATTR	NLA_ALIGN(NLA_HDRLEN + 2)
#define U32_ATTR	(NLA_HDRLEN + 4)
#define N_U32S		sizeof(dest_u32s)

/*
 * A server nest laid out as the kernel's put_dest() writes it: AF (IPv4
 * or IPv6), ADDR of its length, PORT, FWD to PERSIST_CONNS, then STATS or
 * nothing. Such a nest is one that the policy passes, and its values are
 * at known places: 0 and d filled as the general code below fills it. -1
 * for any other, left to that code (which clears d first).
 */
static int dest_fast(const struct nlattr *nest, struct lbadm_dest *d)
{
	const char *p = attr_data(nest), *end = p + attr_len(nest);
	const char *addr, *port;
	uint16_t af;
	size_t alen, i;

	if (end - p < U16_ATTR ||
	    hdr_at(p) != hdr_word(NLA_HDRLEN + 2, LBVS_DEST_ATTR_AF))
		return -1;
	memcpy(&af, p + NLA_HDRLEN, sizeof(af));
	if (af != AF_INET && af != AF_INET6)
		return -1;
	alen = addr_len(af);
	if ((size_t)(end - p) < U16_ATTR + NLA_HDRLEN + alen + U16_ATTR +
				N_U32S * U32_ATTR)
		return -1;
	addr = p + U16_ATTR;
	port = addr + NLA_HDRLEN + alen;
	if (hdr_at(addr) != hdr_word(NLA_HDRLEN + alen, LBVS_DEST_ATTR_ADDR) ||
	    hdr_at(port) != hdr_word(NLA_HDRLEN + 2, LBVS_DEST_ATTR_PORT))
		return -1;
	memset(d, 0, sizeof(*d));
	p = port + U16_ATTR;
	/* Unrolled: a loop's own instructions cost as much as its work. */
#pragma GCC unroll 8
	for (i = 0; i < N_U32S; i++, p += U32_ATTR) {
		if (hdr_at(p) != hdr_word(U32_ATTR, LBVS_DEST_ATTR_FWD + i))
			return -1;
		memcpy((char *)d + dest_u32s[i], p + NLA_HDRLEN, 4);
	}
	if (p != end && (end - p < NLA_HDRLEN ||
			 ((const struct nlattr *)p)->nla_len != end - p ||
			 (((const struct nlattr *)p)->nla_type &
			  NLA_TYPE_MASK) != LBVS_DEST_ATTR_STATS))
		return -1;
	d->addr.af = af;
	if (af == AF_INET6)
		memcpy(d->addr.b, addr + NLA_HDRLEN, 16);
	else
		memcpy(d->addr.b, addr + NLA_HDRLEN, 4);
	d->port = get_port((struct nlattr *)port);
	if (p != end)
		get_stats((struct nlattr *)p, &d->stats);
	return 0;
}

/* A dest without LBVS_DEST_ATTR_AF has its service's family, if sent. */
int lbadm_get_dest(struct nlattr **top, struct lbadm_dest *d)
{
	struct nlattr *tb[LBVS_DEST_ATTR_MAX + 1];
	int af;

	if (top[LBVS_ATTR_DEST] && !dest_fast(top[LBVS_ATTR_DEST], d))
		return 0;
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
	if (tb[LBVS_DEST_ATTR_TUN_TYPE])
		d->tun_type = nla_get_u8(tb[LBVS_DEST_ATTR_TUN_TYPE]);
	d->tun_port = get_port(tb[LBVS_DEST_ATTR_TUN_PORT]);
	d->tun_flags = get_u16(tb[LBVS_DEST_ATTR_TUN_FLAGS]);
	d->has_drain = !!tb[LBVS_DEST_ATTR_DRAIN];
	d->drain = get_u32(tb[LBVS_DEST_ATTR_DRAIN]);
	get_stats(tb[LBVS_DEST_ATTR_STATS], &d->stats);
	return 0;
}

static const uint8_t laddr_policy[LBVS_LADDR_ATTR_MAX + 1] = {
	[LBVS_LADDR_ATTR_AF] = 2,
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

static const uint8_t conn_policy[LBVS_CONN_ATTR_MAX + 1] = {
	[LBVS_CONN_ATTR_AF] = 2,
	[LBVS_CONN_ATTR_PROTOCOL] = 2,
	[LBVS_CONN_ATTR_CPORT] = 2,
	[LBVS_CONN_ATTR_VPORT] = 2,
	[LBVS_CONN_ATTR_LPORT] = 2,
	[LBVS_CONN_ATTR_DPORT] = 2,
	[LBVS_CONN_ATTR_STATE] = 1,
	[LBVS_CONN_ATTR_EXPIRES] = 4,
	[LBVS_CONN_ATTR_FWD] = 4,
	[LBVS_CONN_ATTR_FLAGS] = 4,
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
