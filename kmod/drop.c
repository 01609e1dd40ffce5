// SPDX-License-Identifier: GPL-2.0
/*
 * Drop counters per namespace, per CPU: a drop costs no lock and no shared
 * cache line, which matters most when every packet of a flood is one.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/netfilter.h>

#include "drop.h"
#include "netns.h"
#include "service.h"

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

static u64 cpu_sum(const struct lbvs_drop_cpu __percpu *pcpu, enum lbvs_drop_reason r)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(per_cpu_ptr(pcpu, cpu)->cnt[r]);
	return sum;
}

/* Every reason's sum, into cnt. */
static void cpu_sums(const struct lbvs_drop_cpu __percpu *pcpu, u64 *cnt)
{
	unsigned int r;

	for (r = 0; r < __LBVS_DROP_MAX; r++)
		cnt[r] = cpu_sum(pcpu, r);
}

u64 lbvs_drops_read(const struct lbvs_drops *d, enum lbvs_drop_reason r)
{
	return cpu_sum(d->cpu, r);
}

void lbvs_drops_read_all(const struct lbvs_drops *d, u64 *cnt)
{
	cpu_sums(d->cpu, cnt);
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
	this_cpu_write(ln->drops.cpu->last, r);
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

/* svc's counts, made by its first drop: NULL until then, or out of memory. */
static struct lbvs_svc_drops *svc_drops_make(struct lbvs_service *svc)
{
	unsigned long now = jiffies, retry = READ_ONCE(svc->drops_retry);
	struct lbvs_svc_drops *d, *old;

	/* Without memory, a flood's drops try once a second, not each. */
	if (retry && time_before(now, retry))
		return NULL;
	d = kzalloc(sizeof(*d), GFP_ATOMIC);
	if (!d)
		goto err;
	d->cpu = alloc_percpu_gfp(struct lbvs_drop_cpu, GFP_ATOMIC);
	if (!d->cpu)
		goto err_free;
	old = unrcu_pointer(cmpxchg(&svc->drops, NULL, RCU_INITIALIZER(d)));
	if (!old)
		return d;
	/* Another CPU's first drop made them first. */
	free_percpu(d->cpu);
	kfree(d);
	return old;

err_free:
	kfree(d);
err:
	WRITE_ONCE(svc->drops_retry, (now + HZ) | 1);
	return NULL;
}

void lbvs_drop_svc(struct lbvs_service *svc, enum lbvs_drop_reason r)
{
	struct lbvs_svc_drops *d = rcu_dereference(svc->drops);

	if (unlikely(!d)) {
		d = svc_drops_make(svc);
		if (!d)
			return;
	}
	this_cpu_inc(d->cpu->cnt[r]);
}

/* The service holds its counts until it is freed: no reader outlives it. */
static struct lbvs_svc_drops *svc_drops(struct lbvs_service *svc)
{
	return rcu_dereference_check(svc->drops, true);
}

bool lbvs_svc_drops_read(struct lbvs_service *svc, u64 *cnt)
{
	struct lbvs_svc_drops *d = svc_drops(svc);
	unsigned int r;

	if (!d)
		return false;
	cpu_sums(d->cpu, cnt);
	spin_lock_bh(&svc->stats.lock);
	for (r = 0; r < __LBVS_DROP_MAX; r++)
		cnt[r] -= d->base[r];
	spin_unlock_bh(&svc->stats.lock);
	return true;
}

void lbvs_svc_drops_zero(struct lbvs_service *svc)
{
	struct lbvs_svc_drops *d = svc_drops(svc);
	u64 sum[__LBVS_DROP_MAX];

	if (!d)
		return;
	cpu_sums(d->cpu, sum);
	spin_lock_bh(&svc->stats.lock);
	memcpy(d->base, sum, sizeof(sum));
	spin_unlock_bh(&svc->stats.lock);
}

void lbvs_svc_drops_free(struct lbvs_service *svc)
{
	struct lbvs_svc_drops *d = rcu_dereference_protected(svc->drops, true);

	if (!d)
		return;
	free_percpu(d->cpu);
	kfree(d);
}
