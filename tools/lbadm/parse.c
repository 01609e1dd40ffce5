// SPDX-License-Identifier: GPL-2.0
/*
 * Value parsers. Deliberately stricter than ipvsadm where ipvsadm is
 * ambiguous: addresses go through inet_pton (so "010.0.0.1" is an error, not
 * octal), IPv6 needs brackets (2001:db8::1:80 could be either), and names
 * are not resolved (a hostname or service name is an error naming it).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "parse.h"

int lbadm_seterr(struct lbadm_err *e, const char *fmt, ...)
{
	va_list ap;

	if (e) {
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* c's value if c is a decimal digit, else something above 9. */
static unsigned int digit(char c)
{
	return (unsigned int)(unsigned char)c - '0';
}

/*
 * 0: ok; -1: not a number; -2: a number outside [min, max] (a negative one
 * too). One pass without strtoull() (-R reads 110,000 numbers): v stops
 * growing once above UINT32_MAX, which is out of range whatever follows.
 */
static inline int str_to_u32(const char *s, uint32_t min, uint32_t max,
			     uint32_t *out)
{
	const char *digits = *s == '-' ? s + 1 : s;
	const char *p = digits;
	uint64_t v = 0;

	for (; digit(*p) <= 9; p++)
		if (v <= UINT32_MAX)
			v = v * 10 + digit(*p);
	if (*p || p == digits)
		return -1;
	if (*s == '-' || v < min || v > max)
		return -2;
	*out = (uint32_t)v;
	return 0;
}

/* Out of line, so that a number parses without a stack frame. */
__attribute__((noinline))
static int u32_error(int r, const char *what, const char *s, uint32_t min,
		     uint32_t max, struct lbadm_err *e)
{
	if (r == -1)
		return lbadm_seterr(e, "invalid %s \"%s\"", what, s);
	return lbadm_seterr(e, "%s %s out of range %u..%u", what, s, min, max);
}

int lbadm_parse_u32(const char *what, const char *s, uint32_t min,
		    uint32_t max, uint32_t *out, struct lbadm_err *e)
{
	int r = str_to_u32(s, min, max, out);

	return r ? u32_error(r, what, s, min, max, e) : 0;
}

static int b64_value(int c)
{
	static const char set[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c ? strchr(set, c) : NULL;

	return p ? (int)(p - set) : -1;
}

/* base64 text s into exactly len bytes: 0, or -1. */
static int b64_decode(const char *s, size_t n, uint8_t *out, size_t len)
{
	size_t i, o = 0, pad = len % 3 ? 3 - len % 3 : 0;
	uint32_t acc = 0;
	int v;

	if (n != (len + pad) / 3 * 4)
		return -1;
	for (i = 0; i < n - pad; i++) {
		v = b64_value((unsigned char)s[i]);
		if (v < 0)
			return -1;
		acc = acc << 6 | (uint32_t)v;
		if (i % 4 == 3) {
			out[o++] = (uint8_t)(acc >> 16);
			out[o++] = (uint8_t)(acc >> 8);
			out[o++] = (uint8_t)acc;
		}
	}
	for (; i < n; i++)
		if (s[i] != '=')
			return -1;
	/* The last group: 2 bytes in 3 digits, or 1 in 2; no stray bits. */
	if (pad == 1 && !(acc & 3) && o + 2 == len) {
		out[o++] = (uint8_t)(acc >> 10);
		out[o++] = (uint8_t)(acc >> 2);
	} else if (pad == 2 && !(acc & 15) && o + 1 == len) {
		out[o++] = (uint8_t)(acc >> 4);
	}
	return o == len ? 0 : -1;
}

int lbadm_read_key(const char *path, uint8_t *key, size_t len, struct lbadm_err *e)
{
	char buf[256];
	size_t n;
	char *s;
	FILE *f = fopen(path, "r");

	if (!f)
		return lbadm_seterr(e, "cannot read key file \"%s\": %s", path, strerror(errno));
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	for (s = buf; isspace((unsigned char)*s); s++)
		;
	for (n = strlen(s); n && isspace((unsigned char)s[n - 1]); n--)
		;
	if (b64_decode(s, n, key, len))
		return lbadm_seterr(e, "key file \"%s\" does not hold a base64 key of %zu bytes",
				    path, len);
	return 0;
}

static int has_alpha(const char *s)
{
	for (; *s; s++)
		if (isalpha((unsigned char)*s))
			return 1;
	return 0;
}

/*
 * A number 0..255 without leading zeros at s, shifted into *addr: where it
 * ends, or NULL. Each character is looked at once.
 */
static inline const char *octet(const char *s, uint32_t *addr)
{
	unsigned int v = digit(s[0]), d;

	if (v > 9)
		return NULL;
	d = digit(s[1]);
	if (d <= 9) {
		if (!v)
			return NULL;	/* a leading zero */
		v = v * 10 + d;
		d = digit(s[2]);
		if (d <= 9) {
			v = v * 10 + d;
			if (v > 255 || digit(s[3]) <= 9)
				return NULL;
			s++;
		}
		s++;
	}
	*addr = *addr << 8 | v;
	return s + 1;
}

/*
 * The IPv4 address that s starts with, as inet_pton(AF_INET) reads one,
 * without its cost per call (-R reads 220,000 addresses): four decimal
 * numbers 0..255 without leading zeros, separated by dots. Returns where
 * it ends, or NULL.
 */
static inline const char *quad(const char *s, struct in_addr *a)
{
	uint32_t addr = 0;

	if (!(s = octet(s, &addr)) || *s != '.' ||
	    !(s = octet(s + 1, &addr)) || *s != '.' ||
	    !(s = octet(s + 1, &addr)) || *s != '.' ||
	    !(s = octet(s + 1, &addr)))
		return NULL;
	a->s_addr = htonl(addr);
	return s;
}

/* inet_pton(AF_INET, s, a) == 1; a is only written on success. */
static int pton4(const char *s, struct in_addr *a)
{
	struct in_addr v;
	const char *end = quad(s, &v);

	if (!end || *end)
		return 0;
	*a = v;
	return 1;
}

int lbadm_parse_addr(const char *s, struct lbadm_addr *a, struct lbadm_err *e)
{
	memset(a, 0, sizeof(*a));
	if (!*s)
		return lbadm_seterr(e, "empty address");
	if (pton4(s, &a->v4)) {
		a->af = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, s, &a->v6) == 1) {
		a->af = AF_INET6;
		return 0;
	}
	if (!strchr(s, ':') && has_alpha(s))
		return lbadm_seterr(e, "invalid address \"%s\": host names are not supported, use a numeric address",
				    s);
	return lbadm_seterr(e, "invalid address \"%s\"", s);
}

static int parse_port(const char *p, const char *whole, uint16_t *port,
		      struct lbadm_err *e)
{
	uint32_t v;

	if (!*p)
		return lbadm_seterr(e, "missing port after \":\" in \"%s\"",
				    whole);
	if (str_to_u32(p, 0, 65535, &v) < 0) {
		if (isalpha((unsigned char)*p) && !strchr(p, ':'))
			return lbadm_seterr(e, "invalid port \"%s\" in \"%s\": service names are not supported",
					    p, whole);
		return lbadm_seterr(e, "invalid port \"%s\" in \"%s\"", p,
				    whole);
	}
	*port = (uint16_t)v;
	return 0;
}

/* "[v6]" or "[v6]:port". */
static int parse_bracketed(const char *s, char *host, size_t hlen,
			   const char **portp, struct lbadm_err *e)
{
	const char *close = strchr(s, ']');
	size_t n;

	if (!close)
		return lbadm_seterr(e, "unbalanced \"[\" in \"%s\"", s);
	n = close - s - 1;
	if (n >= hlen)
		return lbadm_seterr(e, "invalid address in \"%s\"", s);
	memcpy(host, s + 1, n);
	host[n] = '\0';
	if (strchr(host, '['))
		return lbadm_seterr(e, "unbalanced \"[\" in \"%s\"", s);
	if (close[1] == '\0') {
		*portp = NULL;
	} else if (close[1] == ':') {
		*portp = close + 2;
	} else {
		return lbadm_seterr(e, "unexpected \"%s\" after \"]\" in \"%s\"",
				    close + 1, s);
	}
	return 0;
}

/*
 * a.b.c.d or a.b.c.d:port, the common case, in one pass: 1 if s is one,
 * with the values the general code below would give (the port as
 * str_to_u32(port, 0, 65535) takes it: decimal, leading zeros allowed).
 * Anything else, and every error, is left to that code for its messages.
 */
static int fast_v4(const char *s, struct lbadm_addr *a, uint16_t *port,
		   int *has_port)
{
	struct in_addr v4;
	const char *end = quad(s, &v4), *p;
	unsigned int v = 0, d;

	if (!end || (*end && *end != ':'))
		return 0;
	if (*end == ':') {
		p = end + 1;
		if (digit(*p) > 9)
			return 0;
		for (; (d = digit(*p)) <= 9; p++) {
			v = v * 10 + d;
			if (v > 65535)
				return 0;
		}
		if (*p)
			return 0;
	}
	a->af = AF_INET;
	a->v4 = v4;
	*port = (uint16_t)v;
	*has_port = *end == ':';
	return 1;
}

/*
 * lbadm_parse_addrport() for all the rest, with every message; out of
 * line, so that fast_v4() runs without its stack frame.
 */
__attribute__((noinline))
static int addrport(const char *s, struct lbadm_addr *a, uint16_t *port,
		    int *has_port, struct lbadm_err *e)
{
	char host[INET6_ADDRSTRLEN + 8];
	const char *portp = NULL;
	const char *colon;

	if (!s || !*s)
		return lbadm_seterr(e, "empty address");
	if (s[0] == '[') {
		if (parse_bracketed(s, host, sizeof(host), &portp, e))
			return -1;
		if (inet_pton(AF_INET6, host, &a->v6) != 1)
			return lbadm_seterr(e, "invalid IPv6 address \"%s\" in \"%s\"",
					    host, s);
		a->af = AF_INET6;
	} else {
		if (strchr(s, ']'))
			return lbadm_seterr(e, "unbalanced \"]\" in \"%s\"", s);
		colon = strchr(s, ':');
		if (colon && strchr(colon + 1, ':'))
			return lbadm_seterr(e, "IPv6 address needs brackets in \"%s\", e.g. [2001:db8::1]:80",
					    s);
		if (colon) {
			if ((size_t)(colon - s) >= sizeof(host))
				return lbadm_seterr(e, "invalid address in \"%s\"",
						    s);
			memcpy(host, s, colon - s);
			host[colon - s] = '\0';
			portp = colon + 1;
		} else if (strlen(s) < sizeof(host)) {
			strcpy(host, s);
		} else {
			return lbadm_seterr(e, "invalid address \"%s\"", s);
		}
		if (!pton4(host, &a->v4)) {
			if (!colon)
				return lbadm_parse_addr(s, a, e);
			if (!*host)
				return lbadm_seterr(e, "missing address in \"%s\"",
						    s);
			if (has_alpha(host))
				return lbadm_seterr(e, "invalid address \"%s\" in \"%s\": host names are not supported, use a numeric address",
						    host, s);
			return lbadm_seterr(e, "invalid address \"%s\" in \"%s\"",
					    host, s);
		}
		a->af = AF_INET;
	}
	if (portp) {
		if (parse_port(portp, s, port, e))
			return -1;
		*has_port = 1;
	}
	return 0;
}

int lbadm_parse_addrport(const char *s, struct lbadm_addr *a, uint16_t *port,
			 int *has_port, struct lbadm_err *e)
{
	*port = 0;
	*has_port = 0;
	if (s && fast_v4(s, a, port, has_port))
		return 0;
	return addrport(s, a, port, has_port, e);
}

int lbadm_parse_host(const char *what, const char *s, struct lbadm_addr *a,
		     struct lbadm_err *e)
{
	const char *colon = strchr(s, ':');
	uint16_t port;
	int has_port;

	if (s[0] != '[' && colon && strchr(colon + 1, ':'))
		return lbadm_parse_addr(s, a, e);	/* bare IPv6 */
	if (lbadm_parse_addrport(s, a, &port, &has_port, e))
		return -1;
	if (has_port)
		return lbadm_seterr(e, "%s \"%s\" has a port; give the address alone",
				    what, s);
	return 0;
}

int lbadm_parse_fwmark(const char *s, uint32_t *mark, struct lbadm_err *e)
{
	unsigned long long v;
	char *end;

	if (!*s)
		return lbadm_seterr(e, "empty fwmark");
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && s[2] &&
	    strspn(s + 2, "0123456789abcdefABCDEF") == strlen(s + 2)) {
		errno = 0;
		v = strtoull(s + 2, &end, 16);
		if (errno == ERANGE || v < 1 || v > UINT32_MAX)
			return lbadm_seterr(e, "fwmark %s out of range 1..4294967295",
					    s);
		*mark = (uint32_t)v;
		return 0;
	}
	if (str_to_u32(s, 1, UINT32_MAX, mark) == -1)
		return lbadm_seterr(e, "invalid fwmark \"%s\"", s);
	return lbadm_parse_u32("fwmark", s, 1, UINT32_MAX, mark, e);
}

const struct lbadm_sched_flag lbadm_sched_flags[] = {
	{ "sh-fallback", "sh", LBVS_SVC_F_SCHED1 },
	{ "sh-port", "sh", LBVS_SVC_F_SCHED2 },
	{ "mh-fallback", "mh", LBVS_SVC_F_SCHED1 },
	{ "mh-port", "mh", LBVS_SVC_F_SCHED2 },
	{ "flag-1", NULL, LBVS_SVC_F_SCHED1 },
	{ "flag-2", NULL, LBVS_SVC_F_SCHED2 },
	{ "flag-3", NULL, LBVS_SVC_F_SCHED3 },
	{ NULL, NULL, 0 }
};

static int parse_sched_flag(const char *f, size_t n, const char *sched,
			    uint32_t *flags, struct lbadm_err *e)
{
	const struct lbadm_sched_flag *k;

	for (k = lbadm_sched_flags; k->name; k++) {
		if (strlen(k->name) != n || strncmp(f, k->name, n))
			continue;
		if (k->sched && strcmp(k->sched, sched))
			return lbadm_seterr(e, "scheduler flag \"%s\" needs -s %s (not %s)",
					    k->name, k->sched, sched);
		*flags |= k->bit;
		return 0;
	}
	return lbadm_seterr(e, "unknown scheduler flag \"%.*s\" (flag-1 flag-2 flag-3 sh-fallback sh-port mh-fallback mh-port)",
			    (int)n, f);
}

int lbadm_parse_sched_flags(const char *s, const char *sched, uint32_t *flags,
			    struct lbadm_err *e)
{
	const char *end;

	do {
		end = strchr(s, ',');
		if (parse_sched_flag(s, end ? (size_t)(end - s) : strlen(s),
				     sched, flags, e))
			return -1;
		s = end + 1;
	} while (end);
	return 0;
}

const char *const lbadm_tun_types[LBVS_TUN_MAX + 1] = {
	[LBVS_TUN_IPIP] = "ipip", [LBVS_TUN_GUE] = "gue", [LBVS_TUN_GRE] = "gre",
};

const struct lbadm_tun_csum lbadm_tun_csums[LBVS_TUN_F_ALL] = {
	[0] = { "--tun-nocsum", "-c" },
	[LBVS_TUN_F_CSUM] = { "--tun-csum", "+c" },
	[LBVS_TUN_F_REMCSUM] = { "--tun-remcsum", "r+c" },
};

int lbadm_parse_tun_type(const char *s, uint8_t *type, struct lbadm_err *e)
{
	uint8_t t;

	for (t = 0; t <= LBVS_TUN_MAX; t++) {
		if (!strcmp(s, lbadm_tun_types[t])) {
			*type = t;
			return 0;
		}
	}
	return lbadm_seterr(e, "unknown tunnel type \"%s\" (ipip gue gre)", s);
}

/* IPVS's scheduler names; the kernel decides which it implements. */
const char *const lbadm_sched_names[] = {
	"rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq",
	"fo", "ovf", "mh", "twos", NULL
};

int lbadm_parse_sched(const char *s, char *out, struct lbadm_err *e)
{
	int i;

	for (i = 0; lbadm_sched_names[i]; i++) {
		if (!strcmp(s, lbadm_sched_names[i])) {
			strcpy(out, lbadm_sched_names[i]);	/* all fit */
			return 0;
		}
	}
	return lbadm_seterr(e, "unknown scheduler \"%s\" (rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh twos)",
			    s);
}

static int mask4_to_prefix(const struct in_addr *m, uint8_t *prefix)
{
	uint32_t v = ntohl(m->s_addr);
	uint8_t n = 0;

	while (n < 32 && (v & (0x80000000u >> n)))
		n++;
	if (n < 32 && (v << n) != 0)
		return -1;	/* ones not contiguous */
	*prefix = n;
	return 0;
}

int lbadm_parse_netmask(const char *s, int af, uint8_t *prefix,
			struct lbadm_err *e)
{
	uint32_t max = af == AF_INET6 ? 128 : 32;
	const char *num = s[0] == '/' ? s + 1 : s;
	struct in_addr m;
	uint32_t v;

	if (!*s)
		return lbadm_seterr(e, "empty netmask");
	if (strchr(s, '.')) {
		if (af == AF_INET6)
			return lbadm_seterr(e, "netmask \"%s\" is IPv4 but the service is IPv6: give a prefix length 1..128",
					    s);
		if (inet_pton(AF_INET, s, &m) != 1)
			return lbadm_seterr(e, "invalid netmask \"%s\"", s);
		if (mask4_to_prefix(&m, prefix))
			return lbadm_seterr(e, "netmask %s is not contiguous",
					    s);
		return 0;
	}
	if (str_to_u32(num, 1, max, &v) == -1)
		return lbadm_seterr(e, "invalid netmask \"%s\"", s);
	if (lbadm_parse_u32("netmask prefix length", num, 1, max, &v, e))
		return -1;
	*prefix = (uint8_t)v;
	return 0;
}
