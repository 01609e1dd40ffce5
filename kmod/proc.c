// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/ip_vs, ip_vs_stats and ip_vs_conn in IPVS's formats (proc.h),
 * as IPVS writes them (ip_vs_ctl.c, ip_vs_conn.c), for what reads them:
 * ipvsadm -L -c reads ip_vs_conn, node_exporter's ipvs collector reads
 * ip_vs_stats and ip_vs. Each read is made from lbvs's tables as they are.
 * Where IPVS's own quirks show, they are kept: the persistence timeout in
 * jiffies, an IPv6 netmask's prefix length read as network order, servers
 * newest first (IPVS adds them at the head of its list).
 */
#include <linux/inetdevice.h>
#include <linux/ip_vs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <net/net_namespace.h>

#include "fwd.h"
#include "ipvs_api.h"
#include "netns.h"
#include "proc.h"
#include "proto_state.h"

/* ip_vs_proto_name()'s names, for what lbvs carries. */
static const char *proto_name(u16 protocol)
{
	switch (protocol) {
	case IPPROTO_IP:
		return "IP";
	case IPPROTO_TCP:
		return "TCP";
	case IPPROTO_UDP:
		return "UDP";
	}
	return "ERR!";
}

/* ip_vs_fwd_name()'s. */
static const char *fwd_name(u8 fwd)
{
	static const char *const names[IP_VS_CONN_F_FWD_MASK + 1] = {
		[IP_VS_CONN_F_MASQ] = "Masq",
		[IP_VS_CONN_F_LOCALNODE] = "Local",
		[IP_VS_CONN_F_TUNNEL] = "Tunnel",
		[IP_VS_CONN_F_DROUTE] = "Route",
	};

	return names[lbvs_fwd(fwd)->ipvs_fwd & IP_VS_CONN_F_FWD_MASK] ?: "ERR!";
}

/*
 * /proc/net/ip_vs: a record per service (with its servers) after the
 * header. config_lock is held from start to stop (one read() call), as
 * IPVS holds its mutex; a read resumes at the service of its position.
 */
static void *svc_start(struct seq_file *seq, loff_t *pos)
{
	struct lbvs_net *ln = lbvs_net(seq_file_net(seq));
	struct lbvs_service *svc;
	loff_t n = *pos;

	mutex_lock(&ln->config_lock);
	if (!n)
		return SEQ_START_TOKEN;
	list_for_each_entry(svc, &ln->svcs.list, list)
		if (!--n)
			return svc;
	return NULL;
}

static void *svc_next(struct seq_file *seq, void *v, loff_t *pos)
{
	struct lbvs_net *ln = lbvs_net(seq_file_net(seq));
	struct list_head *at = v == SEQ_START_TOKEN ? &ln->svcs.list :
				&((struct lbvs_service *)v)->list;

	++*pos;
	return at->next == &ln->svcs.list ? NULL :
	       list_entry(at->next, struct lbvs_service, list);
}

static void svc_stop(struct seq_file *seq, void *v)
{
	mutex_unlock(&lbvs_net(seq_file_net(seq))->config_lock);
}

static void show_svc_line(struct seq_file *seq, const struct lbvs_service *svc)
{
	const char *sched = svc->sched.algo->name;
	const char *ops = svc->flags & LBVS_SVC_F_ONEPACKET ? "ops " : "";

	if (svc->fwmark)
		seq_printf(seq, "FWM  %08X %s %s", svc->fwmark, sched, ops);
	else if (svc->af == AF_INET6)
		seq_printf(seq, "%s  [%pI6]:%04X %s ", proto_name(svc->protocol),
			   &svc->addr.in6, ntohs(svc->port), sched);
	else
		seq_printf(seq, "%s  %08X:%04X %s %s ", proto_name(svc->protocol),
			   ntohl(svc->addr.ip), ntohs(svc->port), sched, ops);
	if (svc->flags & LBVS_SVC_F_PERSISTENT)
		seq_printf(seq, "persistent %u %08X\n", svc->timeout * HZ,
			   ntohl((__force __be32)lbvs_ipvs_netmask(svc)));
	else
		seq_putc(seq, '\n');
}

static int svc_show(struct seq_file *seq, void *v)
{
	const struct lbvs_service *svc = v;
	const struct lbvs_dest *d;

	if (v == SEQ_START_TOKEN) {
		seq_printf(seq, "IP Virtual Server version %d.%d.%d (size=%u)\n",
			   (IP_VS_VERSION_CODE >> 16) & 0xff, (IP_VS_VERSION_CODE >> 8) & 0xff,
			   IP_VS_VERSION_CODE & 0xff,
			   lbvs_conn_table_size(lbvs_net(seq_file_net(seq))));
		seq_puts(seq, "Prot LocalAddress:Port Scheduler Flags\n");
		seq_puts(seq, "  -> RemoteAddress:Port Forward Weight ActiveConn InActConn\n");
		return 0;
	}
	show_svc_line(seq, svc);
	list_for_each_entry_reverse(d, &svc->dests, list) {
		if (d->af == AF_INET6)
			seq_printf(seq, "  -> [%pI6]:%04X", &d->addr.in6, ntohs(d->port));
		else
			seq_printf(seq, "  -> %08X:%04X", ntohl(d->addr.ip), ntohs(d->port));
		seq_printf(seq, "      %-7s %-6d %-10d %-10d\n", fwd_name(d->fwd), d->weight,
			   atomic_read(&d->active), atomic_read(&d->inactive));
	}
	return 0;
}

static const struct seq_operations svc_seq_ops = {
	.start = svc_start,
	.next = svc_next,
	.stop = svc_stop,
	.show = svc_show,
};

/*
 * /proc/net/ip_vs_stats: the namespace's totals. IPVS keeps them apart;
 * lbvs sums its services' counters, so a deleted service's are no longer
 * in them (the packet path pays for no third set of counters).
 */
static int stats_show(struct seq_file *seq, void *v)
{
	struct lbvs_net *ln = lbvs_net(seq_file_single_net(seq));
	struct lbvs_stats_snap snap, sum = {};
	struct lbvs_service *svc;
	unsigned int i;

	mutex_lock(&ln->config_lock);
	list_for_each_entry(svc, &ln->svcs.list, list) {
		lbvs_stats_read(&svc->stats, &snap);
		for (i = 0; i < LBVS_CNT_NUM; i++) {
			sum.cnt[i] += snap.cnt[i];
			sum.rate[i] += snap.rate[i];
		}
	}
	mutex_unlock(&ln->config_lock);
	seq_puts(seq, "   Total Incoming Outgoing         Incoming         Outgoing\n");
	seq_puts(seq, "   Conns  Packets  Packets            Bytes            Bytes\n");
	seq_printf(seq, "%8llX %8llX %8llX %16llX %16llX\n\n", sum.cnt[LBVS_CNT_CONNS],
		   sum.cnt[LBVS_CNT_INPKTS], sum.cnt[LBVS_CNT_OUTPKTS],
		   sum.cnt[LBVS_CNT_INBYTES], sum.cnt[LBVS_CNT_OUTBYTES]);
	seq_puts(seq, " Conns/s   Pkts/s   Pkts/s          Bytes/s          Bytes/s\n");
	seq_printf(seq, "%8llX %8llX %8llX %16llX %16llX\n", sum.rate[LBVS_CNT_CONNS],
		   sum.rate[LBVS_CNT_INPKTS], sum.rate[LBVS_CNT_OUTPKTS],
		   sum.rate[LBVS_CNT_INBYTES], sum.rate[LBVS_CNT_OUTBYTES]);
	return 0;
}

/*
 * /proc/net/ip_vs_conn: an entry per record after the header. Each read
 * walks the table from its start to its position, under RCU from start to
 * stop, as IPVS walks its own: entries that come or go between two reads
 * may shift the rest by one.
 */
struct conn_seq {
	struct seq_net_private p;	/* seq_file_net()'s, first */
	struct rhashtable_iter it;
	bool walking;			/* it entered and started */
};

/* The walk's next entry to show: not removed, not expired. */
static struct lbvs_conn *conn_at(struct conn_seq *cs)
{
	struct lbvs_conn *c;
	int err;

	while ((c = lbvs_conn_walk_peek(&cs->it, &err)) && lbvs_conn_expired(c))
		rhashtable_walk_next(&cs->it);
	return c;
}

/* Under RCU from start to stop, with a walk or without (no table yet). */
static void *conn_start(struct seq_file *seq, loff_t *pos)
	__acquires(RCU)
{
	struct lbvs_net *ln = lbvs_net(seq_file_net(seq));
	struct conn_seq *cs = seq->private;
	struct lbvs_conn *c;
	loff_t n;

	/* The table is there from the first service on (lbvs_net_start()). */
	if (lbvs_net_started(ln)) {
		rhashtable_walk_enter(&ln->conns.in, &cs->it);
		rhashtable_walk_start(&cs->it);
		cs->walking = true;
	} else {
		rcu_read_lock();
	}
	if (!*pos)
		return SEQ_START_TOKEN;
	if (!cs->walking)
		return NULL;
	for (n = 1, c = conn_at(cs); c && n < *pos; n++) {
		rhashtable_walk_next(&cs->it);
		c = conn_at(cs);
	}
	return c;
}

static void *conn_next(struct seq_file *seq, void *v, loff_t *pos)
{
	struct conn_seq *cs = seq->private;

	++*pos;
	if (!cs->walking)
		return NULL;
	if (v != SEQ_START_TOKEN)
		rhashtable_walk_next(&cs->it);
	return conn_at(cs);
}

static void conn_stop(struct seq_file *seq, void *v)
	__releases(RCU)
{
	struct conn_seq *cs = seq->private;

	if (!cs->walking) {
		rcu_read_unlock();
		return;
	}
	rhashtable_walk_stop(&cs->it);
	rhashtable_walk_exit(&cs->it);
	cs->walking = false;
}

static void conn_show_entry(struct seq_file *seq, const struct lbvs_conn *c)
{
	/* Templates keep the service's protocol where the client port goes. */
	u16 proto = c->tmpl ? ntohs(c->cport) : c->proto;
	__be16 cport = c->tmpl ? 0 : c->cport;
	s32 left = (s32)(READ_ONCE(c->expires) - (u32)jiffies);
	unsigned int secs = left > 0 ? jiffies_to_msecs(left) / 1000 : 0;
	const char *state = lbvs_state_name(lbvs_conn_state(c));

	if (c->v6) {
		seq_printf(seq, "%-3s %pI6 %04X %pI6 %04X %pI6 %04X %-11s %7u\n",
			   proto_name(proto), lbvs_conn_addr(c, LBVS_A_C), ntohs(cport),
			   lbvs_conn_addr(c, LBVS_A_V), ntohs(c->vport),
			   lbvs_conn_addr(c, LBVS_A_D), ntohs(c->dport), state, secs);
		return;
	}
	seq_printf(seq, "%-3s %08X %04X %08X %04X %08X %04X %-11s %7u\n", proto_name(proto),
		   ntohl(*(__be32 *)lbvs_conn_addr(c, LBVS_A_C)), ntohs(cport),
		   ntohl(*(__be32 *)lbvs_conn_addr(c, LBVS_A_V)), ntohs(c->vport),
		   ntohl(*(__be32 *)lbvs_conn_addr(c, LBVS_A_D)), ntohs(c->dport), state, secs);
}

static int conn_show(struct seq_file *seq, void *v)
{
	if (v == SEQ_START_TOKEN)
		seq_puts(seq, "Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n");
	else
		conn_show_entry(seq, v);
	return 0;
}

static const struct seq_operations conn_seq_ops = {
	.start = conn_start,
	.next = conn_next,
	.stop = conn_stop,
	.show = conn_show,
};

static int __net_init proc_net_init(struct net *net)
{
	if (!proc_create_net("ip_vs", 0444, net->proc_net, &svc_seq_ops,
			     sizeof(struct seq_net_private)))
		goto err;
	if (!proc_create_net_single("ip_vs_stats", 0444, net->proc_net, stats_show, NULL))
		goto err_svc;
	if (!proc_create_net("ip_vs_conn", 0444, net->proc_net, &conn_seq_ops,
			     sizeof(struct conn_seq)))
		goto err_stats;
	return 0;

err_stats:
	remove_proc_entry("ip_vs_stats", net->proc_net);
err_svc:
	remove_proc_entry("ip_vs", net->proc_net);
err:
	return -ENOMEM;
}

/* Waits for reads in progress; later ones fail. */
static void __net_exit proc_net_exit(struct net *net)
{
	remove_proc_entry("ip_vs_conn", net->proc_net);
	remove_proc_entry("ip_vs_stats", net->proc_net);
	remove_proc_entry("ip_vs", net->proc_net);
}

/*
 * Registered after lbvs's own pernet operations (main.c), so a namespace's
 * files go before its tables do.
 */
static struct pernet_operations proc_net_ops = {
	.init = proc_net_init,
	.exit = proc_net_exit,
};

int lbvs_proc_register(void)
{
	return register_pernet_subsys(&proc_net_ops);
}

void lbvs_proc_unregister(void)
{
	unregister_pernet_subsys(&proc_net_ops);
}
