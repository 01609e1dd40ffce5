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

#include "print.h"
#include "parse.h"

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
	case LBVS_FWD_FULLNAT:	return "-b";
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
 * One output line built by hand: the text layouts below are ipvsadm's
 * printf formats, and printf dominated listing 110,000 servers. put_pad()
 * is "%-*s", put_u() "%-*u" (w 0: "%u"); a line is written with one fwrite.
 */
struct line {
	char b[512];
	size_t n;
};

static void put_mem(struct line *l, const char *s, size_t n)
{
	if (n > sizeof(l->b) - l->n)
		n = sizeof(l->b) - l->n;
	memcpy(l->b + l->n, s, n);
	l->n += n;
}

static void put_pad(struct line *l, const char *s, size_t w)
{
	size_t n = strlen(s);

	put_mem(l, s, n);
	if (n < w && w - n <= sizeof(l->b) - l->n) {
		memset(l->b + l->n, ' ', w - n);
		l->n += w - n;
	}
}

static void put_s(struct line *l, const char *s)
{
	put_pad(l, s, 0);
}

static void put_u(struct line *l, uint32_t v, size_t w)
{
	char d[12];

	d[lbadm_fmt_u32(d, v)] = '\0';
	put_pad(l, d, w);
}

static void put_line(FILE *f, struct line *l)
{
	put_mem(l, "\n", 1);
	fwrite(l->b, 1, l->n, f);
	l->n = 0;
}

void lbadm_print_largenum(FILE *f, uint64_t i, unsigned int fmt)
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

/* Sorting, as ipvsadm's ipvs_cmp_services() / ipvs_cmp_dests(). */
static int cmp_num(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_addr(const struct lbadm_addr *a, const struct lbadm_addr *b)
{
	return memcmp(a->b, b->b, a->af == AF_INET6 ? 16 : 4);
}

int lbadm_cmp_svc_entry(const void *pa, const void *pb)
{
	const struct lbadm_svc *a = &((const struct lbadm_svc_entry *)pa)->svc;
	const struct lbadm_svc *b = &((const struct lbadm_svc_entry *)pb)->svc;
	int r;

	if ((r = cmp_num(a->fwmark, b->fwmark)) || (r = cmp_num(a->af, b->af)) ||
	    (r = cmp_num(a->protocol, b->protocol)) ||
	    (r = cmp_addr(&a->addr, &b->addr)))
		return r;
	return cmp_num(a->port, b->port);
}

int lbadm_cmp_addr(const void *pa, const void *pb)
{
	const struct lbadm_addr *a = pa, *b = pb;
	int r = cmp_num(a->af, b->af);

	return r ? r : cmp_addr(a, b);
}

int lbadm_cmp_dest(const void *pa, const void *pb)
{
	const struct lbadm_dest *a = pa, *b = pb;
	int r = lbadm_cmp_addr(&a->addr, &b->addr);

	return r ? r : cmp_num(a->port, b->port);
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

void lbadm_sort_services(struct lbadm_svc_entry *v, size_t n)
{
	size_t i;

	lbadm_sort(v, n, sizeof(*v), lbadm_cmp_svc_entry);
	for (i = 0; i < n; i++) {
		lbadm_sort(v[i].dests, v[i].n_dests, sizeof(*v[i].dests),
			   lbadm_cmp_dest);
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
	else if (!(fmt & LBADM_FMT_RULE))
		fputs("Prot LocalAddress:Port Scheduler Flags\n"
		      "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n",
		      f);
}

static void svc_name(const struct lbadm_svc *s, unsigned int fmt, char *buf,
		     size_t len)
{
	char ap[64];

	if (s->fwmark) {
		if (fmt & LBADM_FMT_RULE)
			snprintf(buf, len, "-f %u%s", s->fwmark,
				 s->af == AF_INET6 ? " -6" : "");
		else
			snprintf(buf, len, "FWM  %u%s", s->fwmark,
				 s->af == AF_INET6 ? " IPv6" : "");
		return;
	}
	lbadm_fmt_addrport(&s->addr, s->port, ap, sizeof(ap));
	if (fmt & LBADM_FMT_RULE) {
		snprintf(buf, len, "%s %s",
			 s->protocol == IPPROTO_TCP ? "-t" : "-u", ap);
	} else {
		snprintf(buf, len, "%-4s %s", lbadm_proto_name(s->protocol), ap);
		if (s->af != AF_INET6 && len > 33)
			buf[33] = '\0';
	}
}

static void print_stats5(FILE *f, const uint64_t *v, unsigned int fmt)
{
	int i;

	for (i = 0; i < 5; i++)
		lbadm_print_largenum(f, v[i], fmt);
}

static void put_mask(struct line *l, const struct lbadm_svc *s, const char *kw)
{
	char m[INET_ADDRSTRLEN];

	if (s->af == AF_INET && s->netmask != 32) {
		lbadm_prefix_to_mask4(s->netmask, m, sizeof(m));
	} else if (s->af == AF_INET6 && s->netmask != 128) {
		m[lbadm_fmt_u32(m, s->netmask)] = '\0';
	} else {
		return;
	}
	put_s(l, " ");
	put_s(l, kw);
	put_s(l, " ");
	put_s(l, m);
}

static void print_svc_line(FILE *f, const struct lbadm_svc *s,
			   const char *name, unsigned int fmt)
{
	const struct lbadm_stats *st = &s->stats;
	const uint64_t counts[5] = { st->conns, st->inpkts, st->outpkts,
				     st->inbytes, st->outbytes };
	const uint64_t rates[5] = { st->cps, st->inpps, st->outpps, st->inbps,
				    st->outbps };
	int rule = fmt & LBADM_FMT_RULE;
	struct line l = { .n = 0 };

	if (!rule && (fmt & (LBADM_FMT_STATS | LBADM_FMT_RATE))) {
		fprintf(f, "%-33s", name);
		print_stats5(f, fmt & LBADM_FMT_STATS ? counts : rates, fmt);
		fputc('\n', f);
		return;
	}
	/* "-A NAME -s SCHED -p T -M MASK" or "NAME SCHED persistent T mask M" */
	put_s(&l, rule ? "-A " : "");
	put_s(&l, name);
	put_s(&l, rule ? " -s " : " ");
	put_s(&l, s->sched);
	if (s->flags & LBVS_SVC_F_PERSISTENT) {
		put_s(&l, rule ? " -p " : " persistent ");
		put_u(&l, s->timeout, 0);
		put_mask(&l, s, rule ? "-M" : "mask");
	}
	put_line(f, &l);
}

static void print_dest_line(FILE *f, const struct lbadm_dest *d,
			    const char *svcname, unsigned int fmt)
{
	const struct lbadm_stats *st = &d->stats;
	const uint64_t counts[5] = { st->conns, st->inpkts, st->outpkts,
				     st->inbytes, st->outbytes };
	char dname[64];

	struct line l = { .n = 0 };

	lbadm_fmt_addrport(&d->addr, d->port, dname, sizeof(dname));
	if (fmt & LBADM_FMT_RULE) {
		/* "-a %s -r %s %s -w %u" [--tun-type ipip] [-x %u] [-y %u] */
		put_s(&l, "-a ");
		put_s(&l, svcname);
		put_s(&l, " -r ");
		put_s(&l, dname);
		put_s(&l, " ");
		put_s(&l, fwd_switch(d->fwd));
		put_s(&l, " -w ");
		put_u(&l, d->weight, 0);
		if (d->fwd == LBVS_FWD_TUN)	/* as ipvsadm 1.31 saves it */
			put_s(&l, " --tun-type ipip");
		if (d->u_thresh) {
			put_s(&l, " -x ");
			put_u(&l, d->u_thresh, 0);
		}
		if (d->l_thresh) {
			put_s(&l, " -y ");
			put_u(&l, d->l_thresh, 0);
		}
		put_line(f, &l);
		return;
	}
	if (d->addr.af != AF_INET6)
		dname[28] = '\0';
	if (fmt & LBADM_FMT_STATS) {
		fprintf(f, "  -> %-28s", dname);
		print_stats5(f, counts, fmt);
		fputc('\n', f);
	} else if (fmt & LBADM_FMT_RATE) {
		fprintf(f, "  -> %-28s %8" PRIu64 " %8" PRIu64 " %8" PRIu64,
			dname, st->cps, st->inpps, st->outpps);
		lbadm_print_largenum(f, st->inbps, fmt);
		lbadm_print_largenum(f, st->outbps, fmt);
		fputc('\n', f);
	} else if (fmt & LBADM_FMT_THRESH) {
		fprintf(f, "  -> %-28s %-10u %-10u %-10u %-10u\n", dname,
			d->u_thresh, d->l_thresh, d->active, d->inactive);
	} else if (fmt & LBADM_FMT_PCONN) {
		fprintf(f, "  -> %-28s %-9u %-11u %-10u %-10u\n", dname,
			d->weight, d->persist, d->active, d->inactive);
	} else {
		/* "  -> %-28s %-7s %-6u %-10u %-10u\n" */
		put_s(&l, "  -> ");
		put_pad(&l, dname, 28);
		put_s(&l, " ");
		put_pad(&l, lbadm_fwd_name(d->fwd), 7);
		put_s(&l, " ");
		put_u(&l, d->weight, 6);
		put_s(&l, " ");
		put_u(&l, d->active, 10);
		put_s(&l, " ");
		put_u(&l, d->inactive, 10);
		put_line(f, &l);
	}
}

/* One line per pool address: prefix, then the address (IPv6 bracketed). */
static void print_laddr_lines(FILE *f, const struct lbadm_svc_entry *se,
			      const char *prefix)
{
	char a[INET6_ADDRSTRLEN + 2];
	size_t i;

	for (i = 0; i < se->n_laddrs; i++) {
		lbadm_fmt_addr(&se->laddrs[i], 1, a, sizeof(a));
		fprintf(f, "%s%s\n", prefix, a);
	}
}

static void print_entry_text(FILE *f, const struct lbadm_svc_entry *se,
			     unsigned int fmt)
{
	char name[80], prefix[96];
	size_t i;

	svc_name(&se->svc, fmt, name, sizeof(name));
	print_svc_line(f, &se->svc, name, fmt);
	for (i = 0; i < se->n_dests; i++)
		print_dest_line(f, &se->dests[i], name, fmt);
	if (fmt & LBADM_FMT_RULE) {
		snprintf(prefix, sizeof(prefix), "-P %s -z ", name);
		print_laddr_lines(f, se, prefix);
	}
}

/* JSON. */

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", *s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

static void json_addr(FILE *f, const struct lbadm_addr *a)
{
	char buf[INET6_ADDRSTRLEN];

	lbadm_fmt_addr(a, 0, buf, sizeof(buf));
	json_str(f, buf);
}

static const char *family_json(int af)
{
	return af == AF_INET6 ? "inet6" : "inet";
}

static void json_stats(FILE *f, const struct lbadm_stats *s)
{
	fprintf(f, "{\"conns\":%" PRIu64 ",\"inpkts\":%" PRIu64
		",\"outpkts\":%" PRIu64 ",\"inbytes\":%" PRIu64
		",\"outbytes\":%" PRIu64 ",\"cps\":%" PRIu64
		",\"inpps\":%" PRIu64 ",\"outpps\":%" PRIu64
		",\"inbps\":%" PRIu64 ",\"outbps\":%" PRIu64 "}",
		s->conns, s->inpkts, s->outpkts, s->inbytes, s->outbytes,
		s->cps, s->inpps, s->outpps, s->inbps, s->outbps);
}

static void json_dest(FILE *f, const struct lbadm_dest *d)
{
	fputs("{\"address\":", f);
	json_addr(f, &d->addr);
	fprintf(f, ",\"port\":%u,\"forward\":\"%s\",\"weight\":%u,"
		"\"u_threshold\":%u,\"l_threshold\":%u,\"active_conns\":%u,"
		"\"inactive_conns\":%u,\"persistent_conns\":%u,\"stats\":",
		d->port, fwd_json(d->fwd), d->weight, d->u_thresh, d->l_thresh,
		d->active, d->inactive, d->persist);
	json_stats(f, &d->stats);
	fputc('}', f);
}

/* A service's key: "{family,protocol,address,port,fwmark," (object open). */
static void json_svc_key(FILE *f, const struct lbadm_svc *s)
{
	fprintf(f, "{\"family\":\"%s\",", family_json(s->af));
	if (s->fwmark) {
		fprintf(f, "\"protocol\":null,\"address\":null,\"port\":null,"
			"\"fwmark\":%u,", s->fwmark);
	} else {
		fprintf(f, "\"protocol\":\"%s\",\"address\":",
			s->protocol == IPPROTO_TCP ? "tcp" : "udp");
		json_addr(f, &s->addr);
		fprintf(f, ",\"port\":%u,\"fwmark\":null,", s->port);
	}
}

static void json_entry(FILE *f, const struct lbadm_svc_entry *se)
{
	const struct lbadm_svc *s = &se->svc;
	size_t i;

	json_svc_key(f, s);
	fputs("\"scheduler\":", f);
	json_str(f, s->sched);
	fprintf(f, ",\"persistent\":%s,\"timeout\":%u,\"netmask\":%u,\"stats\":",
		s->flags & LBVS_SVC_F_PERSISTENT ? "true" : "false",
		s->timeout, s->netmask);
	json_stats(f, &s->stats);
	fputs(",\"servers\":[", f);
	for (i = 0; i < se->n_dests; i++) {
		if (i)
			fputc(',', f);
		json_dest(f, &se->dests[i]);
	}
	fputs("]}", f);
}

static void print_list_json(FILE *f, const struct lbadm_info *info,
			    const struct lbadm_svc_entry *v, size_t n)
{
	size_t i;

	fputc('{', f);
	if (info)
		fprintf(f, "\"version\":\"%u.%u.%u\",\"conn_tab_size\":%u,",
			info->version >> 16, (info->version >> 8) & 0xff,
			info->version & 0xff, info->conn_tab_size);
	fputs("\"services\":[", f);
	for (i = 0; i < n; i++) {
		if (i)
			fputc(',', f);
		json_entry(f, &v[i]);
	}
	fputs("]}\n", f);
}

void lbadm_print_list(FILE *f, const struct lbadm_info *info,
		      struct lbadm_svc_entry *v, size_t n, unsigned int fmt)
{
	size_t i;

	if (!(fmt & LBADM_FMT_NOSORT))
		lbadm_sort_services(v, n);
	if (fmt & LBADM_FMT_JSON) {
		print_list_json(f, info, v, n);
		return;
	}
	if (info && !(fmt & LBADM_FMT_RULE))
		fprintf(f, "lbvs version %u.%u.%u (size=%u)\n",
			info->version >> 16, (info->version >> 8) & 0xff,
			info->version & 0xff, info->conn_tab_size);
	print_title(f, fmt);
	for (i = 0; i < n; i++)
		print_entry_text(f, &v[i], fmt);
}

/* -G: {"services":[{KEY...,"local_addresses":[ADDR...]}]}. */
static void print_laddrs_json(FILE *f, const struct lbadm_svc_entry *v,
			      size_t n)
{
	size_t i, k;

	fputs("{\"services\":[", f);
	for (i = 0; i < n; i++) {
		fputs(i ? "," : "", f);
		json_svc_key(f, &v[i].svc);
		fputs("\"local_addresses\":[", f);
		for (k = 0; k < v[i].n_laddrs; k++) {
			fputs(k ? "," : "", f);
			json_addr(f, &v[i].laddrs[k]);
		}
		fputs("]}", f);
	}
	fputs("]}\n", f);
}

void lbadm_print_laddrs(FILE *f, struct lbadm_svc_entry *v, size_t n,
			unsigned int fmt)
{
	char name[80];
	size_t i;

	lbadm_sort_services(v, n);
	if (fmt & LBADM_FMT_JSON) {
		print_laddrs_json(f, v, n);
		return;
	}
	fputs("Prot LocalAddress:Port\n  -> FullNatLocalAddress\n", f);
	for (i = 0; i < n; i++) {
		svc_name(&v[i].svc, 0, name, sizeof(name));
		fprintf(f, "%s\n", name);
		print_laddr_lines(f, &v[i], "  -> ");
	}
}

static void json_ep(FILE *f, const char *key, const struct lbadm_addr *a,
		    uint16_t port)
{
	fprintf(f, ",\"%s\":{\"address\":", key);
	json_addr(f, a);
	fprintf(f, ",\"port\":%u}", port);
}

static void print_conns_json(FILE *f, const struct lbadm_conn *c, size_t n)
{
	size_t i;

	fputs("{\"connections\":[", f);
	for (i = 0; i < n; i++, c++) {
		fprintf(f, "%s{\"protocol\":\"%s\",\"family\":\"%s\",\"state\":\"%s\","
			"\"expires_ms\":%u,\"forward\":\"%s\"", i ? "," : "",
			c->protocol == IPPROTO_TCP ? "tcp" :
			c->protocol == IPPROTO_UDP ? "udp" : "other",
			family_json(c->af), lbadm_state_name(c->state),
			c->expires_ms, fwd_json(c->fwd));
		json_ep(f, "client", &c->caddr, c->cport);
		json_ep(f, "virtual", &c->vaddr, c->vport);
		if (c->fwd == LBVS_FWD_FULLNAT && c->laddr.af)
			json_ep(f, "local", &c->laddr, c->lport);
		else
			fputs(",\"local\":null", f);
		json_ep(f, "server", &c->daddr, c->dport);
		fputc('}', f);
	}
	fputs("]}\n", f);
}

void lbadm_print_conns(FILE *f, const struct lbadm_conn *c, size_t n,
		       unsigned int fmt)
{
	char cn[64], vn[64], dn[64], exp[16];
	unsigned int secs;
	size_t i;

	if (fmt & LBADM_FMT_JSON) {
		print_conns_json(f, c, n);
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
	for (i = 0; i < n; i++, c++) {
		lbadm_fmt_addrport(&c->caddr, c->cport, cn, sizeof(cn));
		lbadm_fmt_addrport(&c->vaddr, c->vport, vn, sizeof(vn));
		lbadm_fmt_addrport(&c->daddr, c->dport, dn, sizeof(dn));
		secs = c->expires_ms / 1000;
		snprintf(exp, sizeof(exp), "%02u:%02u", secs / 60, secs % 60);
		fprintf(f, "%-3s %-6s %-11s %-18s %-18s %s\n",
			lbadm_proto_name(c->protocol), exp,
			lbadm_state_name(c->state), cn, vn, dn);
	}
}

void lbadm_print_timeouts(FILE *f, const struct lbadm_timeouts *t,
			  unsigned int fmt)
{
	if (fmt & LBADM_FMT_JSON)
		fprintf(f, "{\"timeout\":{\"tcp\":%u,\"tcp_fin\":%u,\"udp\":%u}}\n",
			t->tcp, t->tcp_fin, t->udp);
	else
		fprintf(f, "Timeout (tcp tcpfin udp): %u %u %u\n", t->tcp,
			t->tcp_fin, t->udp);
}
