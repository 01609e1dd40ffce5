// SPDX-License-Identifier: GPL-2.0
/*
 * net.lbvs.* sysctls, one table per network namespace.
 */
#include <linux/slab.h>
#include <linux/sysctl.h>

#include "netns.h"
#include "sysctl.h"

/* Read-only counters, computed when read; extra2 says which. */
static int proc_counter(struct ctl_table *table, int write, void *buffer,
			size_t *lenp, loff_t *ppos)
{
	struct lbvs_net *ln = table->extra1;
	struct ctl_table t = *table;
	unsigned long v;

	if (table->extra2)
		v = atomic64_read(&ln->conns.dropped);
	else
		v = atomic_read(&ln->conns.count);
	t.data = &v;
	t.maxlen = sizeof(v);
	return proc_doulongvec_minmax(&t, write, buffer, lenp, ppos);
}

#define INT_ENTRY(_name, _min, _max) { \
	.procname = #_name, .maxlen = sizeof(int), .mode = 0644, \
	.proc_handler = proc_dointvec_minmax, .extra1 = _min, .extra2 = _max }

/* Order matters: lbvs_sysctl_register() points .data by index. */
static const struct ctl_table template[] = {
	INT_ENTRY(conn_max, SYSCTL_ZERO, SYSCTL_INT_MAX),
	INT_ENTRY(expire_nodest_conn, SYSCTL_ZERO, SYSCTL_ONE),
	INT_ENTRY(expire_quiescent_template, SYSCTL_ZERO, SYSCTL_ONE),
	INT_ENTRY(conn_reuse_mode, SYSCTL_ZERO, SYSCTL_TWO),
	{ .procname = "conn_count", .maxlen = sizeof(unsigned long), .mode = 0444,
	  .proc_handler = proc_counter },
	{ .procname = "conn_dropped", .maxlen = sizeof(unsigned long), .mode = 0444,
	  .proc_handler = proc_counter, .extra2 = SYSCTL_ONE },
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
	for (i = 4; i <= 5; i++)
		t[i].extra1 = ln;
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
