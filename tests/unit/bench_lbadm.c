// SPDX-License-Identifier: GPL-2.0
/*
 * Workload for profiling lbadm's listing path without the module (the
 * module cannot load on the build host): lbadm's -L / -S code runs as in
 * the tool (lbadm_run(): dumps, reply parsing, sorting, printing) against a
 * fake kernel, a child process on the other end of a socketpair that
 * answers the dumps the way kmod/netlink.c does (LBVS_ATTR_NO_STATS
 * included), with N services of 10 real servers each (the layout of
 * tests/e2e/310-scale.sh). Run under
 * callgrind; the child's counts land in a file of their own.
 *
 *   make -C tests/unit bench_lbadm
 *   valgrind --tool=callgrind --callgrind-out-file=cg.%p \
 *	tests/unit/bench_lbadm list|save|json [N [mixed]] >/dev/null
 *
 * "mixed" replaces that layout with one for comparing outputs across
 * changes rather than for timing: IPv4, IPv6 and fwmark services in an
 * unsorted creation order, persistence, odd scheduler names, 0 to 12
 * servers each (unsorted, every forwarding method, IPv6 addresses with
 * every kind of zero run), counters of every magnitude, FULLNAT pools and
 * N connections, all from a fixed seed. Besides list, save and json, the
 * modes stats, rate, exact, xrate, thresh, pconn, nosort, conn, connjson,
 * pconnc, laddr and laddrjson run the matching lbadm options (see modes[]).
 *
 * Restore input is profiled with the tool itself: without the module,
 * lbadm -R parses and builds every request, then fails to find the family.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/genetlink.h>
#include <netlink/genl/genl.h>

#include "cmd.h"
#include "nl.h"
#include "opts.h"

#define FAMILY		0x42
#define SKB_SIZE	(32 * 1024)	/* the kernel's dump skbs */
#define MAX_DESTS	12
#define MAX_LADDRS	4

struct stream {
	char *buf;
	size_t len, cap;
};

/* The fake kernel's table. */
struct fdest {
	int af;
	uint8_t addr[16];
	uint16_t port;
	uint32_t v[7];		/* FWD, WEIGHT, thresholds, counts */
	uint64_t st[10];	/* LBVS_STATS_ATTR_CONNS.. */
};

struct fsvc {
	int af;
	uint16_t proto;
	uint8_t addr[16];
	uint16_t port;
	uint32_t fwmark;
	const char *sched;
	uint32_t flags, timeout;
	uint8_t netmask;
	uint64_t st[10];
	unsigned int nd, nl;
	struct fdest d[MAX_DESTS];
	uint8_t laddr[MAX_LADDRS][16];
};

static int mixed;
static uint64_t seed = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	seed ^= seed >> 12;
	seed ^= seed << 25;
	seed ^= seed >> 27;
	return seed * 0x2545f4914f6cdd1dULL;
}

/* A number of a random magnitude: every digit count turns up. */
static uint64_t rnd_mag(void)
{
	return rnd() >> (rnd() % 64);
}

static void append(struct stream *s, struct nl_msg *m)
{
	struct nlmsghdr *h = nlmsg_hdr(m);
	size_t len = NLMSG_ALIGN(h->nlmsg_len);

	if (s->len + len > s->cap) {
		s->cap = (s->cap + len) * 2;
		s->buf = realloc(s->buf, s->cap);
		if (!s->buf)
			exit(1);
	}
	memcpy(s->buf + s->len, h, h->nlmsg_len);
	s->len += len;
	nlmsg_free(m);
}

static struct nl_msg *reply(int cmd)
{
	struct nl_msg *m = nlmsg_alloc();

	genlmsg_put(m, 0, 0, FAMILY, 0, NLM_F_MULTI, cmd, LBVS_GENL_VERSION);
	return m;
}

static int alen(int af)
{
	return af == AF_INET6 ? 16 : 4;
}

/* Attribute order: 1..10, or the kernel's (counts and rates alternate). */
static void put_stats(struct nl_msg *m, int attr, const uint64_t *v)
{
	static const int kernel[10] = { 1, 6, 2, 7, 3, 8, 4, 9, 5, 10 };
	struct nlattr *nest = nla_nest_start(m, attr);
	int i, t;

	for (i = 0; i < 10; i++) {
		t = mixed ? kernel[i] : i + 1;
		nla_put_u64(m, t, v[t - 1]);
	}
	nla_nest_end(m, nest);
}

static void put_key(struct nl_msg *m, const struct fsvc *s, int full,
		    int stats)
{
	struct nlattr *nest = nla_nest_start(m, LBVS_ATTR_SERVICE);

	nla_put_u16(m, LBVS_SVC_ATTR_AF, s->af);
	if (s->fwmark) {
		nla_put_u32(m, LBVS_SVC_ATTR_FWMARK, s->fwmark);
	} else {
		nla_put_u16(m, LBVS_SVC_ATTR_PROTOCOL, s->proto);
		nla_put(m, LBVS_SVC_ATTR_ADDR, alen(s->af), s->addr);
		nla_put_u16(m, LBVS_SVC_ATTR_PORT, htons(s->port));
	}
	if (full) {
		nla_put_string(m, LBVS_SVC_ATTR_SCHED_NAME, s->sched);
		nla_put_u32(m, LBVS_SVC_ATTR_FLAGS, s->flags);
		nla_put_u32(m, LBVS_SVC_ATTR_TIMEOUT, s->timeout);
		nla_put_u8(m, LBVS_SVC_ATTR_NETMASK, s->netmask);
		if (stats)
			put_stats(m, LBVS_SVC_ATTR_STATS, s->st);
	}
	nla_nest_end(m, nest);
}

static void put_dest(struct nl_msg *m, const struct fdest *d, int stats)
{
	struct nlattr *nest = nla_nest_start(m, LBVS_ATTR_DEST);
	unsigned int i;

	nla_put_u16(m, LBVS_DEST_ATTR_AF, d->af);
	nla_put(m, LBVS_DEST_ATTR_ADDR, alen(d->af), d->addr);
	nla_put_u16(m, LBVS_DEST_ATTR_PORT, htons(d->port));
	for (i = 0; i < sizeof(d->v) / sizeof(d->v[0]); i++)
		nla_put_u32(m, LBVS_DEST_ATTR_FWD + i, d->v[i]);
	if (stats)
		put_stats(m, LBVS_DEST_ATTR_STATS, d->st);
	nla_nest_end(m, nest);
}

static void put_laddr(struct nl_msg *m, int af, const uint8_t *a)
{
	struct nlattr *nest = nla_nest_start(m, LBVS_ATTR_LADDR);

	nla_put_u16(m, LBVS_LADDR_ATTR_AF, af);
	nla_put(m, LBVS_LADDR_ATTR_ADDR, alen(af), a);
	nla_nest_end(m, nest);
}

/* The layout of 310-scale.sh: 198.18.x.y:80, 10 servers 198.19.x.1-10. */
static void plain_svc(struct fsvc *s, unsigned int i)
{
	uint8_t a[4] = { 198, 18, i / 250, i % 250 + 1 };
	unsigned int d;

	memset(s, 0, sizeof(*s));
	s->af = AF_INET;
	s->proto = IPPROTO_TCP;
	memcpy(s->addr, a, 4);
	s->port = 80;
	s->sched = "wrr";
	s->timeout = 300;
	s->netmask = 32;
	s->nd = 10;
	for (d = 0; d < 10; d++) {
		uint8_t b[4] = { 198, 19, i % 250, d + 1 };

		s->d[d].af = AF_INET;
		memcpy(s->d[d].addr, b, 4);
		s->d[d].port = 8080;
		s->d[d].v[0] = LBVS_FWD_NAT;
		s->d[d].v[1] = d + 1;
	}
}

/* 16 bit words of every kind inet_ntop() treats apart. */
static uint16_t rnd_word(void)
{
	static const uint16_t w[] = { 0, 0, 0, 1, 0xffff, 0xa, 0xab, 0xabc };

	return rnd() % 3 ? w[rnd() % 8] : (uint16_t)rnd();
}

static void rnd_addr(int af, uint8_t *a, unsigned int uniq)
{
	unsigned int i, kind = rnd() % 8;
	uint16_t w;

	memset(a, 0, 16);
	if (af == AF_INET) {
		for (i = 0; i < 4; i++)
			a[i] = rnd() % 3 ? (uint8_t)rnd() : (uint8_t)(rnd() % 12);
		a[3] = (uint8_t)uniq;
		return;
	}
	for (i = 0; i < 8; i++) {
		w = rnd_word();
		a[2 * i] = w >> 8;
		a[2 * i + 1] = (uint8_t)w;
	}
	if (kind == 0) {		/* ::ffff:a.b.c.d */
		memset(a, 0, 10);
		a[10] = a[11] = 0xff;
	} else if (kind == 1) {		/* ::a.b.c.d */
		memset(a, 0, 12);
	}
	a[15] = (uint8_t)uniq;
}

static const char *const scheds[] = {
	"wrr", "rr", "wlc", "lc", "sh", "mh", "twos", "w\"r\\r\x01", "fifteen-chars-x",
};

static void mixed_svc(struct fsvc *s, unsigned int i)
{
	static const uint8_t masks4[] = { 32, 24, 16, 0, 8, 31, 1 };
	static const uint8_t masks6[] = { 128, 64, 48, 1 };
	static const uint16_t protos[] = { IPPROTO_TCP, IPPROTO_UDP,
					   IPPROTO_SCTP };
	unsigned int k, d;

	memset(s, 0, sizeof(*s));
	k = i % 7;
	s->af = k == 4 || k == 6 ? AF_INET6 : AF_INET;
	if (k >= 5) {
		s->fwmark = (i + 1) | (uint32_t)(rnd() % 4096) << 20;
	} else {
		s->proto = protos[rnd() % 7 ? rnd() % 2 : 2];
		rnd_addr(s->af, s->addr, 0);
		/* The key is unique through i. */
		s->addr[s->af == AF_INET6 ? 4 : 1] = (uint8_t)(i >> 8);
		s->addr[s->af == AF_INET6 ? 5 : 2] = (uint8_t)i;
		s->port = rnd() % 5 ? (uint16_t)rnd() : 0;
	}
	s->sched = scheds[rnd() % (sizeof(scheds) / sizeof(scheds[0]))];
	if (rnd() % 3 == 0) {
		s->flags = LBVS_SVC_F_PERSISTENT;
		s->timeout = rnd() % 2 ? 300 : (uint32_t)rnd_mag();
	}
	s->netmask = s->af == AF_INET6 ? masks6[rnd() % 4] : masks4[rnd() % 7];
	for (k = 0; k < 10; k++)
		s->st[k] = rnd_mag();
	s->nd = rnd() % (MAX_DESTS + 1);
	for (d = 0; d < s->nd; d++) {
		struct fdest *x = &s->d[d];

		x->af = s->fwmark && rnd() % 4 == 0 ?
			(s->af == AF_INET ? AF_INET6 : AF_INET) : s->af;
		rnd_addr(x->af, x->addr, d);
		x->port = rnd() % 5 ? (uint16_t)rnd() : 0;
		x->v[0] = rnd() % 6;		/* 0, 5: unknown methods */
		x->v[1] = rnd() % 4 ? rnd() % 100 : (uint32_t)rnd();
		for (k = 2; k < 7; k++)
			x->v[k] = rnd() % 3 ? 0 : (uint32_t)rnd_mag();
		for (k = 0; k < 10; k++)
			x->st[k] = rnd_mag();
	}
	s->nl = i % 3 ? 0 : 1 + rnd() % MAX_LADDRS;
	for (k = 0; k < s->nl; k++)
		rnd_addr(s->af, s->laddr[k], k);
}

static void put_conn(struct nl_msg *m)
{
	struct nlattr *nest = nla_nest_start(m, LBVS_ATTR_CONN);
	int af = rnd() % 3 ? AF_INET : AF_INET6;
	static const uint16_t protos[] = { IPPROTO_TCP, IPPROTO_UDP,
					   IPPROTO_SCTP, IPPROTO_ICMP };
	uint8_t a[16];
	int i;

	nla_put_u16(m, LBVS_CONN_ATTR_AF, af);
	nla_put_u16(m, LBVS_CONN_ATTR_PROTOCOL, protos[rnd() % 4]);
	for (i = LBVS_CONN_ATTR_CADDR; i <= LBVS_CONN_ATTR_DPORT; i += 2) {
		rnd_addr(af, a, (unsigned int)rnd());
		nla_put(m, i, alen(af), a);
		nla_put_u16(m, i + 1, (uint16_t)rnd());
	}
	nla_put_u8(m, LBVS_CONN_ATTR_STATE, rnd() % 16);
	nla_put_u32(m, LBVS_CONN_ATTR_EXPIRES, rnd() % 8 ? rnd() % 7200000 :
		    (uint32_t)rnd());
	nla_put_u32(m, LBVS_CONN_ATTR_FWD, rnd() % 6);
	nla_put_u32(m, LBVS_CONN_ATTR_FLAGS, rnd() % 2);
	nla_nest_end(m, nest);
	return;
}

static struct fsvc *make_table(unsigned int n)
{
	struct fsvc *v = calloc(n ? n : 1, sizeof(*v)), t;
	unsigned int i, j;

	if (!v)
		exit(1);
	for (i = 0; i < n; i++)
		(mixed ? mixed_svc : plain_svc)(&v[i], i);
	/* The kernel lists in creation order: not sorted, if mixed. */
	for (i = n; mixed && i > 1; i--) {
		j = rnd() % i;
		t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
	return v;
}

/* Sends s in skb-sized datagrams of whole messages, then NLMSG_DONE. */
static void send_dump(int fd, struct stream *s, uint32_t seq)
{
	struct { struct nlmsghdr h; int err; } done = {
		{ sizeof(done), NLMSG_DONE, NLM_F_MULTI, seq, 0 }, 0
	};
	size_t off = 0, end;
	struct nlmsghdr *h;

	while (off < s->len) {
		for (end = off; end < s->len; end += NLMSG_ALIGN(h->nlmsg_len)) {
			h = (struct nlmsghdr *)(s->buf + end);
			if (end + NLMSG_ALIGN(h->nlmsg_len) - off > SKB_SIZE)
				break;
			h->nlmsg_seq = seq;
		}
		if (send(fd, s->buf + off, end - off, 0) < 0)
			exit(1);
		off = end;
	}
	send(fd, &done, sizeof(done), 0);
}

static void send_ack(int fd, struct stream *s, uint32_t seq)
{
	struct { struct nlmsghdr h; struct nlmsgerr e; } ack = {
		{ sizeof(ack), NLMSG_ERROR, NLM_F_CAPPED, seq, 0 }, { 0 }
	};

	if (s->len) {
		((struct nlmsghdr *)s->buf)->nlmsg_seq = seq;
		send(fd, s->buf, s->len, 0);
	}
	send(fd, &ack, sizeof(ack), 0);
}

/* The replies of the dumps, [1] with counters, [0] without. */
struct dumps {
	struct stream svcs[2], dests[2], laddrs, conns;
};

static void build_dumps(struct dumps *x, const struct fsvc *v, unsigned int n)
{
	struct nl_msg *m;
	unsigned int s, d;
	int k;

	for (k = 0; k < 2; k++) {
		for (s = 0; s < n; s++) {
			m = reply(LBVS_CMD_GET_SERVICE);
			put_key(m, &v[s], 1, k);
			append(&x->svcs[k], m);
			for (d = 0; d < v[s].nd; d++) {
				m = reply(LBVS_CMD_GET_DEST);
				put_key(m, &v[s], 0, k);
				put_dest(m, &v[s].d[d], k);
				append(&x->dests[k], m);
			}
		}
	}
	for (s = 0; s < n; s++) {
		for (d = 0; d < v[s].nl; d++) {
			m = reply(LBVS_CMD_GET_LADDR);
			put_key(m, &v[s], 0, 0);
			put_laddr(m, v[s].af, v[s].laddr[d]);
			append(&x->laddrs, m);
		}
	}
	for (s = 0; mixed && s < n; s++) {
		m = reply(LBVS_CMD_GET_CONN);
		put_conn(m);
		append(&x->conns, m);
	}
}

static void fake_kernel(int fd, unsigned int n)
{
	struct dumps x = { 0 };
	struct stream info = { 0 }, none = { 0 };
	struct nlattr *no_stats;
	struct genlmsghdr *g;
	struct nlmsghdr *h;
	struct nl_msg *m;
	char req[4096];
	int k;

	build_dumps(&x, make_table(n), n);
	m = reply(LBVS_CMD_GET_INFO);
	nla_put_u32(m, LBVS_ATTR_INFO_VERSION, 0x010000);
	nla_put_u32(m, LBVS_ATTR_INFO_CONN_TAB_SIZE, 4096);
	append(&info, m);
	while (recv(fd, req, sizeof(req), 0) > 0) {
		h = (struct nlmsghdr *)req;
		g = nlmsg_data(h);
		no_stats = nlmsg_find_attr(h, GENL_HDRLEN, LBVS_ATTR_NO_STATS);
		k = !no_stats;
		switch (g->cmd) {
		case LBVS_CMD_GET_SERVICE:
			send_dump(fd, &x.svcs[k], h->nlmsg_seq);
			break;
		case LBVS_CMD_GET_DEST:
			send_dump(fd, &x.dests[k], h->nlmsg_seq);
			break;
		case LBVS_CMD_GET_LADDR:
			send_dump(fd, &x.laddrs, h->nlmsg_seq);
			break;
		case LBVS_CMD_GET_CONN:
			send_dump(fd, &x.conns, h->nlmsg_seq);
			break;
		default:
			send_ack(fd, g->cmd == LBVS_CMD_GET_INFO ? &info : &none,
				 h->nlmsg_seq);
		}
	}
	exit(0);
}

/* The modes: lbadm's arguments for each. */
static const struct {
	const char *name;
	const char *args[6];
} modes[] = {
	{ "list", { "-L", "-n" } },
	{ "save", { "-S", "-n" } },
	{ "json", { "-L", "-n", "--json" } },
	{ "stats", { "-L", "-n", "--stats" } },
	{ "rate", { "-L", "-n", "--rate" } },
	{ "exact", { "-L", "-n", "--stats", "--exact" } },
	{ "xrate", { "-L", "-n", "--rate", "--exact" } },
	{ "thresh", { "-L", "-n", "--thresholds" } },
	{ "pconn", { "-L", "-n", "--persistent-conn" } },
	{ "nosort", { "-L", "-n", "--nosort" } },
	{ "conn", { "-L", "-n", "-c" } },
	{ "connjson", { "-L", "-n", "-c", "--json" } },
	{ "pconnc", { "-L", "-n", "-c", "--persistent-conn" } },
	{ "laddr", { "-G", "-n" } },
	{ "laddrjson", { "-G", "--json" } },
};

static int parse_mode(const char *mode, struct lbadm_req *r,
		      struct lbadm_err *e)
{
	char *argv[6];
	unsigned int i;
	int argc;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		if (strcmp(mode, modes[i].name))
			continue;
		for (argc = 0; modes[i].args[argc]; argc++)
			argv[argc] = (char *)modes[i].args[argc];
		return lbadm_parse_args(argc, argv, r, e);
	}
	snprintf(e->msg, sizeof(e->msg), "unknown mode %s", mode);
	return -1;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "list";
	unsigned int n = argc > 2 ? (unsigned int)atoi(argv[2]) : 10000;
	struct lbadm_nl nl = { 0 };
	struct lbadm_err e = { "" };
	struct lbadm_req r;
	int sv[2], rc, size = 4 << 20;
	pid_t child;

	mixed = argc > 3 && !strcmp(argv[3], "mixed");
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv))
		return 1;
	setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
	child = fork();
	if (child == 0) {
		close(sv[0]);
		fake_kernel(sv[1], n);
	}
	close(sv[1]);
	/* lbadm's socket, its descriptor replaced by our end of the pair. */
	nl.sk = nl_socket_alloc();
	if (!nl.sk || genl_connect(nl.sk) ||
	    dup2(sv[0], nl_socket_get_fd(nl.sk)) < 0)
		return 1;
	nl.family = FAMILY;
	rc = parse_mode(mode, &r, &e);
	if (!rc)
		rc = lbadm_run(&nl, &r, stdout, &e);
	if (rc)
		fprintf(stderr, "bench_lbadm: %s\n", e.msg);
	fflush(stdout);
	lbadm_nl_close(&nl);
	close(sv[0]);
	waitpid(child, NULL, 0);
	return rc;
}
