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
 *	tests/unit/bench_lbadm list|save|json [N] >/dev/null
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

struct stream {
	char *buf;
	size_t len, cap;
};

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

static void put_stats(struct nl_msg *m, int attr)
{
	struct nlattr *nest = nla_nest_start(m, attr);
	int i;

	for (i = LBVS_STATS_ATTR_CONNS; i <= LBVS_STATS_ATTR_OUTBPS; i++)
		nla_put_u64(m, i, 0);
	nla_nest_end(m, nest);
}

static void put_key(struct nl_msg *m, unsigned int s, int full, int stats)
{
	struct nlattr *nest = nla_nest_start(m, LBVS_ATTR_SERVICE);
	uint8_t a[4] = { 198, 18, s / 250, s % 250 + 1 };

	nla_put_u16(m, LBVS_SVC_ATTR_AF, AF_INET);
	nla_put_u16(m, LBVS_SVC_ATTR_PROTOCOL, IPPROTO_TCP);
	nla_put(m, LBVS_SVC_ATTR_ADDR, 4, a);
	nla_put_u16(m, LBVS_SVC_ATTR_PORT, htons(80));
	if (full) {
		nla_put_string(m, LBVS_SVC_ATTR_SCHED_NAME, "wrr");
		nla_put_u32(m, LBVS_SVC_ATTR_FLAGS, 0);
		nla_put_u32(m, LBVS_SVC_ATTR_TIMEOUT, 300);
		nla_put_u8(m, LBVS_SVC_ATTR_NETMASK, 32);
		if (stats)
			put_stats(m, LBVS_SVC_ATTR_STATS);
	}
	nla_nest_end(m, nest);
}

static void put_dest(struct nl_msg *m, unsigned int s, unsigned int d,
		     int stats)
{
	struct nlattr *nest = nla_nest_start(m, LBVS_ATTR_DEST);
	uint8_t a[4] = { 198, 19, s % 250, d };
	/* FWD, WEIGHT, then thresholds and counts, all 0 */
	uint32_t v[] = { LBVS_FWD_NAT, d, 0, 0, 0, 0, 0 };
	unsigned int i;

	nla_put_u16(m, LBVS_DEST_ATTR_AF, AF_INET);
	nla_put(m, LBVS_DEST_ATTR_ADDR, 4, a);
	nla_put_u16(m, LBVS_DEST_ATTR_PORT, htons(8080));
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		nla_put_u32(m, LBVS_DEST_ATTR_FWD + i, v[i]);
	if (stats)
		put_stats(m, LBVS_DEST_ATTR_STATS);
	nla_nest_end(m, nest);
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

/* The replies, [1] with counters, [0] without (LBVS_ATTR_NO_STATS). */
static void fake_kernel(int fd, unsigned int n)
{
	struct stream svcs[2] = { { 0 } }, dests[2] = { { 0 } };
	struct stream info = { 0 }, none = { 0 };
	struct nlattr *no_stats;
	struct genlmsghdr *g;
	struct nlmsghdr *h;
	struct nl_msg *m;
	char req[4096];
	unsigned int s, d;
	int k;

	for (k = 0; k < 2; k++) {
		for (s = 0; s < n; s++) {
			m = reply(LBVS_CMD_GET_SERVICE);
			put_key(m, s, 1, k);
			append(&svcs[k], m);
			for (d = 1; d <= 10; d++) {
				m = reply(LBVS_CMD_GET_DEST);
				put_key(m, s, 0, k);
				put_dest(m, s, d, k);
				append(&dests[k], m);
			}
		}
	}
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
			send_dump(fd, &svcs[k], h->nlmsg_seq);
			break;
		case LBVS_CMD_GET_DEST:
			send_dump(fd, &dests[k], h->nlmsg_seq);
			break;
		case LBVS_CMD_GET_LADDR:
			send_dump(fd, &none, h->nlmsg_seq);
			break;
		default:
			send_ack(fd, g->cmd == LBVS_CMD_GET_INFO ? &info : &none,
				 h->nlmsg_seq);
		}
	}
	exit(0);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "list";
	unsigned int n = argc > 2 ? (unsigned int)atoi(argv[2]) : 10000;
	char *list[] = { "-L", "-n" }, *json[] = { "-L", "-n", "--json" };
	char *save[] = { "-S", "-n" };
	struct lbadm_nl nl = { 0 };
	struct lbadm_err e = { "" };
	struct lbadm_req r;
	int sv[2], rc, size = 4 << 20;
	pid_t child;

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
	if (!strcmp(mode, "save"))
		rc = lbadm_parse_args(2, save, &r, &e);
	else if (!strcmp(mode, "json"))
		rc = lbadm_parse_args(3, json, &r, &e);
	else
		rc = lbadm_parse_args(2, list, &r, &e);
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
