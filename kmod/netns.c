// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace setup and teardown.
 */
#include <linux/module.h>

#include "drain.h"
#include "hooks.h"
#include "netns.h"
#include "proto_state.h"
#include "sync.h"
#include "synproxy.h"
#include "sysctl.h"

unsigned int lbvs_net_id __read_mostly;

static unsigned int conn_max_default = 1 << 20;
module_param_named(conn_max, conn_max_default, uint, 0444);
MODULE_PARM_DESC(conn_max, "default of net.lbvs.conn_max for new namespaces");

static void est_run(struct work_struct *work)
{
	struct lbvs_net *ln = container_of(to_delayed_work(work), struct lbvs_net, est_work);

	lbvs_svc_estimate(ln);
	queue_delayed_work(system_power_efficient_wq, &ln->est_work, LBVS_EST_INTERVAL);
}

static void sysctl_defaults(struct lbvs_sysctl *s)
{
	unsigned int st;

	s->conn_max = min_t(unsigned int, conn_max_default, INT_MAX);
	s->expire_nodest_conn = 0;
	s->expire_quiescent_template = 0;
	s->conn_reuse_mode = 1;
	/*
	 * Below Linux's ip_local_port_range (32768 60999): the director's own
	 * connections (health checks of the same RIP:rport from a pool
	 * address) then never take a port a flow holds. Above it would leave
	 * only 4536 ports; below 1024 are the well-known ones.
	 */
	s->fullnat_port_range[0] = 1024;
	s->fullnat_port_range[1] = 32767;
	s->fullnat_toa = 1;
	s->conn_events_rate = 1000;
	/* ~15 MB of 1.5 KB messages at most; IPVS's is a share of memory. */
	s->sync_qlen_max = 10000;
	s->sync_sock_size = 0;
	s->sync_refresh_period = 0;
	s->sync_threshold[0] = 3;	/* IPVS's defaults */
	s->sync_threshold[1] = 50;
	s->pressure_level = 80;
	s->pressure_timeout = 5;
	for (st = 0; st <= LBVS_S_MAX; st++)
		s->timeout[st] = lbvs_state_default_timeout(st);
}

/*
 * What only a namespace with services needs: the connection tables, their
 * collector (every second) and the rate estimator (every two): ~5 KB and
 * 1.5 wakeups a second that a namespace without services does not pay.
 * From the first service until the namespace exits, as the hooks: the
 * connections outlive the services.
 */
int lbvs_net_start(struct lbvs_net *ln)
{
	int err;

	lockdep_assert_held(&ln->config_lock);
	if (ln->started)
		return 0;
	err = lbvs_conn_table_init(ln);
	if (err)
		return err;
	queue_delayed_work(system_power_efficient_wq, &ln->est_work, LBVS_EST_INTERVAL);
	/* Pairs with lbvs_net_started(): the tables are set up. */
	smp_store_release(&ln->started, true);
	return 0;
}

static int __net_init lbvs_net_init(struct net *net)
{
	struct lbvs_net *ln = lbvs_net(net);
	int err;

	ln->net = net;
	mutex_init(&ln->config_lock);
	ratelimit_state_init(&ln->audit_rs, 5 * HZ, 20);
	lbvs_svc_table_init(&ln->svcs);
	lbvs_stats_pool_init(&ln->stats_pool);
	sysctl_defaults(&ln->sysctl);
	/* jiffies start near wrap-around: a zero here would be in the future. */
	ln->conn_events.second = jiffies;
	lbvs_fullnat_net_init(&ln->fullnat);
	lbvs_synproxy_init(ln);
	INIT_DELAYED_WORK(&ln->est_work, est_run);
	lbvs_drain_init(ln);
	err = lbvs_drops_init(&ln->drops);
	if (err)
		return err;
	/* The rest comes with the first service: lbvs_net_start(). */
	err = lbvs_sysctl_register(ln);
	if (err)
		lbvs_drops_exit(&ln->drops);
	return err;
}

/*
 * The sync daemons go before the namespace's devices (pre_exit runs
 * before any exit): a UDP socket that received a multicast datagram keeps
 * its input route (sk_rx_dst, on the loopback device) until it is
 * released, and the devices' teardown waits for that reference, which a
 * subsystem's exit (after the devices') would release too late.
 */
static void __net_exit lbvs_net_pre_exit(struct net *net)
{
	struct lbvs_net *ln = lbvs_net(net);

	mutex_lock(&ln->config_lock);
	lbvs_sync_net_exit(ln);
	mutex_unlock(&ln->config_lock);
}

static void __net_exit lbvs_net_exit(struct net *net)
{
	struct lbvs_net *ln = lbvs_net(net);
	/* No configuration can change any more: no lock needed to read it. */
	bool started = ln->started;

	/* No packet reaches us after this; then nothing can add to the tables. */
	mutex_lock(&ln->config_lock);
	lbvs_hooks_unregister(ln);
	mutex_unlock(&ln->config_lock);
	cancel_delayed_work_sync(&ln->est_work);
	lbvs_drain_exit(ln);
	lbvs_sysctl_unregister(ln);
	mutex_lock(&ln->config_lock);
	lbvs_svc_flush(ln);
	lbvs_stats_pool_release(&ln->stats_pool);
	mutex_unlock(&ln->config_lock);
	if (started)
		lbvs_conn_table_destroy(ln);
	/* No packet path runs any more: hooks gone, RCU readers done. */
	lbvs_drops_exit(&ln->drops);
}

static struct pernet_operations lbvs_net_ops = {
	.init = lbvs_net_init,
	.pre_exit = lbvs_net_pre_exit,
	.exit = lbvs_net_exit,
	.id = &lbvs_net_id,
	.size = sizeof(struct lbvs_net),
};

int lbvs_netns_register(void)
{
	return register_pernet_subsys(&lbvs_net_ops);
}

void lbvs_netns_unregister(void)
{
	unregister_pernet_subsys(&lbvs_net_ops);
}
