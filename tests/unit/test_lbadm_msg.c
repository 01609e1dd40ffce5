// SPDX-License-Identifier: GPL-2.0
/*
 * lbadm unit tests: netlink requests built and replies parsed back, with
 * no socket; replies also against the parser lbadm had before its fast
 * paths (the ref_* functions, kept as they were), on random and damaged
 * messages.
 */
#include "lbadm_unit.h"

static struct nl_msg *build(const char *line, int *cmd)
{
	struct lbadm_req r;
	struct lbadm_err e;
	struct nl_msg *m;

	ck_assert_msg(pa(&r, &e, line) == 0, "%s: %s", line, e.msg);
	*cmd = lbadm_req_cmd(&r);
	m = nlmsg_alloc();
	ck_assert_ptr_nonnull(genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, 0x20, 0,
					  0, *cmd, LBVS_GENL_VERSION));
	ck_assert_int_eq(lbadm_put_req(m, &r), 0);
	return m;
}

static void nested(struct nlattr **top, int attr, int max, struct nlattr **tb)
{
	ck_assert_ptr_nonnull(top[attr]);
	ck_assert_int_eq(nla_parse_nested(tb, max, top[attr], NULL), 0);
}

START_TEST(t_msg_service)
{
	struct nlattr *top[LBVS_ATTR_MAX + 1], *s[LBVS_SVC_ATTR_MAX + 1];
	struct nl_msg *m;
	uint8_t addr[4] = { 203, 0, 113, 1 };
	int cmd;

	m = build("-A -t 203.0.113.1:80 -s rr -p 600 -M 255.255.255.0", &cmd);
	ck_assert_int_eq(cmd, LBVS_CMD_NEW_SERVICE);
	ck_assert_int_eq(lbadm_parse_top(m, top), 0);
	ck_assert_ptr_null(top[LBVS_ATTR_DEST]);
	nested(top, LBVS_ATTR_SERVICE, LBVS_SVC_ATTR_MAX, s);
	ck_assert_uint_eq(nla_get_u16(s[LBVS_SVC_ATTR_AF]), AF_INET);
	ck_assert_uint_eq(nla_get_u16(s[LBVS_SVC_ATTR_PROTOCOL]), IPPROTO_TCP);
	ck_assert_int_eq(nla_len(s[LBVS_SVC_ATTR_ADDR]), 4);
	ck_assert_mem_eq(nla_data(s[LBVS_SVC_ATTR_ADDR]), addr, 4);
	ck_assert_uint_eq(nla_get_u16(s[LBVS_SVC_ATTR_PORT]), htons(80));
	ck_assert_ptr_null(s[LBVS_SVC_ATTR_FWMARK]);
	ck_assert_str_eq(nla_get_string(s[LBVS_SVC_ATTR_SCHED_NAME]), "rr");
	ck_assert_uint_eq(nla_get_u32(s[LBVS_SVC_ATTR_FLAGS]), LBVS_SVC_F_PERSISTENT);
	ck_assert_uint_eq(nla_get_u32(s[LBVS_SVC_ATTR_TIMEOUT]), 600);
	ck_assert_int_eq(nla_len(s[LBVS_SVC_ATTR_NETMASK]), 1);
	ck_assert_uint_eq(nla_get_u8(s[LBVS_SVC_ATTR_NETMASK]), 24);
	nlmsg_free(m);

	/* Deletion sends the selector only. */
	m = build("-D -t [2001:db8::1]:443", &cmd);
	ck_assert_int_eq(cmd, LBVS_CMD_DEL_SERVICE);
	ck_assert_int_eq(lbadm_parse_top(m, top), 0);
	nested(top, LBVS_ATTR_SERVICE, LBVS_SVC_ATTR_MAX, s);
	ck_assert_uint_eq(nla_get_u16(s[LBVS_SVC_ATTR_AF]), AF_INET6);
	ck_assert_int_eq(nla_len(s[LBVS_SVC_ATTR_ADDR]), 16);
	ck_assert_uint_eq(nla_get_u16(s[LBVS_SVC_ATTR_PORT]), htons(443));
	ck_assert_ptr_null(s[LBVS_SVC_ATTR_SCHED_NAME]);
	ck_assert_ptr_null(s[LBVS_SVC_ATTR_FLAGS]);
	nlmsg_free(m);

	/* A fwmark service: AF and FWMARK, no protocol, address or port. */
	m = build("-E -f 7 -6 -s sh", &cmd);
	ck_assert_int_eq(cmd, LBVS_CMD_SET_SERVICE);
	ck_assert_int_eq(lbadm_parse_top(m, top), 0);
	nested(top, LBVS_ATTR_SERVICE, LBVS_SVC_ATTR_MAX, s);
	ck_assert_uint_eq(nla_get_u16(s[LBVS_SVC_ATTR_AF]), AF_INET6);
	ck_assert_uint_eq(nla_get_u32(s[LBVS_SVC_ATTR_FWMARK]), 7);
	ck_assert_ptr_null(s[LBVS_SVC_ATTR_PROTOCOL]);
	ck_assert_ptr_null(s[LBVS_SVC_ATTR_ADDR]);
	ck_assert_ptr_null(s[LBVS_SVC_ATTR_PORT]);
	ck_assert_uint_eq(nla_get_u32(s[LBVS_SVC_ATTR_FLAGS]), 0);
	ck_assert_uint_eq(nla_get_u8(s[LBVS_SVC_ATTR_NETMASK]), 128);
	nlmsg_free(m);
}
END_TEST

START_TEST(t_msg_dest_other)
{
	struct nlattr *top[LBVS_ATTR_MAX + 1], *s[LBVS_SVC_ATTR_MAX + 1];
	struct nlattr *d[LBVS_DEST_ATTR_MAX + 1];
	uint8_t addr[4] = { 198, 51, 100, 1 };
	struct nl_msg *m;
	int cmd;

	m = build("-a -u 203.0.113.1:53 -r 198.51.100.1:5353 -m -w 7 -x 9 -y 3", &cmd);
	ck_assert_int_eq(cmd, LBVS_CMD_NEW_DEST);
	ck_assert_int_eq(lbadm_parse_top(m, top), 0);
	nested(top, LBVS_ATTR_SERVICE, LBVS_SVC_ATTR_MAX, s);
	ck_assert_uint_eq(nla_get_u16(s[LBVS_SVC_ATTR_PROTOCOL]), IPPROTO_UDP);
	ck_assert_ptr_null(s[LBVS_SVC_ATTR_SCHED_NAME]);
	nested(top, LBVS_ATTR_DEST, LBVS_DEST_ATTR_MAX, d);
	ck_assert_uint_eq(nla_get_u16(d[LBVS_DEST_ATTR_AF]), AF_INET);
	ck_assert_mem_eq(nla_data(d[LBVS_DEST_ATTR_ADDR]), addr, 4);
	ck_assert_uint_eq(nla_get_u16(d[LBVS_DEST_ATTR_PORT]), htons(5353));
	ck_assert_uint_eq(nla_get_u32(d[LBVS_DEST_ATTR_FWD]), LBVS_FWD_NAT);
	ck_assert_uint_eq(nla_get_u32(d[LBVS_DEST_ATTR_WEIGHT]), 7);
	ck_assert_uint_eq(nla_get_u32(d[LBVS_DEST_ATTR_U_THRESH]), 9);
	ck_assert_uint_eq(nla_get_u32(d[LBVS_DEST_ATTR_L_THRESH]), 3);
	nlmsg_free(m);

	m = build("-d -u 203.0.113.1:53 -r 198.51.100.1", &cmd);
	ck_assert_int_eq(cmd, LBVS_CMD_DEL_DEST);
	ck_assert_int_eq(lbadm_parse_top(m, top), 0);
	nested(top, LBVS_ATTR_DEST, LBVS_DEST_ATTR_MAX, d);
	ck_assert_uint_eq(nla_get_u16(d[LBVS_DEST_ATTR_PORT]), htons(53));
	ck_assert_ptr_null(d[LBVS_DEST_ATTR_FWD]);
	ck_assert_ptr_null(d[LBVS_DEST_ATTR_WEIGHT]);
	nlmsg_free(m);

	m = build("--set 900 120 300", &cmd);
	ck_assert_int_eq(cmd, LBVS_CMD_SET_CONFIG);
	ck_assert_int_eq(lbadm_parse_top(m, top), 0);
	ck_assert_uint_eq(nla_get_u32(top[LBVS_ATTR_TIMEOUT_TCP]), 900);
	ck_assert_uint_eq(nla_get_u32(top[LBVS_ATTR_TIMEOUT_TCP_FIN]), 120);
	ck_assert_uint_eq(nla_get_u32(top[LBVS_ATTR_TIMEOUT_UDP]), 300);
	ck_assert_ptr_null(top[LBVS_ATTR_SERVICE]);
	nlmsg_free(m);

	m = build("-C", &cmd);
	ck_assert_int_eq(cmd, LBVS_CMD_FLUSH);
	ck_assert_int_eq(lbadm_parse_top(m, top), 0);
	ck_assert_ptr_null(top[LBVS_ATTR_SERVICE]);
	nlmsg_free(m);

	m = build("-Z", &cmd);
	ck_assert_int_eq(cmd, LBVS_CMD_ZERO);
	ck_assert_int_eq(lbadm_parse_top(m, top), 0);
	ck_assert_ptr_null(top[LBVS_ATTR_SERVICE]);
	nlmsg_free(m);
	m = build("-Z -f 3", &cmd);
	ck_assert_int_eq(lbadm_parse_top(m, top), 0);
	ck_assert_ptr_nonnull(top[LBVS_ATTR_SERVICE]);
	nlmsg_free(m);
}
END_TEST

START_TEST(t_msg_laddr)
{
	struct nlattr *top[LBVS_ATTR_MAX + 1], *s[LBVS_SVC_ATTR_MAX + 1];
	struct nlattr *l[LBVS_LADDR_ATTR_MAX + 1];
	uint8_t v4[4] = { 198, 51, 100, 254 };
	uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0xfe };
	struct nl_msg *m;
	int cmd;

	m = build("-P -t 203.0.113.1:80 -z 198.51.100.254", &cmd);
	ck_assert_int_eq(cmd, LBVS_CMD_NEW_LADDR);
	ck_assert_int_eq(lbadm_parse_top(m, top), 0);
	ck_assert_ptr_null(top[LBVS_ATTR_DEST]);
	nested(top, LBVS_ATTR_SERVICE, LBVS_SVC_ATTR_MAX, s);	/* selector */
	ck_assert_uint_eq(nla_get_u16(s[LBVS_SVC_ATTR_PORT]), htons(80));
	ck_assert_ptr_null(s[LBVS_SVC_ATTR_SCHED_NAME]);
	nested(top, LBVS_ATTR_LADDR, LBVS_LADDR_ATTR_MAX, l);
	ck_assert_uint_eq(nla_get_u16(l[LBVS_LADDR_ATTR_AF]), AF_INET);
	ck_assert_int_eq(nla_len(l[LBVS_LADDR_ATTR_ADDR]), 4);
	ck_assert_mem_eq(nla_data(l[LBVS_LADDR_ATTR_ADDR]), v4, 4);
	nlmsg_free(m);

	m = build("-Q -f 9 -6 -z 2001:db8::fe", &cmd);
	ck_assert_int_eq(cmd, LBVS_CMD_DEL_LADDR);
	ck_assert_int_eq(lbadm_parse_top(m, top), 0);
	nested(top, LBVS_ATTR_SERVICE, LBVS_SVC_ATTR_MAX, s);
	ck_assert_uint_eq(nla_get_u32(s[LBVS_SVC_ATTR_FWMARK]), 9);
	nested(top, LBVS_ATTR_LADDR, LBVS_LADDR_ATTR_MAX, l);
	ck_assert_uint_eq(nla_get_u16(l[LBVS_LADDR_ATTR_AF]), AF_INET6);
	ck_assert_int_eq(nla_len(l[LBVS_LADDR_ATTR_ADDR]), 16);
	ck_assert_mem_eq(nla_data(l[LBVS_LADDR_ATTR_ADDR]), v6, 16);
	nlmsg_free(m);
}
END_TEST

/*
 * Requests as libnl's own calls build them, for the byte comparison with
 * lbadm_put_req(), which writes them by hand.
 */
static void ref_addr(struct nl_msg *m, int type, int af, const uint8_t *b)
{
	nla_put(m, type, af == AF_INET6 ? 16 : 4, b);
}

static void ref_svc(struct nl_msg *m, const struct lbadm_svc *s, int conf)
{
	struct nlattr *n = nla_nest_start(m, LBVS_ATTR_SERVICE);

	nla_put_u16(m, LBVS_SVC_ATTR_AF, s->af);
	if (s->fwmark) {
		nla_put_u32(m, LBVS_SVC_ATTR_FWMARK, s->fwmark);
	} else {
		nla_put_u16(m, LBVS_SVC_ATTR_PROTOCOL, s->protocol);
		ref_addr(m, LBVS_SVC_ATTR_ADDR, s->af, s->addr.b);
		nla_put_u16(m, LBVS_SVC_ATTR_PORT, htons(s->port));
	}
	if (conf) {
		nla_put_string(m, LBVS_SVC_ATTR_SCHED_NAME, s->sched);
		nla_put_u32(m, LBVS_SVC_ATTR_FLAGS, s->flags);
		nla_put_u32(m, LBVS_SVC_ATTR_TIMEOUT, s->timeout);
		nla_put_u8(m, LBVS_SVC_ATTR_NETMASK, s->netmask);
		nla_put_u32(m, LBVS_SVC_ATTR_TIMEOUT_TCP, s->timeouts[0]);
		nla_put_u32(m, LBVS_SVC_ATTR_TIMEOUT_TCP_FIN, s->timeouts[1]);
		nla_put_u32(m, LBVS_SVC_ATTR_TIMEOUT_UDP, s->timeouts[2]);
	}
	nla_nest_end(m, n);
}

static void ref_tun(struct nl_msg *m, const struct lbadm_dest *d)
{
	if (d->fwd != LBVS_FWD_TUN)
		return;
	nla_put_u8(m, LBVS_DEST_ATTR_TUN_TYPE, d->tun_type);
	if (d->tun_port)
		nla_put_u16(m, LBVS_DEST_ATTR_TUN_PORT, htons(d->tun_port));
	if (d->tun_flags)
		nla_put_u16(m, LBVS_DEST_ATTR_TUN_FLAGS, d->tun_flags);
}

static void ref_req(struct nl_msg *m, const struct lbadm_req *r)
{
	const struct lbadm_dest *d = &r->dest;
	struct nlattr *n;

	if (r->cmd == LC_SET) {
		nla_put_u32(m, LBVS_ATTR_TIMEOUT_TCP, r->to.tcp);
		nla_put_u32(m, LBVS_ATTR_TIMEOUT_TCP_FIN, r->to.tcp_fin);
		nla_put_u32(m, LBVS_ATTR_TIMEOUT_UDP, r->to.udp);
		return;
	}
	if (r->has_svc)
		ref_svc(m, &r->svc, r->cmd == LC_ADD || r->cmd == LC_EDIT);
	if (r->given[O_REAL]) {
		n = nla_nest_start(m, LBVS_ATTR_DEST);
		nla_put_u16(m, LBVS_DEST_ATTR_AF, d->addr.af);
		ref_addr(m, LBVS_DEST_ATTR_ADDR, d->addr.af, d->addr.b);
		nla_put_u16(m, LBVS_DEST_ATTR_PORT, htons(d->port));
		if (r->cmd == LC_ADDDEST || r->cmd == LC_EDITDEST) {
			nla_put_u32(m, LBVS_DEST_ATTR_FWD, d->fwd);
			nla_put_u32(m, LBVS_DEST_ATTR_WEIGHT, d->weight);
			nla_put_u32(m, LBVS_DEST_ATTR_U_THRESH, d->u_thresh);
			nla_put_u32(m, LBVS_DEST_ATTR_L_THRESH, d->l_thresh);
			ref_tun(m, d);
		}
		nla_nest_end(m, n);
	}
	if (r->given[O_LADDR]) {
		n = nla_nest_start(m, LBVS_ATTR_LADDR);
		nla_put_u16(m, LBVS_LADDR_ATTR_AF, r->laddr.af);
		ref_addr(m, LBVS_LADDR_ATTR_ADDR, r->laddr.af, r->laddr.b);
		nla_nest_end(m, n);
	}
}

static const char *const msg_lines[] = {
	"-A -t 203.0.113.1:80 -s rr -p 600 -M 255.255.255.0",
	"-A -u 203.0.113.1:53 -s lblcr -p",
	"-A -t [2001:db8::1]:443 -s twos -p 30 -M 64",
	"-A -u 203.0.113.1:53 -s rr --timeout-udp 30 --timeout-tcp 7200",
	"-A -f 0x10 -6 -s mh",
	"-E -f 4294967295 -s wlc",
	"-D -t 203.0.113.1:80",
	"-a -t 203.0.113.1:80 -r 198.51.100.1:8080 -m -w 7",
	"-a -t 203.0.113.1:80 -r 198.51.100.2 -i --tun-type gue --tun-port 6080 --tun-remcsum",
	"-e -t [2001:db8::1]:443 -r [2001:db8::2]:443 -i --tun-type gre --tun-csum -w 3",
	"-e -t 203.0.113.1:80 -r 198.51.100.2 -i",
	"-a -t 203.0.113.1:80 -r 198.51.100.1 -g",
	"-a -t 203.0.113.1:80 -r 198.51.100.1 -i --tun-type ipip -x 9 -y 3",
	"-a -t 203.0.113.1:80 -r 198.51.100.2:81 -b -w 0 -x 100",
	"-a -t [2001:db8::1]:443 -r [2001:db8::2]:8443 -m -w 65535",
	"-a -f 7 -6 -r [2001:db8::2]:0 -g",
	"-e -u 203.0.113.1:53 -r 198.51.100.1:5353 -m -w 3",
	"-d -t 203.0.113.1:80 -r 198.51.100.1",
	"-P -t 203.0.113.1:80 -z 198.51.100.254",
	"-Q -f 9 -6 -z 2001:db8::fe",
	"--set 900 120 300",
	"-Z -t [2001:db8::1]:443",
	"-Z",
	"-C",
	"--flush-conns",
	"--flush-conns -u [2001:db8::1]:53 -r [2001:db8::2]:5353",
};

/* lbadm_put_req() and lbadm_req_msg() write what libnl would, byte for byte. */
START_TEST(t_msg_bytes)
{
	struct nl_msg *m, *ref;
	struct lbadm_req r;
	struct lbadm_err e;
	size_t i;
	int cmd;

	for (i = 0; i < sizeof(msg_lines) / sizeof(msg_lines[0]); i++) {
		ck_assert_msg(pa(&r, &e, msg_lines[i]) == 0, "%s: %s",
			      msg_lines[i], e.msg);
		cmd = lbadm_req_cmd(&r);
		ck_assert_int_ge(cmd, 0);
		ref = nlmsg_alloc();
		ck_assert_ptr_nonnull(genlmsg_put(ref, NL_AUTO_PORT, NL_AUTO_SEQ,
						  0x20, 0, 0, cmd,
						  LBVS_GENL_VERSION));
		ref_req(ref, &r);

		m = nlmsg_alloc_size(1024);
		ck_assert_int_eq(lbadm_req_msg(m, 0x20, &r), 0);
		ck_assert_uint_eq(nlmsg_hdr(m)->nlmsg_len,
				  nlmsg_hdr(ref)->nlmsg_len);
		ck_assert_msg(!memcmp(nlmsg_hdr(m), nlmsg_hdr(ref),
				      nlmsg_hdr(ref)->nlmsg_len), "%s",
			      msg_lines[i]);
		nlmsg_free(m);

		m = nlmsg_alloc();
		ck_assert_ptr_nonnull(genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ,
						  0x20, 0, 0, cmd,
						  LBVS_GENL_VERSION));
		ck_assert_int_eq(lbadm_put_req(m, &r), 0);
		ck_assert_msg(!memcmp(nlmsg_hdr(m), nlmsg_hdr(ref),
				      nlmsg_hdr(ref)->nlmsg_len), "%s",
			      msg_lines[i]);
		nlmsg_free(m);
		nlmsg_free(ref);
	}
}
END_TEST

/*
 * A request that does not fit fails and leaves the message as it was; one
 * that fits exactly is whole. Buffers of every size around the request.
 */
START_TEST(t_msg_room)
{
	static const char *const lines[] = {
		"-A -t [2001:db8::1]:443 -s lblcr -p 30 -M 64",
		"-a -t [2001:db8::1]:443 -r [2001:db8::2]:8443 -m -w 9 -x 5",
		"--set 900 120 300",
	};
	struct nl_msg *m, *ref;
	struct lbadm_req r;
	struct lbadm_err e;
	size_t i, size, need;
	int rc;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		ck_assert_int_eq(pa(&r, &e, lines[i]), 0);
		ref = nlmsg_alloc();
		genlmsg_put(ref, NL_AUTO_PORT, NL_AUTO_SEQ, 0x20, 0, 0, 1,
			    LBVS_GENL_VERSION);
		ref_req(ref, &r);
		need = nlmsg_hdr(ref)->nlmsg_len;
		for (size = NLMSG_HDRLEN + GENL_HDRLEN; size < need + 300;
		     size++) {
			m = nlmsg_alloc_size(size);
			genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, 0x20, 0, 0, 1,
				    LBVS_GENL_VERSION);
			rc = lbadm_put_req(m, &r);
			if (size < need) {
				ck_assert_int_eq(rc, -1);
				ck_assert_uint_eq(nlmsg_hdr(m)->nlmsg_len,
						  NLMSG_HDRLEN + GENL_HDRLEN);
			} else {
				ck_assert_int_eq(rc, 0);
				ck_assert_mem_eq(nlmsg_hdr(m), nlmsg_hdr(ref),
						 need);
			}
			nlmsg_free(m);
			m = nlmsg_alloc_size(size);
			ck_assert_int_eq(lbadm_req_msg(m, 0x20, &r),
					 size < need ? -1 : 0);
			nlmsg_free(m);
		}
		nlmsg_free(ref);
	}
}
END_TEST

/* The service address of the line before is reused only for its own text. */
START_TEST(t_svc_reuse)
{
	struct lbadm_req r;
	uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };

	OK(&r, "-a -t 192.0.2.1:80 -r 198.51.100.1:80 -m");
	OK(&r, "-a -u 192.0.2.1:80 -r 198.51.100.2:80 -m");
	ck_assert_uint_eq(r.svc.protocol, IPPROTO_UDP);
	ck_assert_uint_eq(ntohl(r.svc.addr.v4.s_addr), 0xc0000201);
	ck_assert_uint_eq(r.svc.port, 80);
	REJECTS("-a -t 192.0.2.1:8x -r 198.51.100.2:80",
		"invalid port \"8x\" in \"192.0.2.1:8x\"");
	REJECTS("-a -t 192.0.2.1:80 -6 -r 198.51.100.2:80",
		"-6/--ipv6 is for fwmark services (-f) only; \"192.0.2.1:80\" already names the family");
	OK(&r, "-a -t 192.0.2.1:81 -r 198.51.100.2:81 -m");
	ck_assert_uint_eq(r.svc.port, 81);
	OK(&r, "-a -t [2001:db8::1]:80 -r [2001:db8::2]:80 -g");
	OK(&r, "-a -t [2001:db8::1]:80 -r [2001:db8::3]:80 -g");
	ck_assert_int_eq(r.svc.af, AF_INET6);
	ck_assert_mem_eq(r.svc.addr.b, v6, 16);
	OK(&r, "-A -t 192.0.2.1 -p");
	ck_assert_int_eq(r.svc.af, AF_INET);
	ck_assert_uint_eq(r.svc.port, 0);
	OK(&r, "-a -t 192.0.2.1 -r 198.51.100.2 -g");
	ck_assert_uint_eq(r.svc.port, 0);
	ck_assert_uint_eq(r.dest.port, 0);
}
END_TEST

/* An empty GET_LADDR reply, to fill. */
static struct nl_msg *laddr_reply(void)
{
	struct nl_msg *m = nlmsg_alloc();

	ck_assert_ptr_nonnull(genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, 0x20, 0,
					  0, LBVS_CMD_GET_LADDR,
					  LBVS_GENL_VERSION));
	return m;
}

/* lbadm_get_laddr() of a reply with a pool address of family af (0: no
 * LBVS_LADDR_ATTR_AF) and len bytes, after a fwmark IPv6 service's key. */
static int get_laddr_of(int af, int len, struct lbadm_addr *a)
{
	static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0xfe };
	struct nlattr *top[LBVS_ATTR_MAX + 1], *n;
	struct nl_msg *m = laddr_reply();
	int rc;

	n = nla_nest_start(m, LBVS_ATTR_SERVICE);
	nla_put_u16(m, LBVS_SVC_ATTR_AF, AF_INET6);
	nla_put_u32(m, LBVS_SVC_ATTR_FWMARK, 7);
	nla_nest_end(m, n);
	n = nla_nest_start(m, LBVS_ATTR_LADDR);
	if (af)
		nla_put_u16(m, LBVS_LADDR_ATTR_AF, af);
	nla_put(m, LBVS_LADDR_ATTR_ADDR, len, v6);
	nla_nest_end(m, n);
	ck_assert_int_eq(lbadm_parse_top(m, top), 0);
	rc = lbadm_get_laddr(top, a);
	nlmsg_free(m);
	return rc;
}

/* GET_LADDR replies: the family defaults to the service's. */
START_TEST(t_msg_laddr_replies)
{
	struct nlattr *top[LBVS_ATTR_MAX + 1];
	struct lbadm_info info;
	struct lbadm_addr a;
	struct nl_msg *m;
	char buf[64];

	ck_assert_int_eq(get_laddr_of(0, 16, &a), 0);
	ck_assert_int_eq(a.af, AF_INET6);
	lbadm_fmt_addr(&a, 0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2001:db8::fe");
	ck_assert_int_eq(get_laddr_of(AF_INET, 4, &a), 0);
	ck_assert_int_eq(a.af, AF_INET);
	lbadm_fmt_addr(&a, 0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "32.1.13.184");
	ck_assert_int_eq(get_laddr_of(AF_INET6, 4, &a), -1);	/* too short */
	ck_assert_int_eq(get_laddr_of(0, 4, &a), -1);	/* the service's: v6 */
	ck_assert_int_eq(get_laddr_of(99, 16, &a), -1);	/* bad family */

	m = laddr_reply();
	nla_put_u64(m, LBVS_ATTR_INFO_NO_LPORT, 1ULL << 40);
	ck_assert_int_eq(lbadm_parse_top(m, top), 0);
	ck_assert_int_eq(lbadm_get_laddr(top, &a), -1);	/* none there */
	lbadm_get_info(top, &info);
	ck_assert_uint_eq(info.no_lport, 1ULL << 40);
	nlmsg_free(m);
}
END_TEST

/* Replies as the kernel builds them, parsed back into structs. */
START_TEST(t_msg_replies)
{
	struct nlattr *top[LBVS_ATTR_MAX + 1], *n, *st;
	struct nl_msg *m = nlmsg_alloc();
	struct lbadm_svc s;
	struct lbadm_dest d;
	struct lbadm_conn c;
	struct lbadm_info info;
	uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
	uint8_t v4[4] = { 198, 51, 100, 1 };

	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, 0x20, 0, 0,
		    LBVS_CMD_GET_DEST, LBVS_GENL_VERSION);
	n = nla_nest_start(m, LBVS_ATTR_SERVICE);
	nla_put_u16(m, LBVS_SVC_ATTR_AF, AF_INET6);
	nla_put_u32(m, LBVS_SVC_ATTR_FWMARK, 7);
	nla_put_string(m, LBVS_SVC_ATTR_SCHED_NAME, "wrr");
	nla_put_u32(m, LBVS_SVC_ATTR_FLAGS, LBVS_SVC_F_PERSISTENT);
	nla_put_u32(m, LBVS_SVC_ATTR_TIMEOUT, 60);
	nla_put_u8(m, LBVS_SVC_ATTR_NETMASK, 48);
	st = nla_nest_start(m, LBVS_SVC_ATTR_STATS);
	nla_put_u64(m, LBVS_STATS_ATTR_CONNS, 12345678901ULL);
	nla_put_u64(m, LBVS_STATS_ATTR_OUTBPS, 77);
	nla_nest_end(m, st);
	nla_nest_end(m, n);
	n = nla_nest_start(m, LBVS_ATTR_DEST);	/* no AF: the service's */
	nla_put(m, LBVS_DEST_ATTR_ADDR, 16, v6);
	nla_put_u16(m, LBVS_DEST_ATTR_PORT, htons(8080));
	nla_put_u32(m, LBVS_DEST_ATTR_FWD, LBVS_FWD_TUN);
	nla_put_u32(m, LBVS_DEST_ATTR_WEIGHT, 5);
	nla_put_u32(m, LBVS_DEST_ATTR_ACTIVE_CONNS, 3);
	nla_put_u32(m, LBVS_DEST_ATTR_INACT_CONNS, 4);
	nla_put_u32(m, LBVS_DEST_ATTR_PERSIST_CONNS, 6);
	nla_nest_end(m, n);
	ck_assert_int_eq(lbadm_parse_top(m, top), 0);
	ck_assert_int_eq(lbadm_get_svc(top, &s), 0);
	ck_assert_int_eq(s.af, AF_INET6);
	ck_assert_uint_eq(s.fwmark, 7);
	ck_assert_str_eq(s.sched, "wrr");
	ck_assert_uint_eq(s.timeout, 60);
	ck_assert_uint_eq(s.netmask, 48);
	ck_assert_uint_eq(s.stats.conns, 12345678901ULL);
	ck_assert_uint_eq(s.stats.outbps, 77);
	ck_assert_int_eq(lbadm_get_dest(top, &d), 0);
	ck_assert_int_eq(d.addr.af, AF_INET6);
	ck_assert_mem_eq(d.addr.b, v6, 16);
	ck_assert_uint_eq(d.port, 8080);
	ck_assert_uint_eq(d.fwd, LBVS_FWD_TUN);
	ck_assert_uint_eq(d.weight, 5);
	ck_assert_uint_eq(d.active, 3);
	ck_assert_uint_eq(d.inactive, 4);
	ck_assert_uint_eq(d.persist, 6);
	nlmsg_free(m);

	/* A connection; and an address of the wrong length is refused. */
	m = nlmsg_alloc();
	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, 0x20, 0, 0,
		    LBVS_CMD_GET_CONN, LBVS_GENL_VERSION);
	n = nla_nest_start(m, LBVS_ATTR_CONN);
	nla_put_u16(m, LBVS_CONN_ATTR_AF, AF_INET);
	nla_put_u16(m, LBVS_CONN_ATTR_PROTOCOL, IPPROTO_TCP);
	nla_put(m, LBVS_CONN_ATTR_CADDR, 4, v4);
	nla_put_u16(m, LBVS_CONN_ATTR_CPORT, htons(40000));
	nla_put(m, LBVS_CONN_ATTR_VADDR, 4, v4);
	nla_put(m, LBVS_CONN_ATTR_DADDR, 4, v4);
	nla_put_u8(m, LBVS_CONN_ATTR_STATE, LBVS_S_SYN_RECV);
	nla_put_u32(m, LBVS_CONN_ATTR_EXPIRES, 59000);
	nla_nest_end(m, n);
	nla_put_u32(m, LBVS_ATTR_INFO_VERSION, 0x010203);
	nla_put_u32(m, LBVS_ATTR_INFO_CONN_TAB_SIZE, 4096);
	nla_put_u64(m, LBVS_ATTR_INFO_CONN_DROPPED, 5);
	ck_assert_int_eq(lbadm_parse_top(m, top), 0);
	ck_assert_int_eq(lbadm_get_conn(top, &c), 0);
	ck_assert_uint_eq(c.cport, 40000);
	ck_assert_uint_eq(c.state, LBVS_S_SYN_RECV);
	ck_assert_uint_eq(c.expires_ms, 59000);
	lbadm_get_info(top, &info);
	ck_assert_uint_eq(info.version, 0x010203);
	ck_assert_uint_eq(info.conn_tab_size, 4096);
	ck_assert_uint_eq(info.conn_dropped, 5);
	ck_assert_int_eq(lbadm_get_svc(top, &s), -1);	/* none there */
	nlmsg_free(m);

	m = nlmsg_alloc();
	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, 0x20, 0, 0,
		    LBVS_CMD_GET_SERVICE, LBVS_GENL_VERSION);
	n = nla_nest_start(m, LBVS_ATTR_SERVICE);
	nla_put_u16(m, LBVS_SVC_ATTR_AF, AF_INET6);
	nla_put_u16(m, LBVS_SVC_ATTR_PROTOCOL, IPPROTO_TCP);
	nla_put(m, LBVS_SVC_ATTR_ADDR, 4, v4);
	nla_put_u16(m, LBVS_SVC_ATTR_PORT, htons(80));
	nla_nest_end(m, n);
	ck_assert_int_eq(lbadm_parse_top(m, top), 0);
	ck_assert_int_eq(lbadm_get_svc(top, &s), -1);
	nlmsg_free(m);
}
END_TEST

/*
 * ---- reply parsing against the code it replaced ----
 *
 * lbadm's parser as it was before the layouts the kernel sends got fast
 * paths: nla_parse() with nla_policy tables, and the accessors on it.
 * Replies built as the kernel builds them, then damaged at random, must
 * give the same result and the same structs either way.
 */
static int ref_parse(struct nlattr **tb, int max, struct nlattr *head, int len,
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

static int ref_nested(struct nlattr **tb, int max, struct nlattr *nest,
		      const struct nla_policy *policy)
{
	return ref_parse(tb, max, (struct nlattr *)((char *)nest + NLA_HDRLEN),
			 nest->nla_len - NLA_HDRLEN, policy);
}

static struct nla_policy ref_top_policy[LBVS_ATTR_MAX + 1] = {
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

static int ref_parse_top(struct nlmsghdr *h, struct nlattr **tb)
{
	int hdr = NLMSG_HDRLEN + GENL_HDRLEN;

	if (h->nlmsg_len < (uint32_t)hdr)
		return -NLE_MSG_TOOSHORT;
	return ref_parse(tb, LBVS_ATTR_MAX, (struct nlattr *)((char *)h + hdr),
			 (int)h->nlmsg_len - hdr, ref_top_policy);
}

static uint32_t ref_u32(struct nlattr *a)
{
	uint32_t v = 0;

	if (a)
		memcpy(&v, nla_data(a), sizeof(v));
	return v;
}

static uint16_t ref_u16(struct nlattr *a)
{
	uint16_t v = 0;

	if (a)
		memcpy(&v, nla_data(a), sizeof(v));
	return v;
}

static uint64_t ref_u64(struct nlattr *a)
{
	uint64_t v;

	if (!a || nla_len(a) < 4)
		return 0;
	if (nla_len(a) < 8)
		return ref_u32(a);
	memcpy(&v, nla_data(a), sizeof(v));
	return v;
}

static int ref_alen(int af)
{
	return af == AF_INET6 ? 16 : 4;
}

static int ref_get_addr(struct nlattr *a, int af, struct lbadm_addr *out)
{
	if (!a || nla_len(a) < ref_alen(af))
		return -1;
	memset(out, 0, sizeof(*out));
	out->af = af;
	memcpy(out->b, nla_data(a), ref_alen(af));
	return 0;
}

static void ref_stats(struct nlattr *nest, struct lbadm_stats *s)
{
	struct nlattr *tb[LBVS_STATS_ATTR_MAX + 1];

	memset(s, 0, sizeof(*s));
	if (!nest || ref_nested(tb, LBVS_STATS_ATTR_MAX, nest, NULL))
		return;
	s->conns = ref_u64(tb[LBVS_STATS_ATTR_CONNS]);
	s->inpkts = ref_u64(tb[LBVS_STATS_ATTR_INPKTS]);
	s->outpkts = ref_u64(tb[LBVS_STATS_ATTR_OUTPKTS]);
	s->inbytes = ref_u64(tb[LBVS_STATS_ATTR_INBYTES]);
	s->outbytes = ref_u64(tb[LBVS_STATS_ATTR_OUTBYTES]);
	s->cps = ref_u64(tb[LBVS_STATS_ATTR_CPS]);
	s->inpps = ref_u64(tb[LBVS_STATS_ATTR_INPPS]);
	s->outpps = ref_u64(tb[LBVS_STATS_ATTR_OUTPPS]);
	s->inbps = ref_u64(tb[LBVS_STATS_ATTR_INBPS]);
	s->outbps = ref_u64(tb[LBVS_STATS_ATTR_OUTBPS]);
}

static int ref_af(struct nlattr *a, int dflt)
{
	int af = a ? ref_u16(a) : dflt;

	return af == AF_INET || af == AF_INET6 ? af : -1;
}

static struct nla_policy ref_svc_policy[LBVS_SVC_ATTR_MAX + 1] = {
	[LBVS_SVC_ATTR_AF] = { .type = NLA_U16 },
	[LBVS_SVC_ATTR_PROTOCOL] = { .type = NLA_U16 },
	[LBVS_SVC_ATTR_PORT] = { .type = NLA_U16 },
	[LBVS_SVC_ATTR_FWMARK] = { .type = NLA_U32 },
	[LBVS_SVC_ATTR_SCHED_NAME] = { .type = NLA_STRING },
	[LBVS_SVC_ATTR_FLAGS] = { .type = NLA_U32 },
	[LBVS_SVC_ATTR_TIMEOUT] = { .type = NLA_U32 },
	[LBVS_SVC_ATTR_NETMASK] = { .type = NLA_U8 },
	[LBVS_SVC_ATTR_STATS] = { .type = NLA_NESTED },
	[LBVS_SVC_ATTR_TIMEOUT_TCP] = { .type = NLA_U32 },
	[LBVS_SVC_ATTR_TIMEOUT_TCP_FIN] = { .type = NLA_U32 },
	[LBVS_SVC_ATTR_TIMEOUT_UDP] = { .type = NLA_U32 },
};

static int ref_get_svc(struct nlattr **top, struct lbadm_svc *s)
{
	struct nlattr *tb[LBVS_SVC_ATTR_MAX + 1];

	memset(s, 0, sizeof(*s));
	if (!top[LBVS_ATTR_SERVICE] ||
	    ref_nested(tb, LBVS_SVC_ATTR_MAX, top[LBVS_ATTR_SERVICE],
		       ref_svc_policy))
		return -1;
	s->af = ref_af(tb[LBVS_SVC_ATTR_AF], -1);
	if (s->af < 0)
		return -1;
	s->fwmark = ref_u32(tb[LBVS_SVC_ATTR_FWMARK]);
	if (!s->fwmark) {
		s->protocol = ref_u16(tb[LBVS_SVC_ATTR_PROTOCOL]);
		if (ref_get_addr(tb[LBVS_SVC_ATTR_ADDR], s->af, &s->addr))
			return -1;
		s->port = ntohs(ref_u16(tb[LBVS_SVC_ATTR_PORT]));
	}
	if (tb[LBVS_SVC_ATTR_SCHED_NAME])
		nla_strlcpy(s->sched, tb[LBVS_SVC_ATTR_SCHED_NAME],
			    sizeof(s->sched));
	s->flags = ref_u32(tb[LBVS_SVC_ATTR_FLAGS]);
	s->timeout = ref_u32(tb[LBVS_SVC_ATTR_TIMEOUT]);
	s->timeouts[0] = ref_u32(tb[LBVS_SVC_ATTR_TIMEOUT_TCP]);
	s->timeouts[1] = ref_u32(tb[LBVS_SVC_ATTR_TIMEOUT_TCP_FIN]);
	s->timeouts[2] = ref_u32(tb[LBVS_SVC_ATTR_TIMEOUT_UDP]);
	s->netmask = tb[LBVS_SVC_ATTR_NETMASK] ?
		nla_get_u8(tb[LBVS_SVC_ATTR_NETMASK]) :
		(s->af == AF_INET6 ? 128 : 32);
	ref_stats(tb[LBVS_SVC_ATTR_STATS], &s->stats);
	return 0;
}

static struct nla_policy ref_dest_policy[LBVS_DEST_ATTR_MAX + 1] = {
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
	[LBVS_DEST_ATTR_TUN_TYPE] = { .type = NLA_U8 },
	[LBVS_DEST_ATTR_TUN_PORT] = { .type = NLA_U16 },
	[LBVS_DEST_ATTR_TUN_FLAGS] = { .type = NLA_U16 },
	[LBVS_DEST_ATTR_DRAIN] = { .type = NLA_U32 },
};

static int ref_get_dest(struct nlattr **top, struct lbadm_dest *d)
{
	struct nlattr *tb[LBVS_DEST_ATTR_MAX + 1];
	struct lbadm_svc svc;
	int af;

	memset(d, 0, sizeof(*d));
	if (!top[LBVS_ATTR_DEST] ||
	    ref_nested(tb, LBVS_DEST_ATTR_MAX, top[LBVS_ATTR_DEST],
		       ref_dest_policy))
		return -1;
	af = tb[LBVS_DEST_ATTR_AF] ? ref_af(tb[LBVS_DEST_ATTR_AF], 0) :
	     top[LBVS_ATTR_SERVICE] && !ref_get_svc(top, &svc) ? svc.af :
	     AF_INET;
	if (af < 0 || ref_get_addr(tb[LBVS_DEST_ATTR_ADDR], af, &d->addr))
		return -1;
	d->port = ntohs(ref_u16(tb[LBVS_DEST_ATTR_PORT]));
	d->fwd = ref_u32(tb[LBVS_DEST_ATTR_FWD]);
	d->weight = ref_u32(tb[LBVS_DEST_ATTR_WEIGHT]);
	d->u_thresh = ref_u32(tb[LBVS_DEST_ATTR_U_THRESH]);
	d->l_thresh = ref_u32(tb[LBVS_DEST_ATTR_L_THRESH]);
	d->active = ref_u32(tb[LBVS_DEST_ATTR_ACTIVE_CONNS]);
	d->inactive = ref_u32(tb[LBVS_DEST_ATTR_INACT_CONNS]);
	d->persist = ref_u32(tb[LBVS_DEST_ATTR_PERSIST_CONNS]);
	if (tb[LBVS_DEST_ATTR_TUN_TYPE])
		d->tun_type = nla_get_u8(tb[LBVS_DEST_ATTR_TUN_TYPE]);
	d->tun_port = ntohs(ref_u16(tb[LBVS_DEST_ATTR_TUN_PORT]));
	d->tun_flags = ref_u16(tb[LBVS_DEST_ATTR_TUN_FLAGS]);
	d->has_drain = !!tb[LBVS_DEST_ATTR_DRAIN];
	d->drain = ref_u32(tb[LBVS_DEST_ATTR_DRAIN]);
	ref_stats(tb[LBVS_DEST_ATTR_STATS], &d->stats);
	return 0;
}

static struct nla_policy ref_conn_policy[LBVS_CONN_ATTR_MAX + 1] = {
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

static int ref_get_conn(struct nlattr **top, struct lbadm_conn *c)
{
	struct nlattr *tb[LBVS_CONN_ATTR_MAX + 1];

	memset(c, 0, sizeof(*c));
	if (!top[LBVS_ATTR_CONN] ||
	    ref_nested(tb, LBVS_CONN_ATTR_MAX, top[LBVS_ATTR_CONN],
		       ref_conn_policy))
		return -1;
	c->af = ref_af(tb[LBVS_CONN_ATTR_AF], -1);
	if (c->af < 0 ||
	    ref_get_addr(tb[LBVS_CONN_ATTR_CADDR], c->af, &c->caddr) ||
	    ref_get_addr(tb[LBVS_CONN_ATTR_VADDR], c->af, &c->vaddr) ||
	    ref_get_addr(tb[LBVS_CONN_ATTR_DADDR], c->af, &c->daddr))
		return -1;
	if (tb[LBVS_CONN_ATTR_LADDR])
		ref_get_addr(tb[LBVS_CONN_ATTR_LADDR],
			     nla_len(tb[LBVS_CONN_ATTR_LADDR]) == 16 ?
			     AF_INET6 : AF_INET, &c->laddr);
	c->protocol = ref_u16(tb[LBVS_CONN_ATTR_PROTOCOL]);
	c->cport = ntohs(ref_u16(tb[LBVS_CONN_ATTR_CPORT]));
	c->vport = ntohs(ref_u16(tb[LBVS_CONN_ATTR_VPORT]));
	c->lport = ntohs(ref_u16(tb[LBVS_CONN_ATTR_LPORT]));
	c->dport = ntohs(ref_u16(tb[LBVS_CONN_ATTR_DPORT]));
	c->state = tb[LBVS_CONN_ATTR_STATE] ?
		nla_get_u8(tb[LBVS_CONN_ATTR_STATE]) : 0;
	c->expires_ms = ref_u32(tb[LBVS_CONN_ATTR_EXPIRES]);
	c->fwd = ref_u32(tb[LBVS_CONN_ATTR_FWD]);
	c->flags = ref_u32(tb[LBVS_CONN_ATTR_FLAGS]);
	return 0;
}

static struct nla_policy ref_laddr_policy[LBVS_LADDR_ATTR_MAX + 1] = {
	[LBVS_LADDR_ATTR_AF] = { .type = NLA_U16 },
};

static int ref_get_laddr(struct nlattr **top, struct lbadm_addr *a)
{
	struct nlattr *tb[LBVS_LADDR_ATTR_MAX + 1];
	struct lbadm_svc svc;
	int af;

	if (!top[LBVS_ATTR_LADDR] ||
	    ref_nested(tb, LBVS_LADDR_ATTR_MAX, top[LBVS_ATTR_LADDR],
		       ref_laddr_policy))
		return -1;
	af = tb[LBVS_LADDR_ATTR_AF] ? ref_af(tb[LBVS_LADDR_ATTR_AF], 0) :
	     top[LBVS_ATTR_SERVICE] && !ref_get_svc(top, &svc) ? svc.af :
	     AF_INET;
	return af < 0 ? -1 : ref_get_addr(tb[LBVS_LADDR_ATTR_ADDR], af, a);
}

/* A GET_CONN reply as put_conn() writes it, or a GET_LADDR one. */
static void put_rnd_conn_laddr(struct nl_msg *m, uint64_t *seed)
{
	int af = rnd64(seed) % 2 ? AF_INET6 : AF_INET, i;
	struct nlattr *n;
	uint8_t a[16];

	if (rnd64(seed) % 2) {
		n = nla_nest_start(m, LBVS_ATTR_LADDR);
		if (rnd64(seed) % 4)
			nla_put_u16(m, LBVS_LADDR_ATTR_AF, af);
		rnd_v6(seed, a);
		nla_put(m, LBVS_LADDR_ATTR_ADDR, af == AF_INET6 ? 16 : 4, a);
		nla_nest_end(m, n);
		return;
	}
	n = nla_nest_start(m, LBVS_ATTR_CONN);
	nla_put_u16(m, LBVS_CONN_ATTR_AF, af);
	nla_put_u16(m, LBVS_CONN_ATTR_PROTOCOL, IPPROTO_UDP);
	for (i = LBVS_CONN_ATTR_CADDR; i <= LBVS_CONN_ATTR_DPORT; i += 2) {
		rnd_v6(seed, a);
		nla_put(m, i, af == AF_INET6 ? 16 : 4, a);
		nla_put_u16(m, i + 1, (uint16_t)rnd64(seed));
	}
	nla_put_u8(m, LBVS_CONN_ATTR_STATE, (uint8_t)rnd64(seed));
	nla_put_u32(m, LBVS_CONN_ATTR_EXPIRES, (uint32_t)rnd64(seed));
	nla_put_u32(m, LBVS_CONN_ATTR_FWD, (uint32_t)rnd64(seed));
	nla_put_u32(m, LBVS_CONN_ATTR_FLAGS, (uint32_t)rnd64(seed));
	nla_nest_end(m, n);
}

/* Counters, in the kernel's order or by type, maybe with padding. */
static void put_rnd_stats(struct nl_msg *m, uint64_t *seed, int attr)
{
	static const int kernel[10] = { 1, 6, 2, 7, 3, 8, 4, 9, 5, 10 };
	struct nlattr *nest = nla_nest_start(m, attr);
	int i, order = rnd64(seed) % 3;

	for (i = 0; i < 10; i++) {
		if (order == 2 && rnd64(seed) % 4 == 0)
			nla_put(m, LBVS_STATS_ATTR_PAD, 0, NULL);
		nla_put_u64(m, order ? kernel[i] : i + 1,
			    rnd64(seed) >> (rnd64(seed) % 64));
	}
	nla_nest_end(m, nest);
}

/* A GET_DEST reply as the kernel's put_svc_key() and put_dest() write it. */
static struct nl_msg *rnd_dest_reply(uint64_t *seed)
{
	struct nl_msg *m = nlmsg_alloc();
	struct nlattr *n;
	int af = rnd64(seed) % 2 ? AF_INET6 : AF_INET, i;
	uint8_t a[16];

	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, 0x20, 0, NLM_F_MULTI,
		    LBVS_CMD_GET_DEST, LBVS_GENL_VERSION);
	rnd_v6(seed, a);
	n = nla_nest_start(m, LBVS_ATTR_SERVICE);
	nla_put_u16(m, LBVS_SVC_ATTR_AF, af);
	if (rnd64(seed) % 4 == 0) {
		nla_put_u32(m, LBVS_SVC_ATTR_FWMARK, (uint32_t)rnd64(seed));
	} else {
		nla_put_u16(m, LBVS_SVC_ATTR_PROTOCOL, IPPROTO_TCP);
		nla_put(m, LBVS_SVC_ATTR_ADDR, af == AF_INET6 ? 16 : 4, a);
		nla_put_u16(m, LBVS_SVC_ATTR_PORT, (uint16_t)rnd64(seed));
	}
	if (rnd64(seed) % 4 == 0) {
		nla_put_string(m, LBVS_SVC_ATTR_SCHED_NAME, "wrr");
		nla_put_u32(m, LBVS_SVC_ATTR_FLAGS, LBVS_SVC_F_PERSISTENT);
		nla_put_u32(m, LBVS_SVC_ATTR_TIMEOUT, 300);
		nla_put_u8(m, LBVS_SVC_ATTR_NETMASK, 24);
		put_rnd_stats(m, seed, LBVS_SVC_ATTR_STATS);
	}
	nla_nest_end(m, n);
	rnd_v6(seed, a);
	n = nla_nest_start(m, LBVS_ATTR_DEST);
	nla_put_u16(m, LBVS_DEST_ATTR_AF, af);
	nla_put(m, LBVS_DEST_ATTR_ADDR, af == AF_INET6 ? 16 : 4, a);
	nla_put_u16(m, LBVS_DEST_ATTR_PORT, (uint16_t)rnd64(seed));
	for (i = LBVS_DEST_ATTR_FWD; i <= LBVS_DEST_ATTR_PERSIST_CONNS; i++)
		nla_put_u32(m, i, (uint32_t)rnd64(seed));
	if (rnd64(seed) % 4 == 0) {	/* as the kernel sends a GUE/GRE server */
		nla_put_u8(m, LBVS_DEST_ATTR_TUN_TYPE, (uint8_t)rnd64(seed));
		nla_put_u16(m, LBVS_DEST_ATTR_TUN_PORT, (uint16_t)rnd64(seed));
		nla_put_u16(m, LBVS_DEST_ATTR_TUN_FLAGS, (uint16_t)rnd64(seed));
	}
	if (rnd64(seed) % 8 == 0)	/* a draining server */
		nla_put_u32(m, LBVS_DEST_ATTR_DRAIN, (uint32_t)rnd64(seed));
	if (rnd64(seed) % 2)
		put_rnd_stats(m, seed, LBVS_DEST_ATTR_STATS);
	nla_nest_end(m, n);
	if (rnd64(seed) % 4 == 0)
		put_rnd_conn_laddr(m, seed);
	return m;
}

/*
 * Damage: bytes of the attributes changed, lengths and types most often
 * (a header every 4 bytes), or the message cut short. Its bytes stay in
 * buf, with slack past its end zeroed as a receive buffer's would be.
 */
static void damage(uint64_t *seed, char *buf, struct nlmsghdr *h)
{
	uint32_t attrs = NLMSG_HDRLEN + GENL_HDRLEN, len = h->nlmsg_len;
	uint32_t k, n = rnd64(seed) % 4, at;

	for (k = 0; k < n; k++) {
		at = attrs + rnd64(seed) % (len - attrs);
		switch (rnd64(seed) % 4) {
		case 0:
			buf[at] = (char)rnd64(seed);
			break;
		case 1:		/* a length: +-1..8, or any */
			at &= ~3u;
			if (rnd64(seed) % 2)
				buf[at] += (char)(rnd64(seed) % 17) - 8;
			else
				buf[at] = (char)rnd64(seed);
			break;
		case 2:		/* a type, or its flags */
			at = (at & ~3u) + 2 + rnd64(seed) % 2;
			buf[at] ^= (char)(1 << rnd64(seed) % 8);
			break;
		default:
			h->nlmsg_len = attrs + rnd64(seed) % (len - attrs + 1);
		}
	}
}

START_TEST(t_replies_like_before)
{
	struct nlattr *tb[LBVS_ATTR_MAX + 1], *rtb[LBVS_ATTR_MAX + 1];
	static char buf[4096];
	struct lbadm_dest d, rd;
	struct lbadm_svc s, rs;
	struct lbadm_conn c, rc_;
	struct lbadm_addr a, ra;
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	uint64_t seed = 11;
	struct nl_msg *m;
	int i, rc, fast = 0;

	for (i = 0; i < 200000; i++) {
		m = rnd_dest_reply(&seed);
		memset(buf, 0, sizeof(buf));
		ck_assert_uint_le(nlmsg_hdr(m)->nlmsg_len, sizeof(buf) - 64);
		memcpy(buf, nlmsg_hdr(m), nlmsg_hdr(m)->nlmsg_len);
		nlmsg_free(m);
		if (i % 8)
			damage(&seed, buf, h);
		rc = ref_parse_top(h, rtb);
		if (lbadm_parse_top_hdr(h, tb) != rc)
			ck_abort_msg("reply %d: top-level result", i);
		if (rc)
			continue;
		if (memcmp(tb, rtb, sizeof(tb)))
			ck_abort_msg("reply %d: top-level attributes", i);
		memset(&d, 0x55, sizeof(d));
		rc = ref_get_dest(rtb, &rd);
		if (lbadm_get_dest(tb, &d) != rc || memcmp(&d, &rd, sizeof(d)))
			ck_abort_msg("reply %d: server", i);
		memset(&s, 0x55, sizeof(s));
		rc = ref_get_svc(rtb, &rs);
		if (lbadm_get_svc(tb, &s) != rc || memcmp(&s, &rs, sizeof(s)))
			ck_abort_msg("reply %d: service", i);
		memset(&c, 0x55, sizeof(c));
		if (lbadm_get_conn(tb, &c) != ref_get_conn(rtb, &rc_) ||
		    memcmp(&c, &rc_, sizeof(c)))
			ck_abort_msg("reply %d: connection", i);
		memset(&a, 0x55, sizeof(a));
		memset(&ra, 0x55, sizeof(ra));
		if (lbadm_get_laddr(tb, &a) != ref_get_laddr(rtb, &ra) ||
		    memcmp(&a, &ra, sizeof(a)))
			ck_abort_msg("reply %d: pool address", i);
		fast += i % 8 == 0 && !rc;
	}
	ck_assert_int_eq(fast, 25000);
}
END_TEST

/* Damage the fast paths must leave to the general code, by hand. */
START_TEST(t_dest_reply_edges)
{
	struct nlattr *tb[LBVS_ATTR_MAX + 1], *n, *st;
	struct lbadm_dest d;
	struct nl_msg *m;
	uint8_t v4[4] = { 192, 0, 2, 1 };
	int i;

	/* Duplicates: the last of each counts; an AF of 6 with 4 bytes. */
	m = nlmsg_alloc();
	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, 0x20, 0, 0,
		    LBVS_CMD_GET_DEST, LBVS_GENL_VERSION);
	n = nla_nest_start(m, LBVS_ATTR_DEST);
	nla_put_u16(m, LBVS_DEST_ATTR_AF, AF_INET);
	nla_put(m, LBVS_DEST_ATTR_ADDR, 4, v4);
	nla_put_u16(m, LBVS_DEST_ATTR_PORT, htons(80));
	for (i = LBVS_DEST_ATTR_FWD; i <= LBVS_DEST_ATTR_PERSIST_CONNS; i++)
		nla_put_u32(m, i, i);
	nla_put_u32(m, LBVS_DEST_ATTR_WEIGHT, 77);
	st = nla_nest_start(m, LBVS_DEST_ATTR_STATS);
	nla_put_u64(m, LBVS_STATS_ATTR_CONNS, 1);
	nla_put_u64(m, LBVS_STATS_ATTR_CONNS, 2);
	nla_put_u32(m, LBVS_STATS_ATTR_INPKTS, 3);	/* 4 bytes: read */
	nla_nest_end(m, st);
	nla_nest_end(m, n);
	ck_assert_int_eq(lbadm_parse_top(m, tb), 0);
	ck_assert_int_eq(lbadm_get_dest(tb, &d), 0);
	ck_assert_uint_eq(d.weight, 77);
	ck_assert_uint_eq(d.persist, LBVS_DEST_ATTR_PERSIST_CONNS);
	ck_assert_uint_eq(d.stats.conns, 2);
	ck_assert_uint_eq(d.stats.inpkts, 3);
	nlmsg_free(m);

	/* A server's u32 of 2 bytes is refused, as the policy has it. */
	m = nlmsg_alloc();
	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, 0x20, 0, 0,
		    LBVS_CMD_GET_DEST, LBVS_GENL_VERSION);
	n = nla_nest_start(m, LBVS_ATTR_DEST);
	nla_put_u16(m, LBVS_DEST_ATTR_AF, AF_INET);
	nla_put(m, LBVS_DEST_ATTR_ADDR, 4, v4);
	nla_put_u16(m, LBVS_DEST_ATTR_PORT, htons(80));
	nla_put_u16(m, LBVS_DEST_ATTR_FWD, 1);
	nla_nest_end(m, n);
	ck_assert_int_eq(lbadm_parse_top(m, tb), 0);
	ck_assert_int_eq(lbadm_get_dest(tb, &d), -1);
	nlmsg_free(m);
}
END_TEST

int main(void)
{
	return UNIT_RUN("lbadm_msg", "all",
		t_msg_service, t_msg_dest_other, t_msg_laddr, t_msg_bytes,
		t_msg_room, t_svc_reuse, t_msg_laddr_replies, t_msg_replies,
		t_replies_like_before, t_dest_reply_edges);
}
