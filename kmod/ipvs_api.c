// SPDX-License-Identifier: GPL-2.0
/*
 * The IPVS personality (ipvs_api.h).
 */
#include <linux/module.h>

#include "ipvs_api.h"
#include "proc.h"

int __init lbvs_ipvs_api_init(void)
{
	return lbvs_proc_register();
}

void lbvs_ipvs_api_exit(void)
{
	lbvs_proc_unregister();
}
