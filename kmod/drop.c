// SPDX-License-Identifier: GPL-2.0
/*
 * Drop counters per namespace, per CPU: a drop costs no lock and no shared
 * cache line, which matters most when every packet of a flood is one.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/netfilter.h>

#include "drop.h"
#include "netns.h"

static const char *const drop_names[__LBVS_DROP_MAX] = LBVS_DROP_NAMES;

int lbvs_drops_init(struct lbvs_drops *d)
{
	unsigned int r;

	d->cpu = alloc_percpu(struct lbvs_drop_cpu);
	if (!d->cpu)
		return -ENOMEM;
	for (r = 0; r < __LBVS_DROP_MAX; r++)
		ratelimit_state_init(&d->log[r], 5 * HZ, 10);
	return 0;
}

void lbvs_drops_exit(struct lbvs_drops *d)
{
	free_percpu(d->cpu);
	d->cpu = NULL;
}

u64 lbvs_drops_read(const struct lbvs_drops *d, enum lbvs_drop_reason r)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(per_cpu_ptr(d->cpu, cpu)->cnt[r]);
	return sum;
}

static void drop_log(struct lbvs_drops *d, enum lbvs_drop_reason r,
		     const struct lbvs_tuple *t)
{
	if (!__ratelimit(&d->log[r]))
		return;
	if (!t)
		pr_info("drop %s\n", drop_names[r]);
	else if (t->af == AF_INET6)
		pr_info("drop %s: proto %u [%pI6c]:%u -> [%pI6c]:%u\n", drop_names[r],
			t->proto, &t->saddr.in6, ntohs(t->sport), &t->daddr.in6,
			ntohs(t->dport));
	else
		pr_info("drop %s: proto %u %pI4:%u -> %pI4:%u\n", drop_names[r], t->proto,
			&t->saddr.ip, ntohs(t->sport), &t->daddr.ip, ntohs(t->dport));
}

unsigned int lbvs_drop(struct lbvs_net *ln, enum lbvs_drop_reason r,
		       const struct lbvs_tuple *t)
{
	this_cpu_inc(ln->drops.cpu->cnt[r]);
	if (unlikely(READ_ONCE(ln->sysctl.log_drops)))
		drop_log(&ln->drops, r, t);
	return NF_DROP;
}

static enum lbvs_drop_reason reason_of(int err)
{
	switch (err) {
	case -EMSGSIZE:
		return LBVS_DROP_MTU;
	case -ENOMEM:
		return LBVS_DROP_NO_MEMORY;
	case -EBADMSG:
		return LBVS_DROP_BAD_CSUM;
	case -ENETUNREACH:
	case -EHOSTUNREACH:
	case -EADDRNOTAVAIL:
	case -ENETDOWN:
	case -EACCES:
	case -EPERM:
	case -EINVAL:
		return LBVS_DROP_NO_ROUTE;
	default:
		return LBVS_DROP_XMIT;
	}
}

unsigned int lbvs_drop_err(struct net *net, int err, const struct lbvs_tuple *t)
{
	return lbvs_drop(lbvs_net(net), reason_of(err), t);
}
