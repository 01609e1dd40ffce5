// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration events. An event is the request itself, resent with who
 * made it: the request was validated by the family's policy and accepted,
 * so its attributes say what changed, as precisely as the requester said
 * it, and a listener reads them with the same code that writes requests.
 */
#include <linux/lbvs.h>
#include <linux/sched.h>

#include "events.h"

const struct genl_multicast_group lbvs_genl_mcgrps[1] = {
	[LBVS_MCGRP_EVENTS] = { .name = LBVS_GENL_MCGRP_EVENTS,
				.flags = GENL_MCAST_CAP_NET_ADMIN },
};

static int put_event(struct sk_buff *msg, const struct genl_info *info)
{
	const struct nlattr *a;
	int rem;

	if (nla_put_u32(msg, LBVS_ATTR_EVENT_PID, task_tgid_nr(current)) ||
	    nla_put_string(msg, LBVS_ATTR_EVENT_COMM, current->comm))
		return -EMSGSIZE;
	/* nla_type as it came, NLA_F_NESTED included. */
	nla_for_each_attr(a, genlmsg_data(info->genlhdr), genlmsg_len(info->genlhdr), rem)
		if (nla_put(msg, a->nla_type, nla_len(a), nla_data(a)))
			return -EMSGSIZE;
	return 0;
}

void lbvs_event_change(struct genl_family *family, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(family, net, LBVS_MCGRP_EVENTS))
		return;
	msg = genlmsg_new(genlmsg_len(info->genlhdr) + nla_total_size(sizeof(u32)) +
			  nla_total_size(TASK_COMM_LEN), GFP_KERNEL);
	if (!msg)
		goto lost;
	hdr = genlmsg_put(msg, 0, 0, family, 0, info->genlhdr->cmd);
	if (!hdr || put_event(msg, info)) {
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
