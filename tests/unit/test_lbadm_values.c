// SPDX-License-Identifier: GPL-2.0
/*
 * lbadm unit tests: the value parsers (numbers, addresses, marks,
 * schedulers, masks) and the formatters, against libc's inet_pton(),
 * inet_ntop() and printf().
 */
#include <unistd.h>

#include "lbadm_unit.h"

START_TEST(t_u32)
{
	struct lbadm_err e;
	uint32_t v;

	ck_assert_int_eq(lbadm_parse_u32("weight", "0", 0, 65535, &v, &e), 0);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(lbadm_parse_u32("weight", "65535", 0, 65535, &v, &e), 0);
	ck_assert_uint_eq(v, 65535);
	/* Leading zeros are decimal, never octal (ipvsadm uses strtol 10). */
	ck_assert_int_eq(lbadm_parse_u32("weight", "010", 0, 65535, &v, &e), 0);
	ck_assert_uint_eq(v, 10);
	ck_assert_int_eq(lbadm_parse_u32("weight", "70000", 0, 65535, &v, &e), -1);
	ck_assert_str_eq(e.msg, "weight 70000 out of range 0..65535");
	ck_assert_int_eq(lbadm_parse_u32("weight", "-1", 0, 65535, &v, &e), -1);
	ck_assert_str_eq(e.msg, "weight -1 out of range 0..65535");
	ck_assert_int_eq(lbadm_parse_u32("weight", "99999999999999999999999", 0,
					 65535, &v, &e), -1);
	ck_assert_str_eq(e.msg, "weight 99999999999999999999999 out of range 0..65535");
	ck_assert_int_eq(lbadm_parse_u32("weight", "4294967296", 0, UINT32_MAX,
					 &v, &e), -1);
	ck_assert_int_eq(lbadm_parse_u32("weight", "", 0, 65535, &v, &e), -1);
	ck_assert_str_eq(e.msg, "invalid weight \"\"");
	ck_assert_int_eq(lbadm_parse_u32("weight", "abc", 0, 65535, &v, &e), -1);
	ck_assert_str_eq(e.msg, "invalid weight \"abc\"");
	ck_assert_int_eq(lbadm_parse_u32("weight", "+5", 0, 65535, &v, &e), -1);
	ck_assert_int_eq(lbadm_parse_u32("weight", " 5", 0, 65535, &v, &e), -1);
	ck_assert_int_eq(lbadm_parse_u32("weight", "5 ", 0, 65535, &v, &e), -1);
	ck_assert_int_eq(lbadm_parse_u32("weight", "0x10", 0, 65535, &v, &e), -1);
	ck_assert_int_eq(lbadm_parse_u32("weight", "1e3", 0, 65535, &v, &e), -1);
	ck_assert_int_eq(lbadm_parse_u32("weight", "-", 0, 65535, &v, &e), -1);
	ck_assert_str_eq(e.msg, "invalid weight \"-\"");
}
END_TEST

static int ap(const char *s, struct lbadm_addr *a, uint16_t *port, int *hp,
	      struct lbadm_err *e)
{
	return lbadm_parse_addrport(s, a, port, hp, e);
}

START_TEST(t_addrport_ok)
{
	struct lbadm_err e;
	struct lbadm_addr a;
	uint16_t port;
	int hp;
	char buf[64];

	ck_assert_int_eq(ap("203.0.113.1:80", &a, &port, &hp, &e), 0);
	ck_assert_int_eq(a.af, AF_INET);
	ck_assert_uint_eq(port, 80);
	ck_assert_int_eq(hp, 1);
	ck_assert_int_eq(ap("203.0.113.1", &a, &port, &hp, &e), 0);
	ck_assert_int_eq(hp, 0);
	ck_assert_uint_eq(port, 0);
	ck_assert_int_eq(ap("203.0.113.1:0", &a, &port, &hp, &e), 0);
	ck_assert_int_eq(hp, 1);
	ck_assert_uint_eq(port, 0);
	ck_assert_int_eq(ap("203.0.113.1:65535", &a, &port, &hp, &e), 0);
	ck_assert_uint_eq(port, 65535);
	ck_assert_int_eq(ap("203.0.113.1:080", &a, &port, &hp, &e), 0);
	ck_assert_uint_eq(port, 80);
	ck_assert_int_eq(ap("[2001:db8::1]:443", &a, &port, &hp, &e), 0);
	ck_assert_int_eq(a.af, AF_INET6);
	ck_assert_uint_eq(port, 443);
	lbadm_fmt_addrport(&a, port, buf, sizeof(buf));
	ck_assert_str_eq(buf, "[2001:db8::1]:443");
	ck_assert_int_eq(ap("[2001:db8::1]", &a, &port, &hp, &e), 0);
	ck_assert_int_eq(hp, 0);
	ck_assert_int_eq(ap("[::ffff:192.0.2.1]:80", &a, &port, &hp, &e), 0);
	ck_assert_int_eq(a.af, AF_INET6);
	ck_assert_int_eq(lbadm_parse_addr("2001:db8::5", &a, &e), 0);
	ck_assert_int_eq(a.af, AF_INET6);
}
END_TEST

#define BADAP(s, m) do {						\
	struct lbadm_err e_;						\
	struct lbadm_addr a_;						\
	uint16_t p_;							\
	int h_;								\
	ck_assert_msg(ap(s, &a_, &p_, &h_, &e_) == -1, "accepted %s", s); \
	ck_assert_str_eq(e_.msg, m);					\
} while (0)

START_TEST(t_addrport_bad)
{
	BADAP("", "empty address");
	BADAP("203.0.113.100:99999",
	      "invalid port \"99999\" in \"203.0.113.100:99999\"");
	BADAP("203.0.113.1:65536", "invalid port \"65536\" in \"203.0.113.1:65536\"");
	BADAP("203.0.113.1:-1", "invalid port \"-1\" in \"203.0.113.1:-1\"");
	BADAP("203.0.113.1:+80", "invalid port \"+80\" in \"203.0.113.1:+80\"");
	BADAP("203.0.113.1:", "missing port after \":\" in \"203.0.113.1:\"");
	BADAP("203.0.113.1:80x", "invalid port \"80x\" in \"203.0.113.1:80x\"");
	BADAP("203.0.113.1:80 ", "invalid port \"80 \" in \"203.0.113.1:80 \"");
	BADAP("203.0.113.1:http",
	      "invalid port \"http\" in \"203.0.113.1:http\": service names are not supported");
	BADAP(":80", "missing address in \":80\"");
	BADAP("256.0.0.1:80", "invalid address \"256.0.0.1\" in \"256.0.0.1:80\"");
	BADAP("203.0.113.300", "invalid address \"203.0.113.300\"");
	BADAP("010.0.0.1:80", "invalid address \"010.0.0.1\" in \"010.0.0.1:80\"");
	BADAP("203.0.113:80", "invalid address \"203.0.113\" in \"203.0.113:80\"");
	BADAP("1.2.3.4.5", "invalid address \"1.2.3.4.5\"");
	BADAP("www.example.com:80",
	      "invalid address \"www.example.com\" in \"www.example.com:80\": host names are not supported, use a numeric address");
	BADAP("localhost",
	      "invalid address \"localhost\": host names are not supported, use a numeric address");
	BADAP("2001:db8::1",
	      "IPv6 address needs brackets in \"2001:db8::1\", e.g. [2001:db8::1]:80");
	BADAP("2001:db8::1:80",
	      "IPv6 address needs brackets in \"2001:db8::1:80\", e.g. [2001:db8::1]:80");
	BADAP("[2001:db8::1:80", "unbalanced \"[\" in \"[2001:db8::1:80\"");
	BADAP("2001:db8::1]:80", "unbalanced \"]\" in \"2001:db8::1]:80\"");
	BADAP("[[2001:db8::1]]:80", "unbalanced \"[\" in \"[[2001:db8::1]]:80\"");
	BADAP("[2001:db8::1]80", "unexpected \"80\" after \"]\" in \"[2001:db8::1]80\"");
	BADAP("[2001:db8::1]:", "missing port after \":\" in \"[2001:db8::1]:\"");
	BADAP("[2001:db8::1]:65536",
	      "invalid port \"65536\" in \"[2001:db8::1]:65536\"");
	BADAP("[2001:db8::g]:80",
	      "invalid IPv6 address \"2001:db8::g\" in \"[2001:db8::g]:80\"");
	BADAP("[192.0.2.1]:80",
	      "invalid IPv6 address \"192.0.2.1\" in \"[192.0.2.1]:80\"");
	BADAP("[]:80", "invalid IPv6 address \"\" in \"[]:80\"");
}
END_TEST

START_TEST(t_fwmark)
{
	struct lbadm_err e;
	uint32_t m;

	ck_assert_int_eq(lbadm_parse_fwmark("1", &m, &e), 0);
	ck_assert_uint_eq(m, 1);
	ck_assert_int_eq(lbadm_parse_fwmark("4294967295", &m, &e), 0);
	ck_assert_uint_eq(m, 4294967295u);
	ck_assert_int_eq(lbadm_parse_fwmark("0x1f", &m, &e), 0);
	ck_assert_uint_eq(m, 31);
	ck_assert_int_eq(lbadm_parse_fwmark("0", &m, &e), -1);
	ck_assert_str_eq(e.msg, "fwmark 0 out of range 1..4294967295");
	ck_assert_int_eq(lbadm_parse_fwmark("4294967296", &m, &e), -1);
	ck_assert_str_eq(e.msg, "fwmark 4294967296 out of range 1..4294967295");
	ck_assert_int_eq(lbadm_parse_fwmark("0x100000000", &m, &e), -1);
	ck_assert_int_eq(lbadm_parse_fwmark("0x", &m, &e), -1);
	ck_assert_int_eq(lbadm_parse_fwmark("-3", &m, &e), -1);
	ck_assert_int_eq(lbadm_parse_fwmark("mark", &m, &e), -1);
	ck_assert_str_eq(e.msg, "invalid fwmark \"mark\"");
	ck_assert_int_eq(lbadm_parse_fwmark("", &m, &e), -1);
	ck_assert_str_eq(e.msg, "empty fwmark");
}
END_TEST

START_TEST(t_sched)
{
	struct lbadm_err e;
	char s[LBVS_SCHED_NAME_MAX];
	int i;

	for (i = 0; lbadm_sched_names[i]; i++) {
		ck_assert_int_eq(lbadm_parse_sched(lbadm_sched_names[i], s, &e), 0);
		ck_assert_str_eq(s, lbadm_sched_names[i]);
	}
	ck_assert_int_eq(lbadm_parse_sched("foo", s, &e), -1);
	ck_assert_str_eq(e.msg, "unknown scheduler \"foo\" (rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh twos)");
	ck_assert_int_eq(lbadm_parse_sched("", s, &e), -1);
	ck_assert_int_eq(lbadm_parse_sched("RR", s, &e), -1);
	ck_assert_int_eq(lbadm_parse_sched("wlcwlcwlcwlcwlcwlc", s, &e), -1);
}
END_TEST

START_TEST(t_netmask)
{
	struct lbadm_err e;
	uint8_t p;
	char buf[32];

	ck_assert_int_eq(lbadm_parse_netmask("255.255.255.0", AF_INET, &p, &e), 0);
	ck_assert_uint_eq(p, 24);
	ck_assert_int_eq(lbadm_parse_netmask("255.255.255.255", AF_INET, &p, &e), 0);
	ck_assert_uint_eq(p, 32);
	ck_assert_int_eq(lbadm_parse_netmask("128.0.0.0", AF_INET, &p, &e), 0);
	ck_assert_uint_eq(p, 1);
	ck_assert_int_eq(lbadm_parse_netmask("0.0.0.0", AF_INET, &p, &e), 0);
	ck_assert_uint_eq(p, 0);
	ck_assert_int_eq(lbadm_parse_netmask("24", AF_INET, &p, &e), 0);
	ck_assert_uint_eq(p, 24);
	ck_assert_int_eq(lbadm_parse_netmask("/16", AF_INET, &p, &e), 0);
	ck_assert_uint_eq(p, 16);
	ck_assert_int_eq(lbadm_parse_netmask("64", AF_INET6, &p, &e), 0);
	ck_assert_uint_eq(p, 64);
	ck_assert_int_eq(lbadm_parse_netmask("128", AF_INET6, &p, &e), 0);
	ck_assert_int_eq(lbadm_parse_netmask("255.0.255.0", AF_INET, &p, &e), -1);
	ck_assert_str_eq(e.msg, "netmask 255.0.255.0 is not contiguous");
	ck_assert_int_eq(lbadm_parse_netmask("33", AF_INET, &p, &e), -1);
	ck_assert_str_eq(e.msg, "netmask prefix length 33 out of range 1..32");
	ck_assert_int_eq(lbadm_parse_netmask("129", AF_INET6, &p, &e), -1);
	ck_assert_int_eq(lbadm_parse_netmask("0", AF_INET6, &p, &e), -1);
	ck_assert_int_eq(lbadm_parse_netmask("255.255.0.0", AF_INET6, &p, &e), -1);
	ck_assert_int_eq(lbadm_parse_netmask("255.255.256.0", AF_INET, &p, &e), -1);
	ck_assert_str_eq(e.msg, "invalid netmask \"255.255.256.0\"");
	ck_assert_int_eq(lbadm_parse_netmask("", AF_INET, &p, &e), -1);
	ck_assert_int_eq(lbadm_parse_netmask("abc", AF_INET, &p, &e), -1);
	ck_assert_str_eq(e.msg, "invalid netmask \"abc\"");
	lbadm_prefix_to_mask4(24, buf, sizeof(buf));
	ck_assert_str_eq(buf, "255.255.255.0");
	lbadm_prefix_to_mask4(0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0.0.0.0");
	lbadm_prefix_to_mask4(32, buf, sizeof(buf));
	ck_assert_str_eq(buf, "255.255.255.255");
}
END_TEST

/* The one-pass dotted quad agrees with inet_pton() on digits and dots. */
START_TEST(t_addr_v4_like_pton)
{
	static const char chars[] = "0123456789..";
	struct in_addr want;
	struct lbadm_addr a;
	struct lbadm_err e;
	char s[24];
	unsigned int seed = 1;
	int i, j, n, ok;

	for (i = 0; i < 200000; i++) {
		n = rand_r(&seed) % 18;
		for (j = 0; j < n; j++)
			s[j] = chars[rand_r(&seed) % (sizeof(chars) - 1)];
		s[n] = '\0';
		ok = inet_pton(AF_INET, s, &want) == 1;
		ck_assert_msg((lbadm_parse_addr(s, &a, &e) == 0) == ok, "%s", s);
		if (ok) {
			ck_assert_int_eq(a.af, AF_INET);
			ck_assert_uint_eq(a.v4.s_addr, want.s_addr);
		}
	}
}
END_TEST

/* Numbers of every length, and each power of ten and its neighbours. */
START_TEST(t_fmt_numbers)
{
	uint64_t seed = 1, v, p;
	char buf[32], ref[32];
	size_t n;
	int i;

	for (i = 0; i < 400000; i++) {
		v = rnd64(&seed) >> (rnd64(&seed) % 64);
		if (i < 3 * 20) {
			for (p = 1, n = 0; n < (size_t)i / 3; n++)
				p *= 10;
			v = p + i % 3 - 1;
		}
		snprintf(ref, sizeof(ref), "%" PRIu64, v);
		n = lbadm_fmt_u64(buf, v);
		buf[n] = '\0';
		EXPECT_STR(buf, ref);
		snprintf(ref, sizeof(ref), "%u", (uint32_t)v);
		n = lbadm_fmt_u32(buf, (uint32_t)v);
		buf[n] = '\0';
		EXPECT_STR(buf, ref);
	}
	n = lbadm_fmt_u64(buf, UINT64_MAX);
	buf[n] = '\0';
	ck_assert_str_eq(buf, "18446744073709551615");
	n = lbadm_fmt_u32(buf, UINT32_MAX);
	buf[n] = '\0';
	ck_assert_str_eq(buf, "4294967295");
}
END_TEST

/* The first n bytes of want, as snprintf() into n + 1 bytes cuts it. */
static void expect_cut(const char *got, const char *want, size_t n)
{
	if (n > strlen(want))
		n = strlen(want);
	if (strlen(got) != n || strncmp(got, want, n))
		ck_abort_msg("\"%s\" is not \"%s\" cut to %zu", got, want, n);
}

/*
 * lbadm_addr_text() and the functions on it against inet_ntop() (and
 * snprintf() for brackets, ports and buffers too small).
 */
START_TEST(t_fmt_addrs)
{
	struct lbadm_addr a;
	uint64_t seed = 7;
	char buf[80], ref[80], tmp[INET6_ADDRSTRLEN];
	uint16_t port;
	size_t n, len;
	int i, j;

	for (i = 0; i < 300000; i++) {
		memset(&a, 0, sizeof(a));
		a.af = i % 3 ? AF_INET6 : AF_INET;
		if (a.af == AF_INET6) {
			rnd_v6(&seed, a.b);
		} else {
			a.v4.s_addr = (uint32_t)rnd64(&seed);
			for (j = 0; j < 4; j++)
				if (rnd64(&seed) % 3 == 0)
					a.b[j] = (uint8_t)(rnd64(&seed) % 12);
		}
		port = rnd64(&seed) % 4 ? (uint16_t)rnd64(&seed) :
					  (uint16_t)(rnd64(&seed) % 12);
		if (!inet_ntop(a.af, a.b, tmp, sizeof(tmp)))
			ck_abort_msg("inet_ntop");
		n = lbadm_addr_text(buf, &a, 0);
		buf[n] = '\0';
		EXPECT_STR(buf, tmp);
		snprintf(ref, sizeof(ref), a.af == AF_INET6 ? "[%s]" : "%s",
			 tmp);
		n = lbadm_addr_text(buf, &a, 1);
		buf[n] = '\0';
		EXPECT_STR(buf, ref);
		lbadm_fmt_addr(&a, 1, buf, sizeof(buf));
		EXPECT_STR(buf, ref);
		snprintf(ref + strlen(ref), sizeof(ref) - strlen(ref), ":%u",
			 port);
		n = lbadm_addrport_text(buf, &a, port);
		buf[n] = '\0';
		EXPECT_STR(buf, ref);
		/* Cut as snprintf() cuts, in buffers of every size. */
		len = rnd64(&seed) % (strlen(ref) + 2);
		memset(buf, 'x', sizeof(buf));
		lbadm_fmt_addrport(&a, port, buf, len);
		if (len)
			expect_cut(buf, ref, len - 1);
		else if (buf[0] != 'x')
			ck_abort_msg("written into 0 bytes");
		if (a.af == AF_INET6 && len) {
			lbadm_fmt_addr(&a, 0, buf, len);
			expect_cut(buf, tmp, len - 1);
		}
	}
}
END_TEST

/* --sync-key's file: a base64 key of 32 bytes, as `wg genkey` writes one. */
static int key_from(const char *text, uint8_t *key, struct lbadm_err *e)
{
	char path[] = "/tmp/lbadm-key.XXXXXX";
	int fd = mkstemp(path), rc;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	rc = lbadm_read_key(path, key, 32, e);
	unlink(path);
	return rc;
}

START_TEST(t_sync_key)
{
	static const char *const bad[] = {
		"", "AAAA", "kOCuRu0Tn5D1bhpGN0MAkAEj10sCDYUcRPfE6bgNuWk",
		"kOCuRu0Tn5D1bhpGN0MAkAEj10sCDYUcRPfE6bgNuWk==",
		"kOCuRu0Tn5D1bhpGN0MAkAEj10sCDYUcRPfE6bgNuWl=",
		"kOCuRu0Tn5D1bhpGN0MAkAEj10sCDYUcRPfE6bgN*Wk=",
		"kOCuRu0Tn5D1bhpGN0MAkAEj10sCDYUcRPfE6bgNuWk= x",
	};
	static const uint8_t want[32] = {
		0x90, 0xe0, 0xae, 0x46, 0xed, 0x13, 0x9f, 0x90, 0xf5, 0x6e, 0x1a,
		0x46, 0x37, 0x43, 0x00, 0x90, 0x01, 0x23, 0xd7, 0x4b, 0x02, 0x0d,
		0x85, 0x1c, 0x44, 0xf7, 0xc4, 0xe9, 0xb8, 0x0d, 0xb9, 0x69,
	};
	struct lbadm_err e;
	uint8_t key[32];
	size_t i;

	ck_assert_int_eq(key_from(" kOCuRu0Tn5D1bhpGN0MAkAEj10sCDYUcRPfE6bgNuWk=\n", key, &e), 0);
	ck_assert_mem_eq(key, want, 32);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(key_from(bad[i], key, &e), -1);
		ck_assert_msg(strstr(e.msg, "does not hold a base64 key of 32 bytes"), "%s", e.msg);
	}
	ck_assert_int_eq(lbadm_read_key("/nonexistent/key", key, 32, &e), -1);
	ck_assert_str_eq(e.msg, "cannot read key file \"/nonexistent/key\": No such file or directory");
}
END_TEST

int main(void)
{
	return UNIT_RUN("lbadm_values", "all",
		t_u32, t_addrport_ok, t_addrport_bad, t_fwmark, t_sched, t_netmask,
		t_addr_v4_like_pton, t_fmt_numbers, t_fmt_addrs, t_sync_key);
}
