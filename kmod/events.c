// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration events. A request's event is the request itself, resent
 * with who made it: the request was validated by the family's policy and
 * accepted, so its attributes say what changed, as precisely as the
 * requester said it, and a listener reads them with the same code that
 * writes requests. A change the kernel makes itself (a drain's end) is
 * sent as the request that would have made it, by pid 0.
 */
#include <linux/lbvs.h>
#include <linux/sched.h>

#include "events.h"

const struct genl_multicast_group lbvs_genl_mcgrps[1] = {
	[LBVS_MCGRP_EVENTS] = { .name = LBVS_GENL_MCGRP_EVENTS,
				.flags = GENL_MCAST_CAP_NET_ADMIN },
};

static void event_send(struct genl_family *family, struct net *net, u8 cmd, u32 pid,
		       const char *comm, size_t size, lbvs_event_put_t put, const void *arg)
{
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(family, net, LBVS_MCGRP_EVENTS))
		return;
	msg = genlmsg_new(size + nla_total_size(sizeof(u32)) + nla_total_size(TASK_COMM_LEN),
			  GFP_KERNEL);
	if (!msg)
		goto lost;
	hdr = genlmsg_put(msg, 0, 0, family, 0, cmd);
	if (!hdr || nla_put_u32(msg, LBVS_ATTR_EVENT_PID, pid) ||
	    nla_put_string(msg, LBVS_ATTR_EVENT_COMM, comm) || put(msg, arg)) {
		nlmsg_free(msg);
		goto lost;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(family, net, msg, 0, LBVS_MCGRP_EVENTS, GFP_KERNEL);
	return;
lost:
	/* Listeners learn they missed one rather than miss it silently. */
	genl_set_err(family, net, 0, LBVS_MCGRP_EVENTS, -ENOBUFS);
}

/* The request's attributes, nla_type as they came (NLA_F_NESTED too). */
static int put_request(struct sk_buff *msg, const void *arg)
{
	const struct genl_info *info = arg;
	const struct nlattr *a;
	int rem;

	nla_for_each_attr(a, genlmsg_data(info->genlhdr), genlmsg_len(info->genlhdr), rem)
		if (nla_put(msg, a->nla_type, nla_len(a), nla_data(a)))
			return -EMSGSIZE;
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
