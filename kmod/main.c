// SPDX-License-Identifier: GPL-2.0
/*
 * lbvs: a Layer-4 load balancer in the IPVS family.
 */
#include <linux/module.h>
#include <net/genetlink.h>

#include "conn.h"
#include "ipvs_api.h"
#include "netlink.h"
#include "netns.h"
#include "service.h"
#include "version.h"

/*
 * The IPVS personality (ipvs_api.c): read once at load, so it is not
 * mutable state.
 */
static bool ipvs_api;
module_param(ipvs_api, bool, 0444);
MODULE_PARM_DESC(ipvs_api, "also serve IPVS's Generic Netlink family and /proc/net/ip_vs*");

static int __init lbvs_init(void)
{
	int err;

	err = lbvs_conn_cache_init();
	if (err)
		return err;
	err = lbvs_netns_register();
	if (err)
		goto err_cache;
	err = lbvs_genl_init();
	if (err)
		goto err_netns;
	err = ipvs_api ? lbvs_ipvs_api_init() : 0;
	if (err)
		goto err_genl;
	pr_info("lbvs " LBVS_VERSION " loaded\n");
	return 0;

err_genl:
	lbvs_genl_exit();
err_netns:
	lbvs_netns_unregister();
err_cache:
	lbvs_conn_cache_exit();
	return err;
}

static void __exit lbvs_exit(void)
{
	int i;

	if (ipvs_api)
		lbvs_ipvs_api_exit();
	lbvs_genl_exit();
	lbvs_netns_unregister();
	for (i = 0; i < LBVS_RCU_FREE_LINKS; i++)
		rcu_barrier();
	lbvs_conn_cache_exit();
	pr_info("lbvs " LBVS_VERSION " unloaded\n");
}

module_init(lbvs_init);
module_exit(lbvs_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lbvs Layer-4 load balancer");
MODULE_VERSION(LBVS_VERSION);
MODULE_ALIAS_GENL_FAMILY(LBVS_GENL_NAME);
