/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LBVS_HOOKS_H
#define _LBVS_HOOKS_H

struct lbvs_net;

/*
 * Netfilter hooks and defragmentation for a namespace, under config_lock:
 * register (if not yet) before its first service is added, unregister
 * (if registered) at namespace exit. The rule is in hooks.c.
 */
int lbvs_hooks_register(struct lbvs_net *ln);
void lbvs_hooks_unregister(struct lbvs_net *ln);

#endif /* _LBVS_HOOKS_H */
