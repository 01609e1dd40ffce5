// SPDX-License-Identifier: GPL-2.0
/*
 * Handshake options for the SYN proxy; the rules are in synopt.h.
 */
#include "synopt.h"
#include "tcpopt.h"

#define OPT_WS		3
#define OLEN_WS		3
#define OPT_SACK_PERM	4
#define OLEN_SACK_PERM	2
#define OPT_TS		8
#define OLEN_TS		10

/* One option of length n (>= 2) at p into o. */
static void read_opt(const u8 *p, unsigned int n, struct lbvs_syn_opts *o)
{
	if (p[0] == LBVS_TCPOPT_MSS && n == LBVS_TCPOLEN_MSS) {
		o->mss = lbvs_get_be16(p + 2);
	} else if (p[0] == OPT_WS && n == OLEN_WS) {
		o->wscale_ok = true;
		o->wscale = p[2] > LBVS_TCP_MAX_WSCALE ? LBVS_TCP_MAX_WSCALE : p[2];
	} else if (p[0] == OPT_SACK_PERM && n == OLEN_SACK_PERM) {
		o->sack_ok = true;
	} else if (p[0] == OPT_TS && n == OLEN_TS) {
		o->ts_ok = true;
		o->tsval = lbvs_get_be32(p + 2);
		o->tsecr = lbvs_get_be32(p + 6);
	}
}

bool lbvs_synopt_parse(const u8 *opts, unsigned int len, struct lbvs_syn_opts *o)
{
	unsigned int off = 0;
	int n;

	memset(o, 0, sizeof(*o));
	while (off < len) {
		n = lbvs_tcpopt_len(opts, len, off);
		if (n < 0)
			return false;
		if (n == 0)
			break;
		if (n > 1)
			read_opt(opts + off, n, o);
		off += n;
	}
	return true;
}

static u8 *put_ts(u8 *p, const struct lbvs_syn_opts *o)
{
	if (o->sack_ok) {
		*p++ = OPT_SACK_PERM;
		*p++ = OLEN_SACK_PERM;
	} else {
		*p++ = LBVS_TCPOPT_NOP;
		*p++ = LBVS_TCPOPT_NOP;
	}
	*p++ = OPT_TS;
	*p++ = OLEN_TS;
	lbvs_put_be32(p, o->tsval);
	lbvs_put_be32(p + 4, o->tsecr);
	return p + 8;
}

unsigned int lbvs_synopt_put(u8 *buf, const struct lbvs_syn_opts *o)
{
	u8 *p = buf;

	*p++ = LBVS_TCPOPT_MSS;
	*p++ = LBVS_TCPOLEN_MSS;
	lbvs_put_be16(p, o->mss);
	p += 2;
	if (o->ts_ok)
		p = put_ts(p, o);
	if (o->wscale_ok) {
		*p++ = LBVS_TCPOPT_NOP;
		*p++ = OPT_WS;
		*p++ = OLEN_WS;
		*p++ = o->wscale;
	}
	if (o->sack_ok && !o->ts_ok) {
		*p++ = LBVS_TCPOPT_NOP;
		*p++ = LBVS_TCPOPT_NOP;
		*p++ = OPT_SACK_PERM;
		*p++ = OLEN_SACK_PERM;
	}
	return (unsigned int)(p - buf);
}

unsigned int lbvs_synopt_put_ts(u8 *buf, u32 tsval, u32 tsecr)
{
	struct lbvs_syn_opts o = { .ts_ok = true, .tsval = tsval, .tsecr = tsecr };

	return (unsigned int)(put_ts(buf, &o) - buf);
}
