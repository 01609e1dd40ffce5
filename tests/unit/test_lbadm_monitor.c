// SPDX-License-Identifier: GPL-2.0
/*
 * lbadm unit tests: --monitor. An event is a request resent by the kernel
 * with LBVS_ATTR_EVENT_PID and _COMM added, so each case writes the
 * request lbadm would send for a command line, adds those two, and reads
 * it back as --monitor does: the rule printed must be the command line
 * (each written here in the form -S writes). A connection event is an
 * entry as GET_CONN dumps it, without a requester.
 */
#include "lbadm_unit.h"
#include "../../tools/lbadm/monitor.h"

#define FAMILY	0x20

/* The event for line's request, printed by --monitor with fmt. */
static char *event_of(const char *line, const char *comm, unsigned int fmt)
{
	struct nl_msg *m = nlmsg_alloc_size(4096);
	char *buf = NULL;
	struct lbadm_req r;
	size_t len = 0;
	FILE *f;

	OK(&r, line);
	ck_assert_int_eq(lbadm_req_msg(m, FAMILY, &r), 0);
	ck_assert_int_eq(nla_put_u32(m, LBVS_ATTR_EVENT_PID, 4242), 0);
	ck_assert_int_eq(nla_put_string(m, LBVS_ATTR_EVENT_COMM, comm), 0);
	f = open_memstream(&buf, &len);
	ck_assert_int_eq(lbadm_monitor_print(nlmsg_hdr(m), FAMILY, f, fmt), 0);
	fclose(f);
	nlmsg_free(m);
	return buf;
}

START_TEST(t_monitor_rules)
{
	static const char *const lines[] = {
		"-A -t 203.0.113.1:80 -s wrr",
		"-A -u 203.0.113.1:53 -s rr -p 600 -M 255.255.255.0",
		"-E -f 7 -6 -s sh -b sh-port",
		"-A -t 203.0.113.1:80 -s rr --timeout-tcp 7200 --timeout-tcpfin 120 --timeout-udp 300",
		"-D -t 203.0.113.1:80",
		"-a -t 203.0.113.1:80 -r 192.0.2.11:8080 -m -w 3",
		"-e -t [2001:db8::1]:80 -r [2001:db8::11]:80 -g -w 0 -x 100 -y 50",
		"-a -t 203.0.113.1:80 -r 192.0.2.12:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-nocsum",
		"-d -t 203.0.113.1:80 -r 192.0.2.11:8080",
		"-e -t 203.0.113.1:80 -r 192.0.2.11:8080 --drain 30",
		"-e -t 203.0.113.1:80 -r 192.0.2.11:8080 --drain 0",
		"-P -t 203.0.113.1:80 -z 198.51.100.254",
		"-Q -t 203.0.113.1:80 -z 198.51.100.254",
		"-C",
		"-Z",
		"-Z -u 203.0.113.1:53",
		"--set 900 120 300",
		"--flush-conns",
		"--flush-conns -u 203.0.113.1:53 -r 192.0.2.11:53",
		"--start-daemon master --mcast-interface eth0 --syncid 0",
		"--start-daemon backup --mcast-interface eth1 --syncid 7 --sync-maxlen 1472 --mcast-group ff02::81 --mcast-port 8848 --mcast-ttl 2",
		"--stop-daemon backup",
		"--start-daemon master --mcast-interface eth1 --syncid 3 --mcast-port 8849 --sync-peer 192.0.2.2 --sync-peer 192.0.2.3",
		"--start-daemon backup --mcast-interface eth1 --syncid 0 --sync-peer 2001:db8::1",
	};
	char want[256], *got;
	size_t i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		snprintf(want, sizeof(want), "[4242 lbadm] %s\n", lines[i]);
		got = event_of(lines[i], "lbadm", 0);
		EXPECT_STR(got, want);
		free(got);
	}
}
END_TEST

START_TEST(t_monitor_json)
{
	char *got = event_of("-a -t 203.0.113.1:80 -r 192.0.2.11:80 -m -w 1", "a\"b", LBADM_FMT_JSON);

	EXPECT_STR(got, "{\"pid\":4242,\"comm\":\"a\\\"b\",\"command\":\"add-server\","
		   "\"rule\":\"-a -t 203.0.113.1:80 -r 192.0.2.11:80 -m -w 1\"}\n");
	free(got);
}
END_TEST

/* A NEW_DEST with a list (a -R batch): one line per server. */
START_TEST(t_monitor_list)
{
	struct nl_msg *m = nlmsg_alloc_size(4096);
	struct lbadm_req r;
	struct nlattr *list;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	OK(&r, "-a -t 203.0.113.1:80 -r 192.0.2.11:80 -m -w 2");
	lbadm_put_hdr(nlmsg_hdr(m), FAMILY, LBVS_CMD_NEW_DEST, 0);
	ck_assert_int_eq(lbadm_put_svc(m, &r.svc, 0), 0);
	list = nla_nest_start(m, LBVS_ATTR_DEST_LIST);
	ck_assert_int_eq(lbadm_put_dest(m, &r.dest, 1), 0);
	r.dest.addr = A("192.0.2.12");
	ck_assert_int_eq(lbadm_put_dest(m, &r.dest, 1), 0);
	nla_nest_end(m, list);
	ck_assert_int_eq(nla_put_u32(m, LBVS_ATTR_EVENT_PID, 1), 0);
	f = open_memstream(&buf, &len);
	ck_assert_int_eq(lbadm_monitor_print(nlmsg_hdr(m), FAMILY, f, 0), 0);
	ck_assert_int_eq(lbadm_monitor_print(nlmsg_hdr(m), FAMILY + 1, f, 0), -1);
	fclose(f);
	EXPECT_STR(buf, "[1 ?] -a -t 203.0.113.1:80 -r 192.0.2.11:80 -m -w 2\n"
		   "[1 ?] -a -t 203.0.113.1:80 -r 192.0.2.12:80 -m -w 2\n");
	free(buf);
	nlmsg_free(m);
}
END_TEST

/* A connection event cmd for 198.51.100.2:40000 -> VIP -> 192.0.2.11:8080. */
static struct nl_msg *conn_event(int cmd, int with_conn)
{
	struct nl_msg *m = nlmsg_alloc_size(4096);
	struct in_addr a;
	struct nlattr *c;

	lbadm_put_hdr(nlmsg_hdr(m), FAMILY, cmd, 0);
	if (!with_conn)
		return m;
	c = nla_nest_start(m, LBVS_ATTR_CONN);
	ck_assert_int_eq(nla_put_u16(m, LBVS_CONN_ATTR_AF, AF_INET), 0);
	ck_assert_int_eq(nla_put_u16(m, LBVS_CONN_ATTR_PROTOCOL, IPPROTO_TCP), 0);
	inet_pton(AF_INET, "198.51.100.2", &a);
	ck_assert_int_eq(nla_put(m, LBVS_CONN_ATTR_CADDR, 4, &a), 0);
	ck_assert_int_eq(nla_put_u16(m, LBVS_CONN_ATTR_CPORT, htons(40000)), 0);
	inet_pton(AF_INET, "203.0.113.1", &a);
	ck_assert_int_eq(nla_put(m, LBVS_CONN_ATTR_VADDR, 4, &a), 0);
	ck_assert_int_eq(nla_put_u16(m, LBVS_CONN_ATTR_VPORT, htons(80)), 0);
	inet_pton(AF_INET, "192.0.2.11", &a);
	ck_assert_int_eq(nla_put(m, LBVS_CONN_ATTR_DADDR, 4, &a), 0);
	ck_assert_int_eq(nla_put_u16(m, LBVS_CONN_ATTR_DPORT, htons(8080)), 0);
	ck_assert_int_eq(nla_put_u8(m, LBVS_CONN_ATTR_STATE,
				    cmd == LBVS_CMD_NEW_CONN ? LBVS_S_SYN_RECV : LBVS_S_TIME_WAIT), 0);
	ck_assert_int_eq(nla_put_u32(m, LBVS_CONN_ATTR_EXPIRES, 61500), 0);
	ck_assert_int_eq(nla_put_u32(m, LBVS_CONN_ATTR_FWD, LBVS_FWD_NAT), 0);
	nla_nest_end(m, c);
	return m;
}

/* What --monitor -c prints for msg, or NULL if it prints nothing. */
static char *conn_printed(struct nl_msg *m, unsigned int fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int rc = lbadm_monitor_print(nlmsg_hdr(m), FAMILY, f, fmt);

	fclose(f);
	nlmsg_free(m);
	if (!rc)
		return buf;
	ck_assert_str_eq(buf, "");
	free(buf);
	return NULL;
}

START_TEST(t_monitor_conns)
{
	char *got;

	got = conn_printed(conn_event(LBVS_CMD_NEW_CONN, 1), 0);
	EXPECT_STR(got, "    [NEW] TCP 01:01  SYN_RECV    198.51.100.2:40000 "
		   "203.0.113.1:80     192.0.2.11:8080\n");
	free(got);
	got = conn_printed(conn_event(LBVS_CMD_DEL_CONN, 1), 0);
	EXPECT_STR(got, "[DESTROY] TCP 01:01  TIME_WAIT   198.51.100.2:40000 "
		   "203.0.113.1:80     192.0.2.11:8080\n");
	free(got);
	got = conn_printed(conn_event(LBVS_CMD_NEW_CONN, 1), LBADM_FMT_JSON);
	EXPECT_STR(got, "{\"event\":\"new\",\"connection\":{\"protocol\":\"tcp\","
		   "\"family\":\"inet\",\"state\":\"SYN_RECV\",\"expires_ms\":61500,"
		   "\"forward\":\"masq\",\"client\":{\"address\":\"198.51.100.2\","
		   "\"port\":40000},\"virtual\":{\"address\":\"203.0.113.1\",\"port\":80},"
		   "\"local\":null,\"server\":{\"address\":\"192.0.2.11\",\"port\":8080}}}\n");
	free(got);
	/* Neither an entry without a command of its own, nor a bare one. */
	ck_assert_ptr_null(conn_printed(conn_event(LBVS_CMD_GET_CONN, 1), 0));
	ck_assert_ptr_null(conn_printed(conn_event(LBVS_CMD_NEW_CONN, 0), 0));
}
END_TEST

int main(void)
{
	return UNIT_RUN("lbadm_monitor", "all", t_monitor_rules, t_monitor_json,
			t_monitor_list, t_monitor_conns);
}
