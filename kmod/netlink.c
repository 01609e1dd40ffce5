// SPDX-License-Identifier: GPL-2.0
/*
 * Generic Netlink family "LBVS": the configuration interface. The wire format
 * is include/uapi/linux/lbvs.h. Every request is validated strictly (unknown
 * attributes and trailing bytes are rejected), every rejection names its
 * reason in the extended ACK, and a rejected request changes nothing.
 */
#include <linux/ip_vs.h>
#include <linux/lbvs.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "addr.h"
#include "audit.h"
#include "drain.h"
#include "events.h"
#include "fwd.h"
#include "netlink.h"
#include "netns.h"
#include "proto_state.h"
#include "sync.h"
#include "version.h"

static struct genl_family lbvs_genl;

static const struct nla_policy svc_policy[LBVS_SVC_ATTR_MAX + 1] = {
	[LBVS_SVC_ATTR_AF]		= { .type = NLA_U16 },
	[LBVS_SVC_ATTR_PROTOCOL]	= { .type = NLA_U16 },
	[LBVS_SVC_ATTR_ADDR]		= NLA_POLICY_RANGE(NLA_BINARY, 4, 16),
	[LBVS_SVC_ATTR_PORT]		= { .type = NLA_BE16 },
	[LBVS_SVC_ATTR_FWMARK]		= { .type = NLA_U32 },
	[LBVS_SVC_ATTR_SCHED_NAME]	= { .type = NLA_NUL_STRING,
					    .len = LBVS_SCHED_NAME_MAX - 1 },
	[LBVS_SVC_ATTR_FLAGS]		= NLA_POLICY_MASK(NLA_U32, LBVS_SVC_FLAGS),
	[LBVS_SVC_ATTR_TIMEOUT]		= { .type = NLA_U32 },
	[LBVS_SVC_ATTR_NETMASK]		= NLA_POLICY_MAX(NLA_U8, 128),
	[LBVS_SVC_ATTR_STATS]		= { .type = NLA_REJECT },
	[LBVS_SVC_ATTR_DROPS]		= { .type = NLA_REJECT },
	[LBVS_SVC_ATTR_PAD]		= { .type = NLA_REJECT },
	[LBVS_SVC_ATTR_TIMEOUT_TCP]	= { .type = NLA_U32 },
	[LBVS_SVC_ATTR_TIMEOUT_TCP_FIN]	= { .type = NLA_U32 },
	[LBVS_SVC_ATTR_TIMEOUT_UDP]	= { .type = NLA_U32 },
};

/* Not const in 6.1's struct nla_policy; never written. */
static struct netlink_range_validation drain_range __ro_after_init = {
	.max = LBVS_DRAIN_MAX,
};

static const struct nla_policy dest_policy[LBVS_DEST_ATTR_MAX + 1] = {
	[LBVS_DEST_ATTR_AF]		= { .type = NLA_U16 },
	[LBVS_DEST_ATTR_ADDR]		= NLA_POLICY_RANGE(NLA_BINARY, 4, 16),
	[LBVS_DEST_ATTR_PORT]		= { .type = NLA_BE16 },
	[LBVS_DEST_ATTR_FWD]		= NLA_POLICY_RANGE(NLA_U32, LBVS_FWD_NAT, LBVS_FWD_MAX),
	[LBVS_DEST_ATTR_WEIGHT]		= { .type = NLA_U32 },
	[LBVS_DEST_ATTR_U_THRESH]	= { .type = NLA_U32 },
	[LBVS_DEST_ATTR_L_THRESH]	= { .type = NLA_U32 },
	[LBVS_DEST_ATTR_ACTIVE_CONNS]	= { .type = NLA_REJECT },
	[LBVS_DEST_ATTR_INACT_CONNS]	= { .type = NLA_REJECT },
	[LBVS_DEST_ATTR_PERSIST_CONNS]	= { .type = NLA_REJECT },
	[LBVS_DEST_ATTR_STATS]		= { .type = NLA_REJECT },
	[LBVS_DEST_ATTR_PAD]		= { .type = NLA_REJECT },
	[LBVS_DEST_ATTR_TUN_TYPE]	= NLA_POLICY_MAX(NLA_U8, LBVS_TUN_MAX),
	[LBVS_DEST_ATTR_TUN_PORT]	= { .type = NLA_BE16 },
	[LBVS_DEST_ATTR_TUN_FLAGS]	= NLA_POLICY_MASK(NLA_U16, LBVS_TUN_F_ALL),
	[LBVS_DEST_ATTR_DRAIN]		= NLA_POLICY_FULL_RANGE(NLA_U32, &drain_range),
};

static const struct nla_policy laddr_policy[LBVS_LADDR_ATTR_MAX + 1] = {
	[LBVS_LADDR_ATTR_AF]		= { .type = NLA_U16 },
	[LBVS_LADDR_ATTR_ADDR]		= NLA_POLICY_RANGE(NLA_BINARY, 4, 16),
};

static const struct nla_policy peer_policy[LBVS_DAEMON_PEER_ATTR_MAX + 1] = {
	[LBVS_DAEMON_PEER_ATTR_ADDR]	= NLA_POLICY_RANGE(NLA_BINARY, 4, 16),
};

static const struct nla_policy daemon_policy[LBVS_DAEMON_ATTR_MAX + 1] = {
	[LBVS_DAEMON_ATTR_STATE]	= NLA_POLICY_RANGE(NLA_U32, LBVS_SYNC_STATE_MASTER,
							   LBVS_SYNC_STATE_BACKUP),
	[LBVS_DAEMON_ATTR_IFNAME]	= { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[LBVS_DAEMON_ATTR_SYNCID]	= NLA_POLICY_MAX(NLA_U32, U8_MAX),
	[LBVS_DAEMON_ATTR_MAXLEN]	= { .type = NLA_U16 },
	[LBVS_DAEMON_ATTR_AF]		= { .type = NLA_U16 },
	[LBVS_DAEMON_ATTR_GROUP]	= NLA_POLICY_RANGE(NLA_BINARY, 4, 16),
	[LBVS_DAEMON_ATTR_PORT]		= { .type = NLA_U16 },
	[LBVS_DAEMON_ATTR_TTL]		= { .type = NLA_U8 },
	[LBVS_DAEMON_ATTR_PAD]		= { .type = NLA_REJECT },
	[LBVS_DAEMON_ATTR_TX_MSGS]	= { .type = NLA_REJECT },
	[LBVS_DAEMON_ATTR_TX_CONNS]	= { .type = NLA_REJECT },
	[LBVS_DAEMON_ATTR_TX_DROPPED]	= { .type = NLA_REJECT },
	[LBVS_DAEMON_ATTR_RX_MSGS]	= { .type = NLA_REJECT },
	[LBVS_DAEMON_ATTR_RX_CONNS]	= { .type = NLA_REJECT },
	[LBVS_DAEMON_ATTR_RX_REFUSED]	= { .type = NLA_REJECT },
	[LBVS_DAEMON_ATTR_RX_ERRORS]	= { .type = NLA_REJECT },
	[LBVS_DAEMON_ATTR_RESYNC_STATE]	= { .type = NLA_REJECT },
	[LBVS_DAEMON_ATTR_RESYNC_ENTRIES] = { .type = NLA_REJECT },
	[LBVS_DAEMON_ATTR_RESYNC_MSECS]	= { .type = NLA_REJECT },
	[LBVS_DAEMON_ATTR_RESYNCS]	= { .type = NLA_REJECT },
	[LBVS_DAEMON_ATTR_KEY]		= NLA_POLICY_EXACT_LEN(LBVS_SYNC_KEY_LEN),
	[LBVS_DAEMON_ATTR_AUTH]		= { .type = NLA_REJECT },
	[LBVS_DAEMON_ATTR_RX_AUTH_FAILED] = { .type = NLA_REJECT },
	[LBVS_DAEMON_ATTR_PEERS]	= NLA_POLICY_NESTED(peer_policy),
	[LBVS_DAEMON_ATTR_RX_NOT_PEER]	= { .type = NLA_REJECT },
};

static const struct nla_policy lbvs_policy[LBVS_ATTR_MAX + 1] = {
	[LBVS_ATTR_SERVICE]		= NLA_POLICY_NESTED(svc_policy),
	[LBVS_ATTR_DEST]		= NLA_POLICY_NESTED(dest_policy),
	[LBVS_ATTR_CONN]		= { .type = NLA_REJECT },
	[LBVS_ATTR_TIMEOUT_TCP]		= { .type = NLA_U32 },
	[LBVS_ATTR_TIMEOUT_TCP_FIN]	= { .type = NLA_U32 },
	[LBVS_ATTR_TIMEOUT_UDP]		= { .type = NLA_U32 },
	[LBVS_ATTR_INFO_VERSION]	= { .type = NLA_REJECT },
	[LBVS_ATTR_INFO_CONN_TAB_SIZE]	= { .type = NLA_REJECT },
	[LBVS_ATTR_INFO_CONN_MAX]	= { .type = NLA_REJECT },
	[LBVS_ATTR_INFO_CONN_COUNT]	= { .type = NLA_REJECT },
	[LBVS_ATTR_INFO_CONN_DROPPED]	= { .type = NLA_REJECT },
	[LBVS_ATTR_PAD]			= { .type = NLA_REJECT },
	[LBVS_ATTR_LADDR]		= NLA_POLICY_NESTED(laddr_policy),
	[LBVS_ATTR_INFO_NO_LPORT]	= { .type = NLA_REJECT },
	[LBVS_ATTR_NO_STATS]		= { .type = NLA_FLAG },
	[LBVS_ATTR_DEST_LIST]		= NLA_POLICY_NESTED_ARRAY(dest_policy),
	[LBVS_ATTR_INFO_FEATURES]	= { .type = NLA_REJECT },
	[LBVS_ATTR_EVENT_PID]		= { .type = NLA_REJECT },
	[LBVS_ATTR_EVENT_COMM]		= { .type = NLA_REJECT },
	[LBVS_ATTR_DAEMON]		= NLA_POLICY_NESTED(daemon_policy),
};

/*
 * The policy argument of nla_parse_nested() for a nest of a request: genl
 * validated the whole request against lbvs_policy before the handler ran,
 * nests and the entries of LBVS_ATTR_DEST_LIST included, strictly (types,
 * lengths, ranges, trailing bytes); splitting a nest keeps the strict
 * framing checks, and validating the contents again would be paid on every
 * request of a restore.
 */
#define VALIDATED NULL

static struct lbvs_net *info_net(struct genl_info *info)
{
	return lbvs_net(genl_info_net(info));
}

static int parse_af(struct nlattr *nla, u16 *af, struct netlink_ext_ack *extack)
{
	*af = nla_get_u16(nla);
	if (*af == AF_INET || *af == AF_INET6)
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, nla, "address family must be AF_INET or AF_INET6");
	return -EAFNOSUPPORT;
}

static int parse_addr(struct nlattr *nla, u16 af, union nf_inet_addr *addr,
		      struct netlink_ext_ack *extack)
{
	memset(addr, 0, sizeof(*addr));
	if (nla_len(nla) != lbvs_addr_len(af)) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "address length does not match its family");
		return -EINVAL;
	}
	nla_memcpy(addr, nla, sizeof(*addr));
	return 0;
}

/* The identifying part of a service: (af, protocol, addr, port) or (af, fwmark). */
static int parse_svc_key(struct nlattr **a, struct lbvs_svc_key *k,
			 struct netlink_ext_ack *extack)
{
	int err;

	memset(k, 0, sizeof(*k));
	if (!a[LBVS_SVC_ATTR_AF]) {
		NL_SET_ERR_MSG(extack, "service address family missing");
		return -EINVAL;
	}
	err = parse_af(a[LBVS_SVC_ATTR_AF], &k->af, extack);
	if (err)
		return err;
	if (a[LBVS_SVC_ATTR_FWMARK]) {
		k->fwmark = nla_get_u32(a[LBVS_SVC_ATTR_FWMARK]);
		if (k->fwmark && !a[LBVS_SVC_ATTR_ADDR] && !a[LBVS_SVC_ATTR_PORT])
			return 0;
		NL_SET_ERR_MSG_ATTR(extack, a[LBVS_SVC_ATTR_FWMARK],
				    "a firewall-mark service takes a non-zero mark and no address or port");
		return -EINVAL;
	}
	if (!a[LBVS_SVC_ATTR_PROTOCOL] || !a[LBVS_SVC_ATTR_ADDR] || !a[LBVS_SVC_ATTR_PORT]) {
		NL_SET_ERR_MSG(extack, "service needs protocol, address and port, or a mark");
		return -EINVAL;
	}
	k->protocol = nla_get_u16(a[LBVS_SVC_ATTR_PROTOCOL]);
	if (k->protocol != IPPROTO_TCP && k->protocol != IPPROTO_UDP) {
		NL_SET_ERR_MSG_ATTR(extack, a[LBVS_SVC_ATTR_PROTOCOL],
				    "service protocol must be TCP or UDP");
		return -EPROTONOSUPPORT;
	}
	k->port = nla_get_be16(a[LBVS_SVC_ATTR_PORT]);	/* 0: all ports, see svc_apply() */
	return parse_addr(a[LBVS_SVC_ATTR_ADDR], k->af, &k->addr, extack);
}

/* An optional u32 field: copy it and note in *set that the request has it. */
static void opt_u32(const struct nlattr *nla, u32 *to, u32 *set, u32 bit)
{
	if (!nla)
		return;
	*to = nla_get_u32(nla);
	*set |= bit;
}

static int parse_svc(struct genl_info *info, struct lbvs_svc_conf *conf, u32 *set)
{
	struct nlattr *a[LBVS_SVC_ATTR_MAX + 1];
	unsigned int i;
	int err;

	if (!info->attrs[LBVS_ATTR_SERVICE]) {
		NL_SET_ERR_MSG(info->extack, "service attribute missing");
		return -EINVAL;
	}
	err = nla_parse_nested(a, LBVS_SVC_ATTR_MAX, info->attrs[LBVS_ATTR_SERVICE],
			       VALIDATED, info->extack);
	if (err)
		return err;
	memset(conf, 0, sizeof(*conf));
	err = parse_svc_key(a, &conf->key, info->extack);
	if (err || !set)
		return err;
	*set = 0;
	if (a[LBVS_SVC_ATTR_SCHED_NAME]) {
		nla_strscpy(conf->sched_name, a[LBVS_SVC_ATTR_SCHED_NAME],
			    sizeof(conf->sched_name));
		*set |= LBVS_SET_SCHED;
	}
	opt_u32(a[LBVS_SVC_ATTR_FLAGS], &conf->flags, set, LBVS_SET_FLAGS);
	opt_u32(a[LBVS_SVC_ATTR_TIMEOUT], &conf->timeout, set, LBVS_SET_TIMEOUT);
	for (i = 0; i < LBVS_SVC_TIMEOUTS; i++)
		opt_u32(a[LBVS_SVC_ATTR_TIMEOUT_TCP + i], &conf->timeouts[i], set,
			LBVS_SET_TIMEOUTS);
	if (a[LBVS_SVC_ATTR_NETMASK]) {
		conf->netmask = nla_get_u8(a[LBVS_SVC_ATTR_NETMASK]);
		*set |= LBVS_SET_NETMASK;
	}
	return 0;
}

static struct lbvs_service *find_svc(struct lbvs_net *ln, struct genl_info *info,
				     const struct lbvs_svc_key *k)
{
	struct lbvs_service *svc = lbvs_svc_find(ln, k);

	if (!svc)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[LBVS_ATTR_SERVICE],
				    "no such service");
	return svc;
}

/* One LBVS_ATTR_DEST nest, already validated against dest_policy. */
static int parse_dest(const struct nlattr *nest, const struct lbvs_service *svc, bool edit,
		      struct lbvs_dest_conf *dc, u32 *set, struct netlink_ext_ack *extack)
{
	struct nlattr *a[LBVS_DEST_ATTR_MAX + 1];
	int err;

	err = nla_parse_nested(a, LBVS_DEST_ATTR_MAX, nest, VALIDATED, extack);
	if (err)
		return err;
	memset(dc, 0, sizeof(*dc));
	dc->af = svc->af;
	if (a[LBVS_DEST_ATTR_AF]) {
		err = parse_af(a[LBVS_DEST_ATTR_AF], &dc->af, extack);
		if (err)
			return err;
	}
	if (!a[LBVS_DEST_ATTR_ADDR]) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "real server address missing");
		return -EINVAL;
	}
	err = parse_addr(a[LBVS_DEST_ATTR_ADDR], dc->af, &dc->addr, extack);
	if (err)
		return err;
	dc->port = a[LBVS_DEST_ATTR_PORT] ? nla_get_be16(a[LBVS_DEST_ATTR_PORT]) : svc->port;
	/* Defaults as ipvsadm's: direct routing, weight 1, no thresholds. */
	dc->fwd = LBVS_FWD_DR;
	dc->weight = 1;
	*set = 0;
	if (a[LBVS_DEST_ATTR_FWD]) {
		dc->fwd = nla_get_u32(a[LBVS_DEST_ATTR_FWD]);
		*set |= LBVS_SET_FWD;
	}
	opt_u32(a[LBVS_DEST_ATTR_WEIGHT], &dc->weight, set, LBVS_SET_WEIGHT);
	opt_u32(a[LBVS_DEST_ATTR_U_THRESH], &dc->u_thresh, set, LBVS_SET_U_THRESH);
	opt_u32(a[LBVS_DEST_ATTR_L_THRESH], &dc->l_thresh, set, LBVS_SET_L_THRESH);
	if (a[LBVS_DEST_ATTR_TUN_TYPE] || a[LBVS_DEST_ATTR_TUN_PORT] ||
	    a[LBVS_DEST_ATTR_TUN_FLAGS]) {
		if (a[LBVS_DEST_ATTR_TUN_TYPE])
			dc->tun.type = nla_get_u8(a[LBVS_DEST_ATTR_TUN_TYPE]);
		if (a[LBVS_DEST_ATTR_TUN_PORT])
			dc->tun.port = nla_get_be16(a[LBVS_DEST_ATTR_TUN_PORT]);
		if (a[LBVS_DEST_ATTR_TUN_FLAGS])
			dc->tun.flags = nla_get_u16(a[LBVS_DEST_ATTR_TUN_FLAGS]);
		*set |= LBVS_SET_TUN;
	}
	if (a[LBVS_DEST_ATTR_DRAIN]) {
		if (!edit) {
			NL_SET_ERR_MSG_ATTR(extack, a[LBVS_DEST_ATTR_DRAIN],
					    "only a real server already in drains (SET_DEST)");
			return -EINVAL;
		}
		dc->drain = nla_get_u32(a[LBVS_DEST_ATTR_DRAIN]);
		*set |= LBVS_SET_DRAIN;
	}
	return 0;
}

static int cmd_new_service(struct sk_buff *skb, struct genl_info *info)
{
	struct lbvs_net *ln = info_net(info);
	struct lbvs_svc_conf conf;
	u32 set;
	int err;

	err = parse_svc(info, &conf, &set);
	if (err)
		return err;
	if (!(set & LBVS_SET_SCHED))
		strscpy(conf.sched_name, "wlc", sizeof(conf.sched_name));
	if (!(set & LBVS_SET_TIMEOUT))
		conf.timeout = 300;
	if (!(set & LBVS_SET_NETMASK))
		conf.netmask = lbvs_addr_len(conf.key.af) * 8;
	mutex_lock(&ln->config_lock);
	err = lbvs_svc_add(ln, &conf, info->extack);
	mutex_unlock(&ln->config_lock);
	return err;
}

/*
 * A request about one existing service, as parse_svc() read it (set: the
 * fields conf carries, LBVS_SET_*).
 */
struct svc_req {
	struct genl_info *info;
	struct lbvs_svc_conf conf;
	u32 set;
};

/* What a request does to the service it names, under config_lock. */
typedef int (*svc_op_t)(struct lbvs_net *ln, struct lbvs_service *svc,
			const struct svc_req *req);

static int with_svc(struct genl_info *info, svc_op_t op)
{
	struct lbvs_net *ln = info_net(info);
	struct svc_req req = { .info = info };
	struct lbvs_service *svc;
	int err;

	err = parse_svc(info, &req.conf, &req.set);
	if (err)
		return err;
	mutex_lock(&ln->config_lock);
	svc = find_svc(ln, info, &req.conf.key);
	err = svc ? op(ln, svc, &req) : -ESRCH;
	mutex_unlock(&ln->config_lock);
	return err;
}

static int svc_edit(struct lbvs_net *ln, struct lbvs_service *svc, const struct svc_req *req)
{
	return lbvs_svc_edit(ln, svc, &req->conf, req->set, req->info->extack);
}

static int cmd_set_service(struct sk_buff *skb, struct genl_info *info)
{
	return with_svc(info, svc_edit);
}

static int svc_del(struct lbvs_net *ln, struct lbvs_service *svc, const struct svc_req *req)
{
	lbvs_svc_del(ln, svc);
	return 0;
}

static int cmd_del_service(struct sk_buff *skb, struct genl_info *info)
{
	return with_svc(info, svc_del);
}

/*
 * NEW_DEST with LBVS_ATTR_DEST_LIST: every server parsed first, then added
 * together (service.c undoes them all on a refusal). A refusal points the
 * extended ACK into the server refused, for the sender to name it.
 */
static int dest_add_list(struct lbvs_net *ln, struct lbvs_service *svc,
			 struct genl_info *info)
{
	const struct nlattr *list = info->attrs[LBVS_ATTR_DEST_LIST], *nla;
	struct lbvs_dest_conf *dcs;
	unsigned int n = 0, bad = 0;
	int rem, err = 0;
	u32 set;

	nla_for_each_nested(nla, list, rem)
		n++;
	if (!n) {
		NL_SET_ERR_MSG_ATTR(info->extack, list, "real server list is empty");
		return -EINVAL;
	}
	dcs = kvmalloc_array(n, sizeof(*dcs), GFP_KERNEL);
	if (!dcs)
		return -ENOMEM;
	n = 0;
	nla_for_each_nested(nla, list, rem) {
		if (nla_type(nla) != LBVS_ATTR_DEST) {
			NL_SET_ERR_MSG_ATTR(info->extack, nla,
					    "a real server list holds LBVS_ATTR_DEST entries only");
			err = -EINVAL;
		}
		err = err ?: parse_dest(nla, svc, false, &dcs[n++], &set, info->extack);
		if (err)
			goto out;
	}
	err = lbvs_dest_add(ln, svc, dcs, n, &bad, info->extack);
	if (err && bad < n) {
		nla_for_each_nested(nla, list, rem)
			if (!bad--)
				break;
		if (!info->extack->bad_attr)
			NL_SET_BAD_ATTR(info->extack, nla);
	}
out:
	kvfree(dcs);
	return err;
}

/* NEW_DEST, SET_DEST, DEL_DEST, by the request's command. */
static int dest_op(struct lbvs_net *ln, struct lbvs_service *svc, const struct svc_req *req)
{
	struct genl_info *info = req->info;
	const struct nlattr *nest = info->attrs[LBVS_ATTR_DEST];
	struct lbvs_dest_conf dc;
	struct lbvs_dest *dest;
	unsigned int bad;
	u32 set;
	int err;

	if (info->attrs[LBVS_ATTR_DEST_LIST]) {
		if (info->genlhdr->cmd == LBVS_CMD_NEW_DEST && !nest)
			return dest_add_list(ln, svc, info);
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[LBVS_ATTR_DEST_LIST],
				    "a real server list goes alone, and only in NEW_DEST");
		return -EINVAL;
	}
	if (!nest) {
		NL_SET_ERR_MSG(info->extack, "real server attribute missing");
		return -EINVAL;
	}
	err = parse_dest(nest, svc, info->genlhdr->cmd == LBVS_CMD_SET_DEST, &dc, &set,
			 info->extack);
	if (err)
		return err;
	if (info->genlhdr->cmd == LBVS_CMD_NEW_DEST)
		return lbvs_dest_add(ln, svc, &dc, 1, &bad, info->extack);
	dest = lbvs_dest_find(svc, &dc);
	if (!dest) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[LBVS_ATTR_DEST],
				    "no such real server in this service");
		return -ESRCH;
	}
	if (info->genlhdr->cmd == LBVS_CMD_SET_DEST) {
		err = lbvs_dest_edit(ln, dest, &dc, set, info->extack);
		if (!err && (set & LBVS_SET_DRAIN))
			err = lbvs_drain_set(ln, dest, dc.drain, info->extack);
		return err;
	}
	return lbvs_dest_del(ln, dest, info->extack);
}

static int cmd_dest(struct sk_buff *skb, struct genl_info *info)
{
	return with_svc(info, dest_op);
}

static int parse_laddr(struct genl_info *info, const struct lbvs_service *svc,
		       union nf_inet_addr *addr)
{
	struct nlattr *a[LBVS_LADDR_ATTR_MAX + 1];
	u16 af = svc->af;
	int err;

	if (!info->attrs[LBVS_ATTR_LADDR]) {
		NL_SET_ERR_MSG(info->extack, "local address attribute missing");
		return -EINVAL;
	}
	err = nla_parse_nested(a, LBVS_LADDR_ATTR_MAX, info->attrs[LBVS_ATTR_LADDR],
			       VALIDATED, info->extack);
	if (!err && a[LBVS_LADDR_ATTR_AF])
		err = parse_af(a[LBVS_LADDR_ATTR_AF], &af, info->extack);
	if (err)
		return err;
	if (af != svc->af) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[LBVS_LADDR_ATTR_AF],
				    "local address family differs from the service's");
		return -EAFNOSUPPORT;
	}
	if (!a[LBVS_LADDR_ATTR_ADDR]) {
		NL_SET_ERR_MSG(info->extack, "local address missing");
		return -EINVAL;
	}
	return parse_addr(a[LBVS_LADDR_ATTR_ADDR], af, addr, info->extack);
}

/* NEW_LADDR, DEL_LADDR, by the request's command. */
static int laddr_op(struct lbvs_net *ln, struct lbvs_service *svc, const struct svc_req *req)
{
	struct genl_info *info = req->info;
	union nf_inet_addr addr;
	int err;

	err = parse_laddr(info, svc, &addr);
	if (err)
		return err;
	if (info->genlhdr->cmd == LBVS_CMD_NEW_LADDR)
		return lbvs_laddr_add(ln, svc, &addr, info->extack);
	return lbvs_laddr_del(ln, svc, &addr, info->extack);
}

static int cmd_laddr(struct sk_buff *skb, struct genl_info *info)
{
	return with_svc(info, laddr_op);
}

static int cmd_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct lbvs_net *ln = info_net(info);

	mutex_lock(&ln->config_lock);
	lbvs_svc_flush(ln);
	mutex_unlock(&ln->config_lock);
	return 0;
}

static int zero_op(struct lbvs_net *ln, struct lbvs_service *svc, const struct svc_req *req)
{
	lbvs_svc_zero(svc);
	return 0;
}

static int cmd_zero(struct sk_buff *skb, struct genl_info *info)
{
	if (info->attrs[LBVS_ATTR_SERVICE])
		return with_svc(info, zero_op);
	lbvs_svc_zero_all(info_net(info));
	return 0;
}

/*
 * IPVS's family numbers its timeouts as LBVS does: one parser and one
 * writer serve both (lbvs_genl_set_timeouts(), lbvs_genl_put_timeouts()).
 */
static_assert((int)LBVS_ATTR_TIMEOUT_TCP == (int)IPVS_CMD_ATTR_TIMEOUT_TCP &&
	      (int)LBVS_ATTR_TIMEOUT_TCP_FIN == (int)IPVS_CMD_ATTR_TIMEOUT_TCP_FIN &&
	      (int)LBVS_ATTR_TIMEOUT_UDP == (int)IPVS_CMD_ATTR_TIMEOUT_UDP);

/* The state of the namespace's timeout attr (LBVS_ATTR_TIMEOUT_*). */
static u8 timeout_state(int attr)
{
	return lbvs_timeout_states[attr - LBVS_ATTR_TIMEOUT_TCP];
}

int lbvs_genl_set_timeouts(struct genl_info *info, int err_range)
{
	struct lbvs_net *ln = info_net(info);
	int attr;

	/* Check all before changing any: a rejected request changes nothing. */
	for (attr = LBVS_ATTR_TIMEOUT_TCP; attr <= LBVS_ATTR_TIMEOUT_UDP; attr++) {
		if (info->attrs[attr] && nla_get_u32(info->attrs[attr]) > LBVS_TIMEOUT_MAX) {
			NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[attr],
					    "timeout out of range 0..2592000 seconds");
			return err_range;
		}
	}
	/* As ipvsadm --set: 0 leaves a timeout unchanged. */
	for (attr = LBVS_ATTR_TIMEOUT_TCP; attr <= LBVS_ATTR_TIMEOUT_UDP; attr++) {
		u32 v = info->attrs[attr] ? nla_get_u32(info->attrs[attr]) : 0;

		if (v)
			WRITE_ONCE(ln->sysctl.timeout[timeout_state(attr)], v);
	}
	return 0;
}

static int cmd_set_config(struct sk_buff *skb, struct genl_info *info)
{
	return lbvs_genl_set_timeouts(info, -ERANGE);
}

static int put_addr(struct sk_buff *skb, int attr, u16 af, const void *addr)
{
	return nla_put(skb, attr, lbvs_addr_len(af), addr);
}

/* A nest's end: closed when its attributes fit (err 0), else taken back. */
static int nest_end(struct sk_buff *skb, struct nlattr *nest, int err)
{
	if (err) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int put_stats(struct sk_buff *skb, int attr, struct lbvs_stats *s)
{
	static const u8 cnt_attr[LBVS_CNT_NUM] = {
		LBVS_STATS_ATTR_CONNS, LBVS_STATS_ATTR_INPKTS, LBVS_STATS_ATTR_OUTPKTS,
		LBVS_STATS_ATTR_INBYTES, LBVS_STATS_ATTR_OUTBYTES, LBVS_STATS_ATTR_DROPS,
	};
	/* Drops have no rate on the wire. */
	static const u8 rate_attr[LBVS_CNT_NUM] = {
		LBVS_STATS_ATTR_CPS, LBVS_STATS_ATTR_INPPS, LBVS_STATS_ATTR_OUTPPS,
		LBVS_STATS_ATTR_INBPS, LBVS_STATS_ATTR_OUTBPS,
	};
	struct lbvs_stats_snap snap;
	struct nlattr *nest;
	unsigned int i;
	int err = 0;

	lbvs_stats_read(s, &snap);
	nest = nla_nest_start(skb, attr);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; !err && i < LBVS_CNT_NUM; i++)
		err = nla_put_u64_64bit(skb, cnt_attr[i], snap.cnt[i], LBVS_STATS_ATTR_PAD) ||
		      (rate_attr[i] &&
		       nla_put_u64_64bit(skb, rate_attr[i], snap.rate[i], LBVS_STATS_ATTR_PAD));
	return nest_end(skb, nest, err);
}

/* Every reason's count, reason r as attribute r + 1 (0 is no attribute). */
static int put_drops(struct sk_buff *skb, int attr, const u64 *cnt)
{
	struct nlattr *nest = nla_nest_start(skb, attr);
	unsigned int r;
	int err = 0;

	if (!nest)
		return -EMSGSIZE;
	for (r = 0; !err && r < __LBVS_DROP_MAX; r++)
		err = nla_put_u64_64bit(skb, r + 1, cnt[r], 0);
	return nest_end(skb, nest, err);
}

/* Only once the service dropped a packet: most never do. */
static int put_svc_drops(struct sk_buff *skb, struct lbvs_service *svc)
{
	u64 cnt[__LBVS_DROP_MAX];

	if (!lbvs_svc_drops_read(svc, cnt))
		return 0;
	return put_drops(skb, LBVS_SVC_ATTR_DROPS, cnt);
}

/* The attributes that identify a service. */
static int put_svc_id(struct sk_buff *skb, const struct lbvs_service *svc)
{
	if (nla_put_u16(skb, LBVS_SVC_ATTR_AF, svc->af))
		return -EMSGSIZE;
	if (svc->fwmark)
		return nla_put_u32(skb, LBVS_SVC_ATTR_FWMARK, svc->fwmark);
	return nla_put_u16(skb, LBVS_SVC_ATTR_PROTOCOL, svc->protocol) ||
	       put_addr(skb, LBVS_SVC_ATTR_ADDR, svc->af, &svc->addr) ||
	       nla_put_be16(skb, LBVS_SVC_ATTR_PORT, svc->port);
}

static int put_svc_key(struct sk_buff *skb, const struct lbvs_service *svc)
{
	struct nlattr *nest = nla_nest_start(skb, LBVS_ATTR_SERVICE);

	if (!nest || put_svc_id(skb, svc))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* Whether a request wants counters in its replies (LBVS_ATTR_NO_STATS). */
static bool want_stats(struct nlattr **attrs)
{
	return !attrs[LBVS_ATTR_NO_STATS];
}

/* Only when one is set: most services have none. */
static int put_svc_timeouts(struct sk_buff *skb, const struct lbvs_service *svc)
{
	unsigned int i;

	if (!svc->timeouts[0] && !svc->timeouts[1] && !svc->timeouts[2])
		return 0;
	for (i = 0; i < LBVS_SVC_TIMEOUTS; i++)
		if (nla_put_u32(skb, LBVS_SVC_ATTR_TIMEOUT_TCP + i, svc->timeouts[i]))
			return -EMSGSIZE;
	return 0;
}

static int put_svc(struct sk_buff *skb, struct lbvs_service *svc, bool stats)
{
	struct nlattr *nest = nla_nest_start(skb, LBVS_ATTR_SERVICE);
	int err;

	if (!nest)
		return -EMSGSIZE;
	err = put_svc_id(skb, svc) ||
	      nla_put_string(skb, LBVS_SVC_ATTR_SCHED_NAME, svc->sched.algo->name) ||
	      nla_put_u32(skb, LBVS_SVC_ATTR_FLAGS, svc->flags) ||
	      nla_put_u32(skb, LBVS_SVC_ATTR_TIMEOUT, svc->timeout) ||
	      nla_put_u8(skb, LBVS_SVC_ATTR_NETMASK, svc->netmask) ||
	      put_svc_timeouts(skb, svc) ||
	      (stats && (put_stats(skb, LBVS_SVC_ATTR_STATS, &svc->stats) ||
			 put_svc_drops(skb, svc)));
	return nest_end(skb, nest, err);
}

/* An attribute written at p, which has room for it: the end of it. */
static void *put_raw(void *p, int type, const void *data, int len)
{
	struct nlattr *a = p;

	a->nla_type = type;
	a->nla_len = nla_attr_size(len);
	memcpy(nla_data(a), data, len);
	memset((u8 *)nla_data(a) + len, 0, nla_padlen(len));
	return (u8 *)a + nla_total_size(len);
}

static int put_tun(struct sk_buff *skb, union lbvs_tun tun)
{
	if (nla_put_u8(skb, LBVS_DEST_ATTR_TUN_TYPE, tun.type) ||
	    nla_put_be16(skb, LBVS_DEST_ATTR_TUN_PORT, tun.port) ||
	    nla_put_u16(skb, LBVS_DEST_ATTR_TUN_FLAGS, tun.flags))
		return -EMSGSIZE;
	return 0;
}

/*
 * A server's fixed part is reserved with one skb_put() and written in
 * place, in nla_put()'s layout: per-attribute nla_put()s were most of the
 * kernel's side of a large listing.
 */
static int put_dest(struct sk_buff *skb, struct lbvs_dest *d, bool stats)
{
	const u32 v[] = {
		d->fwd, d->weight, d->u_thresh, d->l_thresh, atomic_read(&d->active),
		atomic_read(&d->inactive), atomic_read(&d->persist),
	};
	static const u8 v_attr[] = {
		LBVS_DEST_ATTR_FWD, LBVS_DEST_ATTR_WEIGHT, LBVS_DEST_ATTR_U_THRESH,
		LBVS_DEST_ATTR_L_THRESH, LBVS_DEST_ATTR_ACTIVE_CONNS,
		LBVS_DEST_ATTR_INACT_CONNS, LBVS_DEST_ATTR_PERSIST_CONNS,
	};
	int alen = lbvs_addr_len(d->af), len, i, err;
	u32 drain = lbvs_drain_left(d);
	struct nlattr *nest;
	u16 af = d->af;
	void *p;

	len = NLA_HDRLEN + 2 * nla_total_size(sizeof(u16)) + nla_total_size(alen) +
	      ARRAY_SIZE(v) * nla_total_size(sizeof(u32));
	if (skb_tailroom(skb) < len)
		return -EMSGSIZE;
	nest = skb_put(skb, len);
	nest->nla_type = NLA_F_NESTED | LBVS_ATTR_DEST;
	p = put_raw(nest + 1, LBVS_DEST_ATTR_AF, &af, sizeof(af));
	p = put_raw(p, LBVS_DEST_ATTR_ADDR, &d->addr, alen);
	p = put_raw(p, LBVS_DEST_ATTR_PORT, &d->port, sizeof(d->port));
	for (i = 0; i < ARRAY_SIZE(v); i++)
		p = put_raw(p, v_attr[i], &v[i], sizeof(v[i]));
	/*
	 * After the fixed part: lbadm's fast path takes IPIP servers that
	 * do not drain only.
	 */
	err = (d->tun.type && put_tun(skb, d->tun)) ||
	      (drain && nla_put_u32(skb, LBVS_DEST_ATTR_DRAIN, drain)) ||
	      (stats && put_stats(skb, LBVS_DEST_ATTR_STATS, &d->stats));
	return nest_end(skb, nest, err);
}

void *lbvs_genl_dump_hdr(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd)
{
	return genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			   genl_dumpit_info(cb)->family, NLM_F_MULTI, cmd);
}

/*
 * Where a dump over services goes on, kept in the netlink_callback between
 * rounds (zeroed before the first). A round under the generation at was
 * saved at resumes there; after a change (the dump is then marked
 * interrupted) it walks to the svcs_done-th service again, as at may be
 * gone. Walking there every round made a dump of 110,000 servers
 * quadratic. No reference is held on at: it is only followed under an
 * unchanged generation, that is while no service was deleted.
 */
struct svc_dump_ctx {
	long svcs_done;			/* services done */
	long items_done;		/* objects done in the current one */
	struct lbvs_service *at;	/* where to go on, or the list head */
	unsigned int generation;	/* the table's when at was saved */
};

static struct svc_dump_ctx *svc_dump_ctx(struct netlink_callback *cb)
{
	BUILD_BUG_ON(sizeof(struct svc_dump_ctx) > sizeof_field(struct netlink_callback, ctx));
	return (struct svc_dump_ctx *)cb->ctx;
}

static struct lbvs_service *dump_resume(struct lbvs_net *ln, struct netlink_callback *cb)
{
	struct svc_dump_ctx *ctx = svc_dump_ctx(cb);
	struct lbvs_service *svc;
	long idx = 0;

	cb->seq = ln->svcs.generation;
	if (ctx->at && ctx->generation == ln->svcs.generation)
		return ctx->at;
	list_for_each_entry(svc, &ln->svcs.list, list)
		if (idx++ == ctx->svcs_done)
			break;
	return svc;
}

static void dump_pause(struct lbvs_net *ln, struct netlink_callback *cb,
		       struct lbvs_service *svc)
{
	struct svc_dump_ctx *ctx = svc_dump_ctx(cb);

	ctx->at = svc;
	ctx->generation = ln->svcs.generation;
}

int lbvs_genl_dump_svcs(struct sk_buff *skb, struct netlink_callback *cb, lbvs_dump_svc_t put)
{
	struct lbvs_net *ln = lbvs_net(sock_net(skb->sk));
	struct svc_dump_ctx *ctx = svc_dump_ctx(cb);
	struct lbvs_service *svc;

	mutex_lock(&ln->config_lock);
	svc = dump_resume(ln, cb);
	list_for_each_entry_from(svc, &ln->svcs.list, list) {
		if (put(skb, cb, svc))
			break;
		ctx->svcs_done++;
		ctx->items_done = 0;
	}
	dump_pause(ln, cb, svc);
	mutex_unlock(&ln->config_lock);
	return skb->len;
}

int lbvs_genl_dump_one(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd,
		       lbvs_put_svc_t put, struct lbvs_service *svc)
{
	void *hdr = lbvs_genl_dump_hdr(skb, cb, cmd);

	if (!hdr)
		return -EMSGSIZE;
	nl_dump_check_consistent(cb, nlmsg_hdr(skb));
	if (put(skb, svc, cb)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int put_svc_stats(struct sk_buff *skb, struct lbvs_service *svc,
			 struct netlink_callback *cb)
{
	return put_svc(skb, svc, want_stats(genl_dumpit_info(cb)->attrs));
}

static int dump_svc(struct sk_buff *skb, struct netlink_callback *cb, struct lbvs_service *svc)
{
	return lbvs_genl_dump_one(skb, cb, LBVS_CMD_GET_SERVICE, put_svc_stats, svc);
}

static int dump_services(struct sk_buff *skb, struct netlink_callback *cb)
{
	return lbvs_genl_dump_svcs(skb, cb, dump_svc);
}

/*
 * Dumps of what services own (real servers, pool addresses), one object per
 * message. With a service selector, that service's; without, every
 * service's, each message carrying its service's key, so a full listing
 * takes two dumps. A put_items callback emits svc's objects from the
 * context's items_done on (with the key when asked) and returns -EMSGSIZE
 * when the skb is full.
 */
typedef int (*put_items_t)(struct sk_buff *skb, struct netlink_callback *cb,
			   struct lbvs_service *svc, bool key);

/*
 * The message of one item of svc, with svc's key if key: the key written
 * in the first message of this round (*key) is copied into the next ones,
 * as encoding it again cost as much as the item.
 */
static int dump_item_start(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd,
			   const struct lbvs_service *svc, const struct nlattr **key,
			   void **hdr)
{
	const struct nlattr *k;

	*hdr = lbvs_genl_dump_hdr(skb, cb, cmd);
	if (!*hdr)
		return -EMSGSIZE;
	nl_dump_check_consistent(cb, nlmsg_hdr(skb));
	if (!key)
		return 0;
	k = (const struct nlattr *)skb_tail_pointer(skb);
	if (*key && skb_tailroom(skb) >= (*key)->nla_len)
		skb_put_data(skb, *key, (*key)->nla_len);
	else if (*key || put_svc_key(skb, svc))
		goto cancel;
	*key = k;
	return 0;
cancel:
	genlmsg_cancel(skb, *hdr);
	return -EMSGSIZE;
}

static int dump_item_end(struct sk_buff *skb, struct netlink_callback *cb, void *hdr, int err)
{
	if (err) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	svc_dump_ctx(cb)->items_done++;
	return 0;
}

int lbvs_genl_put_dests(struct sk_buff *skb, struct netlink_callback *cb,
			struct lbvs_service *svc, bool key, u8 cmd, lbvs_put_dest_t put,
			bool stats)
{
	const struct nlattr *k = NULL, **kp = key ? &k : NULL;
	struct lbvs_dest *dest;
	long idx = 0;
	void *hdr;

	list_for_each_entry(dest, &svc->dests, list) {
		if (idx++ < svc_dump_ctx(cb)->items_done)
			continue;
		if (dump_item_start(skb, cb, cmd, svc, kp, &hdr) ||
		    dump_item_end(skb, cb, hdr, put(skb, dest, stats)))
			return -EMSGSIZE;
	}
	return 0;
}

static int put_dests(struct sk_buff *skb, struct netlink_callback *cb,
		     struct lbvs_service *svc, bool key)
{
	return lbvs_genl_put_dests(skb, cb, svc, key, LBVS_CMD_GET_DEST, put_dest,
				   want_stats(genl_dumpit_info(cb)->attrs));
}

static int put_laddr(struct sk_buff *skb, u16 af, const union nf_inet_addr *addr)
{
	struct nlattr *nest = nla_nest_start(skb, LBVS_ATTR_LADDR);

	if (!nest || nla_put_u16(skb, LBVS_LADDR_ATTR_AF, af) ||
	    put_addr(skb, LBVS_LADDR_ATTR_ADDR, af, addr))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int put_laddrs(struct sk_buff *skb, struct netlink_callback *cb,
		      struct lbvs_service *svc, bool key)
{
	struct lbvs_net *ln = lbvs_net(sock_net(skb->sk));
	const struct nlattr *k = NULL, **kp = key ? &k : NULL;
	struct svc_dump_ctx *ctx = svc_dump_ctx(cb);
	const struct lbvs_laddr_set *set;
	void *hdr;

	set = rcu_dereference_protected(svc->laddrs, lockdep_is_held(&ln->config_lock));
	while (set && ctx->items_done < set->n) {
		const union nf_inet_addr *addr = &set->addr[ctx->items_done];

		if (dump_item_start(skb, cb, LBVS_CMD_GET_LADDR, svc, kp, &hdr) ||
		    dump_item_end(skb, cb, hdr, put_laddr(skb, svc->af, addr)))
			return -EMSGSIZE;
	}
	return 0;
}

/* put_items of one service, or of every service (put_all) without a selector. */
static int dump_items(struct sk_buff *skb, struct netlink_callback *cb, put_items_t put_items,
		      lbvs_dump_svc_t put_all)
{
	const struct genl_dumpit_info *gi = genl_dumpit_info(cb);
	struct lbvs_net *ln = lbvs_net(sock_net(skb->sk));
	struct nlattr *a[LBVS_SVC_ATTR_MAX + 1];
	struct lbvs_service *svc;
	struct lbvs_svc_key key;
	int err;

	if (!gi->attrs[LBVS_ATTR_SERVICE])
		return lbvs_genl_dump_svcs(skb, cb, put_all);
	err = nla_parse_nested(a, LBVS_SVC_ATTR_MAX, gi->attrs[LBVS_ATTR_SERVICE],
			       VALIDATED, cb->extack);
	if (!err)
		err = parse_svc_key(a, &key, cb->extack);
	if (err)
		return err;

	mutex_lock(&ln->config_lock);
	cb->seq = ln->svcs.generation;
	svc = lbvs_svc_find(ln, &key);
	if (svc)
		put_items(skb, cb, svc, false);
	mutex_unlock(&ln->config_lock);
	if (!svc) {
		NL_SET_ERR_MSG(cb->extack, "no such service");
		return -ESRCH;
	}
	return skb->len;
}

static int put_all_dests(struct sk_buff *skb, struct netlink_callback *cb,
			 struct lbvs_service *svc)
{
	return put_dests(skb, cb, svc, true);
}

static int dump_dests(struct sk_buff *skb, struct netlink_callback *cb)
{
	return dump_items(skb, cb, put_dests, put_all_dests);
}

static int put_all_laddrs(struct sk_buff *skb, struct netlink_callback *cb,
			  struct lbvs_service *svc)
{
	return put_laddrs(skb, cb, svc, true);
}

static int dump_laddrs(struct sk_buff *skb, struct netlink_callback *cb)
{
	return dump_items(skb, cb, put_laddrs, put_all_laddrs);
}

static int put_conn(struct sk_buff *skb, const struct lbvs_conn *c)
{
	u16 af = lbvs_conn_af(c);
	s32 left = (s32)(READ_ONCE(c->expires) - (u32)jiffies);
	struct nlattr *nest = nla_nest_start(skb, LBVS_ATTR_CONN);
	/* Templates keep the service's protocol where the client port goes. */
	u16 proto = c->tmpl ? ntohs(c->cport) : c->proto;
	__be16 cport = c->tmpl ? 0 : c->cport;
	int err;

	if (!nest)
		return -EMSGSIZE;
	err = nla_put_u16(skb, LBVS_CONN_ATTR_AF, af) ||
	      nla_put_u16(skb, LBVS_CONN_ATTR_PROTOCOL, proto) ||
	      put_addr(skb, LBVS_CONN_ATTR_CADDR, af, lbvs_conn_addr(c, LBVS_A_C)) ||
	      nla_put_be16(skb, LBVS_CONN_ATTR_CPORT, cport) ||
	      put_addr(skb, LBVS_CONN_ATTR_VADDR, af, lbvs_conn_addr(c, LBVS_A_V)) ||
	      nla_put_be16(skb, LBVS_CONN_ATTR_VPORT, c->vport) ||
	      put_addr(skb, LBVS_CONN_ATTR_LADDR, af, lbvs_conn_addr(c, LBVS_A_L)) ||
	      nla_put_be16(skb, LBVS_CONN_ATTR_LPORT, c->lport) ||
	      put_addr(skb, LBVS_CONN_ATTR_DADDR, af, lbvs_conn_addr(c, LBVS_A_D)) ||
	      nla_put_be16(skb, LBVS_CONN_ATTR_DPORT, c->dport) ||
	      nla_put_u8(skb, LBVS_CONN_ATTR_STATE, lbvs_conn_state(c)) ||
	      nla_put_u32(skb, LBVS_CONN_ATTR_EXPIRES, jiffies_to_msecs(max(left, 0))) ||
	      nla_put_u32(skb, LBVS_CONN_ATTR_FWD, lbvs_conn_method(c)) ||
	      nla_put_u32(skb, LBVS_CONN_ATTR_FLAGS, c->tmpl ? LBVS_CONN_F_TEMPLATE : 0);
	return nest_end(skb, nest, err);
}

/* put_conn()'s room for c. */
static size_t conn_size(const struct lbvs_conn *c)
{
	size_t addr = nla_total_size(lbvs_conn_alen(c));

	return nla_total_size(0) + 2 * nla_total_size(sizeof(u16)) + 4 * addr +
	       4 * nla_total_size(sizeof(__be16)) + nla_total_size(sizeof(u8)) +
	       3 * nla_total_size(sizeof(u32));
}

static int put_conn_event(struct sk_buff *msg, const void *arg)
{
	return put_conn(msg, arg);
}

void lbvs_genl_conn_event(struct lbvs_net *ln, const struct lbvs_conn *c, u8 cmd)
{
	lbvs_event_conn(&lbvs_genl, ln, cmd, conn_size(c), put_conn_event, c);
}

/*
 * The selection of GET_CONN and DEL_CONN: LBVS_ATTR_SERVICE's key, and with
 * it LBVS_ATTR_DEST's address and port (the service's if absent). Neither
 * needs to exist: the flows of a removed server are what a flush is for.
 */
static int parse_conn_filter(struct nlattr **attrs, struct lbvs_conn_filter *f,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *a[LBVS_SVC_ATTR_MAX + 1], *d[LBVS_DEST_ATTR_MAX + 1];
	int err;

	memset(f, 0, sizeof(*f));
	if (!attrs[LBVS_ATTR_SERVICE]) {
		if (!attrs[LBVS_ATTR_DEST])
			return 0;
		NL_SET_ERR_MSG_ATTR(extack, attrs[LBVS_ATTR_DEST],
				    "a real server selector needs its service");
		return -EINVAL;
	}
	err = nla_parse_nested(a, LBVS_SVC_ATTR_MAX, attrs[LBVS_ATTR_SERVICE], VALIDATED,
			       extack) ?: parse_svc_key(a, &f->key, extack);
	if (err)
		return err;
	f->by_svc = true;
	if (!attrs[LBVS_ATTR_DEST])
		return 0;
	err = nla_parse_nested(d, LBVS_DEST_ATTR_MAX, attrs[LBVS_ATTR_DEST], VALIDATED, extack);
	if (err)
		return err;
	if (!d[LBVS_DEST_ATTR_ADDR]) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[LBVS_ATTR_DEST], "real server address missing");
		return -EINVAL;
	}
	f->by_dest = true;
	f->dport = d[LBVS_DEST_ATTR_PORT] ? nla_get_be16(d[LBVS_DEST_ATTR_PORT]) : f->key.port;
	return parse_addr(d[LBVS_DEST_ATTR_ADDR], f->key.af, &f->daddr, extack);
}

static int cmd_del_conn(struct sk_buff *skb, struct genl_info *info)
{
	struct lbvs_net *ln = info_net(info);
	struct lbvs_conn_filter f;
	int err;

	err = parse_conn_filter(info->attrs, &f, info->extack);
	if (err)
		return err;
	/* config_lock: the table cannot be set up meanwhile. */
	mutex_lock(&ln->config_lock);
	if (lbvs_net_started(ln))
		lbvs_conn_flush(ln, &f);
	mutex_unlock(&ln->config_lock);
	return 0;
}

/* A connection dump's state between rounds: its walker and selection. */
struct conn_dump_state {
	struct rhashtable_iter it;
	struct lbvs_conn_filter filter;
};

struct conn_dump {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	const struct lbvs_conn_filter *filter;
};

/* In the netlink_callback: NULL when the namespace has no table yet. */
struct conn_dump_ctx {
	struct conn_dump_state *state;
};

static struct conn_dump_ctx *conn_dump_ctx(struct netlink_callback *cb)
{
	BUILD_BUG_ON(sizeof(struct conn_dump_ctx) > sizeof_field(struct netlink_callback, ctx));
	return (struct conn_dump_ctx *)cb->ctx;
}

static int conn_dump_visit(struct lbvs_conn *c, void *arg)
{
	struct conn_dump *d = arg;
	void *hdr;

	if (lbvs_conn_expired(c) || !lbvs_conn_filter_match(d->filter, c))
		return 0;
	hdr = lbvs_genl_dump_hdr(d->skb, d->cb, LBVS_CMD_GET_CONN);
	if (!hdr)
		return -EMSGSIZE;
	if (put_conn(d->skb, c)) {
		genlmsg_cancel(d->skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(d->skb, hdr);
	return 0;
}

static int conn_dump_start(struct netlink_callback *cb)
{
	struct lbvs_net *ln = lbvs_net(sock_net(cb->skb->sk));
	struct lbvs_conn_filter f;
	struct conn_dump_state *st;
	int err;

	err = parse_conn_filter(genl_dumpit_info(cb)->attrs, &f, cb->extack);
	if (err)
		return err;
	if (!lbvs_net_started(ln))
		return 0;	/* no table: dump_conns() sends nothing */
	st = kmalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	st->filter = f;
	rhashtable_walk_enter(&ln->conns.in, &st->it);
	conn_dump_ctx(cb)->state = st;
	return 0;
}

static int conn_dump_done(struct netlink_callback *cb)
{
	struct conn_dump_state *st = conn_dump_ctx(cb)->state;

	if (st) {
		rhashtable_walk_exit(&st->it);
		kfree(st);
	}
	return 0;
}

static int dump_conns(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct conn_dump_state *st = conn_dump_ctx(cb)->state;
	struct conn_dump d = { .skb = skb, .cb = cb };
	int err;

	if (!st)
		return 0;
	d.filter = &st->filter;
	err = lbvs_conn_walk(&st->it, conn_dump_visit, &d);
	if (err && err != -EMSGSIZE)
		return err;
	return skb->len;
}

int lbvs_genl_reply(const struct genl_family *family, struct genl_info *info, u8 cmd,
		    lbvs_fill_t fill, void *obj)
{
	struct sk_buff *msg = nlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	void *hdr;

	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, family, 0, cmd);
	if (!hdr || fill(msg, info, obj)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int fill_svc(struct sk_buff *msg, struct genl_info *info, void *svc)
{
	return put_svc(msg, svc, want_stats(info->attrs));
}

/* Built and sent under config_lock, as IPVS's GET_SERVICE. */
static int svc_reply(struct lbvs_net *ln, struct lbvs_service *svc, const struct svc_req *req)
{
	return lbvs_genl_reply(&lbvs_genl, req->info, LBVS_CMD_GET_SERVICE, fill_svc, svc);
}

static int cmd_get_service(struct sk_buff *skb, struct genl_info *info)
{
	return with_svc(info, svc_reply);
}

int lbvs_genl_put_timeouts(struct sk_buff *msg, struct genl_info *info, void *obj)
{
	struct lbvs_net *ln = obj;
	int attr;

	for (attr = LBVS_ATTR_TIMEOUT_TCP; attr <= LBVS_ATTR_TIMEOUT_UDP; attr++)
		if (nla_put_u32(msg, attr, READ_ONCE(ln->sysctl.timeout[timeout_state(attr)])))
			return -EMSGSIZE;
	return 0;
}

static int fill_info(struct sk_buff *msg, struct genl_info *info, void *obj)
{
	struct lbvs_net *ln = obj;
	u32 size = lbvs_conn_table_size(ln);
	u64 drops[__LBVS_DROP_MAX];

	lbvs_drops_read_all(&ln->drops, drops);
	return put_drops(msg, LBVS_ATTR_INFO_DROPS, drops) ||
	       nla_put_u32(msg, LBVS_ATTR_INFO_VERSION, LBVS_VERSION_CODE) ||
	       nla_put_u32(msg, LBVS_ATTR_INFO_FEATURES, LBVS_FEAT_DEST_LIST) ||
	       nla_put_u32(msg, LBVS_ATTR_INFO_CONN_TAB_SIZE, size) ||
	       nla_put_u32(msg, LBVS_ATTR_INFO_CONN_MAX, READ_ONCE(ln->sysctl.conn_max)) ||
	       nla_put_u32(msg, LBVS_ATTR_INFO_CONN_COUNT, atomic_read(&ln->conns.count)) ||
	       nla_put_u64_64bit(msg, LBVS_ATTR_INFO_CONN_DROPPED,
				 drops[LBVS_DROP_TABLE_FULL], LBVS_ATTR_PAD) ||
	       nla_put_u64_64bit(msg, LBVS_ATTR_INFO_NO_LPORT,
				 drops[LBVS_DROP_NO_LPORT], LBVS_ATTR_PAD);
}

static int cmd_get_config(struct sk_buff *skb, struct genl_info *info)
{
	return lbvs_genl_reply(&lbvs_genl, info, LBVS_CMD_GET_CONFIG, lbvs_genl_put_timeouts,
			       info_net(info));
}

static int cmd_get_info(struct sk_buff *skb, struct genl_info *info)
{
	return lbvs_genl_reply(&lbvs_genl, info, LBVS_CMD_GET_INFO, fill_info, info_net(info));
}

/*
 * A start's unicast peers, of the daemon's family (c->af, or without it
 * the first peer's); lbvs_sync_start() checks the rest.
 */
static int parse_peers(const struct nlattr *nest, struct lbvs_sync_cfg *c,
		       struct netlink_ext_ack *extack)
{
	struct nlattr *nla;
	int rem, err;

	nla_for_each_nested(nla, nest, rem) {
		if (c->npeers == LBVS_SYNC_PEERS_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, nla, "too many sync peers");
			return -EINVAL;
		}
		if (!c->af)
			c->af = nla_len(nla) == sizeof(struct in6_addr) ? AF_INET6 : AF_INET;
		if (nla_len(nla) != lbvs_addr_len(c->af)) {
			NL_SET_ERR_MSG_ATTR(extack, nla,
					    "sync peers must all be of the daemon's family");
			return -EINVAL;
		}
		err = parse_addr(nla, c->af, &c->peers[c->npeers++], extack);
		if (err)
			return err;
	}
	if (c->npeers)
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, nest, "no sync peer in the list");
	return -EINVAL;
}

/* Unicast peers replace the group: no group nor TTL with them. */
static int parse_daemon_dest(struct nlattr **a, struct lbvs_sync_cfg *c,
			     struct netlink_ext_ack *extack)
{
	int err = 0;

	if (a[LBVS_DAEMON_ATTR_PEERS] && (a[LBVS_DAEMON_ATTR_GROUP] || a[LBVS_DAEMON_ATTR_TTL])) {
		NL_SET_ERR_MSG_ATTR(extack, a[LBVS_DAEMON_ATTR_PEERS],
				    "a sync daemon with peers has no multicast group nor TTL");
		return -EINVAL;
	}
	if (a[LBVS_DAEMON_ATTR_AF])
		err = parse_af(a[LBVS_DAEMON_ATTR_AF], &c->af, extack);
	if (!err && a[LBVS_DAEMON_ATTR_PEERS])
		return parse_peers(a[LBVS_DAEMON_ATTR_PEERS], c, extack);
	if (err || !a[LBVS_DAEMON_ATTR_GROUP])
		return err;
	if (!a[LBVS_DAEMON_ATTR_AF]) {
		NL_SET_ERR_MSG(extack, "sync group needs its family");
		return -EINVAL;
	}
	/* lbvs_sync_start() checks that it is a multicast group. */
	return parse_addr(a[LBVS_DAEMON_ATTR_GROUP], c->af, &c->group, extack);
}

/* The sync daemon a request names, and what a start sets. */
static int parse_daemon(struct nlattr **a, enum lbvs_sync_role *role, struct lbvs_sync_cfg *c,
			struct netlink_ext_ack *extack)
{
	if (!a[LBVS_DAEMON_ATTR_STATE]) {
		NL_SET_ERR_MSG(extack, "sync daemon needs its state, master or backup");
		return -EINVAL;
	}
	*role = lbvs_sync_role(nla_get_u32(a[LBVS_DAEMON_ATTR_STATE]));
	if (!c)
		return 0;
	memset(c, 0, sizeof(*c));
	if (!a[LBVS_DAEMON_ATTR_IFNAME] || !a[LBVS_DAEMON_ATTR_SYNCID]) {
		NL_SET_ERR_MSG(extack, "sync daemon needs an interface and a sync ID");
		return -EINVAL;
	}
	nla_strscpy(c->ifname, a[LBVS_DAEMON_ATTR_IFNAME], sizeof(c->ifname));
	c->syncid = nla_get_u32(a[LBVS_DAEMON_ATTR_SYNCID]);
	if (a[LBVS_DAEMON_ATTR_MAXLEN])
		c->maxlen = nla_get_u16(a[LBVS_DAEMON_ATTR_MAXLEN]);
	if (a[LBVS_DAEMON_ATTR_PORT])
		c->port = nla_get_u16(a[LBVS_DAEMON_ATTR_PORT]);
	if (a[LBVS_DAEMON_ATTR_TTL])
		c->ttl = nla_get_u8(a[LBVS_DAEMON_ATTR_TTL]);
	if (a[LBVS_DAEMON_ATTR_KEY]) {
		c->auth.on = true;
		nla_memcpy(c->auth.key, a[LBVS_DAEMON_ATTR_KEY], sizeof(c->auth.key));
	}
	return parse_daemon_dest(a, c, extack);
}

static int cmd_daemon(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *a[LBVS_DAEMON_ATTR_MAX + 1];
	struct lbvs_net *ln = info_net(info);
	bool start = info->genlhdr->cmd == LBVS_CMD_NEW_DAEMON;
	enum lbvs_sync_role role;
	struct lbvs_sync_cfg c;
	int err;

	if (!info->attrs[LBVS_ATTR_DAEMON]) {
		NL_SET_ERR_MSG(info->extack, "missing LBVS_ATTR_DAEMON");
		return -EINVAL;
	}
	err = nla_parse_nested(a, LBVS_DAEMON_ATTR_MAX, info->attrs[LBVS_ATTR_DAEMON], VALIDATED,
			       info->extack) ?:
	      parse_daemon(a, &role, start ? &c : NULL, info->extack);
	if (err)
		return err;
	mutex_lock(&ln->config_lock);
	err = start ? lbvs_sync_start(ln, role, &c, info->extack) : lbvs_sync_stop(ln, role);
	mutex_unlock(&ln->config_lock);
	if (start)
		memzero_explicit(&c.auth, sizeof(c.auth));
	return err;
}

static int put_u64(struct sk_buff *skb, int attr, u64 v)
{
	return nla_put_u64_64bit(skb, attr, v, LBVS_DAEMON_ATTR_PAD);
}

/* A master's counters are what it sent, a backup's what it received. */
static int put_daemon_counters(struct sk_buff *skb, enum lbvs_sync_role role,
			       const struct lbvs_sync_counters *n)
{
	if (role == LBVS_SYNC_MASTER)
		return put_u64(skb, LBVS_DAEMON_ATTR_TX_MSGS, n->tx_msgs) ||
		       put_u64(skb, LBVS_DAEMON_ATTR_TX_CONNS, n->tx_conns) ||
		       put_u64(skb, LBVS_DAEMON_ATTR_TX_DROPPED, n->tx_dropped) ||
		       put_u64(skb, LBVS_DAEMON_ATTR_RESYNCS, n->resyncs) ||
		       put_u64(skb, LBVS_DAEMON_ATTR_RESYNC_ENTRIES, n->resync_sent);
	return put_u64(skb, LBVS_DAEMON_ATTR_RX_MSGS, n->rx_msgs) ||
	       put_u64(skb, LBVS_DAEMON_ATTR_RX_CONNS, n->rx_conns) ||
	       put_u64(skb, LBVS_DAEMON_ATTR_RX_REFUSED, n->rx_refused) ||
	       put_u64(skb, LBVS_DAEMON_ATTR_RX_ERRORS, n->rx_errors) ||
	       put_u64(skb, LBVS_DAEMON_ATTR_RX_AUTH_FAILED, n->rx_auth_failed) ||
	       nla_put_u32(skb, LBVS_DAEMON_ATTR_RESYNC_STATE, n->resync_state) ||
	       put_u64(skb, LBVS_DAEMON_ATTR_RESYNC_ENTRIES, n->resync_entries) ||
	       put_u64(skb, LBVS_DAEMON_ATTR_RESYNC_MSECS, n->resync_msecs) ||
	       put_u64(skb, LBVS_DAEMON_ATTR_RX_NOT_PEER, n->rx_not_peer);
}

/* The unicast peers that replace the group and its TTL. */
static int put_peers(struct sk_buff *skb, const struct lbvs_sync_cfg *c)
{
	struct nlattr *nest;
	unsigned int i;
	int err = 0;

	if (!c->npeers)
		return 0;
	nest = nla_nest_start(skb, LBVS_DAEMON_ATTR_PEERS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < c->npeers && !err; i++)
		err = put_addr(skb, LBVS_DAEMON_PEER_ATTR_ADDR, c->af, &c->peers[i]);
	return nest_end(skb, nest, err);
}

static int put_daemon(struct sk_buff *skb, enum lbvs_sync_role role,
		      const struct lbvs_sync_cfg *c, const struct lbvs_sync_counters *n)
{
	struct nlattr *nest = nla_nest_start(skb, LBVS_ATTR_DAEMON);

	if (!nest)
		return -EMSGSIZE;
	return nest_end(skb, nest,
			nla_put_u32(skb, LBVS_DAEMON_ATTR_STATE, lbvs_sync_state(role)) ||
			nla_put_string(skb, LBVS_DAEMON_ATTR_IFNAME, c->ifname) ||
			nla_put_u32(skb, LBVS_DAEMON_ATTR_SYNCID, c->syncid) ||
			nla_put_u16(skb, LBVS_DAEMON_ATTR_MAXLEN, c->maxlen) ||
			nla_put_u16(skb, LBVS_DAEMON_ATTR_AF, c->af) ||
			(!c->npeers &&
			 put_addr(skb, LBVS_DAEMON_ATTR_GROUP, c->af, &c->group)) ||
			nla_put_u16(skb, LBVS_DAEMON_ATTR_PORT, c->port) ||
			(!c->npeers && nla_put_u8(skb, LBVS_DAEMON_ATTR_TTL, c->ttl)) ||
			(c->auth.on && nla_put_u8(skb, LBVS_DAEMON_ATTR_AUTH, 1)) ||
			put_daemon_counters(skb, role, n) ||
			put_peers(skb, c));
}

int lbvs_genl_dump_daemons(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd,
			   lbvs_put_daemon_t put)
{
	struct lbvs_net *ln = lbvs_net(sock_net(skb->sk));
	struct lbvs_sync_counters n;
	struct lbvs_sync_cfg c;
	enum lbvs_sync_role role;
	void *hdr;

	mutex_lock(&ln->config_lock);
	lbvs_sync_counters(ln, &n);
	for (role = cb->args[0]; role < LBVS_SYNC_ROLES; role++) {
		if (!lbvs_sync_get(ln, role, &c))
			continue;
		hdr = lbvs_genl_dump_hdr(skb, cb, cmd);
		if (!hdr)
			break;
		if (put(skb, role, &c, &n)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	cb->args[0] = role;
	mutex_unlock(&ln->config_lock);
	memzero_explicit(&c.auth, sizeof(c.auth));
	return skb->len;
}

static int dump_daemons(struct sk_buff *skb, struct netlink_callback *cb)
{
	return lbvs_genl_dump_daemons(skb, cb, LBVS_CMD_GET_DAEMON, put_daemon);
}

/*
 * Everything needs CAP_NET_ADMIN in the initial user namespace, reading
 * included (listings show client addresses), as IPVS. Not the user
 * namespace owning the netns: with unprivileged user namespaces any local
 * user owns one (unshare -Urn) and could then make services, servers and
 * connections without bound, on memory no memcg is charged for: the
 * connections are made in softirq, where the task interrupted is not the
 * namespace's. Keeping the whole configuration with the host's
 * administrator leaves nothing to account.
 */
#define ADMIN GENL_ADMIN_PERM

/* A drain's end: its event names the server as DEL_DEST would. */
static int put_drained(struct sk_buff *msg, const void *arg)
{
	const struct lbvs_dest *d = arg;
	struct nlattr *nest;

	if (put_svc_key(msg, d->svc))
		return -EMSGSIZE;
	nest = nla_nest_start(msg, LBVS_ATTR_DEST);
	if (!nest || nla_put_u16(msg, LBVS_DEST_ATTR_AF, d->af) ||
	    put_addr(msg, LBVS_DEST_ATTR_ADDR, d->af, &d->addr) ||
	    nla_put_be16(msg, LBVS_DEST_ATTR_PORT, d->port))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

void lbvs_genl_drained(struct lbvs_net *ln, struct lbvs_dest *dest)
{
	lbvs_event_kernel(&lbvs_genl, ln->net, LBVS_CMD_DEL_DEST, "lbvs-drain", put_drained,
			  dest);
}

/* The commands that change the configuration, each logged (audit.c). */
static const struct {
	int (*doit)(struct sk_buff *skb, struct genl_info *info);
	const char *verb;
} changes[LBVS_CMD_MAX + 1] = {
	[LBVS_CMD_NEW_SERVICE] = { cmd_new_service, "add service" },
	[LBVS_CMD_SET_SERVICE] = { cmd_set_service, "edit service" },
	[LBVS_CMD_DEL_SERVICE] = { cmd_del_service, "delete service" },
	[LBVS_CMD_NEW_DEST] = { cmd_dest, "add real server" },
	[LBVS_CMD_SET_DEST] = { cmd_dest, "edit real server" },
	[LBVS_CMD_DEL_DEST] = { cmd_dest, "delete real server" },
	[LBVS_CMD_FLUSH] = { cmd_flush, "clear all services" },
	[LBVS_CMD_ZERO] = { cmd_zero, "zero counters" },
	[LBVS_CMD_SET_CONFIG] = { cmd_set_config, "set timeouts" },
	[LBVS_CMD_NEW_LADDR] = { cmd_laddr, "add local address" },
	[LBVS_CMD_DEL_LADDR] = { cmd_laddr, "delete local address" },
	[LBVS_CMD_DEL_CONN] = { cmd_del_conn, "flush connections" },
	[LBVS_CMD_NEW_DAEMON] = { cmd_daemon, "start sync daemon" },
	[LBVS_CMD_DEL_DAEMON] = { cmd_daemon, "stop sync daemon" },
};

/* The ops table sends only the commands above here. */
static int cmd_change(struct sk_buff *skb, struct genl_info *info)
{
	u8 cmd = info->genlhdr->cmd;

	int err = lbvs_audit(info, changes[cmd].verb, changes[cmd].doit(skb, info));

	if (!err)
		lbvs_event_change(&lbvs_genl, info);
	return err;
}

static const struct genl_ops lbvs_ops[] = {
	{ .cmd = LBVS_CMD_NEW_SERVICE, .doit = cmd_change, .flags = ADMIN },
	{ .cmd = LBVS_CMD_SET_SERVICE, .doit = cmd_change, .flags = ADMIN },
	{ .cmd = LBVS_CMD_DEL_SERVICE, .doit = cmd_change, .flags = ADMIN },
	{ .cmd = LBVS_CMD_GET_SERVICE, .doit = cmd_get_service, .dumpit = dump_services,
	  .flags = ADMIN },
	{ .cmd = LBVS_CMD_NEW_DEST, .doit = cmd_change, .flags = ADMIN },
	{ .cmd = LBVS_CMD_SET_DEST, .doit = cmd_change, .flags = ADMIN },
	{ .cmd = LBVS_CMD_DEL_DEST, .doit = cmd_change, .flags = ADMIN },
	{ .cmd = LBVS_CMD_GET_DEST, .dumpit = dump_dests, .flags = ADMIN },
	{ .cmd = LBVS_CMD_FLUSH, .doit = cmd_change, .flags = ADMIN },
	{ .cmd = LBVS_CMD_ZERO, .doit = cmd_change, .flags = ADMIN },
	{ .cmd = LBVS_CMD_GET_CONN, .start = conn_dump_start, .dumpit = dump_conns,
	  .done = conn_dump_done, .flags = ADMIN },
	{ .cmd = LBVS_CMD_SET_CONFIG, .doit = cmd_change, .flags = ADMIN },
	{ .cmd = LBVS_CMD_GET_CONFIG, .doit = cmd_get_config, .flags = ADMIN },
	{ .cmd = LBVS_CMD_GET_INFO, .doit = cmd_get_info, .flags = ADMIN },
	{ .cmd = LBVS_CMD_NEW_LADDR, .doit = cmd_change, .flags = ADMIN },
	{ .cmd = LBVS_CMD_DEL_LADDR, .doit = cmd_change, .flags = ADMIN },
	{ .cmd = LBVS_CMD_GET_LADDR, .dumpit = dump_laddrs, .flags = ADMIN },
	{ .cmd = LBVS_CMD_DEL_CONN, .doit = cmd_change, .flags = ADMIN },
	{ .cmd = LBVS_CMD_NEW_DAEMON, .doit = cmd_change, .flags = ADMIN },
	{ .cmd = LBVS_CMD_DEL_DAEMON, .doit = cmd_change, .flags = ADMIN },
	{ .cmd = LBVS_CMD_GET_DAEMON, .dumpit = dump_daemons, .flags = ADMIN },
};

static struct genl_family lbvs_genl __ro_after_init = {
	.name = LBVS_GENL_NAME,
	.version = LBVS_GENL_VERSION,
	.maxattr = LBVS_ATTR_MAX,
	.policy = lbvs_policy,
	.netnsok = true,
	.ops = lbvs_ops,
	.n_ops = ARRAY_SIZE(lbvs_ops),
	.mcgrps = lbvs_genl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(lbvs_genl_mcgrps),
	.resv_start_op = LBVS_CMD_UNSPEC + 1,	/* strict validation for all */
	.module = THIS_MODULE,
};

int __init lbvs_genl_init(void)
{
	return genl_register_family(&lbvs_genl);
}

void lbvs_genl_exit(void)
{
	genl_unregister_family(&lbvs_genl);
}
