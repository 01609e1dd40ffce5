// SPDX-License-Identifier: GPL-2.0
/*
 * Prometheus exposition. Every sample of a family must follow its HELP and
 * TYPE lines, so each family walks the whole table: one row of metrics[]
 * per family says where its value lives in a service or a real server.
 */
#include <stddef.h>
#include <inttypes.h>
#include <arpa/inet.h>

#include "print.h"
#include "prom.h"
#include "fmt.h"

enum prom_of { OF_SVC_STAT, OF_DEST_STAT, OF_DEST_U32, OF_SVC_NDESTS, OF_SVC_REASONS };

struct prom_metric {
	const char *name;
	const char *type;
	const char *help;
	enum prom_of of;
	size_t off;	/* in struct lbadm_stats, or lbadm_dest (u32) */
};

#define STAT(f)		offsetof(struct lbadm_stats, f)
#define DEST(f)		offsetof(struct lbadm_dest, f)

/* The five counters and their rates, per service or per real server. */
#define COUNTERS(who, of, desc) \
	{ "lbvs_" who "_connections_total", "counter", \
	  "Connections scheduled to " desc ".", of, STAT(conns) }, \
	{ "lbvs_" who "_incoming_packets_total", "counter", \
	  "Packets from clients to " desc ".", of, STAT(inpkts) }, \
	{ "lbvs_" who "_outgoing_packets_total", "counter", \
	  "Packets from " desc " to clients.", of, STAT(outpkts) }, \
	{ "lbvs_" who "_incoming_bytes_total", "counter", \
	  "Bytes from clients to " desc ".", of, STAT(inbytes) }, \
	{ "lbvs_" who "_outgoing_bytes_total", "counter", \
	  "Bytes from " desc " to clients.", of, STAT(outbytes) }, \
	{ "lbvs_" who "_connections_per_second", "gauge", \
	  "Estimated connection rate of " desc ".", of, STAT(cps) }, \
	{ "lbvs_" who "_incoming_packets_per_second", "gauge", \
	  "Estimated incoming packet rate of " desc ".", of, STAT(inpps) }, \
	{ "lbvs_" who "_outgoing_packets_per_second", "gauge", \
	  "Estimated outgoing packet rate of " desc ".", of, STAT(outpps) }, \
	{ "lbvs_" who "_incoming_bytes_per_second", "gauge", \
	  "Estimated incoming byte rate of " desc ".", of, STAT(inbps) }, \
	{ "lbvs_" who "_outgoing_bytes_per_second", "gauge", \
	  "Estimated outgoing byte rate of " desc ".", of, STAT(outbps) }, \
	{ "lbvs_" who "_drops_total", "counter", \
	  "Packets to or from " desc " dropped.", of, STAT(drops) }

static const struct prom_metric metrics[] = {
	COUNTERS("service", OF_SVC_STAT, "the virtual service"),
	{ "lbvs_service_drops_by_reason_total", "counter",
	  "Packets of the virtual service dropped, by reason (those counted).",
	  OF_SVC_REASONS, 0 },
	{ "lbvs_service_backends", "gauge",
	  "Real servers configured for the virtual service.", OF_SVC_NDESTS, 0 },
	COUNTERS("backend", OF_DEST_STAT, "the real server"),
	{ "lbvs_backend_connections_active", "gauge",
	  "Active (established TCP) connections to the real server.",
	  OF_DEST_U32, DEST(active) },
	{ "lbvs_backend_connections_inactive", "gauge",
	  "Inactive connections to the real server.", OF_DEST_U32,
	  DEST(inactive) },
	{ "lbvs_backend_connections_persistent", "gauge",
	  "Persistence templates pointing at the real server.", OF_DEST_U32,
	  DEST(persist) },
	{ "lbvs_backend_weight", "gauge", "Weight of the real server.",
	  OF_DEST_U32, DEST(weight) },
};

/* local_address="...",local_port="...",local_mark="...",proto="..." */
static void svc_labels(char *b, size_t len, const struct lbadm_svc *s)
{
	char addr[LBADM_ADDRPORT_LEN] = "";

	if (s->fwmark) {
		snprintf(b, len, "local_address=\"\",local_port=\"0\",local_mark=\"%" PRIu32 "\",proto=\"FWM\"",
			 s->fwmark);
		return;
	}
	lbadm_fmt_addr(&s->addr, 0, addr, sizeof(addr));
	snprintf(b, len, "local_address=\"%s\",local_port=\"%u\",local_mark=\"\",proto=\"%s\"",
		 addr, s->port, s->protocol == IPPROTO_TCP ? "TCP" : "UDP");
}

static uint64_t stat_at(const struct lbadm_stats *s, size_t off)
{
	return *(const uint64_t *)((const char *)s + off);
}

static void print_dests(FILE *f, const struct prom_metric *m,
			const struct lbadm_svc_entry *se, const char *sl)
{
	char addr[LBADM_ADDRPORT_LEN] = "";
	const struct lbadm_dest *d;
	uint64_t val;
	size_t k;

	for (k = 0; k < se->n_dests; k++) {
		d = &se->dests[k];
		if (m->of == OF_DEST_STAT)
			val = stat_at(&d->stats, m->off);
		else
			val = *(const uint32_t *)((const char *)d + m->off);
		lbadm_fmt_addr(&d->addr, 0, addr, sizeof(addr));
		fprintf(f, "%s{%s,remote_address=\"%s\",remote_port=\"%u\"} %" PRIu64 "\n",
			m->name, sl, addr, d->port, val);
	}
}

/* Only the reasons the service counted: most services have none. */
static void print_reasons(FILE *f, const struct prom_metric *m,
			  const struct lbadm_svc *s, const char *sl)
{
	unsigned int r;

	for (r = 0; r < __LBVS_DROP_MAX; r++)
		if (s->drop_reasons[r])
			fprintf(f, "%s{%s,reason=\"%s\"} %" PRIu64 "\n", m->name, sl,
				lbadm_drop_name(r), s->drop_reasons[r]);
}

static void print_family(FILE *f, const struct prom_metric *m,
			 const struct lbadm_svc_entry *v, size_t n)
{
	char sl[256];
	uint64_t val;
	size_t i;

	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", m->name, m->help, m->name,
		m->type);
	for (i = 0; i < n; i++) {
		svc_labels(sl, sizeof(sl), &v[i].svc);
		if (m->of == OF_DEST_STAT || m->of == OF_DEST_U32) {
			print_dests(f, m, &v[i], sl);
			continue;
		}
		if (m->of == OF_SVC_REASONS) {
			print_reasons(f, m, &v[i].svc, sl);
			continue;
		}
		val = m->of == OF_SVC_NDESTS ? v[i].n_dests :
		      stat_at(&v[i].svc.stats, m->off);
		fprintf(f, "%s{%s} %" PRIu64 "\n", m->name, sl, val);
	}
}

static void print_one(FILE *f, const char *name, const char *type,
		      const char *help, uint64_t val)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n%s %" PRIu64 "\n", name, help,
		name, type, name, val);
}

/* The table as a whole: node_ipvs_*'s totals, the table, its drops. */
static void print_table(FILE *f, const struct lbadm_info *info,
			const struct lbadm_svc_entry *v, size_t n)
{
	static const struct {
		const char *name, *help;
		size_t off;
	} totals[] = {
		{ "lbvs_connections_total", "Connections scheduled.",
		  STAT(conns) },
		{ "lbvs_incoming_packets_total", "Packets from clients.",
		  STAT(inpkts) },
		{ "lbvs_outgoing_packets_total", "Packets to clients.",
		  STAT(outpkts) },
		{ "lbvs_incoming_bytes_total", "Bytes from clients.",
		  STAT(inbytes) },
		{ "lbvs_outgoing_bytes_total", "Bytes to clients.",
		  STAT(outbytes) },
	};
	uint64_t sum;
	size_t i, k;

	for (k = 0; k < sizeof(totals) / sizeof(totals[0]); k++) {
		for (sum = 0, i = 0; i < n; i++)
			sum += stat_at(&v[i].svc.stats, totals[k].off);
		print_one(f, totals[k].name, "counter", totals[k].help, sum);
	}
	print_one(f, "lbvs_connection_table_entries", "gauge",
		  "Entries in the connection table.", info->conn_count);
	print_one(f, "lbvs_connection_table_max", "gauge",
		  "Entries the connection table may hold (conn_max).",
		  info->conn_max);
	print_one(f, "lbvs_connection_table_buckets", "gauge",
		  "Hash buckets of the connection table.", info->conn_tab_size);
	fputs("# HELP lbvs_drops_total Packets dropped, by reason.\n"
	      "# TYPE lbvs_drops_total counter\n", f);
	for (i = 0; i < __LBVS_DROP_MAX; i++)
		fprintf(f, "lbvs_drops_total{reason=\"%s\"} %" PRIu64 "\n",
			lbadm_drop_name(i), info->drops[i]);
	fprintf(f, "# HELP lbvs_info The loaded lbvs module.\n"
		"# TYPE lbvs_info gauge\n"
		"lbvs_info{version=\"%u.%u.%u\"} 1\n", info->version >> 16,
		(info->version >> 8) & 0xff, info->version & 0xff);
}

void lbadm_print_prom(FILE *f, const struct lbadm_info *info,
		      const struct lbadm_svc_entry *v, size_t n)
{
	size_t k;

	if (info)
		print_table(f, info, v, n);
	for (k = 0; k < sizeof(metrics) / sizeof(metrics[0]); k++)
		print_family(f, &metrics[k], v, n);
}
