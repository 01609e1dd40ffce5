// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/net/ip_vs* in IPVS's formats (proc.h).
 */
#include "proc.h"

int lbvs_proc_register(void)
{
	return 0;
}

void lbvs_proc_unregister(void)
{
}
