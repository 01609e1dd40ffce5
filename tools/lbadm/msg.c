// SPDX-License-Identifier: GPL-2.0
/*
 * The attributes of include/uapi/linux/lbvs.h, a table per nest (attr.h):
 * each says once which member of lbadm's structs an attribute is, which
 * requests write it, and how replies are read. Ports and addresses go on
 * the wire in network byte order; everything else is host order.
 */
#include <string.h>
#include <netlink/genl/genl.h>

#include "attr.h"
#include "msg.h"

/* The parts of a request (struct lbadm_field's parts). */
#define P_KEY		0x01	/* a service's family, a server's identity */
#define P_MARK		0x02	/* a fwmark service's key */
#define P_ADDR		0x04	/* an address service's key */
#define P_CONF		0x08	/* -A -E -a -e: the configuration */
#define P_DRAIN		0x10	/* -e --drain */
#define P_TUN		0x20	/* a TUN server's encapsulation */
#define P_GROUP		0x40	/* --mcast-group: a sync daemon's group */
#define P_SECRET	0x80	/* --sync-key: a sync daemon's key */

#define STATS(t, m)	LBADM_FIELD(LBVS_STATS_ATTR_##t, CTR, struct lbadm_stats, m, 0, 0)

static const struct lbadm_field stats_fields[LBVS_STATS_ATTR_MAX + 1] = {
	STATS(CONNS, conns), STATS(INPKTS, inpkts), STATS(OUTPKTS, outpkts),
	STATS(INBYTES, inbytes), STATS(OUTBYTES, outbytes), STATS(CPS, cps),
	STATS(INPPS, inpps), STATS(OUTPPS, outpps), STATS(INBPS, inbps),
	STATS(OUTBPS, outbps), STATS(DROPS, drops),
};

static const struct lbadm_nest stats_nest = LBADM_NEST(stats_fields, 0);
LBADM_READER(get_stats, &stats_nest, struct lbadm_stats)

/*
 * LBVS_ATTR_INFO_DROPS and LBVS_SVC_ATTR_DROPS: attribute r + 1 counts
 * reason r; the reasons are the UAPI's enum, so the nest needs no table
 * of its own. Reasons a newer kernel adds are skipped.
 */
static int get_drops(const struct nlattr *a, void *m)
{
	uint64_t *drops = m;
	struct nlattr *x;
	int rem, t;

	nla_for_each_nested(x, (struct nlattr *)a, rem) {
		t = nla_type(x);
		if (t >= 1 && t <= __LBVS_DROP_MAX && nla_len(x) == sizeof(uint64_t))
			drops[t - 1] = nla_get_u64(x);
	}
	return 0;
}

#define SVC(t, k, m, p, f) LBADM_FIELD(LBVS_SVC_ATTR_##t, k, struct lbadm_svc, m, p, f)

static const struct lbadm_field svc_fields[LBVS_SVC_ATTR_MAX + 1] = {
	SVC(AF, U16, af, P_KEY, 0),
	SVC(PROTOCOL, U16, protocol, P_ADDR, 0),
	SVC(ADDR, ADDR, addr, P_ADDR, 0),
	SVC(PORT, BE16, port, P_ADDR, 0),
	SVC(FWMARK, U32, fwmark, P_MARK, 0),
	SVC(SCHED_NAME, STR, sched, P_CONF, 0),
	SVC(FLAGS, U32, flags, P_CONF, 0),
	SVC(TIMEOUT, U32, timeout, P_CONF, 0),
	SVC(NETMASK, U8, netmask, P_CONF, 0),
	LBADM_SUB(LBVS_SVC_ATTR_STATS, struct lbadm_svc, stats, get_stats),
	/* Always with the rest: -E without them puts --set's back. */
	SVC(TIMEOUT_TCP, U32, timeouts[0], P_CONF, 0),
	SVC(TIMEOUT_TCP_FIN, U32, timeouts[1], P_CONF, 0),
	SVC(TIMEOUT_UDP, U32, timeouts[2], P_CONF, 0),
	LBADM_SUB(LBVS_SVC_ATTR_DROPS, struct lbadm_svc, drop_reasons, get_drops),
};

/* An address service's key also needs its address: lbadm_get_svc(). */
static const struct lbadm_nest svc_nest =
	LBADM_NEST(svc_fields, LBADM_BIT(LBVS_SVC_ATTR_AF));

#define DEST(t, k, m, p, f) LBADM_FIELD(LBVS_DEST_ATTR_##t, k, struct lbadm_dest, m, p, f)

static const struct lbadm_field dest_fields[LBVS_DEST_ATTR_MAX + 1] = {
	DEST(AF, U16, addr.af, P_KEY, 0),
	DEST(ADDR, ADDR, addr, P_KEY, 0),
	DEST(PORT, BE16, port, P_KEY, 0),
	DEST(FWD, U32, fwd, P_CONF, 0),
	DEST(WEIGHT, U32, weight, P_CONF, 0),
	DEST(U_THRESH, U32, u_thresh, P_CONF, 0),
	DEST(L_THRESH, U32, l_thresh, P_CONF, 0),
	DEST(ACTIVE_CONNS, U32, active, 0, 0),
	DEST(INACT_CONNS, U32, inactive, 0, 0),
	DEST(PERSIST_CONNS, U32, persist, 0, 0),
	LBADM_SUB(LBVS_DEST_ATTR_STATS, struct lbadm_dest, stats, get_stats),
	/* A TUN server's type always: an edit without one means IPIP. */
	DEST(TUN_TYPE, U8, tun_type, P_TUN, 0),
	DEST(TUN_PORT, BE16, tun_port, P_TUN, LBADM_F_NONZERO),
	DEST(TUN_FLAGS, U16, tun_flags, P_TUN, LBADM_F_NONZERO),
	DEST(DRAIN, U32, drain, P_DRAIN, 0),
};

static const struct lbadm_nest dest_nest =
	LBADM_NEST(dest_fields, LBADM_BIT(LBVS_DEST_ATTR_ADDR));

static const struct lbadm_field laddr_fields[LBVS_LADDR_ATTR_MAX + 1] = {
	LBADM_FIELD(LBVS_LADDR_ATTR_AF, U16, struct lbadm_addr, af, P_KEY, 0),
	/* The whole struct: its af is the nest's. */
	[LBVS_LADDR_ATTR_ADDR] = { .op = LBADM_OP(LBADM_K_ADDR, 0), .parts = P_KEY,
				   .size = sizeof(struct lbadm_addr) },
};

static const struct lbadm_nest laddr_nest =
	LBADM_NEST(laddr_fields, LBADM_BIT(LBVS_LADDR_ATTR_ADDR));

#define CONN(t, k, m, f) LBADM_FIELD(LBVS_CONN_ATTR_##t, k, struct lbadm_conn, m, 0, f)

static const struct lbadm_field conn_fields[LBVS_CONN_ATTR_MAX + 1] = {
	CONN(AF, U16, af, 0),
	CONN(PROTOCOL, U16, protocol, 0),
	CONN(CADDR, ADDR, caddr, 0),
	CONN(CPORT, BE16, cport, 0),
	CONN(VADDR, ADDR, vaddr, 0),
	CONN(VPORT, BE16, vport, 0),
	/* Only FULLNAT's entries have it, of either family. */
	CONN(LADDR, ADDR, laddr, LBADM_F_ANY_AF),
	CONN(LPORT, BE16, lport, 0),
	CONN(DADDR, ADDR, daddr, 0),
	CONN(DPORT, BE16, dport, 0),
	CONN(STATE, U8, state, 0),
	CONN(EXPIRES, U32, expires_ms, 0),
	CONN(FWD, U32, fwd, 0),
	CONN(FLAGS, U32, flags, 0),
};

static const struct lbadm_nest conn_nest =
	LBADM_NEST(conn_fields, LBADM_BIT(LBVS_CONN_ATTR_AF) |
		   LBADM_BIT(LBVS_CONN_ATTR_CADDR) | LBADM_BIT(LBVS_CONN_ATTR_VADDR) |
		   LBADM_BIT(LBVS_CONN_ATTR_DADDR));

/* A sync peer: an address of either family, by its length. */
static const struct lbadm_field peer_field = {
	.op = LBADM_OP(LBADM_K_ADDR, 0), .flags = LBADM_F_ANY_AF,
	.size = sizeof(struct lbadm_addr),
};

/* LBVS_DAEMON_ATTR_PEERS into a struct lbadm_peers; -1 if one is not an address. */
static int get_peers(const struct nlattr *nest, void *obj)
{
	const struct nlattr *a = (const void *)((const char *)nest + NLA_HDRLEN);
	int len = nest->nla_len - NLA_HDRLEN, alen;
	struct lbadm_peers *p = obj;

	memset(p, 0, sizeof(*p));
	for (; lbadm_attr_type(a, len) >= 0; len -= NLA_ALIGN(a->nla_len),
	     a = (const void *)((const char *)a + NLA_ALIGN(a->nla_len))) {
		alen = a->nla_len - NLA_HDRLEN;
		if (lbadm_attr_type(a, len) != LBVS_DAEMON_PEER_ATTR_ADDR ||
		    p->n == LBVS_SYNC_PEERS_MAX)
			continue;
		if (alen != 4 && alen != 16)
			return -1;
		p->a[p->n].af = alen == 16 ? AF_INET6 : AF_INET;
		memcpy(p->a[p->n++].b, (const char *)a + NLA_HDRLEN, (size_t)alen);
	}
	return 0;
}

/* --sync-peer's addresses as LBVS_DAEMON_ATTR_PEERS at a; NULL past end. */
static char *put_peers(char *a, const char *end, const struct lbadm_peers *p)
{
	struct nlattr hdr = { 0, NLA_F_NESTED | LBVS_DAEMON_ATTR_PEERS };
	char *nest = a;
	int i;

	if (end - a < NLA_HDRLEN)
		return NULL;
	a += NLA_HDRLEN;
	for (i = 0; a && i < p->n; i++)
		a = lbadm_attr_put_one(a, end, LBVS_DAEMON_PEER_ATTR_ADDR, &peer_field,
				       (const char *)&p->a[i], 0);
	if (!a)
		return NULL;
	hdr.nla_len = (uint16_t)(a - nest);
	memcpy(nest, &hdr, sizeof(hdr));
	return a;
}

/*
 * A sync daemon: P_KEY its state (--stop-daemon), P_CONF the rest of
 * --start-daemon's values, P_GROUP its group, P_SECRET its key (with
 * auth set); 0 is "the default". Its peers are a nest of their own:
 * put_daemon() writes them.
 */
#define DAEMON(t, k, m, p, f) LBADM_FIELD(LBVS_DAEMON_ATTR_##t, k, struct lbadm_daemon, m, p, f)

static const struct lbadm_field daemon_fields[LBVS_DAEMON_ATTR_MAX + 1] = {
	DAEMON(STATE, U32, state, P_KEY, 0),
	DAEMON(IFNAME, STR, ifname, P_CONF, 0),
	DAEMON(SYNCID, U32, syncid, P_CONF, 0),
	DAEMON(MAXLEN, U16, maxlen, P_CONF, LBADM_F_NONZERO),
	DAEMON(AF, U16, group.af, P_GROUP, 0),
	DAEMON(GROUP, ADDR, group, P_GROUP, 0),
	DAEMON(PORT, U16, port, P_CONF, LBADM_F_NONZERO),
	DAEMON(TTL, U8, ttl, P_CONF, LBADM_F_NONZERO),
	DAEMON(TX_MSGS, CTR, tx_msgs, 0, 0),
	DAEMON(TX_CONNS, CTR, tx_conns, 0, 0),
	DAEMON(TX_DROPPED, CTR, tx_dropped, 0, 0),
	DAEMON(RX_MSGS, CTR, rx_msgs, 0, 0),
	DAEMON(RX_CONNS, CTR, rx_conns, 0, 0),
	DAEMON(RX_REFUSED, CTR, rx_refused, 0, 0),
	DAEMON(RX_ERRORS, CTR, rx_errors, 0, 0),
	DAEMON(RESYNC_STATE, U32, resync_state, 0, 0),
	DAEMON(RESYNC_ENTRIES, CTR, resync_entries, 0, 0),
	DAEMON(RESYNC_MSECS, CTR, resync_msecs, 0, 0),
	DAEMON(RESYNCS, CTR, resyncs, 0, 0),
	DAEMON(KEY, BIN, key, P_SECRET, 0),
	DAEMON(AUTH, U8, auth, 0, 0),
	DAEMON(RX_AUTH_FAILED, CTR, rx_auth_failed, 0, 0),
	LBADM_SUB(LBVS_DAEMON_ATTR_PEERS, struct lbadm_daemon, peers, get_peers),
	DAEMON(RX_NOT_PEER, CTR, rx_not_peer, 0, 0),
};

static const struct lbadm_nest daemon_nest =
	LBADM_NEST(daemon_fields, LBADM_BIT(LBVS_DAEMON_ATTR_STATE));

/* The top level's values, of three kinds of message. */
struct top {
	struct lbadm_timeouts to;
	struct lbadm_info info;
	struct lbadm_event event;
};

#define TOP(t, k, m, p) LBADM_FIELD(LBVS_ATTR_##t, k, struct top, m, p, 0)
#define NESTED(t)	[LBVS_ATTR_##t] = { .op = LBADM_OP(LBADM_K_NEST, 0) }

static const struct lbadm_field top_fields[LBVS_ATTR_MAX + 1] = {
	NESTED(SERVICE), NESTED(DEST), NESTED(CONN), NESTED(LADDR),
	NESTED(DEST_LIST), NESTED(DAEMON),
	TOP(TIMEOUT_TCP, U32, to.tcp, P_CONF),
	TOP(TIMEOUT_TCP_FIN, U32, to.tcp_fin, P_CONF),
	TOP(TIMEOUT_UDP, U32, to.udp, P_CONF),
	TOP(INFO_VERSION, U32, info.version, 0),
	TOP(INFO_CONN_TAB_SIZE, U32, info.conn_tab_size, 0),
	TOP(INFO_CONN_MAX, U32, info.conn_max, 0),
	TOP(INFO_CONN_COUNT, U32, info.conn_count, 0),
	TOP(INFO_CONN_DROPPED, U64, info.conn_dropped, 0),
	TOP(INFO_NO_LPORT, U64, info.no_lport, 0),
	TOP(INFO_FEATURES, U32, info.features, 0),
	LBADM_SUB(LBVS_ATTR_INFO_DROPS, struct top, info.drops, get_drops),
	TOP(EVENT_PID, U32, event.pid, 0),
	TOP(EVENT_COMM, STR, event.comm, 0),
};

static const struct lbadm_nest top_nest = LBADM_NEST(top_fields, 0);

static unsigned int svc_parts(const struct lbadm_svc *s, int conf)
{
	return P_KEY | (s->fwmark ? P_MARK : P_ADDR) | (conf ? P_CONF : 0);
}

/* --drain goes alone: no configuration with it. */
static unsigned int dest_parts(const struct lbadm_dest *d, int conf)
{
	if (d->has_drain)
		return P_KEY | P_DRAIN;
	if (!conf)
		return P_KEY;
	return P_KEY | P_CONF | (d->fwd == LBVS_FWD_TUN ? P_TUN : 0);
}

static char *put_svc(char *a, const char *end, const struct lbadm_svc *s, int conf)
{
	return lbadm_attr_put_nest(a, end, LBVS_ATTR_SERVICE, &svc_nest, s,
				   s->af, svc_parts(s, conf));
}

static char *put_dest(char *a, const char *end, const struct lbadm_dest *d, int conf)
{
	return lbadm_attr_put_nest(a, end, LBVS_ATTR_DEST, &dest_nest, d,
				   d->addr.af, dest_parts(d, conf));
}

static char *put_laddr(char *a, const char *end, const struct lbadm_addr *x)
{
	return lbadm_attr_put_nest(a, end, LBVS_ATTR_LADDR, &laddr_nest, x,
				   x->af, P_KEY);
}

static char *put_daemon(char *a, const char *end, const struct lbadm_daemon *d,
			int conf)
{
	unsigned int parts = P_KEY | (conf ? P_CONF : 0) |
			     (conf && d->group.af ? P_GROUP : 0) |
			     (conf && d->auth ? P_SECRET : 0);
	char *nest = a;
	uint16_t len;

	a = lbadm_attr_put_nest(a, end, LBVS_ATTR_DAEMON, &daemon_nest, d,
				d->group.af, parts);
	if (!a || !conf || !d->peers.n)
		return a;
	a = put_peers(a, end, &d->peers);
	if (a) {		/* the daemon's nest takes them in */
		len = (uint16_t)(a - nest);
		memcpy(nest, &len, sizeof(len));
	}
	return a;
}

static char *put_timeouts(char *a, const char *end, const struct lbadm_timeouts *t)
{
	struct top top = { .to = *t };

	return lbadm_attr_put(a, end, &top_nest, &top, 0, P_CONF);
}

/*
 * The request so far is h's message; what is added goes after it, up to
 * the end of m's buffer (limit()). On success h's length takes it in; a
 * request that does not fit leaves h as it was.
 */
static char *tail(struct nlmsghdr *h)
{
	return (char *)h + NLMSG_ALIGN(h->nlmsg_len);
}

static int done(struct nlmsghdr *h, char *end)
{
	if (!end)
		return -1;
	h->nlmsg_len = (uint32_t)(end - (char *)h);
	return 0;
}

static const char *limit(struct nl_msg *m)
{
	return (const char *)nlmsg_hdr(m) + nlmsg_get_max_size(m);
}

int lbadm_put_svc(struct nl_msg *m, const struct lbadm_svc *s, int conf)
{
	struct nlmsghdr *h = nlmsg_hdr(m);

	return done(h, put_svc(tail(h), limit(m), s, conf));
}

int lbadm_put_dest(struct nl_msg *m, const struct lbadm_dest *d, int conf)
{
	struct nlmsghdr *h = nlmsg_hdr(m);

	return done(h, put_dest(tail(h), limit(m), d, conf));
}

int lbadm_put_laddr(struct nl_msg *m, const struct lbadm_addr *x)
{
	struct nlmsghdr *h = nlmsg_hdr(m);

	return done(h, put_laddr(tail(h), limit(m), x));
}

int lbadm_put_timeouts(struct nl_msg *m, const struct lbadm_timeouts *t)
{
	struct nlmsghdr *h = nlmsg_hdr(m);

	return done(h, put_timeouts(tail(h), limit(m), t));
}

/* lbadm_put_req() into h, whose buffer ends at end. */
static int put_req(struct nlmsghdr *h, const char *end, const struct lbadm_req *r)
{
	int conf_svc = r->cmd == LC_ADD || r->cmd == LC_EDIT;
	int conf_dest = r->cmd == LC_ADDDEST || r->cmd == LC_EDITDEST;
	char *a = tail(h);

	if (r->cmd == LC_SET)
		return done(h, put_timeouts(a, end, &r->to));
	if (r->cmd == LC_STARTD || r->cmd == LC_STOPD)
		return done(h, put_daemon(a, end, &r->daemon, r->cmd == LC_STARTD));
	if (a && r->has_svc)
		a = put_svc(a, end, &r->svc, conf_svc);
	if (a && r->given[O_REAL])
		a = put_dest(a, end, &r->dest, conf_dest);
	if (a && r->given[O_LADDR])
		a = put_laddr(a, end, &r->laddr);
	return done(h, a);
}

int lbadm_put_req(struct nl_msg *m, const struct lbadm_req *r)
{
	return put_req(nlmsg_hdr(m), limit(m), r);
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
	int cmd = lbadm_req_cmd(r);

	if (cmd < 0 || nlmsg_get_max_size(m) < NLMSG_HDRLEN + GENL_HDRLEN)
		return -1;
	lbadm_put_hdr(h, family, cmd, 0);
	return put_req(h, limit(m), r);
}

int lbadm_parse_top_hdr(struct nlmsghdr *h, struct nlattr **tb)
{
	int hdr = NLMSG_HDRLEN + GENL_HDRLEN;

	if (h->nlmsg_len < (uint32_t)hdr)
		return -NLE_MSG_TOOSHORT;
	return lbadm_attr_index(&top_nest, (struct nlattr *)((char *)h + hdr),
				(int)h->nlmsg_len - hdr, tb);
}

int lbadm_parse_top(struct nl_msg *m, struct nlattr **tb)
{
	return lbadm_parse_top_hdr(nlmsg_hdr(m), tb);
}

static int valid_af(int af)
{
	return af == AF_INET || af == AF_INET6;
}

/*
 * The nest a into obj by n (obj cleared first): 0, or -1 if not valid.
 * Inlined, so that each reader has its table's unrolled code.
 */
static inline __attribute__((always_inline))
int read_nest(const struct lbadm_nest *n, const struct nlattr *a,
		     void *obj, size_t size, struct lbadm_reading *r)
{
	memset(obj, 0, size);
	return a ? lbadm_attr_get(n, a, obj, r) : -1;
}

static int has(const struct lbadm_reading *r, int type)
{
	return !!(r->found & LBADM_BIT(type));
}

/*
 * A reader that fails (-1) may leave its struct holding part of the nest.
 * Replies name services by their key: a fwmark's has no address or port.
 */
int lbadm_get_svc(struct nlattr **top, struct lbadm_svc *s)
{
	struct lbadm_reading r;

	if (read_nest(&svc_nest, top[LBVS_ATTR_SERVICE], s, sizeof(*s), &r) ||
	    !valid_af(s->af))
		return -1;
	if (s->fwmark) {
		s->protocol = 0;
		s->port = 0;
	} else if (!has(&r, LBVS_SVC_ATTR_ADDR) ||
		   lbadm_attr_addrs(&svc_nest, &r, s, s->af)) {
		return -1;
	}
	if (!has(&r, LBVS_SVC_ATTR_NETMASK))
		s->netmask = s->af == AF_INET6 ? 128 : 32;
	return 0;
}

/* The family of the reply's service, if it names one, else AF_INET. */
static int svc_af(struct nlattr **top)
{
	struct lbadm_svc svc;

	return top[LBVS_ATTR_SERVICE] && !lbadm_get_svc(top, &svc) ?
		svc.af : AF_INET;
}

/* A server without LBVS_DEST_ATTR_AF has its service's family. */
int lbadm_get_dest(struct nlattr **top, struct lbadm_dest *d)
{
	struct lbadm_reading r;
	int af;

	if (read_nest(&dest_nest, top[LBVS_ATTR_DEST], d, sizeof(*d), &r))
		return -1;
	af = has(&r, LBVS_DEST_ATTR_AF) ? d->addr.af : svc_af(top);
	if (!valid_af(af) || lbadm_attr_addrs(&dest_nest, &r, d, af))
		return -1;
	d->has_drain = has(&r, LBVS_DEST_ATTR_DRAIN);
	return 0;
}

/* As a server: without LBVS_LADDR_ATTR_AF, the service's family. */
int lbadm_get_laddr(struct nlattr **top, struct lbadm_addr *a)
{
	struct lbadm_reading r;
	int af;

	if (read_nest(&laddr_nest, top[LBVS_ATTR_LADDR], a, sizeof(*a), &r))
		return -1;
	af = has(&r, LBVS_LADDR_ATTR_AF) ? a->af : svc_af(top);
	return valid_af(af) ? lbadm_attr_addrs(&laddr_nest, &r, a, af) : -1;
}

int lbadm_get_conn(struct nlattr **top, struct lbadm_conn *c)
{
	struct lbadm_reading r;

	if (read_nest(&conn_nest, top[LBVS_ATTR_CONN], c, sizeof(*c), &r) ||
	    !valid_af(c->af))
		return -1;
	return lbadm_attr_addrs(&conn_nest, &r, c, c->af);
}

/* A group without its family, or of another, is no group. */
int lbadm_get_daemon(struct nlattr **top, struct lbadm_daemon *d)
{
	struct lbadm_reading r;
	int af;

	if (read_nest(&daemon_nest, top[LBVS_ATTR_DAEMON], d, sizeof(*d), &r))
		return -1;
	af = d->group.af;
	d->group.af = 0;
	if (has(&r, LBVS_DAEMON_ATTR_GROUP) && valid_af(af))
		return lbadm_attr_addrs(&daemon_nest, &r, d, af);
	return 0;
}

static struct top get_top(struct nlattr **tb)
{
	struct top t;

	memset(&t, 0, sizeof(t));
	lbadm_attr_get_index(&top_nest, tb, &t);
	return t;
}

void lbadm_get_info(struct nlattr **tb, struct lbadm_info *i)
{
	*i = get_top(tb).info;
}

void lbadm_get_timeouts(struct nlattr **tb, struct lbadm_timeouts *t)
{
	*t = get_top(tb).to;
}

void lbadm_get_event(struct nlattr **tb, struct lbadm_event *e)
{
	*e = get_top(tb).event;
}
