// SPDX-License-Identifier: GPL-2.0
/*
 * net.lbvs.* sysctls, one table per network namespace.
 */
#include <linux/slab.h>
#include <linux/sysctl.h>
#include <linux/user_namespace.h>

#include "netns.h"
#include "sync_rule.h"
#include "sysctl.h"

enum { CNT_CONNS, CNT_DROPPED, CNT_NO_LPORT, CNT_ICMP_CSUM, CNT_EVENTS_LOST };

/* Read-only counters, computed when read; extra2 says which (CNT_*). */
static int proc_counter(struct ctl_table *table, int write, void *buffer,
			size_t *lenp, loff_t *ppos)
{
	struct lbvs_net *ln = table->extra1;
	struct ctl_table t = *table;
	unsigned long v;

	switch ((uintptr_t)table->extra2) {
	case CNT_DROPPED:
		v = lbvs_drops_read(&ln->drops, LBVS_DROP_TABLE_FULL);
		break;
	case CNT_NO_LPORT:
		v = lbvs_drops_read(&ln->drops, LBVS_DROP_NO_LPORT);
		break;
	case CNT_ICMP_CSUM:
		v = atomic64_read(&ln->icmp_bad_csum);
		break;
	case CNT_EVENTS_LOST:
		v = atomic64_read(&ln->conn_events.lost);
		break;
	default:
		v = atomic_read(&ln->conns.count);
	}
	t.data = &v;
	t.maxlen = sizeof(v);
	/* No bounds: ours are not the unsigned longs the handler reads there. */
	t.extra1 = NULL;
	t.extra2 = NULL;
	return proc_doulongvec_minmax(&t, write, buffer, lenp, ppos);
}

static const int port_min = 1, port_max = 65535;

/*
 * Two values valid only together (ok()), which the packet path reads
 * without a lock: parsed into a copy, stored only whole and valid.
 */
static int proc_pair(struct ctl_table *table, int write, void *buffer, size_t *lenp,
		     loff_t *ppos, bool (*ok)(int a, int b))
{
	int *val = table->data, v[2] = { READ_ONCE(val[0]), READ_ONCE(val[1]) };
	struct ctl_table t = *table;
	int err;

	t.data = v;
	err = proc_dointvec_minmax(&t, write, buffer, lenp, ppos);
	if (err || !write)
		return err;
	if (!ok(v[0], v[1]))
		return -EINVAL;
	WRITE_ONCE(val[0], v[0]);
	WRITE_ONCE(val[1], v[1]);
	return 0;
}

static bool port_range_ok(int first, int last)
{
	return first <= last;
}

/* Two ports (extra1..extra2), first <= last. */
static int proc_port_range(struct ctl_table *table, int write, void *buffer,
			   size_t *lenp, loff_t *ppos)
{
	return proc_pair(table, write, buffer, lenp, ppos, port_range_ok);
}

void lbvs_sysctl_port_range(struct lbvs_net *ln, int *lo, int *hi)
{
	*lo = READ_ONCE(ln->sysctl.fullnat_port_range[0]);
	*hi = READ_ONCE(ln->sysctl.fullnat_port_range[1]);
	/* Read while being written: never hand out an empty range. */
	if (*hi < *lo)
		*hi = *lo;
}

/* IPVS's threshold and period. */
static int proc_sync_threshold(struct ctl_table *table, int write, void *buffer,
			       size_t *lenp, loff_t *ppos)
{
	return proc_pair(table, write, buffer, lenp, ppos, lbvs_sync_threshold_valid);
}

#define COUNTER(_name, _which) { \
	.procname = #_name, .maxlen = sizeof(unsigned long), .mode = 0444, \
	.proc_handler = proc_counter, .extra2 = (void *)(_which) }

#define INT_ENTRY(_name, _min, _max) { \
	.procname = #_name, .maxlen = sizeof(int), .mode = 0644, \
	.proc_handler = proc_dointvec_minmax, .extra1 = _min, .extra2 = _max }

/* Order matters: lbvs_sysctl_register() points .data by index. */
static const struct ctl_table template[] = {
	INT_ENTRY(conn_max, SYSCTL_ZERO, SYSCTL_INT_MAX),
	INT_ENTRY(expire_nodest_conn, SYSCTL_ZERO, SYSCTL_ONE),
	INT_ENTRY(expire_quiescent_template, SYSCTL_ZERO, SYSCTL_ONE),
	INT_ENTRY(conn_reuse_mode, SYSCTL_ZERO, SYSCTL_TWO),
	INT_ENTRY(fullnat_toa, SYSCTL_ZERO, SYSCTL_ONE),
	{ .procname = "fullnat_port_range", .maxlen = 2 * sizeof(int), .mode = 0644,
	  .proc_handler = proc_port_range, .extra1 = (void *)&port_min,
	  .extra2 = (void *)&port_max },
	INT_ENTRY(conn_events_rate, SYSCTL_ZERO, SYSCTL_INT_MAX),
	INT_ENTRY(sync_qlen_max, SYSCTL_ONE, SYSCTL_INT_MAX),
	INT_ENTRY(sync_sock_size, SYSCTL_ZERO, SYSCTL_INT_MAX),
	INT_ENTRY(log_drops, SYSCTL_ZERO, SYSCTL_ONE),
	INT_ENTRY(pressure_level, SYSCTL_ZERO, SYSCTL_ONE_HUNDRED),
	INT_ENTRY(pressure_timeout, SYSCTL_ONE, SYSCTL_INT_MAX),
	INT_ENTRY(sync_refresh_period, SYSCTL_ZERO, SYSCTL_INT_MAX),
	INT_ENTRY(synproxy, SYSCTL_ZERO, SYSCTL_ONE),
	{ .procname = "sync_threshold", .maxlen = 2 * sizeof(int), .mode = 0644,
	  .proc_handler = proc_sync_threshold },
	COUNTER(conn_count, CNT_CONNS),
	COUNTER(conn_dropped, CNT_DROPPED),
	COUNTER(fullnat_no_lport, CNT_NO_LPORT),
	COUNTER(icmp_bad_csum, CNT_ICMP_CSUM),
	COUNTER(conn_events_lost, CNT_EVENTS_LOST),
	{ }
};

int lbvs_sysctl_register(struct lbvs_net *ln)
{
	struct ctl_table *t = kmemdup(template, sizeof(template), GFP_KERNEL);
	struct lbvs_sysctl *s = &ln->sysctl;
	int i;

	if (!t)
		return -ENOMEM;
	t[0].data = &s->conn_max;
	t[1].data = &s->expire_nodest_conn;
	t[2].data = &s->expire_quiescent_template;
	t[3].data = &s->conn_reuse_mode;
	t[4].data = &s->fullnat_toa;
	t[5].data = s->fullnat_port_range;
	t[6].data = &s->conn_events_rate;
	t[7].data = &s->sync_qlen_max;
	t[8].data = &s->sync_sock_size;
	t[9].data = &s->log_drops;
	t[10].data = &s->pressure_level;
	t[11].data = &s->pressure_timeout;
	t[12].data = &s->sync_refresh_period;
	t[13].data = &s->synproxy;
	t[14].data = s->sync_threshold;
	/* The counters, from index 15 on, read ln. */
	for (i = 15; t[i].procname; i++)
		t[i].extra1 = ln;
	/*
	 * As netlink (netlink.c's ADMIN), only the initial user namespace may
	 * tune: root of a user namespace of its own owns its netns's sysctls
	 * and would raise conn_max at will. IPVS hides them; read-only keeps
	 * the values and counters in view.
	 */
	if (ln->net->user_ns != &init_user_ns)
		for (i = 0; t[i].procname; i++)
			t[i].mode &= ~0222;
	ln->sysctl_hdr = register_net_sysctl(ln->net, "net/lbvs", t);
	if (!ln->sysctl_hdr) {
		kfree(t);
		return -ENOMEM;
	}
	return 0;
}

void lbvs_sysctl_unregister(struct lbvs_net *ln)
{
	struct ctl_table *t = ln->sysctl_hdr->ctl_table_arg;

	unregister_net_sysctl_table(ln->sysctl_hdr);
	kfree(t);
}
