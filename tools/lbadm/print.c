// SPDX-License-Identifier: GPL-2.0
/*
 * Text output follows ipvsadm 1.31's print_service_entry(), print_title(),
 * print_largenum() and print_conn() format strings exactly (trailing
 * padding included), so scripts that parse ipvsadm parse lbadm. Only the
 * banner's first words differ. Names are never resolved: output is always
 * what ipvsadm prints with -n.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "fmt.h"
#include "parse.h"
#include "print.h"

const char *lbadm_fwd_name(uint32_t fwd)
{
	switch (fwd) {
	case LBVS_FWD_NAT:	return "Masq";
	case LBVS_FWD_DR:	return "Route";
	case LBVS_FWD_TUN:	return "Tunnel";
	case LBVS_FWD_FULLNAT:	return "FullNat";
	default:		return "?";
	}
}

static const char *fwd_switch(uint32_t fwd)
{
	switch (fwd) {
	case LBVS_FWD_NAT:	return "-m";
	case LBVS_FWD_TUN:	return "-i";
	case LBVS_FWD_FULLNAT:	return "-F";
	default:		return "-g";
	}
}

static const char *fwd_json(uint32_t fwd)
{
	switch (fwd) {
	case LBVS_FWD_NAT:	return "masq";
	case LBVS_FWD_DR:	return "route";
	case LBVS_FWD_TUN:	return "tunnel";
	case LBVS_FWD_FULLNAT:	return "fullnat";
	default:		return "unknown";
	}
}

const char *lbadm_state_name(uint8_t state)
{
	static const char *const names[] = {
		[LBVS_S_NONE] = "NONE",
		[LBVS_S_ESTABLISHED] = "ESTABLISHED",
		[LBVS_S_SYN_SENT] = "SYN_SENT",
		[LBVS_S_SYN_RECV] = "SYN_RECV",
		[LBVS_S_FIN_WAIT] = "FIN_WAIT",
		[LBVS_S_TIME_WAIT] = "TIME_WAIT",
		[LBVS_S_CLOSE] = "CLOSE",
		[LBVS_S_CLOSE_WAIT] = "CLOSE_WAIT",
		[LBVS_S_LAST_ACK] = "LAST_ACK",
		[LBVS_S_LISTEN] = "LISTEN",
		[LBVS_S_SYNACK] = "SYNACK",
		[LBVS_S_UDP] = "UDP",
		[LBVS_S_ICMP] = "ICMP",
	};

	return state <= LBVS_S_MAX ? names[state] : "ERR!";
}

const char *lbadm_proto_name(uint16_t proto)
{
	switch (proto) {
	case IPPROTO_TCP:	return "TCP";
	case IPPROTO_UDP:	return "UDP";
	case IPPROTO_SCTP:	return "SCTP";
	case IPPROTO_ICMP:	return "ICMP";
	case IPPROTO_ICMPV6:	return "ICMPv6";
	default:		return "IP";
	}
}

/*
 * Output built by hand in one buffer, written out when nearly full: the
 * text layouts below are ipvsadm's printf formats (and JSON's are ours),
 * and printf, with a write call per line, dominated listing 110,000
 * servers. Every line (every JSON server) is far shorter than OUT_LINE,
 * and one starts only with that much room left, so only put_mem(), which
 * copies what it is given, checks for room; the writers of numbers,
 * addresses and padding, all of bounded length, don't.
 */
#define OUT_SIZE	(64 * 1024)
#define OUT_LINE	2048
#define PAD_MAX		64	/* the widest padded field, and then some */

struct out {
	FILE *f;
	size_t n;
	char b[OUT_SIZE];
};

static void out_init(struct out *o, FILE *f)
{
	o->f = f;
	o->n = 0;
}

static void out_flush(struct out *o)
{
	fwrite(o->b, 1, o->n, o->f);
	o->n = 0;
}

static inline void put_mem(struct out *o, const char *s, size_t n)
{
	if (n > sizeof(o->b) - o->n)
		n = sizeof(o->b) - o->n;
	memcpy(o->b + o->n, s, n);
	o->n += n;
}

/* Inlined, so that a literal's length is a constant. */
static inline __attribute__((always_inline))
void put_s(struct out *o, const char *s)
{
	put_mem(o, s, strlen(s));
}

static void put_c(struct out *o, char c)
{
	o->b[o->n++] = c;
}

/* Ends a line, and makes room for the next. */
static void put_nl(struct out *o)
{
	put_c(o, '\n');
	if (o->n > sizeof(o->b) - OUT_LINE)
		out_flush(o);
}

/*
 * Pads the field written from start on to w columns ("%-*s", w at most
 * PAD_MAX): the spaces go in one store of constant size past its end, not
 * a memset() call of the length missing.
 */
static inline void pad_from(struct out *o, size_t start, size_t w)
{
	memset(o->b + o->n, ' ', PAD_MAX);
	if (o->n - start < w)
		o->n = start + w;
}

static void put_pad(struct out *o, const char *s, size_t w)
{
	size_t start = o->n;

	put_s(o, s);
	pad_from(o, start, w);
}

/* "%-*u" (w 0: "%u"), and "%" PRIu64. */
static void put_u(struct out *o, uint32_t v, size_t w)
{
	size_t start = o->n;

	o->n += lbadm_fmt_u32(o->b + o->n, v);
	pad_from(o, start, w);
}

/* " %-*u": a column after a blank. */
static void put_col(struct out *o, uint32_t v, size_t w)
{
	put_c(o, ' ');
	put_u(o, v, w);
}

static void put_u64(struct out *o, uint64_t v)
{
	o->n += lbadm_fmt_u64(o->b + o->n, v);
}

/* "%-*s" of an address and port, IPv6 in brackets. */
static void put_addrport(struct out *o, const struct lbadm_addr *a,
			 uint16_t port, size_t w)
{
	size_t start = o->n;

	o->n += lbadm_addrport_text(o->b + o->n, a, port);
	pad_from(o, start, w);
}

/* "%*" PRIu64 at buf: its length. */
static size_t rjust(char *buf, uint64_t v, size_t w)
{
	char d[20];
	size_t n = lbadm_fmt_u64(d, v), k = n < w ? w - n : 0;

	memset(buf, ' ', k);
	memcpy(buf + k, d, n);
	return k + n;
}

/* ipvsadm's print_largenum() at buf (at most 21 bytes): its length. */
static size_t largenum_text(char *buf, uint64_t i, unsigned int fmt)
{
	static const struct {
		uint64_t below, unit;
		char name;
	} units[] = {
		{ 1000000000ULL, 1000, 'K' },
		{ 100000000000ULL, 1000000, 'M' },
		{ 100000000000000ULL, UINT64_C(1000000000), 'G' },
		{ UINT64_MAX, UINT64_C(1000000000000), 'T' },
	};
	size_t k, n;

	if (fmt & LBADM_FMT_EXACT) {
		/* "%*" PRIu64, width 9, or the length + 1 */
		buf[0] = ' ';
		return 1 + rjust(buf + 1, i, 8);
	}
	if (i < 100000000ULL)
		return rjust(buf, i, 9);
	for (k = 0; k < 3 && i >= units[k].below; k++)
		;
	n = rjust(buf, i / units[k].unit, 8);
	buf[n] = units[k].name;
	return n + 1;
}

void lbadm_print_largenum(FILE *f, uint64_t i, unsigned int fmt)
{
	char buf[24];

	fwrite(buf, 1, largenum_text(buf, i, fmt), f);
}

static void put_largenum(struct out *o, uint64_t v, unsigned int fmt)
{
	o->n += largenum_text(o->b + o->n, v, fmt);
}

/* " %8" PRIu64 */
static void put_u64_8(struct out *o, uint64_t v)
{
	put_c(o, ' ');
	o->n += rjust(o->b + o->n, v, 8);
}

/*
 * Sorting, as ipvsadm's ipvs_cmp_services() / ipvs_cmp_dests(). Inline,
 * so that the checks whether a listing is already in order (it usually
 * is) compare without a call per pair.
 */
static inline int cmp_num(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

/* The bytes in order, as memcmp(); a's family gives the length. */
static inline int cmp_addr(const struct lbadm_addr *a,
			   const struct lbadm_addr *b)
{
	if (a->af == AF_INET6)
		return memcmp(a->b, b->b, 16);
	return cmp_num(ntohl(a->v4.s_addr), ntohl(b->v4.s_addr));
}

static inline int cmp_svc(const struct lbadm_svc *a, const struct lbadm_svc *b)
{
	int r;

	if ((r = cmp_num(a->fwmark, b->fwmark)) || (r = cmp_num(a->af, b->af)) ||
	    (r = cmp_num(a->protocol, b->protocol)) ||
	    (r = cmp_addr(&a->addr, &b->addr)))
		return r;
	return cmp_num(a->port, b->port);
}

static inline int cmp_addr_af(const struct lbadm_addr *a,
			      const struct lbadm_addr *b)
{
	int r = cmp_num(a->af, b->af);

	return r ? r : cmp_addr(a, b);
}

static inline int cmp_dest(const struct lbadm_dest *a,
			   const struct lbadm_dest *b)
{
	int r = cmp_addr_af(&a->addr, &b->addr);

	return r ? r : cmp_num(a->port, b->port);
}

int lbadm_cmp_svc_entry(const void *pa, const void *pb)
{
	return cmp_svc(&((const struct lbadm_svc_entry *)pa)->svc,
		       &((const struct lbadm_svc_entry *)pb)->svc);
}

int lbadm_cmp_addr(const void *pa, const void *pb)
{
	return cmp_addr_af(pa, pb);
}

int lbadm_cmp_dest(const void *pa, const void *pb)
{
	return cmp_dest(pa, pb);
}

void lbadm_sort(void *v, size_t n, size_t size,
		int (*cmp)(const void *, const void *))
{
	const char *p = v;
	size_t i;

	for (i = 1; i < n; i++) {
		if (cmp(p + (i - 1) * size, p + i * size) > 0) {
			qsort(v, n, size, cmp);
			return;
		}
	}
}

/* lbadm_sort() of servers and services, the check for order inlined. */
static void sort_dests(struct lbadm_dest *d, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++) {
		if (cmp_dest(&d[i - 1], &d[i]) > 0) {
			qsort(d, n, sizeof(*d), lbadm_cmp_dest);
			return;
		}
	}
}

static void sort_svcs(struct lbadm_svc_entry *v, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++) {
		if (cmp_svc(&v[i - 1].svc, &v[i].svc) > 0) {
			qsort(v, n, sizeof(*v), lbadm_cmp_svc_entry);
			return;
		}
	}
}

void lbadm_sort_services(struct lbadm_svc_entry *v, size_t n)
{
	size_t i;

	sort_svcs(v, n);
	for (i = 0; i < n; i++) {
		sort_dests(v[i].dests, v[i].n_dests);
		lbadm_sort(v[i].laddrs, v[i].n_laddrs, sizeof(*v[i].laddrs),
			   lbadm_cmp_addr);
	}
}

static void print_title(FILE *f, unsigned int fmt)
{
	if (fmt & LBADM_FMT_STATS)
		fprintf(f, "%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n",
			"Prot LocalAddress:Port", "Conns", "InPkts", "OutPkts",
			"InBytes", "OutBytes");
	else if (fmt & LBADM_FMT_RATE)
		fprintf(f, "%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n",
			"Prot LocalAddress:Port", "CPS", "InPPS", "OutPPS",
			"InBPS", "OutBPS");
	else if (fmt & LBADM_FMT_THRESH)
		fprintf(f, "%-33s %-10s %-10s %-10s %-10s\n  -> RemoteAddress:Port\n",
			"Prot LocalAddress:Port", "Uthreshold", "Lthreshold",
			"ActiveConn", "InActConn");
	else if (fmt & LBADM_FMT_PCONN)
		fprintf(f, "%-33s %-9s %-11s %-10s %-10s\n  -> RemoteAddress:Port\n",
			"Prot LocalAddress:Port", "Weight", "PersistConn",
			"ActiveConn", "InActConn");
	else if (fmt & LBADM_FMT_TUNINFO)
		fputs("Prot LocalAddress:Port Scheduler Flags\n"
		      "  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n",
		      f);
	else if (!(fmt & LBADM_FMT_RULE))
		fputs("Prot LocalAddress:Port Scheduler Flags\n"
		      "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n",
		      f);
}

static const char *const svc_timeout_opts[3] = {
	" --timeout-tcp ", " --timeout-tcpfin ", " --timeout-udp ",
};

/* -S: the service's own timeouts (lbvs's, after ipvsadm's options). */
static void put_svc_timeouts(struct out *o, const struct lbadm_svc *s)
{
	size_t i;

	for (i = 0; i < 3; i++) {
		if (s->timeouts[i]) {
			put_s(o, svc_timeout_opts[i]);
			put_u(o, s->timeouts[i], 0);
		}
	}
}

/* A service's name in a listing. */
struct svc_name {
	char b[80];
	size_t n;
};

static char *put_str(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

/*
 * "FWM  7 IPv6" / "-f 7 -6", "TCP  192.0.2.1:80" / "-t 192.0.2.1:80" (not
 * TCP: "-u"); as ipvsadm, "%-4s %s" cut at 33 bytes unless IPv6.
 */
static void svc_name(const struct lbadm_svc *s, unsigned int fmt,
		     struct svc_name *name)
{
	int rule = fmt & LBADM_FMT_RULE;
	char *p = name->b;

	if (s->fwmark) {
		p = put_str(p, rule ? "-f " : "FWM  ");
		p += lbadm_fmt_u32(p, s->fwmark);
		if (s->af == AF_INET6)
			p = put_str(p, rule ? " -6" : " IPv6");
	} else if (rule) {
		p = put_str(p, s->protocol == IPPROTO_TCP ? "-t " : "-u ");
		p += lbadm_addrport_text(p, &s->addr, s->port);
	} else {
		p = put_str(p, lbadm_proto_name(s->protocol));
		while (p - name->b < 4)
			*p++ = ' ';
		*p++ = ' ';
		p += lbadm_addrport_text(p, &s->addr, s->port);
		if (s->af != AF_INET6 && p - name->b > 33)
			p = name->b + 33;
	}
	name->n = (size_t)(p - name->b);
}

static void put_stats5(struct out *o, const uint64_t *v, unsigned int fmt)
{
	int i;

	for (i = 0; i < 5; i++)
		put_largenum(o, v[i], fmt);
}

static void put_mask(struct out *o, const struct lbadm_svc *s, const char *kw)
{
	char m[INET_ADDRSTRLEN];

	if (s->af == AF_INET && s->netmask != 32) {
		lbadm_prefix_to_mask4(s->netmask, m, sizeof(m));
	} else if (s->af == AF_INET6 && s->netmask != 128) {
		m[lbadm_fmt_u32(m, s->netmask)] = '\0';
	} else {
		return;
	}
	put_c(o, ' ');
	put_s(o, kw);
	put_c(o, ' ');
	put_s(o, m);
}

static void put_sched_flags(struct out *o, const struct lbadm_svc *s,
			    const char *before, const char *after)
{
	char f[LBADM_SCHED_FLAGS_LEN];

	lbadm_fmt_sched_flags(f, s->sched, s->flags);
	put_s(o, before);
	put_s(o, f);
	put_s(o, after);
}

static void print_svc_line(struct out *o, const struct lbadm_svc *s,
			   const struct svc_name *name, unsigned int fmt)
{
	const struct lbadm_stats *st = &s->stats;
	const uint64_t counts[5] = { st->conns, st->inpkts, st->outpkts,
				     st->inbytes, st->outbytes };
	const uint64_t rates[5] = { st->cps, st->inpps, st->outpps, st->inbps,
				    st->outbps };
	int rule = fmt & LBADM_FMT_RULE;

	if (!rule && (fmt & (LBADM_FMT_STATS | LBADM_FMT_RATE))) {
		put_mem(o, name->b, name->n);
		pad_from(o, o->n - name->n, 33);
		put_stats5(o, fmt & LBADM_FMT_STATS ? counts : rates, fmt);
		put_nl(o);
		return;
	}
	/*
	 * "-A NAME -s SCHED -p T -M MASK -o -b FLAGS" or
	 * "NAME SCHED (FLAGS) persistent T mask M ops", as ipvsadm orders them.
	 */
	put_mem(o, name->b, name->n);
	put_s(o, rule ? " -s " : " ");
	put_s(o, s->sched);
	if (!rule && (s->flags & LBVS_SVC_F_SCHED_MASK))
		put_sched_flags(o, s, " (", ")");
	if (s->flags & LBVS_SVC_F_PERSISTENT) {
		put_s(o, rule ? " -p " : " persistent ");
		put_u(o, s->timeout, 0);
		put_mask(o, s, rule ? "-M" : "mask");
	}
	if (s->flags & LBVS_SVC_F_ONEPACKET)
		put_s(o, rule ? " -o" : " ops");
	if (s->flags & LBVS_SVC_F_SYNPROXY)
		put_s(o, rule ? " --synproxy" : " synproxy");
	if (rule && (s->flags & LBVS_SVC_F_SCHED_MASK))
		put_sched_flags(o, s, " -b ", "");
	if (rule)
		put_svc_timeouts(o, s);
	put_nl(o);
}

/* "gue", then PORT_SEP port (GUE), then CSUM_SEP and the checksum's name. */
static void put_tun(struct out *o, const struct lbadm_dest *d, const char *port_sep,
		    const char *csum_sep, int rule)
{
	const struct lbadm_tun_csum *csum = lbadm_tun_csum_of(d->tun_flags);

	put_s(o, lbadm_tun_type_name(d->tun_type));
	if (d->tun_type == LBVS_TUN_GUE) {
		put_s(o, port_sep);
		put_u(o, d->tun_port, 0);
	}
	if (d->tun_type != LBVS_TUN_IPIP) {
		put_s(o, csum_sep);
		put_s(o, rule ? csum->opt : csum->info);
	}
}

/* ipvsadm's --tun-info column: "ipip", "gue:PORT:+c", "gre:-c" or "n/a". */
static void put_tun_info(struct out *o, const struct lbadm_dest *d)
{
	size_t start = o->n;

	if (d->fwd != LBVS_FWD_TUN)
		put_s(o, "n/a");
	else
		put_tun(o, d, ":", ":", 0);
	pad_from(o, start, 13);
}

/* -S: " --tun-type gue --tun-port 6080 --tun-csum", as ipvsadm 1.31. */
static void put_tun_rule(struct out *o, const struct lbadm_dest *d)
{
	put_s(o, " --tun-type ");
	put_tun(o, d, " --tun-port ", " ", 1);
}

/* "%s -r %s %s -w %u" [--tun-type ...] [-x %u] [-y %u], after "-a ". */
static void print_dest_rule(struct out *o, const struct lbadm_dest *d,
			    const struct svc_name *name)
{
	put_mem(o, name->b, name->n);
	put_s(o, " -r ");
	put_addrport(o, &d->addr, d->port, 0);
	put_c(o, ' ');
	put_s(o, fwd_switch(d->fwd));
	put_s(o, " -w ");
	put_u(o, d->weight, 0);
	if (d->fwd == LBVS_FWD_TUN)	/* as ipvsadm 1.31 saves it */
		put_tun_rule(o, d);
	if (d->u_thresh) {
		put_s(o, " -x ");
		put_u(o, d->u_thresh, 0);
	}
	if (d->l_thresh) {
		put_s(o, " -y ");
		put_u(o, d->l_thresh, 0);
	}
	put_nl(o);
}

/* " %-7s " of the forwarding method, in a copy of constant size. */
static void put_fwd_col(struct out *o, uint32_t fwd)
{
	static const char cols[][10] = {
		[LBVS_FWD_NAT] = " Masq    ", [LBVS_FWD_DR] = " Route   ",
		[LBVS_FWD_TUN] = " Tunnel  ", [LBVS_FWD_FULLNAT] = " FullNat ",
	};
	const char *c = fwd <= LBVS_FWD_MAX && cols[fwd][0] ? cols[fwd] :
			" ?       ";

	memcpy(o->b + o->n, c, 9);
	o->n += 9;
}

/*
 * "  -> %-28s" then the columns of fmt. ipvsadm cuts the address at 28
 * bytes unless IPv6; an IPv4 address:port never is that long.
 */
static void print_dest_line(struct out *o, const struct lbadm_dest *d,
			    unsigned int fmt)
{
	const struct lbadm_stats *st = &d->stats;
	const uint64_t counts[5] = { st->conns, st->inpkts, st->outpkts,
				     st->inbytes, st->outbytes };

	put_s(o, "  -> ");
	put_addrport(o, &d->addr, d->port, 28);
	if (fmt & LBADM_FMT_STATS) {
		put_stats5(o, counts, fmt);
	} else if (fmt & LBADM_FMT_RATE) {
		put_u64_8(o, st->cps);
		put_u64_8(o, st->inpps);
		put_u64_8(o, st->outpps);
		put_largenum(o, st->inbps, fmt);
		put_largenum(o, st->outbps, fmt);
	} else if (fmt & LBADM_FMT_THRESH) {
		/* " %-10u %-10u %-10u %-10u" */
		put_col(o, d->u_thresh, 10);
		put_col(o, d->l_thresh, 10);
		put_col(o, d->active, 10);
		put_col(o, d->inactive, 10);
	} else if (fmt & LBADM_FMT_PCONN) {
		/* " %-9u %-11u %-10u %-10u" */
		put_col(o, d->weight, 9);
		put_col(o, d->persist, 11);
		put_col(o, d->active, 10);
		put_col(o, d->inactive, 10);
	} else if (fmt & LBADM_FMT_TUNINFO) {
		/* " %-7s %-13s %-6d %-10u %-10u" */
		put_fwd_col(o, d->fwd);
		put_tun_info(o, d);
		put_col(o, d->weight, 6);
		put_col(o, d->active, 10);
		put_col(o, d->inactive, 10);
	} else {
		/* " %-7s %-6u %-10u %-10u", then lbvs's own: draining Ns */
		put_fwd_col(o, d->fwd);
		put_u(o, d->weight, 6);
		put_col(o, d->active, 10);
		put_col(o, d->inactive, 10);
		if (d->has_drain) {
			put_s(o, " draining ");
			put_u(o, d->drain, 0);
			put_c(o, 's');
		}
	}
	put_nl(o);
}

/* One line per pool address: prefix, then the address (IPv6 bracketed). */
static void print_laddr_lines(struct out *o, const struct lbadm_svc_entry *se,
			      const char *prefix, size_t len)
{
	size_t i;

	for (i = 0; i < se->n_laddrs; i++) {
		put_mem(o, prefix, len);
		o->n += lbadm_addr_text(o->b + o->n, &se->laddrs[i], 1);
		put_nl(o);
	}
}

static void print_entry_text(struct out *o, const struct lbadm_svc_entry *se,
			     unsigned int fmt)
{
	struct svc_name name;
	char prefix[96];
	size_t i, n;

	svc_name(&se->svc, fmt, &name);
	if (fmt & LBADM_FMT_RULE)
		put_s(o, "-A ");
	print_svc_line(o, &se->svc, &name, fmt);
	for (i = 0; i < se->n_dests; i++) {
		if (fmt & LBADM_FMT_RULE) {
			put_s(o, "-a ");
			print_dest_rule(o, &se->dests[i], &name);
		} else {
			print_dest_line(o, &se->dests[i], fmt);
		}
	}
	if ((fmt & LBADM_FMT_RULE) && se->n_laddrs) {
		/* "-P %s -z " */
		memcpy(prefix, "-P ", 3);
		memcpy(prefix + 3, name.b, name.n);
		n = 3 + name.n;
		memcpy(prefix + n, " -z ", 4);
		print_laddr_lines(o, se, prefix, n + 4);
	}
}

/* JSON. */

static void json_str(struct out *o, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	put_c(o, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\') {
			put_c(o, '\\');
			put_c(o, *s);
		} else if ((unsigned char)*s < 0x20) {
			put_s(o, "\\u00");
			put_c(o, hex[*s >> 4]);
			put_c(o, hex[*s & 15]);
		} else {
			put_c(o, *s);
		}
	}
	put_c(o, '"');
}

/* An address needs no escapes. */
static void json_addr(struct out *o, const struct lbadm_addr *a)
{
	put_c(o, '"');
	o->n += lbadm_addr_text(o->b + o->n, a, 0);
	put_c(o, '"');
}

static const char *family_json(int af)
{
	return af == AF_INET6 ? "inet6" : "inet";
}

/*
 * JSON keys before numbers, each copied in a store of constant size (a
 * listing writes 16 per server).
 */
struct json_key {
	char s[31];
	uint8_t n;
};

#define KEY(k)	{ k, sizeof(k) - 1 }

static void json_u64s(struct out *o, const struct json_key *keys,
		      const uint64_t *v, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		memcpy(o->b + o->n, keys[i].s, sizeof(keys[i].s));
		o->n += keys[i].n;
		put_u64(o, v[i]);
	}
}

static void json_stats(struct out *o, const struct lbadm_stats *s)
{
	static const struct json_key keys[] = {
		KEY("{\"conns\":"), KEY(",\"inpkts\":"), KEY(",\"outpkts\":"),
		KEY(",\"inbytes\":"), KEY(",\"outbytes\":"), KEY(",\"cps\":"),
		KEY(",\"inpps\":"), KEY(",\"outpps\":"), KEY(",\"inbps\":"),
		KEY(",\"outbps\":"), KEY(",\"drops\":"),
	};
	const uint64_t v[] = { s->conns, s->inpkts, s->outpkts, s->inbytes,
			       s->outbytes, s->cps, s->inpps, s->outpps,
			       s->inbps, s->outbps, s->drops };

	json_u64s(o, keys, v, sizeof(v) / sizeof(v[0]));
	put_c(o, '}');
}

/* ,"tunnel":{"type":"gue","port":6080,"checksum":"csum"} or null */
static void json_tun(struct out *o, const struct lbadm_dest *d)
{
	if (d->fwd != LBVS_FWD_TUN) {
		put_s(o, ",\"tunnel\":null");
		return;
	}
	put_s(o, ",\"tunnel\":{\"type\":\"");
	put_s(o, lbadm_tun_type_name(d->tun_type));
	put_s(o, "\",\"port\":");
	put_u(o, d->tun_port, 0);
	put_s(o, ",\"checksum\":\"");
	put_s(o, lbadm_tun_csum_of(d->tun_flags)->opt + strlen("--tun-"));
	put_s(o, "\"}");
}

static void json_dest(struct out *o, const struct lbadm_dest *d)
{
	static const struct json_key keys[] = {
		KEY(",\"weight\":"), KEY(",\"u_threshold\":"),
		KEY(",\"l_threshold\":"), KEY(",\"active_conns\":"),
		KEY(",\"inactive_conns\":"), KEY(",\"persistent_conns\":"),
	};
	const uint64_t v[] = { d->weight, d->u_thresh, d->l_thresh, d->active,
			       d->inactive, d->persist };

	put_s(o, "{\"address\":");
	json_addr(o, &d->addr);
	put_s(o, ",\"port\":");
	put_u(o, d->port, 0);
	put_s(o, ",\"forward\":\"");
	put_s(o, fwd_json(d->fwd));
	put_c(o, '"');
	json_u64s(o, keys, v, 6);
	put_s(o, ",\"drain_left\":");
	put_u(o, d->has_drain ? d->drain : 0, 0);
	json_tun(o, d);
	put_s(o, ",\"stats\":");
	json_stats(o, &d->stats);
	put_c(o, '}');
}

/* A service's key: "{family,protocol,address,port,fwmark," (object open). */
static void json_svc_key(struct out *o, const struct lbadm_svc *s)
{
	put_s(o, "{\"family\":\"");
	put_s(o, family_json(s->af));
	put_s(o, "\",");
	if (s->fwmark) {
		put_s(o, "\"protocol\":null,\"address\":null,\"port\":null,"
		      "\"fwmark\":");
		put_u(o, s->fwmark, 0);
		put_c(o, ',');
	} else {
		put_s(o, s->protocol == IPPROTO_TCP ?
		      "\"protocol\":\"tcp\",\"address\":" :
		      "\"protocol\":\"udp\",\"address\":");
		json_addr(o, &s->addr);
		put_s(o, ",\"port\":");
		put_u(o, s->port, 0);
		put_s(o, ",\"fwmark\":null,");
	}
}

/* ,"sched_flags":["sh-fallback",...] */
static void json_sched_flags(struct out *o, const struct lbadm_svc *s)
{
	const char *names[3];
	size_t i, k = lbadm_sched_flag_names(s->sched, s->flags, names);

	put_s(o, ",\"sched_flags\":[");
	for (i = 0; i < k; i++) {
		put_s(o, i ? ",\"" : "\"");
		put_s(o, names[i]);
		put_c(o, '"');
	}
	put_c(o, ']');
}

/* Lines of JSON: one document, with room kept for its next object. */
static void json_next(struct out *o)
{
	if (o->n > sizeof(o->b) - OUT_LINE)
		out_flush(o);
}

static void json_entry(struct out *o, const struct lbadm_svc_entry *se)
{
	const struct lbadm_svc *s = &se->svc;
	size_t i;

	json_svc_key(o, s);
	put_s(o, "\"scheduler\":");
	json_str(o, s->sched);
	json_sched_flags(o, s);
	put_s(o, s->flags & LBVS_SVC_F_PERSISTENT ?
	      ",\"persistent\":true,\"timeout\":" :
	      ",\"persistent\":false,\"timeout\":");
	put_u(o, s->timeout, 0);
	put_s(o, ",\"netmask\":");
	put_u(o, s->netmask, 0);
	put_s(o, s->flags & LBVS_SVC_F_ONEPACKET ? ",\"one_packet\":true" :
	      ",\"one_packet\":false");
	put_s(o, s->flags & LBVS_SVC_F_SYNPROXY ? ",\"synproxy\":true" :
	      ",\"synproxy\":false");
	put_s(o, ",\"timeouts\":{\"tcp\":");
	put_u(o, s->timeouts[0], 0);
	put_s(o, ",\"tcp_fin\":");
	put_u(o, s->timeouts[1], 0);
	put_s(o, ",\"udp\":");
	put_u(o, s->timeouts[2], 0);
	put_c(o, '}');
	put_s(o, ",\"stats\":");
	json_stats(o, &s->stats);
	put_s(o, ",\"servers\":[");
	for (i = 0; i < se->n_dests; i++) {
		json_next(o);
		if (i)
			put_c(o, ',');
		json_dest(o, &se->dests[i]);
	}
	put_s(o, "]}");
}

static void print_list_json(struct out *o, const struct lbadm_info *info,
			    const struct lbadm_svc_entry *v, size_t n)
{
	size_t i;

	put_c(o, '{');
	if (info) {
		put_s(o, "\"version\":\"");
		put_u(o, info->version >> 16, 0);
		put_c(o, '.');
		put_u(o, (info->version >> 8) & 0xff, 0);
		put_c(o, '.');
		put_u(o, info->version & 0xff, 0);
		put_s(o, "\",\"conn_tab_size\":");
		put_u(o, info->conn_tab_size, 0);
		put_c(o, ',');
	}
	put_s(o, "\"services\":[");
	for (i = 0; i < n; i++) {
		json_next(o);
		if (i)
			put_c(o, ',');
		json_entry(o, &v[i]);
	}
	put_s(o, "]}");
	put_nl(o);
}

void lbadm_print_list(FILE *f, const struct lbadm_info *info,
		      struct lbadm_svc_entry *v, size_t n, unsigned int fmt)
{
	struct out o;
	size_t i;

	out_init(&o, f);
	if (!(fmt & LBADM_FMT_NOSORT))
		lbadm_sort_services(v, n);
	if (fmt & LBADM_FMT_JSON) {
		print_list_json(&o, info, v, n);
		out_flush(&o);
		return;
	}
	if (info && !(fmt & LBADM_FMT_RULE))
		fprintf(f, "lbvs version %u.%u.%u (size=%u)\n",
			info->version >> 16, (info->version >> 8) & 0xff,
			info->version & 0xff, info->conn_tab_size);
	print_title(f, fmt);
	for (i = 0; i < n; i++)
		print_entry_text(&o, &v[i], fmt);
	out_flush(&o);
}

/* -G: {"services":[{KEY...,"local_addresses":[ADDR...]}]}. */
static void print_laddrs_json(struct out *o, const struct lbadm_svc_entry *v,
			      size_t n)
{
	size_t i, k;

	put_s(o, "{\"services\":[");
	for (i = 0; i < n; i++) {
		json_next(o);
		if (i)
			put_c(o, ',');
		json_svc_key(o, &v[i].svc);
		put_s(o, "\"local_addresses\":[");
		for (k = 0; k < v[i].n_laddrs; k++) {
			json_next(o);
			if (k)
				put_c(o, ',');
			json_addr(o, &v[i].laddrs[k]);
		}
		put_s(o, "]}");
	}
	put_s(o, "]}");
	put_nl(o);
}

void lbadm_print_laddrs(FILE *f, struct lbadm_svc_entry *v, size_t n,
			unsigned int fmt)
{
	struct svc_name name;
	struct out o;
	size_t i;

	out_init(&o, f);
	lbadm_sort_services(v, n);
	if (fmt & LBADM_FMT_JSON) {
		print_laddrs_json(&o, v, n);
		out_flush(&o);
		return;
	}
	put_s(&o, "Prot LocalAddress:Port\n  -> FullNatLocalAddress\n");
	for (i = 0; i < n; i++) {
		svc_name(&v[i].svc, 0, &name);
		put_mem(&o, name.b, name.n);
		put_nl(&o);
		print_laddr_lines(&o, &v[i], "  -> ", 5);
	}
	out_flush(&o);
}

/* ,"KEY":{"address":ADDR,"port":N} */
static void json_ep(struct out *o, const char *key, const struct lbadm_addr *a,
		    uint16_t port)
{
	put_s(o, ",\"");
	put_s(o, key);
	put_s(o, "\":{\"address\":");
	json_addr(o, a);
	put_s(o, ",\"port\":");
	put_u(o, port, 0);
	put_c(o, '}');
}

static void print_conn_json(struct out *o, const struct lbadm_conn *c)
{
	put_s(o, "{\"protocol\":\"");
	put_s(o, c->protocol == IPPROTO_TCP ? "tcp" :
	      c->protocol == IPPROTO_UDP ? "udp" : "other");
	put_s(o, "\",\"family\":\"");
	put_s(o, family_json(c->af));
	put_s(o, "\",\"state\":\"");
	put_s(o, lbadm_state_name(c->state));
	put_s(o, "\",\"expires_ms\":");
	put_u(o, c->expires_ms, 0);
	put_s(o, ",\"forward\":\"");
	put_s(o, fwd_json(c->fwd));
	put_c(o, '"');
	json_ep(o, "client", &c->caddr, c->cport);
	json_ep(o, "virtual", &c->vaddr, c->vport);
	if (c->fwd == LBVS_FWD_FULLNAT && c->laddr.af)
		json_ep(o, "local", &c->laddr, c->lport);
	else
		put_s(o, ",\"local\":null");
	json_ep(o, "server", &c->daddr, c->dport);
	put_c(o, '}');
}

static void print_conns_json(struct out *o, const struct lbadm_conn *c,
			     size_t n)
{
	size_t i;

	put_s(o, "{\"connections\":[");
	for (i = 0; i < n; i++) {
		json_next(o);
		if (i)
			put_c(o, ',');
		print_conn_json(o, &c[i]);
	}
	put_s(o, "]}");
	put_nl(o);
}

/* "%-3s %-6s %-11s %-18s %-18s %s\n" */
static void print_conn_line(struct out *o, const struct lbadm_conn *c)
{
	unsigned int secs = c->expires_ms / 1000;
	char exp[16];

	put_pad(o, lbadm_proto_name(c->protocol), 3);
	put_c(o, ' ');
	/* "%02u:%02u" */
	snprintf(exp, sizeof(exp), "%02u:%02u", secs / 60, secs % 60);
	put_pad(o, exp, 6);
	put_c(o, ' ');
	put_pad(o, lbadm_state_name(c->state), 11);
	put_c(o, ' ');
	put_addrport(o, &c->caddr, c->cport, 18);
	put_c(o, ' ');
	put_addrport(o, &c->vaddr, c->vport, 18);
	put_c(o, ' ');
	put_addrport(o, &c->daddr, c->dport, 0);
	put_nl(o);
}

void lbadm_print_conns(FILE *f, const struct lbadm_conn *c, size_t n,
		       unsigned int fmt)
{
	struct out o;
	size_t i;

	out_init(&o, f);
	if (fmt & LBADM_FMT_JSON) {
		print_conns_json(&o, c, n);
		out_flush(&o);
		return;
	}
	fputs("IPVS connection entries\n", f);
	if (fmt & LBADM_FMT_PCONN)
		fprintf(f, "pro expire %-11s %-18s %-18s %-18s %-16s %s\n",
			"state", "source", "virtual", "destination",
			"pe name", "pe_data");
	else
		fprintf(f, "pro expire %-11s %-18s %-18s %s\n", "state",
			"source", "virtual", "destination");
	for (i = 0; i < n; i++)
		print_conn_line(&o, &c[i]);
	out_flush(&o);
}

/* A service's own timeouts, or the namespace's where it has none. */
static uint32_t own_or(uint32_t own, uint32_t ns)
{
	return own ? own : ns;
}

void lbadm_print_timeouts(FILE *f, const struct lbadm_timeouts *t,
			  const struct lbadm_svc_entry *v, size_t n, unsigned int fmt)
{
	struct svc_name name;
	size_t i;

	if (fmt & LBADM_FMT_JSON) {
		fprintf(f, "{\"timeout\":{\"tcp\":%u,\"tcp_fin\":%u,\"udp\":%u}}\n",
			t->tcp, t->tcp_fin, t->udp);
		return;
	}
	fprintf(f, "Timeout (tcp tcpfin udp): %u %u %u\n", t->tcp, t->tcp_fin, t->udp);
	/* lbvs's: the services with timeouts of their own, as they apply. */
	for (i = 0; i < n; i++) {
		const uint32_t *own = v[i].svc.timeouts;

		if (!own[0] && !own[1] && !own[2])
			continue;
		svc_name(&v[i].svc, fmt, &name);
		fprintf(f, "%.*s (tcp tcpfin udp): %u %u %u\n", (int)name.n, name.b,
			own_or(own[0], t->tcp), own_or(own[1], t->tcp_fin),
			own_or(own[2], t->udp));
	}
}

/* -L --daemon: ipvsadm's list_daemon(), masters first. */

/*
 * A daemon's settings shown only when set (maxlen, group, port, ttl), each
 * after its key: list_keys as -L --daemon, arg_keys as the command line.
 */
static const char *const list_keys[] = { ", maxlen=", ", group=", ", port=", ", ttl=" };
static const char *const arg_keys[] = {
	" --sync-maxlen ", " --mcast-group ", " --mcast-port ", " --mcast-ttl ",
};

static void put_daemon_opts(struct out *o, const struct lbadm_daemon *d,
			    const char *const key[4])
{
	if (d->maxlen) {
		put_s(o, key[0]);
		put_u(o, d->maxlen, 0);
	}
	if (d->group.af) {
		put_s(o, key[1]);
		o->n += lbadm_addr_text(o->b + o->n, &d->group, 0);
	}
	if (d->port) {
		put_s(o, key[2]);
		put_u(o, d->port, 0);
	}
	if (d->ttl) {
		put_s(o, key[3]);
		put_u(o, d->ttl, 0);
	}
}

/* The peers, "A,B", or "--sync-peer A --sync-peer B" (sep " --sync-peer "). */
static void put_peers(struct out *o, const struct lbadm_peers *p, const char *first,
		      const char *sep)
{
	int i;

	for (i = 0; i < p->n; i++) {
		put_s(o, i ? sep : first);
		o->n += lbadm_addr_text(o->b + o->n, &p->a[i], 0);
	}
}

/*
 * ipvsadm's line, then lbvs's own settings after it: the line stays
 * ipvsadm's for a daemon that has none.
 */
static void print_daemon_line(struct out *o, const struct lbadm_daemon *d,
			      unsigned int fmt)
{
	const uint64_t *ctr = &d->tx_msgs;
	static const char *const ctr_keys[] = {
		"  tx_msgs=", " tx_conns=", " tx_dropped=", " rx_msgs=",
		" rx_conns=", " rx_refused=", " rx_errors=",
	};
	static const char *const resync_keys[] = {
		" resyncs=", " resync_entries=", " resync_ms=",
	};
	const char *resync = lbadm_resync_state_name(d->resync_state);
	size_t i;

	put_s(o, lbadm_sync_state_name(d->state));
	put_s(o, " sync daemon (mcast=");
	put_mem(o, d->ifname, strnlen(d->ifname, sizeof(d->ifname)));
	put_s(o, ", syncid=");
	put_u(o, d->syncid, 0);
	put_daemon_opts(o, d, list_keys);
	put_c(o, ')');
	put_peers(o, &d->peers, " peers=", ",");
	put_nl(o);
	if (!(fmt & LBADM_FMT_STATS))
		return;
	for (i = 0; i < sizeof(ctr_keys) / sizeof(ctr_keys[0]); i++) {
		put_s(o, ctr_keys[i]);
		put_u64(o, ctr[i]);
	}
	if (resync) {
		put_s(o, " resync=");
		put_s(o, resync);
	}
	for (i = 0; i < sizeof(resync_keys) / sizeof(resync_keys[0]); i++) {
		put_s(o, resync_keys[i]);
		put_u64(o, (&d->resyncs)[i]);
	}
	put_s(o, d->auth ? " auth=on" : " auth=off");
	put_s(o, " rx_auth_failed=");
	put_u64(o, d->rx_auth_failed);
	/* Peers' counter only with peers. */
	if (d->peers.n) {
		put_s(o, " rx_not_peer=");
		put_u64(o, d->rx_not_peer);
	}
	put_nl(o);
}

static void print_daemon_json(struct out *o, const struct lbadm_daemon *d)
{
	static const struct json_key keys[] = {
		KEY(",\"tx_msgs\":"), KEY(",\"tx_conns\":"),
		KEY(",\"tx_dropped\":"), KEY(",\"rx_msgs\":"),
		KEY(",\"rx_conns\":"), KEY(",\"rx_refused\":"),
		KEY(",\"rx_errors\":"),
	};
	static const struct json_key resync_keys[] = {
		KEY(",\"resyncs\":"), KEY(",\"resync_entries\":"), KEY(",\"resync_ms\":"),
	};
	const char *resync = lbadm_resync_state_name(d->resync_state);
	int i;

	put_s(o, "{\"state\":\"");
	put_s(o, lbadm_sync_state_name(d->state));
	put_s(o, "\",\"mcast_interface\":");
	json_str(o, d->ifname);
	put_s(o, ",\"syncid\":");
	put_u(o, d->syncid, 0);
	put_s(o, ",\"maxlen\":");
	put_u(o, d->maxlen, 0);
	put_s(o, ",\"group\":");
	if (d->group.af)
		json_addr(o, &d->group);
	else
		put_s(o, "null");
	put_s(o, ",\"port\":");
	put_u(o, d->port, 0);
	put_s(o, ",\"ttl\":");
	put_u(o, d->ttl, 0);
	put_s(o, ",\"peers\":[");
	for (i = 0; i < d->peers.n; i++) {
		if (i)
			put_c(o, ',');
		json_addr(o, &d->peers.a[i]);
	}
	put_c(o, ']');
	json_u64s(o, keys, &d->tx_msgs, (int)(sizeof(keys) / sizeof(keys[0])));
	put_s(o, ",\"resync\":");
	if (resync)
		json_str(o, resync);
	else
		put_s(o, "null");
	json_u64s(o, resync_keys, &d->resyncs, (int)(sizeof(resync_keys) / sizeof(resync_keys[0])));
	put_s(o, d->auth ? ",\"auth\":true" : ",\"auth\":false");
	put_s(o, ",\"rx_auth_failed\":");
	put_u64(o, d->rx_auth_failed);
	put_s(o, ",\"rx_not_peer\":");
	put_u64(o, d->rx_not_peer);
	put_c(o, '}');
}

void lbadm_print_daemons(FILE *f, const struct lbadm_daemon *v, size_t n,
			 unsigned int fmt)
{
	static const uint32_t order[] = {
		LBVS_SYNC_STATE_MASTER, LBVS_SYNC_STATE_BACKUP,
	};
	struct out *o = malloc(sizeof(*o));
	int first = 1;
	size_t i, k;

	if (!o)
		return;
	out_init(o, f);
	if (fmt & LBADM_FMT_JSON)
		put_s(o, "{\"daemons\":[");
	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		for (i = 0; i < n; i++) {
			if (!(v[i].state & order[k]) ||
			    (k && (v[i].state & LBVS_SYNC_STATE_MASTER)))
				continue;
			if (!(fmt & LBADM_FMT_JSON)) {
				print_daemon_line(o, &v[i], fmt);
				continue;
			}
			if (!first)
				put_c(o, ',');
			first = 0;
			print_daemon_json(o, &v[i]);
		}
	}
	if (fmt & LBADM_FMT_JSON) {
		put_s(o, "]}");
		put_nl(o);
	}
	out_flush(o);
	free(o);
}

static const char *const drop_names[__LBVS_DROP_MAX] = LBVS_DROP_NAMES;

const char *lbadm_drop_name(unsigned int reason)
{
	return reason < __LBVS_DROP_MAX ? drop_names[reason] : "?";
}

void lbadm_print_drops(FILE *f, const uint64_t *drops, unsigned int fmt)
{
	unsigned int r;

	if (!(fmt & LBADM_FMT_JSON)) {
		for (r = 0; r < __LBVS_DROP_MAX; r++)
			fprintf(f, "%-15s %" PRIu64 "\n", drop_names[r], drops[r]);
		return;
	}
	fputs("{\"drops\":{", f);
	for (r = 0; r < __LBVS_DROP_MAX; r++)
		fprintf(f, "%s\"%s\":%" PRIu64, r ? "," : "", drop_names[r], drops[r]);
	fputs("}}\n", f);
}

/* Events (--monitor). */

/* "-a" or "--set": how the command is written. */
static void put_cmd(struct out *o, const struct lbadm_opt *c)
{
	if (c->shortname) {
		put_c(o, '-');
		put_c(o, c->shortname);
	} else {
		put_s(o, "--");
		put_s(o, c->longname);
	}
}

/*
 * --start-daemon's and --stop-daemon's state, and what else the event
 * has: " master --mcast-interface eth0 --syncid 7 ...".
 */
static void put_daemon_args(struct out *o, const struct lbadm_req *r)
{
	const struct lbadm_daemon *d = &r->daemon;
	const char *state = lbadm_sync_state_name(d->state);

	put_c(o, ' ');
	put_s(o, state ? state : "?");
	if (d->ifname[0]) {
		put_s(o, " --mcast-interface ");
		put_mem(o, d->ifname, strnlen(d->ifname, sizeof(d->ifname)));
		put_s(o, " --syncid ");
		put_u(o, d->syncid, 0);
	}
	put_daemon_opts(o, d, arg_keys);
	put_peers(o, &d->peers, " --sync-peer ", " --sync-peer ");
	put_nl(o);
}

/* The rest of r's command line after its command, as -S writes rules. */
static void put_req_args(struct out *o, const struct lbadm_req *r)
{
	struct svc_name name;

	if (r->cmd == LC_SET) {
		put_c(o, ' ');
		put_u(o, r->to.tcp, 0);
		put_c(o, ' ');
		put_u(o, r->to.tcp_fin, 0);
		put_c(o, ' ');
		put_u(o, r->to.udp, 0);
		put_nl(o);
		return;
	}
	if (r->cmd == LC_STARTD || r->cmd == LC_STOPD) {
		put_daemon_args(o, r);
		return;
	}
	if (!r->has_svc) {
		put_nl(o);
		return;
	}
	put_c(o, ' ');
	svc_name(&r->svc, LBADM_FMT_RULE, &name);
	if (r->cmd == LC_ADD || r->cmd == LC_EDIT) {
		print_svc_line(o, &r->svc, &name, LBADM_FMT_RULE);
		return;
	}
	if ((r->cmd == LC_ADDDEST || r->cmd == LC_EDITDEST) && !r->dest.has_drain) {
		print_dest_rule(o, &r->dest, &name);
		return;
	}
	put_mem(o, name.b, name.n);
	if (r->given[O_REAL]) {
		put_s(o, " -r ");
		put_addrport(o, &r->dest.addr, r->dest.port, 0);
	}
	if (r->given[O_LADDR]) {
		put_s(o, " -z ");
		o->n += lbadm_addr_text(o->b + o->n, &r->laddr, 1);
	}
	if (r->dest.has_drain) {
		put_s(o, " --drain ");
		put_u(o, r->dest.drain, 0);
	}
	put_nl(o);
}

void lbadm_print_event(FILE *f, const struct lbadm_req *r, uint32_t pid,
		       const char *comm, unsigned int fmt)
{
	struct out line, o;

	out_init(&line, f);
	put_cmd(&line, r->cmd_opt);
	put_req_args(&line, r);
	line.b[line.n - 1] = '\0';	/* the newline */
	out_init(&o, f);
	if (fmt & LBADM_FMT_JSON) {
		put_s(&o, "{\"pid\":");
		put_u(&o, pid, 0);
		put_s(&o, ",\"comm\":");
		json_str(&o, comm);
		put_s(&o, ",\"command\":");
		json_str(&o, r->cmd_opt->longname);
		put_s(&o, ",\"rule\":");
		json_str(&o, line.b);
		put_s(&o, "}\n");
	} else {
		put_c(&o, '[');
		put_u(&o, pid, 0);
		put_c(&o, ' ');
		put_mem(&o, comm, strlen(comm));
		put_s(&o, "] ");
		put_s(&o, line.b);
		put_nl(&o);
	}
	out_flush(&o);
}

void lbadm_print_conn_event(FILE *f, const struct lbadm_conn *c, int end,
			    unsigned int fmt)
{
	struct out o;

	out_init(&o, f);
	if (fmt & LBADM_FMT_JSON) {
		put_s(&o, end ? "{\"event\":\"destroy\",\"connection\":" :
		      "{\"event\":\"new\",\"connection\":");
		print_conn_json(&o, c);
		put_s(&o, "}\n");
	} else {
		/* conntrack -E's tags, right-aligned as it does. */
		put_s(&o, end ? "[DESTROY] " : "    [NEW] ");
		print_conn_line(&o, c);
	}
	out_flush(&o);
}
