// SPDX-License-Identifier: GPL-2.0
/*
 * Value formatters for listings: numbers and addresses written straight
 * into the output buffer, in the text ipvsadm (printf, inet_ntop) prints,
 * without going through stdio for each field.
 */
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "fmt.h"
#include "parse.h"

void lbadm_prefix_to_mask4(uint8_t prefix, char *buf, size_t len)
{
	struct in_addr m;

	m.s_addr = htonl(prefix >= 32 ? 0xffffffffu :
			 prefix ? ~(0xffffffffu >> prefix) : 0);
	inet_ntop(AF_INET, &m, buf, len);
}

/* "00" to "99": two digits per division. */
static const char pairs[] =
	"00010203040506070809101112131415161718192021222324252627282930313233"
	"34353637383940414243444546474849505152535455565758596061626364656667"
	"6869707172737475767778798081828384858687888990919293949596979899";

static size_t u32_digits(uint32_t v)
{
	size_t n = 1;
	uint32_t p = 10;

	while (n < 10 && v >= p) {
		n++;
		p *= 10;
	}
	return n;
}

/* Written from the last digits back, so no copy of a reversed string. */
size_t lbadm_fmt_u32(char *buf, uint32_t v)
{
	size_t n, i;

	if (v < 10) {		/* counts are mostly 0, weights small */
		buf[0] = (char)('0' + v);
		return 1;
	}
	n = u32_digits(v);
	for (i = n; v >= 100; v /= 100) {
		i -= 2;
		memcpy(buf + i, pairs + 2 * (v % 100), 2);
	}
	if (v >= 10)
		memcpy(buf, pairs + 2 * v, 2);
	else
		buf[0] = (char)('0' + v);
	return n;
}

size_t lbadm_fmt_u64(char *buf, uint64_t v)
{
	uint64_t p = 10;
	size_t n = 1, i;

	if (v <= UINT32_MAX)
		return lbadm_fmt_u32(buf, (uint32_t)v);
	while (n < 20 && v >= p) {
		n++;
		p *= 10;
	}
	i = n;
	do
		buf[--i] = (char)('0' + v % 10);
	while ((v /= 10));
	return n;
}

/*
 * The decimal text of each octet, padded to 4 bytes, the last holding its
 * length: an octet is then one 4 byte store (a listing writes 440,000).
 */
static char octets[256][4];

static void octets_init(void)
{
	unsigned int v;

	for (v = 0; v < 256; v++)
		octets[v][3] = (char)lbadm_fmt_u32(octets[v], v);
}

/* inet_ntop()'s IPv4 text (it builds it with sprintf) at p: its end. */
static char *v4_text(char *p, const uint8_t *b)
{
	int i;

	if (!octets[0][3])
		octets_init();
	for (i = 0; i < 4; i++) {
		memcpy(p, octets[b[i]], 4);
		p += octets[b[i]][3];
		*p++ = '.';
	}
	return p - 1;
}

/* A 16 bit word in lower-case hex without leading zeros ("%x"). */
static char *hex_text(char *p, unsigned int w)
{
	static const char x[] = "0123456789abcdef";

	if (w >= 0x1000)
		*p++ = x[w >> 12];
	if (w >= 0x100)
		*p++ = x[(w >> 8) & 15];
	if (w >= 0x10)
		*p++ = x[(w >> 4) & 15];
	*p++ = x[w & 15];
	return p;
}

/*
 * The first longest run of zero words, at least two long: *len words from
 * the one returned, or -1 (glibc's inet_ntop6() choice, RFC 5952's too).
 */
static int zero_run(const unsigned int *w, int *len)
{
	int i, cur = -1, cur_len = 0, best = -1;

	*len = 0;
	for (i = 0; i < 8; i++) {
		if (w[i]) {
			cur = -1;
			continue;
		}
		if (cur < 0) {
			cur = i;
			cur_len = 0;
		}
		if (++cur_len > *len) {
			best = cur;
			*len = cur_len;
		}
	}
	return *len >= 2 ? best : -1;
}

/*
 * glibc's inet_ntop(AF_INET6) text at p (its end), without its sprintf
 * per word: the longest zero run as "::", and ::a.b.c.d and
 * ::ffff:a.b.c.d for addresses that embed IPv4 as glibc has them.
 */
static char *v6_text(char *p, const uint8_t *b)
{
	unsigned int w[8];
	int i, run, len;

	for (i = 0; i < 8; i++)
		w[i] = (unsigned int)b[2 * i] << 8 | b[2 * i + 1];
	run = zero_run(w, &len);
	for (i = 0; i < 8; i++) {
		if (i == run) {
			*p++ = ':';
			i += len - 1;
			continue;
		}
		if (i)
			*p++ = ':';
		if (i == 6 && run == 0 &&
		    (len == 6 || (len == 5 && w[5] == 0xffff)))
			return v4_text(p, b + 12);
		p = hex_text(p, w[i]);
	}
	if (run >= 0 && run + len == 8)
		*p++ = ':';
	return p;
}

size_t lbadm_addr_text(char *buf, const struct lbadm_addr *a, int bracket)
{
	char *p = buf;

	if (a->af != AF_INET6)
		return (size_t)(v4_text(p, a->b) - buf);
	if (bracket)
		*p++ = '[';
	p = v6_text(p, a->b);
	if (bracket)
		*p++ = ']';
	return (size_t)(p - buf);
}

size_t lbadm_addrport_text(char *buf, const struct lbadm_addr *a,
			   uint16_t port)
{
	size_t n = lbadm_addr_text(buf, a, 1);

	buf[n++] = ':';
	return n + lbadm_fmt_u32(buf + n, port);
}

/* s (n bytes) into buf of len as snprintf(buf, len, "%s", s) has it. */
static void copy_trunc(char *buf, size_t len, const char *s, size_t n)
{
	if (!len)
		return;
	if (n >= len)
		n = len - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
}

void lbadm_fmt_addr(const struct lbadm_addr *a, int bracket, char *buf,
		    size_t len)
{
	char tmp[LBADM_ADDRPORT_LEN];

	if (a->af == AF_INET6 || len >= INET_ADDRSTRLEN)
		copy_trunc(buf, len, tmp, lbadm_addr_text(tmp, a, bracket));
	else
		inet_ntop(AF_INET, &a->v4, buf, len);	/* fails: too small */
}

void lbadm_fmt_addrport(const struct lbadm_addr *a, uint16_t port, char *buf,
			size_t len)
{
	char tmp[LBADM_ADDRPORT_LEN];

	copy_trunc(buf, len, tmp, lbadm_addrport_text(tmp, a, port));
}

/* The name of bit for sched: its own (sh-port) before the generic one. */
static const char *sched_flag_name(const char *sched, uint32_t bit)
{
	const struct lbadm_sched_flag *k, *any = NULL;

	for (k = lbadm_sched_flags; k->name; k++) {
		if (k->bit != bit)
			continue;
		if (k->sched && !strcmp(k->sched, sched))
			return k->name;
		if (!k->sched)
			any = k;
	}
	return any ? any->name : "?";
}

size_t lbadm_sched_flag_names(const char *sched, uint32_t flags,
			      const char *names[3])
{
	static const uint32_t bits[] = {
		LBVS_SVC_F_SCHED1, LBVS_SVC_F_SCHED2, LBVS_SVC_F_SCHED3,
	};
	size_t i, k = 0;

	for (i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if (flags & bits[i])
			names[k++] = sched_flag_name(sched, bits[i]);
	return k;
}

void lbadm_fmt_sched_flags(char *buf, const char *sched, uint32_t flags)
{
	const char *names[3];
	size_t i, k = lbadm_sched_flag_names(sched, flags, names), n = 0;

	buf[0] = '\0';
	for (i = 0; i < k; i++)
		n += snprintf(buf + n, LBADM_SCHED_FLAGS_LEN - n, "%s%s",
			      i ? "," : "", names[i]);
}

const char *lbadm_sync_state_name(uint32_t state)
{
	if (state & LBVS_SYNC_STATE_MASTER)
		return "master";
	if (state & LBVS_SYNC_STATE_BACKUP)
		return "backup";
	return NULL;
}

const char *lbadm_resync_state_name(uint32_t state)
{
	static const char *const names[] = {
		[LBVS_RESYNC_PENDING] = "pending", [LBVS_RESYNC_RECEIVING] = "receiving",
		[LBVS_RESYNC_DONE] = "done", [LBVS_RESYNC_NONE] = "none",
	};

	return state < sizeof(names) / sizeof(names[0]) ? names[state] : NULL;
}

const char *lbadm_tun_type_name(uint8_t type)
{
	return type <= LBVS_TUN_MAX ? lbadm_tun_types[type] : "?";
}

const struct lbadm_tun_csum *lbadm_tun_csum_of(uint16_t flags)
{
	static const struct lbadm_tun_csum unknown = { "?", "?" };

	return flags < LBVS_TUN_F_ALL ? &lbadm_tun_csums[flags] : &unknown;
}
