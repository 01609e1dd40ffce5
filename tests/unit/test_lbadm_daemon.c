// SPDX-License-Identifier: GPL-2.0
/*
 * lbadm unit tests: --start-daemon, --stop-daemon and -L --daemon as
 * lbadm_run() runs them, against a fake kernel (a child process on the
 * other end of a socketpair, as in bench_lbadm.c) that refuses and lists
 * as the UAPI says: what is printed, and which message a refusal gives.
 */
#include <errno.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/genetlink.h>

#include "lbadm_unit.h"
#include "../../tools/lbadm/cmd.h"
#include "../../tools/lbadm/nl.h"

#define FAMILY	0x42

/* What the fake kernel answers to its next requests, in turn. */
enum answer {
	A_ACK,			/* done */
	A_EEXIST,		/* EEXIST, with an extended ACK text */
	A_ESRCH,		/* ESRCH, without one */
	A_ENODEV,		/* ENODEV, with one */
	A_DUMP,			/* the two daemons, backup first */
	A_DUMP_NONE,		/* no daemon */
	A_EOPNOTSUPP,		/* an lbvs without the daemon commands */
};

static void send_err(int fd, uint32_t seq, int err, const char *text)
{
	char buf[256] = { 0 };
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct nlmsgerr *e = NLMSG_DATA(h);
	struct nlattr *a;
	size_t len = NLMSG_HDRLEN + sizeof(*e);

	h->nlmsg_type = NLMSG_ERROR;
	h->nlmsg_flags = NLM_F_CAPPED;
	h->nlmsg_seq = seq;
	e->error = err;
	if (text) {
		h->nlmsg_flags |= NLM_F_ACK_TLVS;
		a = (struct nlattr *)(buf + len);
		a->nla_type = NLMSGERR_ATTR_MSG;
		a->nla_len = (uint16_t)(NLA_HDRLEN + strlen(text) + 1);
		memcpy((char *)a + NLA_HDRLEN, text, strlen(text) + 1);
		len += NLA_ALIGN(a->nla_len);
	}
	h->nlmsg_len = (uint32_t)len;
	ck_assert_int_gt(send(fd, buf, len, 0), 0);
}

static void send_daemon(int fd, uint32_t seq, int master)
{
	uint8_t g6[16] = { 0xff, 0x02, [15] = 0x81 }, g4[4] = { 224, 0, 0, 81 };
	struct nl_msg *m = nlmsg_alloc();
	struct nlattr *n;

	genlmsg_put(m, 0, seq, FAMILY, 0, NLM_F_MULTI, LBVS_CMD_GET_DAEMON,
		    LBVS_GENL_VERSION);
	n = nla_nest_start(m, LBVS_ATTR_DAEMON);
	nla_put_u32(m, LBVS_DAEMON_ATTR_STATE, master ? LBVS_SYNC_STATE_MASTER :
		    LBVS_SYNC_STATE_BACKUP);
	nla_put_string(m, LBVS_DAEMON_ATTR_IFNAME, master ? "eth0" : "eth1");
	nla_put_u32(m, LBVS_DAEMON_ATTR_SYNCID, master ? 7 : 0);
	nla_put_u16(m, LBVS_DAEMON_ATTR_MAXLEN, 1472);
	nla_put_u16(m, LBVS_DAEMON_ATTR_AF, master ? AF_INET : AF_INET6);
	nla_put(m, LBVS_DAEMON_ATTR_GROUP, master ? 4 : 16, master ? (void *)g4 : g6);
	nla_put_u16(m, LBVS_DAEMON_ATTR_PORT, 8848);
	nla_put_u8(m, LBVS_DAEMON_ATTR_TTL, 1);
	nla_put_u64(m, LBVS_DAEMON_ATTR_TX_MSGS, master ? 10 : 0);
	nla_put_u64(m, LBVS_DAEMON_ATTR_RX_CONNS, master ? 0 : 3);
	nla_nest_end(m, n);
	ck_assert_int_gt(send(fd, nlmsg_hdr(m), nlmsg_hdr(m)->nlmsg_len, 0), 0);
	nlmsg_free(m);
}

static void send_done(int fd, uint32_t seq)
{
	struct { struct nlmsghdr h; int err; } done = {
		{ sizeof(done), NLMSG_DONE, NLM_F_MULTI, seq, 0 }, 0
	};

	ck_assert_int_gt(send(fd, &done, sizeof(done), 0), 0);
}

/* Answers each request in turn; the command each came with, to fd too. */
static void fake_kernel(int fd, const enum answer *ans, int n)
{
	char req[4096];
	struct nlmsghdr *h = (struct nlmsghdr *)req;
	struct genlmsghdr *g = NLMSG_DATA(h);
	int i;

	for (i = 0; i < n && recv(fd, req, sizeof(req), 0) > 0; i++) {
		switch (ans[i]) {
		case A_ACK:
			send_err(fd, h->nlmsg_seq, 0, NULL);
			break;
		case A_EEXIST:
			send_err(fd, h->nlmsg_seq, -EEXIST, "the master daemon runs");
			break;
		case A_ESRCH:
			send_err(fd, h->nlmsg_seq, -ESRCH, NULL);
			break;
		case A_ENODEV:
			send_err(fd, h->nlmsg_seq, -ENODEV, "no interface \"eth7\"");
			break;
		case A_DUMP:
			ck_assert_int_eq(g->cmd, LBVS_CMD_GET_DAEMON);
			ck_assert(h->nlmsg_flags & NLM_F_DUMP);
			send_daemon(fd, h->nlmsg_seq, 0);
			send_daemon(fd, h->nlmsg_seq, 1);
			send_done(fd, h->nlmsg_seq);
			break;
		case A_DUMP_NONE:
			send_done(fd, h->nlmsg_seq);
			break;
		case A_EOPNOTSUPP:
			send_err(fd, h->nlmsg_seq, -EOPNOTSUPP, NULL);
			break;
		}
	}
	_exit(0);
}

struct run {
	int rc;
	char out[1024];
	char err[512];
};

/* lbadm with line's arguments against a kernel answering ans. */
static struct run run(const char *line, enum answer ans)
{
	struct lbadm_nl nl = { 0 };
	struct lbadm_err e = { "" };
	struct lbadm_req r;
	struct run x = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int sv[2];
	pid_t child;

	OK(&r, line);
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
	child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		close(sv[0]);
		fake_kernel(sv[1], &ans, 1);
	}
	close(sv[1]);
	nl.sk = nl_socket_alloc();
	ck_assert_ptr_nonnull(nl.sk);
	ck_assert_int_eq(genl_connect(nl.sk), 0);
	ck_assert_int_ge(dup2(sv[0], nl_socket_get_fd(nl.sk)), 0);
	nl.family = FAMILY;
	f = open_memstream(&buf, &len);
	x.rc = lbadm_run(&nl, &r, f, &e);
	fclose(f);
	snprintf(x.out, sizeof(x.out), "%s", buf);
	snprintf(x.err, sizeof(x.err), "%s", x.rc ? e.msg : "");
	free(buf);
	lbadm_nl_close(&nl);
	close(sv[0]);
	waitpid(child, NULL, 0);
	return x;
}

START_TEST(t_daemon_run)
{
	struct run x;

	x = run("--start-daemon master --mcast-interface eth0 --syncid 7", A_ACK);
	ck_assert_int_eq(x.rc, LBADM_EXIT_OK);
	ck_assert_str_eq(x.out, "");

	/* ipvsadm's text for the errno it names, over the kernel's. */
	x = run("--start-daemon master", A_EEXIST);
	ck_assert_int_eq(x.rc, LBADM_EXIT_RUNTIME);
	ck_assert_str_eq(x.err, "start master sync daemon on eth0: Daemon has already run");
	x = run("--stop-daemon backup", A_ESRCH);
	ck_assert_int_eq(x.rc, LBADM_EXIT_RUNTIME);
	ck_assert_str_eq(x.err, "stop backup sync daemon: No daemon is running");
	/* Other refusals: the kernel's message, or strerror. */
	x = run("--start-daemon backup --mcast-interface eth7", A_ENODEV);
	ck_assert_str_eq(x.err, "start backup sync daemon on eth7: no interface \"eth7\"");
	x = run("--stop-daemon master", A_EEXIST);
	ck_assert_str_eq(x.err, "stop master sync daemon: the master daemon runs");
	x = run("--start-daemon master", A_EOPNOTSUPP);
	ck_assert_str_eq(x.err, "start master sync daemon on eth0: Operation not supported");

	/* -L --daemon: ipvsadm's lines, the master first whatever the order. */
	x = run("-L --daemon", A_DUMP);
	ck_assert_int_eq(x.rc, LBADM_EXIT_OK);
	ck_assert_str_eq(x.out,
		"master sync daemon (mcast=eth0, syncid=7, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\n"
		"backup sync daemon (mcast=eth1, syncid=0, maxlen=1472, group=ff02::81, port=8848, ttl=1)\n");
	x = run("-l --daemon --stats", A_DUMP);
	ck_assert_str_eq(x.out,
		"master sync daemon (mcast=eth0, syncid=7, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\n"
		"  tx_msgs=10 tx_conns=0 tx_dropped=0 rx_msgs=0 rx_conns=0 rx_refused=0 rx_errors=0"
		" resyncs=0 resync_entries=0 resync_ms=0 auth=off rx_auth_failed=0\n"
		"backup sync daemon (mcast=eth1, syncid=0, maxlen=1472, group=ff02::81, port=8848, ttl=1)\n"
		"  tx_msgs=0 tx_conns=0 tx_dropped=0 rx_msgs=0 rx_conns=3 rx_refused=0 rx_errors=0"
		" resyncs=0 resync_entries=0 resync_ms=0 auth=off rx_auth_failed=0\n");
	x = run("-L --daemon", A_DUMP_NONE);
	ck_assert_int_eq(x.rc, LBADM_EXIT_OK);
	ck_assert_str_eq(x.out, "");
	x = run("-L --daemon --json", A_DUMP_NONE);
	ck_assert_str_eq(x.out, "{\"daemons\":[]}\n");
	x = run("-L --daemon", A_EOPNOTSUPP);
	ck_assert_int_eq(x.rc, LBADM_EXIT_RUNTIME);
	ck_assert_str_eq(x.err, "list sync daemons: Operation not supported");
	ck_assert_str_eq(x.out, "");
}
END_TEST

int main(void)
{
	return UNIT_RUN("lbadm_daemon", "all", t_daemon_run);
}
