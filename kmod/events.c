// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration events. A request's event is the request itself, resent
 * with who made it: the request was validated by the family's policy and
 * accepted, so its attributes say what changed, as precisely as the
 * requester said it, and a listener reads them with the same code that
 * writes requests. A change the kernel makes itself (a drain's end) is
 * sent as the request that would have made it, by pid 0.
 *
 * Connection events are the entry as GET_CONN dumps it. They come from the
 * packet path, so they are rate-limited per namespace and cost one check
 * of the group while no one listens.
 */
#include <linux/lbvs.h>
#include <linux/sched.h>

#include "events.h"
#include "netns.h"

const struct genl_multicast_group lbvs_genl_mcgrps[2] = {
	[LBVS_MCGRP_EVENTS] = { .name = LBVS_GENL_MCGRP_EVENTS,
				.flags = GENL_MCAST_CAP_NET_ADMIN },
	[LBVS_MCGRP_CONNS] = { .name = LBVS_GENL_MCGRP_CONNS,
			       .flags = GENL_MCAST_CAP_NET_ADMIN },
};

/* A message of cmd whose attributes put writes into size bytes, or NULL. */
static struct sk_buff *event_build(struct genl_family *family, u8 cmd, size_t size,
				   gfp_t gfp, lbvs_event_put_t put, const void *arg)
{
	struct sk_buff *msg = genlmsg_new(size, gfp);
	void *hdr;

	if (!msg)
		return NULL;
	hdr = genlmsg_put(msg, 0, 0, family, 0, cmd);
	if (!hdr || put(msg, arg)) {
		nlmsg_free(msg);
		return NULL;
	}
	genlmsg_end(msg, hdr);
	return msg;
}

/* Listeners learn they missed one rather than miss it silently. */
static void event_lost(struct genl_family *family, struct net *net, enum lbvs_mcgrp grp)
{
	genl_set_err(family, net, 0, grp, -ENOBUFS);
}

/* A configuration event: who made it, then what. */
struct change {
	u32 pid;
	const char *comm;
	lbvs_event_put_t put;
	const void *arg;
};

static int put_change(struct sk_buff *msg, const void *arg)
{
	const struct change *ch = arg;

	if (nla_put_u32(msg, LBVS_ATTR_EVENT_PID, ch->pid) ||
	    nla_put_string(msg, LBVS_ATTR_EVENT_COMM, ch->comm))
		return -EMSGSIZE;
	return ch->put(msg, ch->arg);
}

static void event_send(struct genl_family *family, struct net *net, u8 cmd, u32 pid,
		       const char *comm, size_t size, lbvs_event_put_t put, const void *arg)
{
	const struct change ch = { .pid = pid, .comm = comm, .put = put, .arg = arg };
	struct sk_buff *msg;

	if (!genl_has_listeners(family, net, LBVS_MCGRP_EVENTS))
		return;
	msg = event_build(family, cmd,
			  size + nla_total_size(sizeof(u32)) + nla_total_size(TASK_COMM_LEN),
			  GFP_KERNEL, put_change, &ch);
	if (!msg) {
		event_lost(family, net, LBVS_MCGRP_EVENTS);
		return;
	}
	genlmsg_multicast_netns(family, net, msg, 0, LBVS_MCGRP_EVENTS, GFP_KERNEL);
}

/* A sync daemon's nest without its key: a secret is never echoed. */
static int put_daemon_nest(struct sk_buff *msg, const struct nlattr *nest)
{
	struct nlattr *out = nla_nest_start(msg, nest->nla_type & NLA_TYPE_MASK);
	const struct nlattr *a;
	int rem;

	if (!out)
		return -EMSGSIZE;
	nla_for_each_nested(a, nest, rem)
		if (nla_type(a) != LBVS_DAEMON_ATTR_KEY &&
		    nla_put(msg, a->nla_type, nla_len(a), nla_data(a)))
			return -EMSGSIZE;
	nla_nest_end(msg, out);
	return 0;
}

/*
 * The request's attributes (the LBVS family's), nla_type as they came
 * (NLA_F_NESTED too).
 */
static int put_request(struct sk_buff *msg, const void *arg)
{
	const struct genl_info *info = arg;
	const struct nlattr *a;
	int rem, err;

	nla_for_each_attr(a, genlmsg_data(info->genlhdr), genlmsg_len(info->genlhdr), rem) {
		if (nla_type(a) != LBVS_ATTR_DAEMON)
			err = nla_put(msg, a->nla_type, nla_len(a), nla_data(a));
		else
			err = put_daemon_nest(msg, a);
		if (err)
			return -EMSGSIZE;
	}
	return 0;
}

void lbvs_event_change(struct genl_family *family, struct genl_info *info)
{
	char comm[TASK_COMM_LEN];

	get_task_comm(comm, current);
	event_send(family, genl_info_net(info), info->genlhdr->cmd, task_tgid_nr(current),
		   comm, genlmsg_len(info->genlhdr), put_request, info);
}

void lbvs_event_kernel(struct genl_family *family, struct net *net, u8 cmd,
		       const char *comm, lbvs_event_put_t put, const void *arg)
{
	event_send(family, net, cmd, 0, comm, NLMSG_GOODSIZE, put, arg);
}

/* How many events this second has had, this one included. */
static int conn_events_count(struct lbvs_conn_events *ev)
{
	unsigned long second = READ_ONCE(ev->second), now = jiffies;

	if (time_after_eq(now, second + HZ) && cmpxchg(&ev->second, second, now) == second)
		atomic_set(&ev->sent, 0);
	return atomic_inc_return(&ev->sent);
}

void lbvs_event_conn(struct genl_family *family, struct lbvs_net *ln, u8 cmd,
		     size_t size, lbvs_event_put_t put, const void *arg)
{
	struct lbvs_conn_events *ev = &ln->conn_events;
	int rate = READ_ONCE(ln->sysctl.conn_events_rate);
	struct sk_buff *msg;
	int n;

	if (!genl_has_listeners(family, ln->net, LBVS_MCGRP_CONNS))
		return;
	n = conn_events_count(ev);
	if (n > rate) {
		atomic64_inc(&ev->lost);
		/* Once a second: the error costs a walk of the group. */
		if (n == rate + 1)
			event_lost(family, ln->net, LBVS_MCGRP_CONNS);
		return;
	}
	msg = event_build(family, cmd, size, GFP_ATOMIC, put, arg);
	if (!msg) {
		atomic64_inc(&ev->lost);
		event_lost(family, ln->net, LBVS_MCGRP_CONNS);
		return;
	}
	genlmsg_multicast_netns(family, ln->net, msg, 0, LBVS_MCGRP_CONNS, GFP_ATOMIC);
}
