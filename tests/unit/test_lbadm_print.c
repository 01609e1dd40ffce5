// SPDX-License-Identifier: GPL-2.0
/*
 * lbadm unit tests: the printers. Expected output strings are written out
 * by hand from ipvsadm 1.31's format strings, so a printer change that
 * breaks ipvsadm compatibility fails here.
 */
#include "lbadm_unit.h"

static char *capture_list(const struct lbadm_info *info,
			  struct lbadm_svc_entry *v, size_t n, unsigned int fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	lbadm_print_list(f, info, v, n, fmt);
	fclose(f);
	return buf;
}

START_TEST(t_largenum)
{
	static const struct {
		uint64_t v;
		unsigned int fmt;
		const char *out;
	} c[] = {
		{ 0, 0, "        0" },
		{ 99999999, 0, " 99999999" },
		{ 100000000, 0, "  100000K" },
		{ 999999999, 0, "  999999K" },
		{ 1000000000, 0, "    1000M" },
		{ 99999999999ULL, 0, "   99999M" },
		{ 100000000000ULL, 0, "     100G" },
		{ 100000000000000ULL, 0, "     100T" },
		{ 5, LBADM_FMT_EXACT, "        5" },
		{ 12345678, LBADM_FMT_EXACT, " 12345678" },
		{ 123456789, LBADM_FMT_EXACT, " 123456789" },
		{ 18446744073709551615ULL, LBADM_FMT_EXACT,
		  " 18446744073709551615" },
	};
	char *buf;
	size_t len, i;
	FILE *f;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		buf = NULL;
		f = open_memstream(&buf, &len);
		lbadm_print_largenum(f, c[i].v, c[i].fmt);
		fclose(f);
		ck_assert_str_eq(buf, c[i].out);
		free(buf);
	}
}
END_TEST

START_TEST(t_print_list)
{
	struct lbadm_info info = { .version = 0x010203, .conn_tab_size = 4096 };
	struct lbadm_dest d1[] = {
		DEST("198.51.100.2", 8080, LBVS_FWD_NAT, 1, 0, 0),
		DEST("198.51.100.1", 8080, LBVS_FWD_NAT, 3, 12, 345),
	};
	struct lbadm_dest d2[] = {
		DEST("198.51.100.9", 443, LBVS_FWD_DR, 1, 0, 0),
		DEST("198.51.100.10", 443, LBVS_FWD_TUN, 10000, 1, 2),
		DEST("198.51.100.11", 443, LBVS_FWD_FULLNAT, 0, 0, 0),
	};
	struct lbadm_svc_entry v[] = {
		{ .svc = SVC(IPPROTO_TCP, "203.0.113.1", 443, "wrr"),
		  .dests = d2, .n_dests = 3 },
		{ .svc = SVC(IPPROTO_TCP, "203.0.113.1", 80, "rr"),
		  .dests = d1, .n_dests = 2 },
		{ .svc = SVC(IPPROTO_UDP, "203.0.113.1", 53, "wlc") },
	};
	char *out;

	v[0].svc.flags = LBVS_SVC_F_PERSISTENT;
	v[0].svc.timeout = 300;
	v[0].svc.netmask = 24;
	out = capture_list(&info, v, 3, LBADM_FMT_NUMERIC);
	ck_assert_str_eq(out,
		"lbvs version 1.2.3 (size=4096)\n"
		"Prot LocalAddress:Port Scheduler Flags\n"
		"  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
		"TCP  203.0.113.1:80 rr\n"
		"  -> 198.51.100.1:8080            Masq    3      12         345       \n"
		"  -> 198.51.100.2:8080            Masq    1      0          0         \n"
		"TCP  203.0.113.1:443 wrr persistent 300 mask 255.255.255.0\n"
		"  -> 198.51.100.9:443             Route   1      0          0         \n"
		"  -> 198.51.100.10:443            Tunnel  10000  1          2         \n"
		"  -> 198.51.100.11:443            FullNat 0      0          0         \n"
		"UDP  203.0.113.1:53 wlc\n");
	free(out);

	/* --nosort keeps kernel order; no info: no banner (-L -t ...). */
	out = capture_list(NULL, v + 2, 1, LBADM_FMT_NOSORT);
	ck_assert_str_eq(out,
		"Prot LocalAddress:Port Scheduler Flags\n"
		"  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
		"UDP  203.0.113.1:53 wlc\n");
	free(out);

	out = capture_list(NULL, v, 3, LBADM_FMT_RULE);
	ck_assert_str_eq(out,
		"-A -t 203.0.113.1:80 -s rr\n"
		"-a -t 203.0.113.1:80 -r 198.51.100.1:8080 -m -w 3\n"
		"-a -t 203.0.113.1:80 -r 198.51.100.2:8080 -m -w 1\n"
		"-A -t 203.0.113.1:443 -s wrr -p 300 -M 255.255.255.0\n"
		"-a -t 203.0.113.1:443 -r 198.51.100.9:443 -g -w 1\n"
		"-a -t 203.0.113.1:443 -r 198.51.100.10:443 -i -w 10000 --tun-type ipip\n"
		"-a -t 203.0.113.1:443 -r 198.51.100.11:443 -F -w 0\n"
		"-A -u 203.0.113.1:53 -s wlc\n");
	free(out);
}
END_TEST

/*
 * The hand-written fast paths agree with what they replace: inet_pton()
 * for IPv4 input, inet_ntop() and snprintf() for output.
 */
START_TEST(t_fast_paths)
{
	static const char *const v4[] = {
		"0.0.0.0", "255.255.255.255", "1.2.3.4", "01.2.3.4", "1.2.3.00",
		"256.1.1.1", "1.2.3", "1.2.3.4.", ".1.2.3.4", "1..2.3", "1.2.3.4.5",
		"1.2.3.-4", "1.2.3.4 ", "+1.2.3.4", "1.2.3.0x4", "999.1.1.1",
		"1.2.3.4:80", "", "10.0.0.255", "100.200.250.251",
	};
	struct lbadm_addr a = { .af = AF_INET };
	struct lbadm_err e;
	struct in_addr want;
	char buf[64], ref[64];
	unsigned int i;

	for (i = 0; i < sizeof(v4) / sizeof(v4[0]); i++) {
		int ok = inet_pton(AF_INET, v4[i], &want) == 1;

		ck_assert_msg((lbadm_parse_addr(v4[i], &a, &e) == 0 &&
			       a.af == AF_INET) == ok, "%s", v4[i]);
		if (ok)
			ck_assert_int_eq(a.v4.s_addr, want.s_addr);
	}
	for (i = 0; i < 256; i++) {
		a.af = AF_INET;
		a.v4.s_addr = htonl(i << 24 | (255 - i) << 16 | i % 10 << 8 |
				    i * 7 % 256);
		inet_ntop(AF_INET, &a.v4, ref, sizeof(ref));
		lbadm_fmt_addr(&a, 1, buf, sizeof(buf));
		ck_assert_str_eq(buf, ref);
		snprintf(ref + strlen(ref), sizeof(ref) - strlen(ref), ":%u",
			 i * 257);
		lbadm_fmt_addrport(&a, (uint16_t)(i * 257), buf, sizeof(buf));
		ck_assert_str_eq(buf, ref);
		/* Too small a buffer: truncated as snprintf() truncates. */
		lbadm_fmt_addrport(&a, (uint16_t)(i * 257), buf, 8);
		ref[7] = '\0';
		ck_assert_str_eq(buf, ref);
	}
	ck_assert_int_eq(lbadm_parse_u32("n", "4294967295", 0, UINT32_MAX,
					 &want.s_addr, &e), 0);
	ck_assert_uint_eq(want.s_addr, UINT32_MAX);
	ck_assert_int_eq(lbadm_parse_u32("n", "4294967296", 0, UINT32_MAX,
					 &want.s_addr, &e), -1);
	ck_assert_str_eq(e.msg, "n 4294967296 out of range 0..4294967295");
	ck_assert_int_eq(lbadm_parse_u32("n", "00000000000000000000000007", 0,
					 9, &want.s_addr, &e), 0);
	ck_assert_uint_eq(want.s_addr, 7);
}
END_TEST

START_TEST(t_print_v6_fwm)
{
	struct lbadm_info info = { .version = 0x000100, .conn_tab_size = 256 };
	struct lbadm_dest d6[] = {
		DEST("2001:db8:0:ffff:ffff:ffff:ffff:2", 80, LBVS_FWD_NAT, 1, 0, 0),
		DEST("2001:db8::2", 80, LBVS_FWD_FULLNAT, 2, 0, 0),
	};
	struct lbadm_dest df[] = { DEST("198.51.100.7", 0, LBVS_FWD_DR, 1, 0, 0) };
	struct lbadm_svc_entry v[] = {
		{ .svc = SVC(IPPROTO_TCP, "2001:db8::1", 80, "sh"),
		  .dests = d6, .n_dests = 2 },
		{ .svc = SVC(0, "0.0.0.0", 0, "wlc"),
		  .dests = df, .n_dests = 1 },
		{ .svc = SVC(0, "0.0.0.0", 0, "rr") },
	};
	char *out;

	v[1].svc.fwmark = 7;
	v[2].svc.fwmark = 9;
	v[2].svc.af = AF_INET6;
	v[2].svc.flags = LBVS_SVC_F_PERSISTENT;
	v[2].svc.timeout = 60;
	v[2].svc.netmask = 64;
	out = capture_list(&info, v, 3, LBADM_FMT_NUMERIC);
	/* ipvsadm order: address services (fwmark 0) first, then by mark. */
	ck_assert_str_eq(out,
		"lbvs version 0.1.0 (size=256)\n"
		"Prot LocalAddress:Port Scheduler Flags\n"
		"  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
		"TCP  [2001:db8::1]:80 sh\n"
		"  -> [2001:db8::2]:80             FullNat 2      0          0         \n"
		"  -> [2001:db8:0:ffff:ffff:ffff:ffff:2]:80 Masq    1      0          0         \n"
		"FWM  7 wlc\n"
		"  -> 198.51.100.7:0               Route   1      0          0         \n"
		"FWM  9 IPv6 rr persistent 60 mask 64\n");
	free(out);
	out = capture_list(NULL, v, 3, LBADM_FMT_RULE);
	ck_assert_str_eq(out,
		"-A -t [2001:db8::1]:80 -s sh\n"
		"-a -t [2001:db8::1]:80 -r [2001:db8::2]:80 -F -w 2\n"
		"-a -t [2001:db8::1]:80 -r [2001:db8:0:ffff:ffff:ffff:ffff:2]:80 -m -w 1\n"
		"-A -f 7 -s wlc\n"
		"-a -f 7 -r 198.51.100.7:0 -g -w 1\n"
		"-A -f 9 -6 -s rr -p 60 -M 64\n");
	free(out);
}
END_TEST

START_TEST(t_print_stats)
{
	struct lbadm_info info = { .version = 0x010000, .conn_tab_size = 4096 };
	struct lbadm_dest d[] = { DEST("198.51.100.1", 80, LBVS_FWD_NAT, 1, 0, 0) };
	struct lbadm_svc_entry v[] = {
		{ .svc = SVC(IPPROTO_TCP, "203.0.113.1", 80, "wlc"),
		  .dests = d, .n_dests = 1 },
	};
	struct lbadm_stats s = {
		.conns = 5, .inpkts = 123456789, .outpkts = 1000000000,
		.inbytes = 7, .outbytes = 100000000000000ULL,
		.cps = 1, .inpps = 2, .outpps = 3, .inbps = 400, .outbps = 123456789,
	};
	char *out;

	v[0].svc.stats = s;
	d[0].stats = s;
	d[0].u_thresh = 100;
	d[0].l_thresh = 10;
	d[0].persist = 4;
	d[0].active = 2;
	d[0].inactive = 1;
	out = capture_list(&info, v, 1, LBADM_FMT_STATS);
	ck_assert_str_eq(out,
		"lbvs version 1.0.0 (size=4096)\n"
		"Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n"
		"  -> RemoteAddress:Port\n"
		"TCP  203.0.113.1:80                      5  123456K    1000M        7     100T\n"
		"  -> 198.51.100.1:80                     5  123456K    1000M        7     100T\n");
	free(out);
	out = capture_list(&info, v, 1, LBADM_FMT_STATS | LBADM_FMT_EXACT);
	ck_assert_str_eq(out,
		"lbvs version 1.0.0 (size=4096)\n"
		"Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n"
		"  -> RemoteAddress:Port\n"
		"TCP  203.0.113.1:80                      5 123456789 1000000000        7 100000000000000\n"
		"  -> 198.51.100.1:80                     5 123456789 1000000000        7 100000000000000\n");
	free(out);
	out = capture_list(NULL, v, 1, LBADM_FMT_RATE);
	ck_assert_str_eq(out,
		"Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS\n"
		"  -> RemoteAddress:Port\n"
		"TCP  203.0.113.1:80                      1        2        3      400  123456K\n"
		"  -> 198.51.100.1:80                     1        2        3      400  123456K\n");
	free(out);
	out = capture_list(NULL, v, 1, LBADM_FMT_THRESH);
	ck_assert_str_eq(out,
		"Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn \n"
		"  -> RemoteAddress:Port\n"
		"TCP  203.0.113.1:80 wlc\n"
		"  -> 198.51.100.1:80              100        10         2          1         \n");
	free(out);
	out = capture_list(NULL, v, 1, LBADM_FMT_PCONN);
	ck_assert_str_eq(out,
		"Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn \n"
		"  -> RemoteAddress:Port\n"
		"TCP  203.0.113.1:80 wlc\n"
		"  -> 198.51.100.1:80              1         4           2          1         \n");
	free(out);
	/* Save carries thresholds so restore is lossless (ipvsadm syntax). */
	out = capture_list(NULL, v, 1, LBADM_FMT_RULE);
	ck_assert_str_eq(out,
		"-A -t 203.0.113.1:80 -s wlc\n"
		"-a -t 203.0.113.1:80 -r 198.51.100.1:80 -m -w 1 -x 100 -y 10\n");
	free(out);
}
END_TEST

START_TEST(t_print_json)
{
	struct lbadm_info info = { .version = 0x010203, .conn_tab_size = 4096 };
	struct lbadm_dest d[] = { DEST("198.51.100.1", 80, LBVS_FWD_NAT, 1, 2, 3) };
	struct lbadm_svc_entry v[] = {
		{ .svc = SVC(IPPROTO_TCP, "203.0.113.1", 80, "wlc"),
		  .dests = d, .n_dests = 1 },
		{ .svc = SVC(0, "0.0.0.0", 0, "rr") },
	};
	char *out;

	v[1].svc.fwmark = 5;
	v[1].svc.af = AF_INET6;
	v[1].svc.netmask = 128;
	v[1].svc.flags = LBVS_SVC_F_SCHED1 | LBVS_SVC_F_SCHED3;
	v[0].svc.stats.conns = 9;
	out = capture_list(&info, v, 2, LBADM_FMT_JSON);
	ck_assert_str_eq(out,
		"{\"version\":\"1.2.3\",\"conn_tab_size\":4096,\"services\":["
		"{\"family\":\"inet\",\"protocol\":\"tcp\",\"address\":\"203.0.113.1\","
		"\"port\":80,\"fwmark\":null,\"scheduler\":\"wlc\",\"sched_flags\":[],"
		"\"persistent\":false,"
		"\"timeout\":0,\"netmask\":32,\"one_packet\":false,\"synproxy\":false,\"timeouts\":{\"tcp\":0,\"tcp_fin\":0,\"udp\":0},\"stats\":{\"conns\":9,\"inpkts\":0,"
		"\"outpkts\":0,\"inbytes\":0,\"outbytes\":0,\"cps\":0,\"inpps\":0,"
		"\"outpps\":0,\"inbps\":0,\"outbps\":0,\"drops\":0},\"servers\":["
		"{\"address\":\"198.51.100.1\",\"port\":80,\"forward\":\"masq\","
		"\"weight\":1,\"u_threshold\":0,\"l_threshold\":0,\"active_conns\":2,"
		"\"inactive_conns\":3,\"persistent_conns\":0,\"drain_left\":0,\"tunnel\":null,\"stats\":{\"conns\":0,"
		"\"inpkts\":0,\"outpkts\":0,\"inbytes\":0,\"outbytes\":0,\"cps\":0,"
		"\"inpps\":0,\"outpps\":0,\"inbps\":0,\"outbps\":0,\"drops\":0}}]},"
		"{\"family\":\"inet6\",\"protocol\":null,\"address\":null,\"port\":null,"
		"\"fwmark\":5,\"scheduler\":\"rr\",\"sched_flags\":[\"flag-1\",\"flag-3\"],"
		"\"persistent\":false,\"timeout\":0,"
		"\"netmask\":128,\"one_packet\":false,\"synproxy\":false,\"timeouts\":{\"tcp\":0,\"tcp_fin\":0,\"udp\":0},\"stats\":{\"conns\":0,\"inpkts\":0,\"outpkts\":0,"
		"\"inbytes\":0,\"outbytes\":0,\"cps\":0,\"inpps\":0,\"outpps\":0,"
		"\"inbps\":0,\"outbps\":0,\"drops\":0},\"servers\":[]}]}\n");
	free(out);
	out = capture_list(&info, NULL, 0, LBADM_FMT_JSON);
	ck_assert_str_eq(out, "{\"version\":\"1.2.3\",\"conn_tab_size\":4096,\"services\":[]}\n");
	free(out);
}
END_TEST

/* -G text and JSON, and -S's -P lines (which -R must read back). */
static struct lbadm_svc_entry laddr_table[3];

static struct lbadm_addr pool4[3], pool6[1];

static void laddr_setup(void)
{
	memset(laddr_table, 0, sizeof(laddr_table));
	pool4[0] = A("198.51.100.254");
	pool4[1] = A("198.51.100.9");
	pool4[2] = A("198.51.100.10");
	pool6[0] = A("2001:db8::fe");
	laddr_table[0].svc = SVC(IPPROTO_TCP, "2001:db8::1", 443, "rr");
	laddr_table[0].laddrs = pool6;
	laddr_table[0].n_laddrs = 1;
	laddr_table[1].svc = SVC(IPPROTO_TCP, "203.0.113.1", 80, "wlc");
	laddr_table[1].laddrs = pool4;
	laddr_table[1].n_laddrs = 3;
	laddr_table[2].svc = SVC(0, "0.0.0.0", 0, "rr");
	laddr_table[2].svc.fwmark = 7;
}

static char *capture_laddrs(struct lbadm_svc_entry *v, size_t n,
			    unsigned int fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	lbadm_print_laddrs(f, v, n, fmt);
	fclose(f);
	return buf;
}

START_TEST(t_print_laddrs)
{
	char *out;

	laddr_setup();
	out = capture_laddrs(laddr_table, 3, LBADM_FMT_NUMERIC);
	/* Services in -L order, addresses sorted, empty pools listed. */
	ck_assert_str_eq(out,
		"Prot LocalAddress:Port\n"
		"  -> FullNatLocalAddress\n"
		"TCP  203.0.113.1:80\n"
		"  -> 198.51.100.9\n"
		"  -> 198.51.100.10\n"
		"  -> 198.51.100.254\n"
		"TCP  [2001:db8::1]:443\n"
		"  -> [2001:db8::fe]\n"
		"FWM  7\n");
	free(out);
	out = capture_laddrs(laddr_table, 3, LBADM_FMT_JSON);
	ck_assert_str_eq(out,
		"{\"services\":["
		"{\"family\":\"inet\",\"protocol\":\"tcp\",\"address\":\"203.0.113.1\","
		"\"port\":80,\"fwmark\":null,\"local_addresses\":"
		"[\"198.51.100.9\",\"198.51.100.10\",\"198.51.100.254\"]},"
		"{\"family\":\"inet6\",\"protocol\":\"tcp\",\"address\":\"2001:db8::1\","
		"\"port\":443,\"fwmark\":null,\"local_addresses\":[\"2001:db8::fe\"]},"
		"{\"family\":\"inet\",\"protocol\":null,\"address\":null,\"port\":null,"
		"\"fwmark\":7,\"local_addresses\":[]}]}\n");
	free(out);
	out = capture_laddrs(NULL, 0, 0);
	ck_assert_str_eq(out, "Prot LocalAddress:Port\n  -> FullNatLocalAddress\n");
	free(out);
	out = capture_laddrs(NULL, 0, LBADM_FMT_JSON);
	ck_assert_str_eq(out, "{\"services\":[]}\n");
	free(out);
}
END_TEST

START_TEST(t_save_laddrs)
{
	struct lbadm_dest d[] = { DEST("192.0.2.11", 8080, LBVS_FWD_FULLNAT, 2, 0, 0) };
	static const char *const lines[] = {
		"-A -t 203.0.113.1:80 -s wlc",
		"-a -t 203.0.113.1:80 -r 192.0.2.11:8080 -F -w 2",
		"-P -t 203.0.113.1:80 -z 198.51.100.9",
		"-P -t 203.0.113.1:80 -z 198.51.100.10",
		"-P -t 203.0.113.1:80 -z 198.51.100.254",
		"-A -t [2001:db8::1]:443 -s rr",
		"-P -t [2001:db8::1]:443 -z [2001:db8::fe]",
		"-A -f 7 -s rr",
	};
	char *out, *line, *save;
	struct lbadm_req r;
	size_t i = 0, k = 0;
	char addr[64];

	laddr_setup();
	laddr_table[1].dests = d;
	laddr_table[1].n_dests = 1;
	out = capture_list(NULL, laddr_table, 3, LBADM_FMT_RULE);
	/* -P lines after the service's -a lines; -L itself shows no pool. */
	for (line = strtok_r(out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save), i++) {
		ck_assert_uint_lt(i, sizeof(lines) / sizeof(lines[0]));
		ck_assert_str_eq(line, lines[i]);
		/* Each line reads back (-R) to the address saved. */
		OK(&r, line);
		if (r.cmd != LC_ADDLADDR)
			continue;
		lbadm_fmt_addr(&r.laddr, 1, addr, sizeof(addr));
		ck_assert_str_eq(addr, strstr(lines[i], "-z ") + 3);
		k++;
	}
	ck_assert_uint_eq(i, sizeof(lines) / sizeof(lines[0]));
	ck_assert_uint_eq(k, 4);
	free(out);
	out = capture_list(NULL, laddr_table, 3, LBADM_FMT_NUMERIC);
	ck_assert_ptr_null(strstr(out, "198.51.100.254"));
	free(out);
}
END_TEST

START_TEST(t_print_conns_timeouts)
{
	struct lbadm_conn c[2];
	struct lbadm_timeouts t = { 900, 120, 300 };
	char *buf = NULL;
	size_t len;
	FILE *f;

	memset(c, 0, sizeof(c));
	c[0].af = AF_INET;
	c[0].protocol = IPPROTO_TCP;
	c[0].caddr = A("192.0.2.10");
	c[0].cport = 40000;
	c[0].vaddr = A("203.0.113.1");
	c[0].vport = 80;
	c[0].laddr = A("198.51.100.254");
	c[0].lport = 1024;
	c[0].daddr = A("198.51.100.1");
	c[0].dport = 8080;
	c[0].state = LBVS_S_ESTABLISHED;
	c[0].expires_ms = 899999;
	c[0].fwd = LBVS_FWD_FULLNAT;
	c[1].af = AF_INET6;
	c[1].protocol = IPPROTO_UDP;
	c[1].caddr = A("2001:db8::10");
	c[1].cport = 5353;
	c[1].vaddr = A("2001:db8::1");
	c[1].vport = 53;
	c[1].daddr = A("2001:db8::2");
	c[1].dport = 53;
	c[1].state = LBVS_S_UDP;
	c[1].expires_ms = 5000;
	c[1].fwd = LBVS_FWD_NAT;

	f = open_memstream(&buf, &len);
	lbadm_print_conns(f, c, 2, LBADM_FMT_NUMERIC);
	lbadm_print_conns(f, c, 0, LBADM_FMT_PCONN);
	lbadm_print_timeouts(f, &t, NULL, 0, 0);
	lbadm_print_timeouts(f, &t, NULL, 0, LBADM_FMT_JSON);
	lbadm_print_conns(f, c, 2, LBADM_FMT_JSON);
	fclose(f);
	ck_assert_str_eq(buf,
		"IPVS connection entries\n"
		"pro expire state       source             virtual            destination\n"
		"TCP 14:59  ESTABLISHED 192.0.2.10:40000   203.0.113.1:80     198.51.100.1:8080\n"
		"UDP 00:05  UDP         [2001:db8::10]:5353 [2001:db8::1]:53   [2001:db8::2]:53\n"
		"IPVS connection entries\n"
		"pro expire state       source             virtual            destination        pe name          pe_data\n"
		"Timeout (tcp tcpfin udp): 900 120 300\n"
		"{\"timeout\":{\"tcp\":900,\"tcp_fin\":120,\"udp\":300}}\n"
		"{\"connections\":[{\"protocol\":\"tcp\",\"family\":\"inet\","
		"\"state\":\"ESTABLISHED\",\"expires_ms\":899999,\"forward\":\"fullnat\","
		"\"client\":{\"address\":\"192.0.2.10\",\"port\":40000},"
		"\"virtual\":{\"address\":\"203.0.113.1\",\"port\":80},"
		"\"local\":{\"address\":\"198.51.100.254\",\"port\":1024},"
		"\"server\":{\"address\":\"198.51.100.1\",\"port\":8080}},"
		"{\"protocol\":\"udp\",\"family\":\"inet6\",\"state\":\"UDP\","
		"\"expires_ms\":5000,\"forward\":\"masq\","
		"\"client\":{\"address\":\"2001:db8::10\",\"port\":5353},"
		"\"virtual\":{\"address\":\"2001:db8::1\",\"port\":53},"
		"\"local\":null,"
		"\"server\":{\"address\":\"2001:db8::2\",\"port\":53}}]}\n");
	free(buf);
	ck_assert_str_eq(lbadm_state_name(LBVS_S_MAX + 1), "ERR!");
	ck_assert_str_eq(lbadm_fwd_name(LBVS_FWD_DR), "Route");
}
END_TEST

/* ipvsadm's print_largenum(), as lbadm printed it with printf. */
static void ref_largenum(FILE *f, uint64_t i, unsigned int fmt)
{
	char tmp[32];
	int len;

	if (fmt & LBADM_FMT_EXACT) {
		len = snprintf(tmp, sizeof(tmp), "%" PRIu64, i);
		fprintf(f, "%*" PRIu64, len <= 8 ? 9 : len + 1, i);
		return;
	}
	if (i < 100000000ULL)
		fprintf(f, "%9" PRIu64, i);
	else if (i < 1000000000ULL)
		fprintf(f, "%8" PRIu64 "K", i / 1000);
	else if (i < 100000000000ULL)
		fprintf(f, "%8" PRIu64 "M", i / 1000000);
	else if (i < 100000000000000ULL)
		fprintf(f, "%8" PRIu64 "G", i / UINT64_C(1000000000));
	else
		fprintf(f, "%8" PRIu64 "T", i / UINT64_C(1000000000000));
}

START_TEST(t_largenum_like_printf)
{
	char *buf = NULL, *ref = NULL;
	size_t len, rlen;
	uint64_t seed = 3, v;
	FILE *f, *r;
	int i;

	f = open_memstream(&buf, &len);
	r = open_memstream(&ref, &rlen);
	for (i = 0; i < 100000; i++) {
		v = rnd64(&seed) >> (rnd64(&seed) % 64);
		if (i == 0)
			v = UINT64_MAX;
		lbadm_print_largenum(f, v, i % 2 ? LBADM_FMT_EXACT : 0);
		ref_largenum(r, v, i % 2 ? LBADM_FMT_EXACT : 0);
		fputc('\n', f);
		fputc('\n', r);
	}
	fclose(f);
	fclose(r);
	ck_assert_str_eq(buf, ref);
	free(buf);
	free(ref);
}
END_TEST

/* Scheduler names are escaped in JSON; addresses need not be. */
START_TEST(t_json_escapes)
{
	struct lbadm_svc_entry e;
	char *out;

	memset(&e, 0, sizeof(e));
	e.svc = SVC(IPPROTO_UDP, "2001:db8::1", 53, "a\"b\\c\x01\x1f");
	out = capture_list(NULL, &e, 1, LBADM_FMT_JSON);
	ck_assert_ptr_nonnull(strstr(out,
		"\"protocol\":\"udp\",\"address\":\"2001:db8::1\",\"port\":53,"
		"\"fwmark\":null,\"scheduler\":\"a\\\"b\\\\c\\u0001\\u001f\","));
	free(out);
}
END_TEST

/*
 * Every sample line follows the HELP and TYPE of its family, and no family
 * is opened twice: what a scraper (and promtool) require. Returns the
 * number of families.
 */
static int prom_families(const char *out)
{
	char type[128] = "", seen[4096] = " ", name[128], key[132];
	const char *l, *end;
	int n = 0;

	for (l = out; *l; l = end + 1) {
		end = strchr(l, '\n');
		ck_assert_ptr_nonnull(end);
		if (sscanf(l, "# TYPE %127s", type) == 1) {
			snprintf(key, sizeof(key), " %s ", type);
			ck_assert_msg(!strstr(seen, key), "%s twice", type);
			strncat(seen, key + 1, sizeof(seen) - strlen(seen) - 1);
			n++;
			continue;
		}
		if (*l == '#')
			continue;
		ck_assert_int_eq(sscanf(l, "%127[a-z_]", name), 1);
		ck_assert_str_eq(name, type);
	}
	return n;
}

START_TEST(t_print_prom)
{
	struct lbadm_info info = { .version = 0x010203, .conn_tab_size = 4096,
				   .conn_max = 1000, .conn_count = 7,
				   .drops = { [LBVS_DROP_TABLE_FULL] = 5,
					      [LBVS_DROP_NO_LPORT] = 2 } };
	struct lbadm_dest d1[] = {
		DEST("198.51.100.1", 8080, LBVS_FWD_NAT, 3, 12, 345),
		DEST("198.51.100.2", 8080, LBVS_FWD_NAT, 1, 0, 0),
	};
	struct lbadm_dest d2[] = {
		DEST("2001:db8::10", 80, LBVS_FWD_DR, 2, 1, 0),
	};
	struct lbadm_svc_entry v[] = {
		{ .svc = SVC(IPPROTO_TCP, "203.0.113.1", 80, "rr"),
		  .dests = d1, .n_dests = 2 },
		{ .svc = SVC(IPPROTO_UDP, "2001:db8::1", 53, "wlc"),
		  .dests = d2, .n_dests = 1 },
		{ .svc = SVC(0, "0.0.0.0", 0, "wrr") },
	};
	char *buf = NULL, *out;
	size_t len = 0;
	FILE *f;

	v[0].svc.stats.conns = 40;
	v[0].svc.stats.inbytes = 1ULL << 40;
	v[1].svc.stats.conns = 2;
	v[2].svc.fwmark = 7;
	v[0].svc.drop_reasons[LBVS_DROP_TABLE_FULL] = 6;
	d1[0].stats.outpkts = 99;
	d1[0].stats.cps = 3;
	d1[0].persist = 4;

	f = open_memstream(&buf, &len);
	lbadm_print_prom(f, &info, v, 3);
	fclose(f);
	out = buf;
	ck_assert_int_eq(prom_families(out), 38);
	ck_assert_int_eq(strncmp(out, "# HELP lbvs_connections_total ", 30), 0);
	ck_assert_ptr_nonnull(strstr(out, "\nlbvs_connections_total 42\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nlbvs_incoming_bytes_total 1099511627776\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nlbvs_connection_table_entries 7\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nlbvs_connection_table_max 1000\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nlbvs_drops_total{reason=\"table_full\"} 5\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nlbvs_drops_total{reason=\"no_local_port\"} 2\n"));
	ck_assert_ptr_nonnull(strstr(out, "\nlbvs_info{version=\"1.2.3\"} 1\n"));
	ck_assert_ptr_nonnull(strstr(out,
		"\nlbvs_service_connections_total{local_address=\"203.0.113.1\",local_port=\"80\",local_mark=\"\",proto=\"TCP\"} 40\n"));
	ck_assert_ptr_nonnull(strstr(out,
		"\nlbvs_service_backends{local_address=\"\",local_port=\"0\",local_mark=\"7\",proto=\"FWM\"} 0\n"));
	/* A service's drops by reason: only the reasons it counted. */
	ck_assert_ptr_nonnull(strstr(out,
		"\nlbvs_service_drops_by_reason_total{local_address=\"203.0.113.1\",local_port=\"80\",local_mark=\"\",proto=\"TCP\",reason=\"table_full\"} 6\n"));
	ck_assert_ptr_null(strstr(out, "proto=\"TCP\",reason=\"no_dest\""));
	ck_assert_ptr_nonnull(strstr(out,
		"\nlbvs_backend_connections_active{local_address=\"203.0.113.1\",local_port=\"80\",local_mark=\"\",proto=\"TCP\",remote_address=\"198.51.100.1\",remote_port=\"8080\"} 12\n"));
	ck_assert_ptr_nonnull(strstr(out,
		"\nlbvs_backend_connections_inactive{local_address=\"203.0.113.1\",local_port=\"80\",local_mark=\"\",proto=\"TCP\",remote_address=\"198.51.100.1\",remote_port=\"8080\"} 345\n"));
	ck_assert_ptr_nonnull(strstr(out,
		"\nlbvs_backend_connections_persistent{local_address=\"203.0.113.1\",local_port=\"80\",local_mark=\"\",proto=\"TCP\",remote_address=\"198.51.100.1\",remote_port=\"8080\"} 4\n"));
	ck_assert_ptr_nonnull(strstr(out,
		"\nlbvs_backend_outgoing_packets_total{local_address=\"203.0.113.1\",local_port=\"80\",local_mark=\"\",proto=\"TCP\",remote_address=\"198.51.100.1\",remote_port=\"8080\"} 99\n"));
	ck_assert_ptr_nonnull(strstr(out,
		"\nlbvs_backend_connections_per_second{local_address=\"203.0.113.1\",local_port=\"80\",local_mark=\"\",proto=\"TCP\",remote_address=\"198.51.100.1\",remote_port=\"8080\"} 3\n"));
	ck_assert_ptr_nonnull(strstr(out,
		"\nlbvs_backend_weight{local_address=\"2001:db8::1\",local_port=\"53\",local_mark=\"\",proto=\"UDP\",remote_address=\"2001:db8::10\",remote_port=\"80\"} 2\n"));
	free(buf);

	/* One service listed: no table-wide families. */
	buf = NULL;
	f = open_memstream(&buf, &len);
	lbadm_print_prom(f, NULL, v, 1);
	fclose(f);
	ck_assert_int_eq(prom_families(buf), 28);
	ck_assert_ptr_null(strstr(buf, "lbvs_info"));
	ck_assert_ptr_null(strstr(buf, "lbvs_connections_total"));
	free(buf);
}
END_TEST

/* -b and -o: ipvsadm's names per scheduler, where ipvsadm prints them. */
START_TEST(t_print_sched_flags)
{
	struct lbadm_svc_entry v[] = {
		{ .svc = SVC(IPPROTO_TCP, "203.0.113.1", 80, "sh") },
		{ .svc = SVC(IPPROTO_TCP, "203.0.113.1", 81, "mh") },
		{ .svc = SVC(IPPROTO_UDP, "203.0.113.1", 53, "rr") },
	};
	char *out;

	v[0].svc.flags = LBVS_SVC_F_SCHED1 | LBVS_SVC_F_SCHED2 |
			 LBVS_SVC_F_PERSISTENT;
	v[0].svc.timeout = 300;
	v[1].svc.flags = LBVS_SVC_F_SCHED2 | LBVS_SVC_F_SCHED3;
	v[2].svc.flags = LBVS_SVC_F_SCHED1 | LBVS_SVC_F_ONEPACKET;
	out = capture_list(NULL, v, 3, LBADM_FMT_NUMERIC);
	ck_assert_str_eq(out,
		"Prot LocalAddress:Port Scheduler Flags\n"
		"  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
		"TCP  203.0.113.1:80 sh (sh-fallback,sh-port) persistent 300\n"
		"TCP  203.0.113.1:81 mh (mh-port,flag-3)\n"
		"UDP  203.0.113.1:53 rr (flag-1) ops\n");
	free(out);
	out = capture_list(NULL, v, 3, LBADM_FMT_RULE);
	ck_assert_str_eq(out,
		"-A -t 203.0.113.1:80 -s sh -p 300 -b sh-fallback,sh-port\n"
		"-A -t 203.0.113.1:81 -s mh -b mh-port,flag-3\n"
		"-A -u 203.0.113.1:53 -s rr -o -b flag-1\n");
	free(out);
}
END_TEST

/* Tunnel types: -S as ipvsadm 1.31 saves them, --tun-info, JSON. */
START_TEST(t_print_tunnels)
{
	struct lbadm_dest d[] = {
		DEST("198.51.100.1", 80, LBVS_FWD_TUN, 1, 0, 0),
		DEST("198.51.100.2", 80, LBVS_FWD_TUN, 2, 0, 0),
		DEST("198.51.100.3", 80, LBVS_FWD_TUN, 3, 0, 0),
		DEST("198.51.100.4", 80, LBVS_FWD_DR, 4, 0, 0),
	};
	struct lbadm_svc_entry v[] = {
		{ .svc = SVC(IPPROTO_TCP, "203.0.113.1", 80, "rr"),
		  .dests = d, .n_dests = 4 },
	};
	char *out;

	d[1].tun_type = LBVS_TUN_GUE;
	d[1].tun_port = 6080;
	d[1].tun_flags = LBVS_TUN_F_REMCSUM;
	d[2].tun_type = LBVS_TUN_GRE;
	d[2].tun_flags = LBVS_TUN_F_CSUM;
	out = capture_list(NULL, v, 1, LBADM_FMT_RULE | LBADM_FMT_NOSORT);
	ck_assert_str_eq(out,
		"-A -t 203.0.113.1:80 -s rr\n"
		"-a -t 203.0.113.1:80 -r 198.51.100.1:80 -i -w 1 --tun-type ipip\n"
		"-a -t 203.0.113.1:80 -r 198.51.100.2:80 -i -w 2 --tun-type gue --tun-port 6080 --tun-remcsum\n"
		"-a -t 203.0.113.1:80 -r 198.51.100.3:80 -i -w 3 --tun-type gre --tun-csum\n"
		"-a -t 203.0.113.1:80 -r 198.51.100.4:80 -g -w 4\n");
	free(out);
	out = capture_list(NULL, v, 1, LBADM_FMT_NUMERIC | LBADM_FMT_TUNINFO | LBADM_FMT_NOSORT);
	ck_assert_str_eq(out,
		"Prot LocalAddress:Port Scheduler Flags\n"
		"  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n"
		"TCP  203.0.113.1:80 rr\n"
		"  -> 198.51.100.1:80              Tunnel  ipip          1      0          0         \n"
		"  -> 198.51.100.2:80              Tunnel  gue:6080:r+c  2      0          0         \n"
		"  -> 198.51.100.3:80              Tunnel  gre:+c        3      0          0         \n"
		"  -> 198.51.100.4:80              Route   n/a           4      0          0         \n");
	free(out);
	out = capture_list(NULL, v, 1, LBADM_FMT_JSON | LBADM_FMT_NOSORT);
	ck_assert_ptr_nonnull(strstr(out, "\"tunnel\":{\"type\":\"gue\",\"port\":6080,"
				     "\"checksum\":\"remcsum\"}"));
	ck_assert_ptr_nonnull(strstr(out, "\"tunnel\":{\"type\":\"ipip\",\"port\":0,"
				     "\"checksum\":\"nocsum\"}"));
	free(out);
}
END_TEST

/* A service's own timeouts: -S writes them, --timeout lists them as applied. */
START_TEST(t_print_svc_timeouts)
{
	struct lbadm_svc_entry v[] = {
		{ .svc = SVC(IPPROTO_UDP, "203.0.113.1", 53, "rr") },
		{ .svc = SVC(IPPROTO_TCP, "203.0.113.1", 80, "rr") },
	};
	struct lbadm_timeouts t = { 900, 120, 300 };
	char *out, *buf = NULL;
	size_t len = 0;
	FILE *f;

	v[0].svc.timeouts[2] = 30;
	v[0].svc.timeouts[0] = 7200;
	out = capture_list(NULL, v, 2, LBADM_FMT_RULE | LBADM_FMT_NOSORT);
	ck_assert_str_eq(out,
		"-A -u 203.0.113.1:53 -s rr --timeout-tcp 7200 --timeout-udp 30\n"
		"-A -t 203.0.113.1:80 -s rr\n");
	free(out);
	f = open_memstream(&buf, &len);
	lbadm_print_timeouts(f, &t, v, 2, LBADM_FMT_NUMERIC);
	fclose(f);
	ck_assert_str_eq(buf,
		"Timeout (tcp tcpfin udp): 900 120 300\n"
		"UDP  203.0.113.1:53 (tcp tcpfin udp): 7200 120 30\n");
	free(buf);
}
END_TEST

/*
 * IPVS's largest weight, 2^31 - 1, wider than ipvsadm's %-6d column: every
 * printer writes it whole (no wrap to negative, no cut at 65535).
 */
START_TEST(t_print_weight_max)
{
	struct lbadm_dest d[] = {
		DEST("198.51.100.1", 80, LBVS_FWD_NAT, 2147483647, 1, 2),
		DEST("198.51.100.2", 80, LBVS_FWD_NAT, 2147483646, 0, 0),
	};
	struct lbadm_svc_entry v[] = {
		{ .svc = SVC(IPPROTO_TCP, "203.0.113.1", 80, "wrr"),
		  .dests = d, .n_dests = 2 },
	};
	char *out, *buf = NULL;
	size_t len = 0;
	FILE *f;

	out = capture_list(NULL, v, 1, LBADM_FMT_NUMERIC);
	ck_assert_str_eq(out,
		"Prot LocalAddress:Port Scheduler Flags\n"
		"  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
		"TCP  203.0.113.1:80 wrr\n"
		"  -> 198.51.100.1:80              Masq    2147483647 1          2         \n"
		"  -> 198.51.100.2:80              Masq    2147483646 0          0         \n");
	free(out);
	out = capture_list(NULL, v, 1, LBADM_FMT_NUMERIC | LBADM_FMT_PCONN);
	ck_assert_ptr_nonnull(strstr(out,
		"  -> 198.51.100.1:80              2147483647 0           1          2         \n"));
	free(out);
	out = capture_list(NULL, v, 1, LBADM_FMT_RULE);
	ck_assert_str_eq(out,
		"-A -t 203.0.113.1:80 -s wrr\n"
		"-a -t 203.0.113.1:80 -r 198.51.100.1:80 -m -w 2147483647\n"
		"-a -t 203.0.113.1:80 -r 198.51.100.2:80 -m -w 2147483646\n");
	free(out);
	out = capture_list(NULL, v, 1, LBADM_FMT_JSON);
	ck_assert_ptr_nonnull(strstr(out,
		"{\"address\":\"198.51.100.1\",\"port\":80,\"forward\":\"masq\","
		"\"weight\":2147483647,\"u_threshold\":0,"));
	ck_assert_ptr_nonnull(strstr(out, "\"weight\":2147483646,"));
	free(out);
	f = open_memstream(&buf, &len);
	lbadm_print_prom(f, NULL, v, 1);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(buf,
		"\nlbvs_backend_weight{local_address=\"203.0.113.1\",local_port=\"80\",local_mark=\"\",proto=\"TCP\",remote_address=\"198.51.100.1\",remote_port=\"80\"} 2147483647\n"));
	free(buf);
}
END_TEST

static struct lbadm_daemon DAEMON(uint32_t state, const char *ifn,
				  uint32_t syncid)
{
	struct lbadm_daemon d;

	memset(&d, 0, sizeof(d));
	d.state = state;
	snprintf(d.ifname, sizeof(d.ifname), "%s", ifn);
	d.syncid = syncid;
	return d;
}

static char *capture_daemons(const struct lbadm_daemon *v, size_t n,
			     unsigned int fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	lbadm_print_daemons(f, v, n, fmt);
	fclose(f);
	return buf;
}

/* -L --daemon: ipvsadm 1.31's list_daemon(), masters first. */
START_TEST(t_print_daemons)
{
	struct lbadm_daemon v[3];
	char *out;

	v[0] = DAEMON(LBVS_SYNC_STATE_BACKUP, "eth1", 0);
	v[0].maxlen = 1472;
	v[0].group = A("ff02::81");
	v[0].port = 8848;
	v[0].ttl = 1;
	v[0].rx_msgs = 12345678901ULL;
	v[0].rx_conns = 3;
	v[1] = DAEMON(LBVS_SYNC_STATE_MASTER, "eth0", 7);
	v[1].maxlen = 1472;
	v[1].group = A("224.0.0.81");
	v[1].port = 8848;
	v[1].ttl = 1;
	v[1].tx_msgs = 10;
	v[1].tx_conns = 250;
	v[2] = DAEMON(0, "eth9", 1);	/* neither state: not listed */

	out = capture_daemons(v, 3, 0);
	ck_assert_str_eq(out,
		"master sync daemon (mcast=eth0, syncid=7, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\n"
		"backup sync daemon (mcast=eth1, syncid=0, maxlen=1472, group=ff02::81, port=8848, ttl=1)\n");
	free(out);
	/* -n changes nothing, as ipvsadm's. */
	out = capture_daemons(v, 3, LBADM_FMT_NUMERIC);
	ck_assert_str_eq(out,
		"master sync daemon (mcast=eth0, syncid=7, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\n"
		"backup sync daemon (mcast=eth1, syncid=0, maxlen=1472, group=ff02::81, port=8848, ttl=1)\n");
	free(out);
	v[0].resync_state = LBVS_RESYNC_DONE;
	v[0].resync_entries = 100000;
	v[0].resync_msecs = 1234;
	v[0].auth = 1;
	v[0].rx_auth_failed = 4;
	v[1].resyncs = 2;
	v[1].resync_entries = 200000;
	out = capture_daemons(v, 2, LBADM_FMT_STATS);
	ck_assert_str_eq(out,
		"master sync daemon (mcast=eth0, syncid=7, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\n"
		"  tx_msgs=10 tx_conns=250 tx_dropped=0 rx_msgs=0 rx_conns=0 rx_refused=0 rx_errors=0"
		" resyncs=2 resync_entries=200000 resync_ms=0 auth=off rx_auth_failed=0\n"
		"backup sync daemon (mcast=eth1, syncid=0, maxlen=1472, group=ff02::81, port=8848, ttl=1)\n"
		"  tx_msgs=0 tx_conns=0 tx_dropped=0 rx_msgs=12345678901 rx_conns=3 rx_refused=0 rx_errors=0"
		" resync=done resyncs=0 resync_entries=100000 resync_ms=1234"
		" auth=on rx_auth_failed=4\n");
	free(out);

	/* Fields left 0 (an older kernel's reply) are left out, as ipvsadm. */
	v[0] = DAEMON(LBVS_SYNC_STATE_MASTER, "eth0", 255);
	out = capture_daemons(v, 1, 0);
	ck_assert_str_eq(out, "master sync daemon (mcast=eth0, syncid=255)\n");
	free(out);

	/* lbvs's peers after ipvsadm's part, their counter with --stats. */
	v[0] = DAEMON(LBVS_SYNC_STATE_BACKUP, "eth1", 7);
	v[0].maxlen = 1472;
	v[0].port = 8848;
	v[0].peers.n = 2;
	v[0].peers.a[0] = A("192.0.2.2");
	v[0].peers.a[1] = A("2001:db8::3");
	v[0].rx_not_peer = 4;
	out = capture_daemons(v, 1, 0);
	ck_assert_str_eq(out, "backup sync daemon (mcast=eth1, syncid=7, maxlen=1472, port=8848) "
			 "peers=192.0.2.2,2001:db8::3\n");
	free(out);
	out = capture_daemons(v, 1, LBADM_FMT_STATS);
	ck_assert_str_eq(out, "backup sync daemon (mcast=eth1, syncid=7, maxlen=1472, port=8848) "
			 "peers=192.0.2.2,2001:db8::3\n"
			 "  tx_msgs=0 tx_conns=0 tx_dropped=0 rx_msgs=0 rx_conns=0 rx_refused=0 "
			 "rx_errors=0 resyncs=0 resync_entries=0 resync_ms=0 auth=off rx_auth_failed=0 "
			 "rx_not_peer=4\n");
	free(out);
	out = capture_daemons(v, 1, LBADM_FMT_JSON);
	ck_assert_str_eq(out,
		"{\"daemons\":[{\"state\":\"backup\",\"mcast_interface\":\"eth1\",\"syncid\":7,"
		"\"maxlen\":1472,\"group\":null,\"port\":8848,\"ttl\":0,"
		"\"peers\":[\"192.0.2.2\",\"2001:db8::3\"],\"tx_msgs\":0,"
		"\"tx_conns\":0,\"tx_dropped\":0,\"rx_msgs\":0,\"rx_conns\":0,"
		"\"rx_refused\":0,\"rx_errors\":0,\"resync\":null,\"resyncs\":0,"
		"\"resync_entries\":0,\"resync_ms\":0,\"auth\":false,\"rx_auth_failed\":0,"
		"\"rx_not_peer\":4}]}\n");
	free(out);

	/* None running: nothing. */
	out = capture_daemons(v, 0, 0);
	ck_assert_str_eq(out, "");
	free(out);
	out = capture_daemons(v, 0, LBADM_FMT_JSON);
	ck_assert_str_eq(out, "{\"daemons\":[]}\n");
	free(out);

	v[0] = DAEMON(LBVS_SYNC_STATE_BACKUP, "e\"1", 3);
	v[0].group = A("224.0.0.81");
	v[0].rx_errors = 9;
	v[0].resync_state = LBVS_RESYNC_NONE;
	v[1] = DAEMON(LBVS_SYNC_STATE_MASTER, "eth0", 7);
	v[1].port = 8848;
	out = capture_daemons(v, 2, LBADM_FMT_JSON | LBADM_FMT_STATS);
	ck_assert_str_eq(out,
		"{\"daemons\":[{\"state\":\"master\",\"mcast_interface\":\"eth0\",\"syncid\":7,"
		"\"maxlen\":0,\"group\":null,\"port\":8848,\"ttl\":0,\"peers\":[],\"tx_msgs\":0,"
		"\"tx_conns\":0,\"tx_dropped\":0,\"rx_msgs\":0,\"rx_conns\":0,"
		"\"rx_refused\":0,\"rx_errors\":0,\"resync\":null,\"resyncs\":0,"
		"\"resync_entries\":0,\"resync_ms\":0,\"auth\":false,\"rx_auth_failed\":0,"
		"\"rx_not_peer\":0},"
		"{\"state\":\"backup\",\"mcast_interface\":\"e\\\"1\",\"syncid\":3,"
		"\"maxlen\":0,\"group\":\"224.0.0.81\",\"port\":0,\"ttl\":0,\"peers\":[],\"tx_msgs\":0,"
		"\"tx_conns\":0,\"tx_dropped\":0,\"rx_msgs\":0,\"rx_conns\":0,"
		"\"rx_refused\":0,\"rx_errors\":9,\"resync\":\"none\",\"resyncs\":0,"
		"\"resync_entries\":0,\"resync_ms\":0,\"auth\":false,\"rx_auth_failed\":0,"
		"\"rx_not_peer\":0}]}\n");
	free(out);
}
END_TEST

/* -L --drops: every reason, by name, in the UAPI's order. */
START_TEST(t_print_drops)
{
	struct lbadm_info info = { .drops = { [LBVS_DROP_NO_DEST] = 3,
					      [LBVS_DROP_BAD_HEADER] = 12345678901ULL } };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	lbadm_print_drops(f, info.drops, 0);
	fclose(f);
	ck_assert_ptr_eq(strstr(buf, "no_dest         3\nthreshold       0\n"), buf);
	ck_assert_ptr_nonnull(strstr(buf, "\ntable_full      0\n"));
	ck_assert_ptr_nonnull(strstr(buf, "\ncookie_invalid  0\nsyn_proxied     0\n"));
	ck_assert_str_eq(strstr(buf, "\nbad_header "), "\nbad_header      12345678901\n");
	free(buf);
	buf = NULL;
	f = open_memstream(&buf, &len);
	lbadm_print_drops(f, info.drops, LBADM_FMT_JSON);
	fclose(f);
	ck_assert_ptr_eq(strstr(buf, "{\"drops\":{\"no_dest\":3,\"threshold\":0,"), buf);
	ck_assert_ptr_nonnull(strstr(buf, ",\"bad_header\":12345678901}}\n"));
	free(buf);
}
END_TEST

int main(void)
{
	return UNIT_RUN("lbadm_print", "all", t_print_daemons, t_print_drops,
		t_largenum, t_print_list, t_fast_paths, t_print_v6_fwm,
		t_print_stats, t_print_json, t_print_laddrs, t_save_laddrs,
		t_print_conns_timeouts, t_largenum_like_printf, t_json_escapes,
		t_print_prom, t_print_sched_flags, t_print_tunnels,
		t_print_svc_timeouts, t_print_weight_max);
}
