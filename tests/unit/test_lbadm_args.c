// SPDX-License-Identifier: GPL-2.0
/*
 * lbadm unit tests: command lines and the option table. Expected errors
 * are written out, so a message that stops naming the bad value fails here.
 */
#include "lbadm_unit.h"

START_TEST(t_args_service)
{
	struct lbadm_req r;

	OK(&r, "-A -t 203.0.113.1:80");
	ck_assert_int_eq(r.cmd, LC_ADD);
	ck_assert_int_eq(r.has_svc, 1);
	ck_assert_uint_eq(r.svc.protocol, IPPROTO_TCP);
	ck_assert_uint_eq(r.svc.port, 80);
	ck_assert_str_eq(r.svc.sched, "wlc");
	ck_assert_uint_eq(r.svc.flags, 0);
	ck_assert_uint_eq(r.svc.netmask, 32);

	OK(&r, "-A -u 203.0.113.1:53 -s rr -p");
	ck_assert_uint_eq(r.svc.protocol, IPPROTO_UDP);
	ck_assert_str_eq(r.svc.sched, "rr");
	ck_assert_uint_eq(r.svc.flags, LBVS_SVC_F_PERSISTENT);
	ck_assert_uint_eq(r.svc.timeout, 360);

	OK(&r, "-A -t 203.0.113.1:80 -p 600 -M 255.255.255.0");
	ck_assert_uint_eq(r.svc.timeout, 600);
	ck_assert_uint_eq(r.svc.netmask, 24);
	OK(&r, "-A -t 203.0.113.1:80 -p600");
	ck_assert_uint_eq(r.svc.timeout, 600);
	OK(&r, "--add-service --tcp-service=203.0.113.1:80 --persistent=60 --scheduler sh");
	ck_assert_uint_eq(r.svc.timeout, 60);
	ck_assert_str_eq(r.svc.sched, "sh");
	/* -p followed by an option: no timeout taken. */
	OK(&r, "-A -t 203.0.113.1:80 -p -s rr");
	ck_assert_uint_eq(r.svc.timeout, 360);
	/* Options before the command, clustered short options. */
	OK(&r, "-s rr -At 203.0.113.1:80");
	ck_assert_int_eq(r.cmd, LC_ADD);
	ck_assert_str_eq(r.svc.sched, "rr");
	/* Port 0 is fine for a persistent service. */
	OK(&r, "-A -t 203.0.113.1 -p");
	ck_assert_uint_eq(r.svc.port, 0);

	OK(&r, "-E -t [2001:db8::1]:80 -s wrr -p 30 -M 64");
	ck_assert_int_eq(r.cmd, LC_EDIT);
	ck_assert_int_eq(r.svc.af, AF_INET6);
	ck_assert_uint_eq(r.svc.netmask, 64);

	OK(&r, "-A -u 203.0.113.1:53 --timeout-udp 30 --timeout-tcpfin=5");
	ck_assert_uint_eq(r.svc.timeouts[0], 0);
	ck_assert_uint_eq(r.svc.timeouts[1], 5);
	ck_assert_uint_eq(r.svc.timeouts[2], 30);
	OK(&r, "-A -u 203.0.113.1:53 -s rr -o");
	ck_assert_uint_eq(r.svc.flags, LBVS_SVC_F_ONEPACKET);
	OK(&r, "-E -f 7 --ops -p 30");
	ck_assert_uint_eq(r.svc.flags, LBVS_SVC_F_ONEPACKET | LBVS_SVC_F_PERSISTENT);

	OK(&r, "-A -f 7 -6");
	ck_assert_uint_eq(r.svc.fwmark, 7);
	ck_assert_int_eq(r.svc.af, AF_INET6);
	ck_assert_uint_eq(r.svc.netmask, 128);
	OK(&r, "-6 -A -f 7");	/* unlike ipvsadm, order does not matter */
	ck_assert_int_eq(r.svc.af, AF_INET6);
	OK(&r, "-D -f 0x10");
	ck_assert_int_eq(r.cmd, LC_DEL);
	ck_assert_uint_eq(r.svc.fwmark, 16);
	ck_assert_int_eq(r.svc.af, AF_INET);
}
END_TEST

START_TEST(t_args_dest)
{
	struct lbadm_req r;

	OK(&r, "-a -t 203.0.113.1:80 -r 198.51.100.1");
	ck_assert_int_eq(r.cmd, LC_ADDDEST);
	ck_assert_uint_eq(r.dest.port, 80);		/* service port */
	ck_assert_uint_eq(r.dest.fwd, LBVS_FWD_DR);	/* default -g */
	ck_assert_uint_eq(r.dest.weight, 1);
	OK(&r, "-a -t 203.0.113.1:80 -r 198.51.100.1:8080 -m -w 0 -x 100 -y 50");
	ck_assert_uint_eq(r.dest.port, 8080);
	ck_assert_uint_eq(r.dest.fwd, LBVS_FWD_NAT);
	ck_assert_uint_eq(r.dest.weight, 0);
	ck_assert_uint_eq(r.dest.u_thresh, 100);
	ck_assert_uint_eq(r.dest.l_thresh, 50);
	/* DR and TUN: the service port, given or implied (issue 4). */
	OK(&r, "-a -t 203.0.113.1:80 -r 198.51.100.1:80 -g");
	ck_assert_uint_eq(r.dest.fwd, LBVS_FWD_DR);
	ck_assert_uint_eq(r.dest.port, 80);
	OK(&r, "-a -t 203.0.113.1:80 -r 198.51.100.1 -i");
	ck_assert_uint_eq(r.dest.fwd, LBVS_FWD_TUN);
	ck_assert_uint_eq(r.dest.port, 80);
	OK(&r, "-a -f 3 -r 198.51.100.1:8080 -g");	/* fwmark: any port */
	ck_assert_uint_eq(r.dest.port, 8080);
	OK(&r, "-a -t 203.0.113.1:80 -r 198.51.100.1:80 -i -w 65535 --tun-type ipip");
	ck_assert_uint_eq(r.dest.fwd, LBVS_FWD_TUN);
	OK(&r, "-e -t 203.0.113.1:80 -r 198.51.100.1:8080 -b -w 2147483647");
	ck_assert_int_eq(r.cmd, LC_EDITDEST);
	ck_assert_uint_eq(r.dest.fwd, LBVS_FWD_FULLNAT);
	ck_assert_uint_eq(r.dest.port, 8080);
	ck_assert_uint_eq(r.dest.weight, 2147483647);
	OK(&r, "-a -t 203.0.113.1:80 -r 198.51.100.1 -i --tun-type gue --tun-port 6080 --tun-remcsum");
	ck_assert_uint_eq(r.dest.tun_type, LBVS_TUN_GUE);
	ck_assert_uint_eq(r.dest.tun_port, 6080);
	ck_assert_uint_eq(r.dest.tun_flags, LBVS_TUN_F_REMCSUM);
	OK(&r, "-e -t 203.0.113.1:80 -r 198.51.100.1 -i --tun-type gre --tun-csum");
	ck_assert_uint_eq(r.dest.tun_type, LBVS_TUN_GRE);
	ck_assert_uint_eq(r.dest.tun_flags, LBVS_TUN_F_CSUM);
	OK(&r, "-a -f 3 -r 198.51.100.1:8080");
	ck_assert_uint_eq(r.dest.port, 8080);	/* fwmark: port kept */
	/* Selectors of -L -c and --flush-conns: no method, no port check. */
	OK(&r, "-L -c -t 203.0.113.1:80 -r 198.51.100.1:8080");
	ck_assert_uint_eq(r.dest.port, 8080);
	OK(&r, "--flush-conns -u 203.0.113.1:53 -r 198.51.100.1");
	ck_assert_int_eq(r.cmd, LC_FLUSHCONN);
	ck_assert_uint_eq(r.dest.port, 53);
	OK(&r, "--flush-conns");
	ck_assert_int_eq(r.has_svc, 0);
	OK(&r, "-a -t [2001:db8::1]:80 -r [2001:db8::2] -m");
	ck_assert_int_eq(r.dest.addr.af, AF_INET6);
	ck_assert_uint_eq(r.dest.port, 80);
	OK(&r, "-a -t 203.0.113.1:80 -r [2001:db8::2] -i");	/* 6in4 tunnel */
	OK(&r, "-d -t 203.0.113.1:80 -r 198.51.100.1:8080");
	ck_assert_int_eq(r.cmd, LC_DELDEST);
	ck_assert_uint_eq(r.dest.port, 8080);
	OK(&r, "--add-server --udp-service 203.0.113.1:53 --real-server 198.51.100.1 --masquerading --weight=3");
	ck_assert_uint_eq(r.dest.weight, 3);
	ck_assert_uint_eq(r.dest.port, 53);
}
END_TEST

START_TEST(t_args_other)
{
	struct lbadm_req r;

	OK(&r, "");
	ck_assert_int_eq(r.cmd, LC_LIST);
	OK(&r, "-Ln");
	ck_assert_int_eq(r.cmd, LC_LIST);
	ck_assert_uint_eq(r.fmt, LBADM_FMT_NUMERIC);
	OK(&r, "-l --stats --exact --nosort --json");
	ck_assert_uint_eq(r.fmt, LBADM_FMT_STATS | LBADM_FMT_EXACT |
			  LBADM_FMT_NOSORT | LBADM_FMT_JSON);
	OK(&r, "-L -n -t 203.0.113.1:80");
	ck_assert_int_eq(r.has_svc, 1);
	OK(&r, "-A -t 203.0.113.1:80 -s sh -b sh-fallback,sh-port,flag-3");
	ck_assert_uint_eq(r.svc.flags, LBVS_SVC_F_SCHED1 | LBVS_SVC_F_SCHED2 |
			  LBVS_SVC_F_SCHED3);
	OK(&r, "-E -t 203.0.113.1:80 -s mh --sched-flags mh-port -p");
	ck_assert_uint_eq(r.svc.flags, LBVS_SVC_F_SCHED2 | LBVS_SVC_F_PERSISTENT);
	OK(&r, "-A -f 7 -b flag-1");		/* any scheduler takes flag-N */
	ck_assert_uint_eq(r.svc.flags, LBVS_SVC_F_SCHED1);
	/* lbvs 0.1's rules: -b after -a/-e is --fullnat */
	OK(&r, "-a -t 203.0.113.1:80 -r 198.51.100.1 -b -w 2");
	ck_assert_uint_eq(r.dest.fwd, LBVS_FWD_FULLNAT);
	OK(&r, "-a -t 203.0.113.1:80 -r 198.51.100.1 -F");
	ck_assert_uint_eq(r.dest.fwd, LBVS_FWD_FULLNAT);
	OK(&r, "-L --prometheus --sort");
	ck_assert_uint_eq(r.fmt, LBADM_FMT_PROM);
	OK(&r, "-L -c -n --persistent-conn");
	ck_assert_int_eq(r.given[O_CONN], 1);
	OK(&r, "-L --timeout");
	ck_assert_int_eq(r.given[O_TIMEOUT], 1);
	OK(&r, "-L --sort --rate --thresholds");
	OK(&r, "--set 900 120 300");
	ck_assert_int_eq(r.cmd, LC_SET);
	ck_assert_uint_eq(r.to.tcp, 900);
	ck_assert_uint_eq(r.to.tcp_fin, 120);
	ck_assert_uint_eq(r.to.udp, 300);
	OK(&r, "--set 0 0 0");
	OK(&r, "-Z");
	ck_assert_int_eq(r.cmd, LC_ZERO);
	ck_assert_int_eq(r.has_svc, 0);
	OK(&r, "-Z -u 203.0.113.1:53");
	ck_assert_int_eq(r.has_svc, 1);
	OK(&r, "-C");
	ck_assert_int_eq(r.cmd, LC_FLUSH);
	OK(&r, "-S -n");
	ck_assert_uint_eq(r.fmt, LBADM_FMT_NUMERIC | LBADM_FMT_RULE);
	OK(&r, "-R");
	ck_assert_int_eq(r.cmd, LC_RESTORE);
	OK(&r, "-A -t bogus -h");	/* help wins, values unchecked */
	ck_assert_int_eq(r.cmd, LC_HELP);
	OK(&r, "--version");
	ck_assert_int_eq(r.cmd, LC_VERSION);
}
END_TEST

START_TEST(t_args_bad)
{
	REJECTS("-x 5", "no command given (one of -A -E -D -C -a -e -d -P -Q -G -L -Z --set -S -R -h)");
	REJECTS("-A", "-A/--add-service needs -t, -u or -f");
	REJECTS("-D", "-D/--delete-service needs -t, -u or -f");
	REJECTS("-a -t 203.0.113.1:80", "-a/--add-server needs -r/--real-server");
	REJECTS("-d -r 198.51.100.1", "-d/--delete-server needs -t, -u or -f");
	REJECTS("-A -E -t 203.0.113.1:80",
	    "multiple commands: -A/--add-service and -E/--edit-service");
	REJECTS("-L -L", "multiple commands: -L/--list and -L/--list");
	REJECTS("-A -t 203.0.113.1:80 -u 203.0.113.1:80",
	    "conflicting options -t/--tcp-service and -u/--udp-service");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -m -g",
	    "conflicting options -m/--masquerading and -g/--gatewaying");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -b -i",
	    "conflicting options -F/--fullnat and -i/--ipip");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -w 1 -w 2",
	    "option -w/--weight given twice");
	REJECTS("-L --sort --nosort", "conflicting options --sort and --nosort");
	REJECTS("-A -t 203.0.113.1:80 -w 5",
	    "option -w/--weight is not valid with -A/--add-service");
	REJECTS("-A -t 203.0.113.1:80 -r 198.51.100.1",
	    "option -r/--real-server is not valid with -A/--add-service");
	REJECTS("-D -t 203.0.113.1:80 -s rr",
	    "option -s/--scheduler is not valid with -D/--delete-service");
	REJECTS("-d -t 203.0.113.1:80 -r 198.51.100.1 -m",
	    "option -m/--masquerading is not valid with -d/--delete-server");
	REJECTS("-C -t 203.0.113.1:80",
	    "option -t/--tcp-service is not valid with -C/--clear");
	REJECTS("-L -w 3", "option -w/--weight is not valid with -L/--list");
	REJECTS("-S --stats", "option --stats is not valid with -S/--save");
	REJECTS("-A -t 203.0.113.1:80 --json",
	    "option --json is not valid with -A/--add-service");
	REJECTS("-A -t 203.0.113.1:80 -b sh-port",
	    "scheduler flag \"sh-port\" needs -s sh (not wlc)");
	REJECTS("-A -t 203.0.113.1:80 -s mh -b mh-port,sh-fallback",
	    "scheduler flag \"sh-fallback\" needs -s sh (not mh)");
	REJECTS("-A -t 203.0.113.1:80 -s sh -b sh-port,,flag-1",
	    "unknown scheduler flag \"\" (flag-1 flag-2 flag-3 sh-fallback sh-port mh-fallback mh-port)");
	REJECTS("-E -t 203.0.113.1:80 -b nope",
	    "unknown scheduler flag \"nope\" (flag-1 flag-2 flag-3 sh-fallback sh-port mh-fallback mh-port)");
	REJECTS("-b flag-1 -a -t 203.0.113.1:80 -r 198.51.100.1",
	    "option -b/--sched-flags is not valid with -a/--add-server");
	REJECTS("-L --json --prometheus",
	    "conflicting options --json and --prometheus");
	REJECTS("-L -c --prometheus",
	    "--prometheus lists services, not connections (-c)");
	REJECTS("-L --timeout --prometheus",
	    "--prometheus lists services, not timeouts (--timeout)");
	REJECTS("-G --prometheus",
	    "option --prometheus is not valid with -G/--get-laddr");
	REJECTS("-L -c --timeout",
	    "options -c/--connection and --timeout conflict in -L/--list");
	REJECTS("-L -t 203.0.113.1:80 --timeout",
	    "--timeout lists timeouts, not a service (203.0.113.1:80)");
	REJECTS("-L -c --stats",
	    "--stats, --rate and --thresholds list services, not connections (-c)");
	REJECTS("-L --timeout --rate",
	    "--stats, --rate and --thresholds list services, not timeouts (--timeout)");
	REJECTS("-A -t 203.0.113.1", "service \"203.0.113.1\" has port 0, which needs -p/--persistent");
	REJECTS("-A -t 203.0.113.1:0", "service \"203.0.113.1:0\" has port 0, which needs -p/--persistent");
	REJECTS("-A -t 203.0.113.1:80 -p 0", "persistence timeout 0 out of range 1..2678400");
	REJECTS("-A -t 203.0.113.1:80 -p 2678401", "persistence timeout 2678401 out of range 1..2678400");
	REJECTS("-A -t 203.0.113.1:80 -p abc", "invalid persistence timeout \"abc\"");
	REJECTS("-A -t 203.0.113.1:80 -s foo",
	    "unknown scheduler \"foo\" (rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh twos)");
	REJECTS("-A -t 203.0.113.1:80 -p -M 255.0.255.0", "netmask 255.0.255.0 is not contiguous");
	REJECTS("-A -t [2001:db8::1]:80 -p -M 255.255.255.0",
	    "netmask \"255.255.255.0\" is IPv4 but the service is IPv6: give a prefix length 1..128");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -w 2147483648",
		"weight 2147483648 out of range 0..2147483647");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -w -1", "weight -1 out of range 0..2147483647");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -x 2147483648",
	    "upper threshold 2147483648 out of range 0..2147483647");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -y x", "invalid lower threshold \"x\"");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -m --tun-type ipip", "tunnel options need -i/--ipip");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -i --tun-type gue", "--tun-type gue needs --tun-port");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -i --tun-type vxlan",
		"unknown tunnel type \"vxlan\" (ipip gue gre)");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -i --tun-type gre --tun-port 6080",
		"--tun-port is for --tun-type gue, not gre");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -i --tun-type gue --tun-port 0",
		"tunnel port 0 out of range 1..65535");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -i --tun-csum", "--tun-csum is not for --tun-type ipip");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -i --tun-type gre --tun-remcsum",
		"--tun-remcsum is not for --tun-type gre");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -i --tun-type gue --tun-port 1 --tun-csum --tun-nocsum",
		"conflicting options --tun-csum and --tun-nocsum");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -g --tun-port 6080", "tunnel options need -i/--ipip");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -y 3", "lower threshold 3 is above upper threshold 0");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -x 5 -y 6", "lower threshold 6 is above upper threshold 5");
	REJECTS("-a -t 203.0.113.1:80 -r [2001:db8::2]:80",
	    "real server \"[2001:db8::2]:80\" is IPv6 but the service is IPv4");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1:99999",
	    "invalid port \"99999\" in \"198.51.100.1:99999\"");
	REJECTS("-A -t 203.0.113.100:99999", "invalid port \"99999\" in \"203.0.113.100:99999\"");
	REJECTS("-A -t 2001:db8::1:80",
	    "IPv6 address needs brackets in \"2001:db8::1:80\", e.g. [2001:db8::1]:80");
	REJECTS("-A -t 203.0.113.1:80 -6",
	    "-6/--ipv6 is for fwmark services (-f) only; \"203.0.113.1:80\" already names the family");
	REJECTS("-L -6", "-6/--ipv6 needs -f/--fwmark-service");
	REJECTS("-A -f 0", "fwmark 0 out of range 1..4294967295");
	REJECTS("--set 1 2", "--set needs 3 timeouts in seconds: tcp tcpfin udp (got 2)");
	REJECTS("--set 1 2 3 4", "--set needs 3 timeouts in seconds: tcp tcpfin udp (got 4)");
	REJECTS("--set 1 x 3", "invalid tcpfin timeout \"x\"");
	REJECTS("--set 1 2 9999999", "udp timeout 9999999 out of range 0..2678400");
	REJECTS("--set 1 2 3 -t 203.0.113.1:80",
	    "option -t/--tcp-service is not valid with --set");
	REJECTS("-A -t 203.0.113.1:80 extra", "unexpected argument \"extra\"");
	REJECTS("-L foo", "unexpected argument \"foo\"");
	REJECTS("-A -t", "option -t/--tcp-service needs a value");
	REJECTS("-A --tcp-service", "option -t/--tcp-service needs a value");
	REJECTS("-L --stats=1", "option --stats takes no value (\"--stats=1\")");
	REJECTS("--frobnicate", "unknown option \"--frobnicate\"");
	REJECTS("--tcp", "unknown option \"--tcp\"");
	REJECTS("-Lq", "unknown option \"-q\" in \"-Lq\"");
	REJECTS("-j", "unknown option \"-j\"");
	REJECTS("-A -t 203.0.113.1:80 --timeout-tcp 2592001",
		"service timeout 2592001 out of range 0..2592000");
	REJECTS("-a -t 203.0.113.1:80 -r 192.0.2.1 --timeout-udp 5",
		"option --timeout-udp is not valid with -a/--add-server");
	REJECTS("-L -t 203.0.113.1:80 -r 198.51.100.1", "-r/--real-server with -L needs -c/--connection");
	REJECTS("-L -c -r 198.51.100.1", "-r/--real-server needs a service (-t, -u or -f)");
	REJECTS("--flush-conns -r 198.51.100.1", "-r/--real-server needs a service (-t, -u or -f)");
	REJECTS("--flush-conns -t 203.0.113.1:80 -r 198.51.100.1 -w 2",
		"option -w/--weight is not valid with --flush-conns");
	/* ipvsadm's options lbvs lacks are named, never "unknown". */
	REJECTS("-A -t 203.0.113.1:5060 -p --pe sip",
		"option --pe is not supported by lbvs: persistence engines (see lbadm(8), DIFFERENCES)");
	REJECTS("-A --sctp-service 203.0.113.1:80",
		"option --sctp-service is not supported by lbvs: SCTP services (see lbadm(8), DIFFERENCES)");
	/* Issue 4: DR and TUN cannot map ports; ipvsadm rewrote the port. */
	REJECTS("-a -t 203.0.113.1:80 -r 192.0.2.10:8080 -g",
	    "port 8080 of direct-routing server 192.0.2.10 must equal the service port 80 (DR and TUN cannot map ports)");
	REJECTS("-a -t 203.0.113.1:80 -r 192.0.2.10:8080",	/* -g default */
	    "port 8080 of direct-routing server 192.0.2.10 must equal the service port 80 (DR and TUN cannot map ports)");
	REJECTS("-e -u 203.0.113.1:53 -r 192.0.2.10:5353 -i",
	    "port 5353 of tunnelled server 192.0.2.10 must equal the service port 53 (DR and TUN cannot map ports)");
	REJECTS("-a -t [2001:db8::1]:80 -r [2001:db8::2]:0 -g",
	    "port 0 of direct-routing server [2001:db8::2] must equal the service port 80 (DR and TUN cannot map ports)");
	REJECTS("-A -t 203.0.113.1:80 -o",
		"-o/--ops (one-packet scheduling) is for UDP and fwmark services, not \"203.0.113.1:80\"");
}
END_TEST

START_TEST(t_args_laddr)
{
	struct lbadm_req r;
	char buf[64];

	OK(&r, "-P -t 203.0.113.1:80 -z 198.51.100.254");
	ck_assert_int_eq(r.cmd, LC_ADDLADDR);
	ck_assert_int_eq(r.has_svc, 1);
	ck_assert_uint_eq(r.svc.port, 80);
	ck_assert_int_eq(r.laddr.af, AF_INET);
	lbadm_fmt_addr(&r.laddr, 1, buf, sizeof(buf));
	ck_assert_str_eq(buf, "198.51.100.254");
	OK(&r, "-Q -u 203.0.113.1:53 -z 198.51.100.253");
	ck_assert_int_eq(r.cmd, LC_DELLADDR);
	ck_assert_uint_eq(r.svc.protocol, IPPROTO_UDP);
	/* IPv6: bracketed, or bare (no port, so no ambiguity). */
	OK(&r, "-P -t [2001:db8::1]:443 -z [2001:db8::fe]");
	ck_assert_int_eq(r.laddr.af, AF_INET6);
	lbadm_fmt_addr(&r.laddr, 0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2001:db8::fe");
	OK(&r, "-P -t [2001:db8::1]:443 -z 2001:db8::1:80");
	lbadm_fmt_addr(&r.laddr, 0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2001:db8::1:80");	/* an address, not :80 */
	OK(&r, "-P -f 7 -6 -z 2001:db8::fd");
	ck_assert_uint_eq(r.svc.fwmark, 7);
	ck_assert_int_eq(r.laddr.af, AF_INET6);
	OK(&r, "--add-laddr --tcp-service=203.0.113.1:80 --laddr=198.51.100.254");
	ck_assert_int_eq(r.cmd, LC_ADDLADDR);
	OK(&r, "--del-laddr -f 0x10 --laddr 198.51.100.254");
	ck_assert_int_eq(r.cmd, LC_DELLADDR);
	ck_assert_uint_eq(r.svc.fwmark, 16);
	OK(&r, "-Pt 203.0.113.1:80 -z198.51.100.254");
	ck_assert_int_eq(r.laddr.af, AF_INET);
}
END_TEST

/* -G: all pools, or one service's; text or JSON. */
START_TEST(t_args_getladdr)
{
	static const struct {
		const char *line;
		int has_svc;
		unsigned int fmt;
	} c[] = {
		{ "-G", 0, 0 },
		{ "--get-laddr -t 203.0.113.1:80 --json", 1, LBADM_FMT_JSON },
		{ "-G -n -f 7 -6", 1, LBADM_FMT_NUMERIC },
		{ "-G --json -n", 0, LBADM_FMT_JSON | LBADM_FMT_NUMERIC },
	};
	struct lbadm_req r;
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		OK(&r, c[i].line);
		ck_assert_int_eq(r.cmd, LC_GETLADDR);
		ck_assert_int_eq(r.has_svc, c[i].has_svc);
		ck_assert_uint_eq(r.fmt, c[i].fmt);
	}
}
END_TEST

START_TEST(t_args_laddr_bad)
{
	REJECTS("-P -t 203.0.113.1:80", "-P/--add-laddr needs -z/--laddr");
	REJECTS("-Q -t 203.0.113.1:80", "-Q/--del-laddr needs -z/--laddr");
	REJECTS("-P -z 198.51.100.254", "-P/--add-laddr needs -t, -u or -f");
	REJECTS("-P -t 203.0.113.1:80 -z 198.51.100.254:80",
	    "local address \"198.51.100.254:80\" has a port; give the address alone");
	REJECTS("-P -t [2001:db8::1]:80 -z [2001:db8::fe]:0",
	    "local address \"[2001:db8::fe]:0\" has a port; give the address alone");
	REJECTS("-P -t 203.0.113.1:80 -z [2001:db8::fe]",
	    "local address \"[2001:db8::fe]\" is IPv6 but the service is IPv4");
	REJECTS("-P -t [2001:db8::1]:80 -z 198.51.100.254",
	    "local address \"198.51.100.254\" is IPv4 but the service is IPv6");
	REJECTS("-Q -f 7 -z 2001:db8::fe",
	    "local address \"2001:db8::fe\" is IPv6 but the service is IPv4");
	REJECTS("-P -t 203.0.113.1:80 -z 198.51.100.300",
	    "invalid address \"198.51.100.300\"");
	REJECTS("-P -t 203.0.113.1:80 -z 2001:db8::g", "invalid address \"2001:db8::g\"");
	REJECTS("-P -t 203.0.113.1:80 -z lb1.example",
	    "invalid address \"lb1.example\": host names are not supported, use a numeric address");
	REJECTS("-P -t 203.0.113.1:80 -z", "option -z/--laddr needs a value");
	REJECTS("-P -t 203.0.113.1:80 --laddr=", "empty address");
	REJECTS("-P -t 203.0.113.1:80 -z 198.51.100.1 -z 198.51.100.2",
	    "option -z/--laddr given twice");
	REJECTS("-P -t 203.0.113.1:80 -z 198.51.100.1 -w 1",
	    "option -w/--weight is not valid with -P/--add-laddr");
	REJECTS("-P -t 203.0.113.1:80 -z 198.51.100.1 -F",
	    "option -F/--fullnat is not valid with -P/--add-laddr");
	REJECTS("-a -t 203.0.113.1:80 -r 198.51.100.1 -b -z 198.51.100.254",
	    "option -z/--laddr is not valid with -a/--add-server");
	REJECTS("-G -z 198.51.100.254", "option -z/--laddr is not valid with -G/--get-laddr");
	REJECTS("-G --stats", "option --stats is not valid with -G/--get-laddr");
	REJECTS("-P -Q -t 203.0.113.1:80 -z 198.51.100.1",
	    "multiple commands: -P/--add-laddr and -Q/--del-laddr");
	REJECTS("-L -G", "multiple commands: -L/--list and -G/--get-laddr");
	REJECTS("-G extra", "unexpected argument \"extra\"");
}
END_TEST

START_TEST(t_table)
{
	const struct lbadm_opt *o, *p;
	int seen[O__MAX] = { 0 };
	char *buf = NULL, *line, *last = NULL;
	size_t len = 0;
	FILE *f;
	int lines = 0;

	for (o = lbadm_opts; o->longname; o++) {
		/* Only options may stay off -h (the default --sort). */
		ck_assert_msg(o->cmd == LC_NONE ? !o->help ||
			      strlen(o->help) <= 17 : o->help != NULL,
			      "help of %s", o->longname);
		for (p = o + 1; p->longname; p++) {
			ck_assert_msg(!o->shortname || o->shortname != p->shortname,
				      "short -%c twice", o->shortname);
			/* -L and -l are the one pair sharing a long name. */
			ck_assert_msg(strcmp(o->longname, p->longname) ||
				      o->cmd == LC_LIST, "--%s twice",
				      o->longname);
		}
		if (o->cmd != LC_NONE)
			continue;
		ck_assert_msg((o->need & ~o->cmds) == 0, "%s needed where illegal",
			      o->longname);
		ck_assert_msg((o->one & ~o->cmds) == 0, "%s", o->longname);
		ck_assert_msg(o->id >= 0 && o->id < O__MAX, "%s", o->longname);
		seen[o->id]++;
	}
	for (int i = 0; i < O__MAX; i++)
		ck_assert_msg(seen[i] == 1, "option id %d in %d rows", i, seen[i]);

	/* -h fits an 80x25 screen and ends with the exit codes. */
	f = open_memstream(&buf, &len);
	lbadm_usage(f);
	fclose(f);
	for (line = buf; *line; line = strchr(line, '\n') + 1) {
		ck_assert_ptr_nonnull(strchr(line, '\n'));
		ck_assert_msg(strchr(line, '\n') - line <= 80, "long: %s", line);
		last = line;
		lines++;
	}
	ck_assert_str_eq(last, "Exit status: 0 ok, 1 kernel refused or runtime error, 2 usage or parse error\n");
	ck_assert_msg(lines <= 24, "help has %d lines", lines);
	free(buf);
}
END_TEST

/* -e --drain: the drain alone, sent without the server's configuration. */
START_TEST(t_args_drain)
{
	struct lbadm_req r;

	OK(&r, "-e -t 203.0.113.1:80 -r 192.0.2.11 --drain 30");
	ck_assert_int_eq(r.dest.has_drain, 1);
	ck_assert_uint_eq(r.dest.drain, 30);
	ck_assert_uint_eq(r.dest.port, 80);
	OK(&r, "-e -t 203.0.113.1:80 -r 192.0.2.11:80 --drain 0");
	ck_assert_uint_eq(r.dest.drain, 0);
	OK(&r, "-e -t 203.0.113.1:80 -r 192.0.2.11:80 --drain 604800");
	REJECTS("-e -t 203.0.113.1:80 -r 192.0.2.11:80 --drain 604801",
		"drain time 604801 out of range 0..604800");
	REJECTS("-e -t 203.0.113.1:80 -r 192.0.2.11:80 -w 2 --drain 5",
		"--drain changes nothing else of a server: not with -w/--weight");
	REJECTS("-e -t 203.0.113.1:80 -r 192.0.2.11:80 -m --drain 5",
		"--drain changes nothing else of a server: not with -m/--masquerading");
	REJECTS("-a -t 203.0.113.1:80 -r 192.0.2.11:80 --drain 5",
		"option --drain is not valid with -a/--add-server");
}
END_TEST

/* The sync daemons: ipvsadm's options, defaults and ranges. */
START_TEST(t_args_daemon)
{
	struct lbadm_req r;
	char buf[64];

	/* ipvsadm's defaults: interface eth0, sync ID 0, the rest unset. */
	OK(&r, "--start-daemon master");
	ck_assert_int_eq(r.cmd, LC_STARTD);
	ck_assert_uint_eq(r.daemon.state, LBVS_SYNC_STATE_MASTER);
	ck_assert_str_eq(r.daemon.ifname, "eth0");
	ck_assert_uint_eq(r.daemon.syncid, 0);
	ck_assert_uint_eq(r.daemon.maxlen, 0);
	ck_assert_int_eq(r.daemon.group.af, 0);
	ck_assert_uint_eq(r.daemon.port, 0);
	ck_assert_uint_eq(r.daemon.ttl, 0);
	OK(&r, "--start-daemon=backup --mcast-interface=bond0.12 --syncid 255 --sync-maxlen 65507 --mcast-group 224.0.0.81 --mcast-port 8848 --mcast-ttl 255");
	ck_assert_uint_eq(r.daemon.state, LBVS_SYNC_STATE_BACKUP);
	ck_assert_str_eq(r.daemon.ifname, "bond0.12");
	ck_assert_uint_eq(r.daemon.syncid, 255);
	ck_assert_uint_eq(r.daemon.maxlen, 65507);
	ck_assert_int_eq(r.daemon.group.af, AF_INET);
	lbadm_fmt_addr(&r.daemon.group, 0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "224.0.0.81");
	ck_assert_uint_eq(r.daemon.port, 8848);
	ck_assert_uint_eq(r.daemon.ttl, 255);
	/* Option order does not matter; IPv6 groups bare or bracketed. */
	OK(&r, "--mcast-interface eth1 --mcast-group ff02::1:81 --start-daemon master --sync-maxlen 1 --mcast-port 1 --mcast-ttl 1");
	ck_assert_str_eq(r.daemon.ifname, "eth1");
	ck_assert_int_eq(r.daemon.group.af, AF_INET6);
	lbadm_fmt_addr(&r.daemon.group, 0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "ff02::1:81");
	OK(&r, "--start-daemon master --mcast-group [ff15::abcd]");
	ck_assert_int_eq(r.daemon.group.af, AF_INET6);
	OK(&r, "--start-daemon master --mcast-interface 0123456789abcde");
	ck_assert_str_eq(r.daemon.ifname, "0123456789abcde");
	/* --stop-daemon takes a --syncid, as ipvsadm's, and sends none. */
	OK(&r, "--stop-daemon backup");
	ck_assert_int_eq(r.cmd, LC_STOPD);
	ck_assert_uint_eq(r.daemon.state, LBVS_SYNC_STATE_BACKUP);
	ck_assert_str_eq(r.daemon.ifname, "");
	OK(&r, "--stop-daemon master --syncid 3");
	ck_assert_uint_eq(r.daemon.state, LBVS_SYNC_STATE_MASTER);

	OK(&r, "-L --daemon");
	ck_assert_int_eq(r.cmd, LC_LIST);
	ck_assert_int_eq(r.given[O_DAEMON], 1);
	ck_assert_uint_eq(r.fmt, 0);
	OK(&r, "-l --daemon -n --stats --json");
	ck_assert_uint_eq(r.fmt, LBADM_FMT_NUMERIC | LBADM_FMT_STATS | LBADM_FMT_JSON);

	REJECTS("--start-daemon", "option --start-daemon needs a value");
	REJECTS("--start-daemon slave", "unknown sync daemon state \"slave\" (master backup)");
	REJECTS("--stop-daemon Master", "unknown sync daemon state \"Master\" (master backup)");
	REJECTS("--start-daemon master --stop-daemon master",
		"multiple commands: --start-daemon and --stop-daemon");
	REJECTS("-L --start-daemon master", "multiple commands: -L/--list and --start-daemon");
	REJECTS("--start-daemon master backup", "unexpected argument \"backup\"");
	REJECTS("--start-daemon master --syncid 256", "sync ID 256 out of range 0..255");
	REJECTS("--start-daemon master --syncid -1", "sync ID -1 out of range 0..255");
	REJECTS("--start-daemon master --syncid x", "invalid sync ID \"x\"");
	REJECTS("--stop-daemon master --syncid 999", "sync ID 999 out of range 0..255");
	REJECTS("--start-daemon master --sync-maxlen 0",
		"sync message length 0 out of range 1..65507");
	REJECTS("--start-daemon master --sync-maxlen 65508",
		"sync message length 65508 out of range 1..65507");
	REJECTS("--start-daemon master --mcast-port 0", "multicast port 0 out of range 1..65535");
	REJECTS("--start-daemon master --mcast-port 65536",
		"multicast port 65536 out of range 1..65535");
	REJECTS("--start-daemon master --mcast-ttl 0", "multicast TTL 0 out of range 1..255");
	REJECTS("--start-daemon master --mcast-ttl 256", "multicast TTL 256 out of range 1..255");
	REJECTS("--start-daemon master --mcast-group 192.0.2.1",
		"multicast group \"192.0.2.1\" is not a multicast address");
	REJECTS("--start-daemon master --mcast-group 2001:db8::1",
		"multicast group \"2001:db8::1\" is not a multicast address");
	REJECTS("--start-daemon master --mcast-group 224.0.0.300", "invalid address \"224.0.0.300\"");
	REJECTS("--start-daemon master --mcast-group 224.0.0.81:8848",
		"multicast group \"224.0.0.81:8848\" has a port; give the address alone");
	REJECTS("--start-daemon master --mcast-interface 0123456789abcdef",
		"interface name \"0123456789abcdef\" is longer than 15 characters");
	REJECTS("--start-daemon master --mcast-interface=", "empty interface name (--mcast-interface)");
	REJECTS("--start-daemon master --mcast-interface", "option --mcast-interface needs a value");
	REJECTS("--stop-daemon master --mcast-interface eth0",
		"option --mcast-interface is not valid with --stop-daemon");
	REJECTS("--stop-daemon master --mcast-ttl 2", "option --mcast-ttl is not valid with --stop-daemon");
	REJECTS("--start-daemon master -t 203.0.113.1:80",
		"option -t/--tcp-service is not valid with --start-daemon");
	REJECTS("--start-daemon master -n", "option -n/--numeric is not valid with --start-daemon");
	REJECTS("--start-daemon master --daemon", "option --daemon is not valid with --start-daemon");
	REJECTS("-A -t 203.0.113.1:80 --syncid 1", "option --syncid is not valid with -A/--add-service");
	REJECTS("-L --mcast-port 8848", "option --mcast-port is not valid with -L/--list");
	REJECTS("--start-daemon master --syncid 1 --syncid 2", "option --syncid given twice");
	REJECTS("-L --daemon -c", "options -c/--connection and --daemon conflict in -L/--list");
	REJECTS("-L --timeout --daemon", "options --timeout and --daemon conflict in -L/--list");
	REJECTS("-L --daemon --rate", "--rate lists services, not sync daemons (--daemon)");
	REJECTS("-L --daemon --thresholds",
		"--thresholds lists services, not sync daemons (--daemon)");
	REJECTS("-L --daemon --persistent-conn",
		"--persistent-conn lists services, not sync daemons (--daemon)");
	REJECTS("-L --daemon --prometheus",
		"--prometheus lists services, not sync daemons (--daemon)");
	REJECTS("-L --daemon -t 203.0.113.1:80",
		"--daemon lists sync daemons, not a service (203.0.113.1:80)");
	REJECTS("-S --daemon", "option --daemon is not valid with -S/--save");
	REJECTS("-L --daemon=1", "option --daemon takes no value (\"--daemon=1\")");
}
END_TEST

/* lbvs's unicast peers: repeated, unicast, one family, no group. */
START_TEST(t_args_sync_peer)
{
	struct lbadm_req r;
	char buf[64];

	OK(&r, "--start-daemon master --sync-peer 192.0.2.2");
	ck_assert_uint_eq(r.daemon.peers.n, 1);
	ck_assert_int_eq(r.daemon.group.af, 0);
	lbadm_fmt_addr(&r.daemon.peers.a[0], 0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "192.0.2.2");
	OK(&r, "--sync-peer 2001:db8::2 --start-daemon backup --mcast-port 9000 --sync-peer [2001:db8::3]");
	ck_assert_uint_eq(r.daemon.peers.n, 2);
	ck_assert_int_eq(r.daemon.peers.a[1].af, AF_INET6);
	lbadm_fmt_addr(&r.daemon.peers.a[1], 0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2001:db8::3");
	ck_assert_uint_eq(r.daemon.port, 9000);
	OK(&r, "--start-daemon master --sync-peer 192.0.2.1 --sync-peer 192.0.2.2 --sync-peer 192.0.2.3 --sync-peer 192.0.2.4 --sync-peer 192.0.2.5 --sync-peer 192.0.2.6 --sync-peer 192.0.2.7 --sync-peer 192.0.2.8");
	ck_assert_uint_eq(r.daemon.peers.n, 8);
	lbadm_fmt_addr(&r.daemon.peers.a[7], 0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "192.0.2.8");

	REJECTS("--start-daemon master --sync-peer 192.0.2.1 --sync-peer 192.0.2.2 --sync-peer 192.0.2.3 --sync-peer 192.0.2.4 --sync-peer 192.0.2.5 --sync-peer 192.0.2.6 --sync-peer 192.0.2.7 --sync-peer 192.0.2.8 --sync-peer 192.0.2.9",
		"option --sync-peer given more than 8 times (\"192.0.2.9\")");
	REJECTS("--start-daemon master --sync-peer 192.0.2.300", "invalid address \"192.0.2.300\"");
	REJECTS("--start-daemon master --sync-peer 192.0.2.2:8848",
		"sync peer \"192.0.2.2:8848\" has a port; give the address alone");
	REJECTS("--start-daemon master --sync-peer 224.0.0.81",
		"sync peer \"224.0.0.81\" is not a unicast address");
	REJECTS("--start-daemon master --sync-peer ff02::1", "sync peer \"ff02::1\" is not a unicast address");
	REJECTS("--start-daemon master --sync-peer 0.0.0.0", "sync peer \"0.0.0.0\" is not a unicast address");
	REJECTS("--start-daemon master --sync-peer 255.255.255.255",
		"sync peer \"255.255.255.255\" is not a unicast address");
	REJECTS("--start-daemon master --sync-peer ::", "sync peer \"::\" is not a unicast address");
	REJECTS("--start-daemon master --sync-peer 192.0.2.2 --sync-peer 2001:db8::2",
		"sync peer \"2001:db8::2\" is not of the family of \"192.0.2.2\"");
	REJECTS("--start-daemon master --sync-peer 192.0.2.2 --sync-peer 192.0.2.2",
		"sync peer \"192.0.2.2\" is given twice");
	REJECTS("--start-daemon master --sync-peer 192.0.2.2 --mcast-group 224.0.0.81",
		"--sync-peer replaces the group: no --mcast-group with it");
	REJECTS("--start-daemon master --sync-peer 192.0.2.2 --mcast-ttl 2",
		"--sync-peer replaces the group: no --mcast-ttl with it");
	REJECTS("--stop-daemon master --sync-peer 192.0.2.2",
		"option --sync-peer is not valid with --stop-daemon");
	REJECTS("-L --daemon --sync-peer 192.0.2.2", "option --sync-peer is not valid with -L/--list");
	REJECTS("--start-daemon master --sync-peer", "option --sync-peer needs a value");
}
END_TEST

int main(void)
{
	return UNIT_RUN("lbadm_args", "all",
		t_args_service, t_args_dest, t_args_other, t_args_bad, t_args_laddr,
		t_args_getladdr, t_args_laddr_bad, t_table, t_args_drain,
		t_args_daemon, t_args_sync_peer);
}
