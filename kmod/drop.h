/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Drop counters: each place the packet path drops or refuses a packet
 * counts a named reason (enum lbvs_drop_reason, UAPI) in its namespace,
 * and optionally logs it (net.lbvs.log_drops).
 */
#ifndef _LBVS_DROP_H
#define _LBVS_DROP_H

#include <linux/percpu.h>
#include <linux/ratelimit.h>
#include <linux/types.h>
#include <linux/lbvs.h>

struct lbvs_net;
struct lbvs_service;
struct lbvs_tuple;
struct net;

/* One CPU's counts; only that CPU writes them (this_cpu_inc()). */
struct lbvs_drop_cpu {
	u64 cnt[__LBVS_DROP_MAX];
	/*
	 * A namespace's: the reason this CPU counted last. A transmit step
	 * counts its drop before it returns NF_DROP, on this CPU with BH
	 * disabled; its caller reads the reason here (lbvs_drop_last()) to
	 * count it for the flow's service too, so that no step needs to
	 * know the service.
	 */
	u8 last;
};

/*
 * A service's drops by reason, made with its first drop: most services
 * never drop, and a per-CPU block each would make a large restore slow
 * (stats.h). base: the counts -Z zeroed, under the service's stats.lock.
 */
struct lbvs_svc_drops {
	struct lbvs_drop_cpu __percpu *cpu;
	u64 base[__LBVS_DROP_MAX];
};

/*
 * A namespace's drops. cpu: from netns init to exit, after the hooks are
 * gone. log: log_drops' lines, each reason its own limit so that a flood
 * of one does not hide the others; __ratelimit() takes its own lock.
 */
struct lbvs_drops {
	struct lbvs_drop_cpu __percpu *cpu;
	struct ratelimit_state log[__LBVS_DROP_MAX];
};

int lbvs_drops_init(struct lbvs_drops *d);
void lbvs_drops_exit(struct lbvs_drops *d);
/* The sum over CPUs, read without a lock: a count read once off. */
u64 lbvs_drops_read(const struct lbvs_drops *d, enum lbvs_drop_reason r);
/* Every reason's, into cnt (__LBVS_DROP_MAX of them). */
void lbvs_drops_read_all(const struct lbvs_drops *d, u64 *cnt);

/*
 * Count a drop of reason r in ln, and log it if asked; t: the packet's
 * flow, or NULL. Returns NF_DROP for the caller to return.
 */
unsigned int lbvs_drop(struct lbvs_net *ln, enum lbvs_drop_reason r,
		       const struct lbvs_tuple *t);
/*
 * As lbvs_drop(), the reason told by a transmit step's error: a route's
 * (route.h: -EMSGSIZE too big, others no route), -ENOMEM, -EBADMSG.
 */
unsigned int lbvs_drop_err(struct net *net, int err, const struct lbvs_tuple *t);

/* The reason this CPU counted last in d (struct lbvs_drop_cpu). */
static inline enum lbvs_drop_reason lbvs_drop_last(struct lbvs_drops *d)
{
	return this_cpu_read(d->cpu->last);
}

/*
 * Count a drop of reason r for svc too (packet path, under
 * rcu_read_lock()). Its counts are made here the first time; without
 * memory, the drop counts only in the service's total (stats.h).
 */
void lbvs_drop_svc(struct lbvs_service *svc, enum lbvs_drop_reason r);
/*
 * svc's drops by reason since -Z, into cnt; false if it never dropped.
 * svc is held (config_lock or RCU).
 */
bool lbvs_svc_drops_read(struct lbvs_service *svc, u64 *cnt);
void lbvs_svc_drops_zero(struct lbvs_service *svc);
/* With the service, once no reader is left. */
void lbvs_svc_drops_free(struct lbvs_service *svc);

#endif /* _LBVS_DROP_H */
