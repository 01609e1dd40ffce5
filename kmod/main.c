// SPDX-License-Identifier: GPL-2.0
/*
 * lbvs: a Layer-4 load balancer in the IPVS family.
 */
#include <linux/module.h>
#include <net/genetlink.h>

#include "conn.h"
#include "netlink.h"
#include "netns.h"
#include "service.h"
#include "version.h"

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
	pr_info("lbvs " LBVS_VERSION " loaded\n");
	return 0;

err_netns:
	lbvs_netns_unregister();
err_cache:
	lbvs_conn_cache_exit();
	return err;
}

static void __exit lbvs_exit(void)
{
	int i;

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
