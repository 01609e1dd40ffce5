// SPDX-License-Identifier: GPL-2.0
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
/*
 * The IPVS personality (ipvs_api.h): IPVS's Generic Netlink family, as
 * include/uapi/linux/ip_vs.h and IPVS 1.2.1 define it, served from lbvs's
 * configuration. Requests are read as IPVS reads them, loosely (its
 * policies, nla_parse_nested_deprecated()), since its tools (ipvsadm,
 * keepalived, libipvs, moby/ipvs) were written against that, and refused
 * with IPVS's error numbers, which those tools turn into their messages;
 * the extended ACK adds lbvs's reason. service.c does the work, as for the
 * LBVS family. What IPVS cannot express stays LBVS's: FULLNAT servers
 * (listed as masquerading, fwd.h), pool addresses, per-service timeouts,
 * drains. Changes are logged (audit.h); LBVS's event listeners are not
 * told, as their messages are LBVS requests.
 */
#include <linux/inetdevice.h>
#include <linux/ip_vs.h>
#include <linux/lbvs.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "addr.h"
#include "audit.h"
#include "conn.h"
#include "fwd.h"
#include "ipvs_api.h"
#include "netlink.h"
#include "netns.h"
#include "proc.h"
#include "sync.h"

static struct genl_family ipvs_genl;

/* IPVS's policies (ip_vs_ctl.c), for what its tools send. */
static const struct nla_policy cmd_policy[IPVS_CMD_ATTR_MAX + 1] = {
	[IPVS_CMD_ATTR_SERVICE]		= { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_DEST]		= { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_DAEMON]		= { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_TIMEOUT_TCP]	= { .type = NLA_U32 },
	[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN]	= { .type = NLA_U32 },
	[IPVS_CMD_ATTR_TIMEOUT_UDP]	= { .type = NLA_U32 },
};

static const struct nla_policy svc_policy[IPVS_SVC_ATTR_MAX + 1] = {
	[IPVS_SVC_ATTR_AF]		= { .type = NLA_U16 },
	[IPVS_SVC_ATTR_PROTOCOL]	= { .type = NLA_U16 },
	[IPVS_SVC_ATTR_ADDR]		= { .type = NLA_BINARY,
					    .len = sizeof(union nf_inet_addr) },
	[IPVS_SVC_ATTR_PORT]		= { .type = NLA_U16 },
	[IPVS_SVC_ATTR_FWMARK]		= { .type = NLA_U32 },
	[IPVS_SVC_ATTR_SCHED_NAME]	= { .type = NLA_NUL_STRING,
					    .len = IP_VS_SCHEDNAME_MAXLEN - 1 },
	[IPVS_SVC_ATTR_PE_NAME]		= { .type = NLA_NUL_STRING,
					    .len = IP_VS_PENAME_MAXLEN },
	[IPVS_SVC_ATTR_FLAGS]		= { .type = NLA_BINARY,
					    .len = sizeof(struct ip_vs_flags) },
	[IPVS_SVC_ATTR_TIMEOUT]		= { .type = NLA_U32 },
	[IPVS_SVC_ATTR_NETMASK]		= { .type = NLA_U32 },
	[IPVS_SVC_ATTR_STATS]		= { .type = NLA_NESTED },
};

static const struct nla_policy dest_policy[IPVS_DEST_ATTR_MAX + 1] = {
	[IPVS_DEST_ATTR_ADDR]		= { .type = NLA_BINARY,
					    .len = sizeof(union nf_inet_addr) },
	[IPVS_DEST_ATTR_PORT]		= { .type = NLA_U16 },
	[IPVS_DEST_ATTR_FWD_METHOD]	= { .type = NLA_U32 },
	[IPVS_DEST_ATTR_WEIGHT]		= { .type = NLA_U32 },
	[IPVS_DEST_ATTR_U_THRESH]	= { .type = NLA_U32 },
	[IPVS_DEST_ATTR_L_THRESH]	= { .type = NLA_U32 },
	[IPVS_DEST_ATTR_ACTIVE_CONNS]	= { .type = NLA_U32 },
	[IPVS_DEST_ATTR_INACT_CONNS]	= { .type = NLA_U32 },
	[IPVS_DEST_ATTR_PERSIST_CONNS]	= { .type = NLA_U32 },
	[IPVS_DEST_ATTR_STATS]		= { .type = NLA_NESTED },
	[IPVS_DEST_ATTR_ADDR_FAMILY]	= { .type = NLA_U16 },
	[IPVS_DEST_ATTR_TUN_TYPE]	= { .type = NLA_U8 },
	[IPVS_DEST_ATTR_TUN_PORT]	= { .type = NLA_U16 },
	[IPVS_DEST_ATTR_TUN_FLAGS]	= { .type = NLA_U16 },
};

/*
 * One change request, as ip_vs_genl_set_cmd() reads it: the service it
 * names (looked up under config_lock) and what it sets.
 */
struct ipvs_req {
	struct genl_info *info;
	struct lbvs_net *ln;
	struct lbvs_service *svc;	/* NULL: none yet (NEW_SERVICE) */
	struct lbvs_svc_conf conf;
	struct lbvs_dest_conf dc;
	u32 set;			/* LBVS_SET_* of conf, then of dc */
};

static struct lbvs_net *info_net(struct genl_info *info)
{
	return lbvs_net(genl_info_net(info));
}

static int parse_af(u16 af, struct netlink_ext_ack *extack)
{
	if (af == AF_INET || af == AF_INET6)
		return 0;
	NL_SET_ERR_MSG(extack, "address family must be AF_INET or AF_INET6");
	return -EAFNOSUPPORT;
}

/* IPVS sends 16 bytes whatever the family: an IPv4 address uses 4. */
static void parse_addr(const struct nlattr *nla, u16 af, union nf_inet_addr *addr)
{
	memset(addr, 0, sizeof(*addr));
	nla_memcpy(addr, nla, lbvs_addr_len(af));
}

/* IPVS's netmask: an IPv4 mask in network order, or an IPv6 prefix length. */
static int parse_netmask(u16 af, u32 raw, u8 *len, struct netlink_ext_ack *extack)
{
	u32 host = ntohl((__force __be32)raw);

	if (af == AF_INET6 && raw >= 1 && raw <= 128) {
		*len = raw;
		return 0;
	}
	/* Contiguous: the bits not set are a power of two less one. */
	if (af == AF_INET && !(~host & (~host + 1))) {
		*len = hweight32(host);
		return 0;
	}
	NL_SET_ERR_MSG(extack, "persistence netmask is not a prefix of the address");
	return -EINVAL;
}

u32 lbvs_ipvs_netmask(const struct lbvs_service *svc)
{
	if (svc->af == AF_INET6)
		return svc->netmask;
	return (__force u32)inet_make_mask(svc->netmask);
}

/* The service's identity: the family with a mark, or with protocol, address and port. */
static int parse_svc_key(struct ipvs_req *req, struct nlattr **a)
{
	struct netlink_ext_ack *extack = req->info->extack;
	struct lbvs_svc_key *k = &req->conf.key;
	bool tuple = a[IPVS_SVC_ATTR_PROTOCOL] && a[IPVS_SVC_ATTR_ADDR] && a[IPVS_SVC_ATTR_PORT];
	u16 protocol;
	int err;

	if (!a[IPVS_SVC_ATTR_AF] || !(a[IPVS_SVC_ATTR_FWMARK] || tuple)) {
		NL_SET_ERR_MSG(extack, "service needs a family, a mark or protocol, address, port");
		return -EINVAL;
	}
	k->af = nla_get_u16(a[IPVS_SVC_ATTR_AF]);
	err = parse_af(k->af, extack);
	if (err)
		return err;
	if (a[IPVS_SVC_ATTR_FWMARK]) {
		k->fwmark = nla_get_u32(a[IPVS_SVC_ATTR_FWMARK]);
		if (k->fwmark)
			return 0;
		NL_SET_ERR_MSG(extack, "a firewall-mark service takes a non-zero mark");
		return -EINVAL;
	}
	protocol = nla_get_u16(a[IPVS_SVC_ATTR_PROTOCOL]);
	if (protocol != IPPROTO_TCP && protocol != IPPROTO_UDP) {
		NL_SET_ERR_MSG(extack, "service protocol must be TCP or UDP");
		/* As IPVS: only a new service has its protocol checked. */
		return req->info->genlhdr->cmd == IPVS_CMD_NEW_SERVICE ? -EPROTONOSUPPORT : -ESRCH;
	}
	k->protocol = protocol;
	k->port = nla_get_be16(a[IPVS_SVC_ATTR_PORT]);
	parse_addr(a[IPVS_SVC_ATTR_ADDR], k->af, &k->addr);
	return 0;
}

/* What NEW_SERVICE and SET_SERVICE must carry besides the key. */
static int parse_svc_conf(struct ipvs_req *req, struct nlattr **a)
{
	struct netlink_ext_ack *extack = req->info->extack;
	struct lbvs_svc_conf *conf = &req->conf;
	struct ip_vs_flags f;
	u32 flags;

	if (!a[IPVS_SVC_ATTR_SCHED_NAME] || !a[IPVS_SVC_ATTR_FLAGS] ||
	    !a[IPVS_SVC_ATTR_TIMEOUT] || !a[IPVS_SVC_ATTR_NETMASK]) {
		NL_SET_ERR_MSG(extack, "service needs scheduler, flags, timeout and netmask");
		return -EINVAL;
	}
	if (a[IPVS_SVC_ATTR_PE_NAME]) {
		NL_SET_ERR_MSG_ATTR(extack, a[IPVS_SVC_ATTR_PE_NAME],
				    "persistence engines are not supported");
		return -ENOENT;
	}
	/* The flags in the mask are set or cleared, the others kept. */
	nla_memcpy(&f, a[IPVS_SVC_ATTR_FLAGS], sizeof(f));
	flags = req->svc ? req->svc->flags : 0;
	flags = ((flags & ~f.mask) | (f.flags & f.mask)) & ~IP_VS_SVC_F_HASHED;
	if (flags & ~LBVS_SVC_FLAGS) {
		NL_SET_ERR_MSG_ATTR(extack, a[IPVS_SVC_ATTR_FLAGS], "unknown service flags");
		return -EINVAL;
	}
	conf->flags = flags;
	nla_strscpy(conf->sched_name, a[IPVS_SVC_ATTR_SCHED_NAME], sizeof(conf->sched_name));
	conf->timeout = nla_get_u32(a[IPVS_SVC_ATTR_TIMEOUT]);
	req->set = LBVS_SET_SCHED | LBVS_SET_FLAGS | LBVS_SET_TIMEOUT | LBVS_SET_NETMASK;
	return parse_netmask(conf->key.af, nla_get_u32(a[IPVS_SVC_ATTR_NETMASK]),
			     &conf->netmask, extack);
}

/* IPVS_CMD_ATTR_SERVICE, and the service it names; config_lock. */
static int parse_svc(struct ipvs_req *req, bool full)
{
	struct nlattr *nest = req->info->attrs[IPVS_CMD_ATTR_SERVICE];
	struct netlink_ext_ack *extack = req->info->extack;
	struct nlattr *a[IPVS_SVC_ATTR_MAX + 1];
	int err;

	if (!nest) {
		NL_SET_ERR_MSG(extack, "service attribute missing");
		return -EINVAL;
	}
	err = nla_parse_nested_deprecated(a, IPVS_SVC_ATTR_MAX, nest, svc_policy, extack);
	if (err)
		return -EINVAL;
	err = parse_svc_key(req, a);
	if (err)
		return err;
	req->svc = lbvs_svc_find(req->ln, &req->conf.key);
	return full ? parse_svc_conf(req, a) : 0;
}

/* IPVS's forwarding method: the first of lbvs's that shows as it (fwd.h). */
static u8 fwd_from_ipvs(u32 ipvs_fwd)
{
	u8 fwd;

	for (fwd = 0; fwd < ARRAY_SIZE(lbvs_fwd_table); fwd++)
		if (lbvs_fwd(fwd) && lbvs_fwd(fwd)->ipvs_fwd == ipvs_fwd)
			return fwd;
	return LBVS_FWD_UNSPEC;
}

/* What NEW_DEST and SET_DEST must carry besides the address and port. */
static int parse_dest_conf(struct ipvs_req *req, struct nlattr **a)
{
	struct netlink_ext_ack *extack = req->info->extack;
	struct lbvs_dest_conf *dc = &req->dc;

	if (!a[IPVS_DEST_ATTR_FWD_METHOD] || !a[IPVS_DEST_ATTR_WEIGHT] ||
	    !a[IPVS_DEST_ATTR_U_THRESH] || !a[IPVS_DEST_ATTR_L_THRESH]) {
		NL_SET_ERR_MSG(extack,
			       "real server needs forwarding method, weight and thresholds");
		return -EINVAL;
	}
	dc->fwd = fwd_from_ipvs(nla_get_u32(a[IPVS_DEST_ATTR_FWD_METHOD]) &
				IP_VS_CONN_F_FWD_MASK);
	if (!dc->fwd) {
		NL_SET_ERR_MSG_ATTR(extack, a[IPVS_DEST_ATTR_FWD_METHOD],
				    "forwarding method must be masquerading, tunnelling or direct routing");
		return -EINVAL;
	}
	dc->weight = nla_get_u32(a[IPVS_DEST_ATTR_WEIGHT]);
	dc->u_thresh = nla_get_u32(a[IPVS_DEST_ATTR_U_THRESH]);
	dc->l_thresh = nla_get_u32(a[IPVS_DEST_ATTR_L_THRESH]);
	/* Absent tunnel attributes are zero, as IPVS sets them. */
	if (a[IPVS_DEST_ATTR_TUN_TYPE])
		dc->tun.type = nla_get_u8(a[IPVS_DEST_ATTR_TUN_TYPE]);
	if (a[IPVS_DEST_ATTR_TUN_PORT])
		dc->tun.port = nla_get_be16(a[IPVS_DEST_ATTR_TUN_PORT]);
	if (a[IPVS_DEST_ATTR_TUN_FLAGS])
		dc->tun.flags = nla_get_u16(a[IPVS_DEST_ATTR_TUN_FLAGS]);
	req->set = LBVS_SET_FWD | LBVS_SET_WEIGHT | LBVS_SET_U_THRESH | LBVS_SET_L_THRESH |
		   LBVS_SET_TUN;
	return 0;
}

/* IPVS_CMD_ATTR_DEST of a request about req->svc. */
static int parse_dest(struct ipvs_req *req, bool full)
{
	struct nlattr *nest = req->info->attrs[IPVS_CMD_ATTR_DEST];
	struct netlink_ext_ack *extack = req->info->extack;
	struct nlattr *a[IPVS_DEST_ATTR_MAX + 1];
	struct lbvs_dest_conf *dc = &req->dc;
	int err;

	if (!nest || nla_parse_nested_deprecated(a, IPVS_DEST_ATTR_MAX, nest, dest_policy,
						 extack)) {
		NL_SET_ERR_MSG(extack, "real server attribute missing or malformed");
		return -EINVAL;
	}
	if (!a[IPVS_DEST_ATTR_ADDR] || !a[IPVS_DEST_ATTR_PORT]) {
		NL_SET_ERR_MSG(extack, "real server needs address and port");
		return -EINVAL;
	}
	memset(dc, 0, sizeof(*dc));
	dc->af = a[IPVS_DEST_ATTR_ADDR_FAMILY] ? nla_get_u16(a[IPVS_DEST_ATTR_ADDR_FAMILY]) :
						 req->svc->af;
	err = parse_af(dc->af, extack);
	if (err)
		return err;
	parse_addr(a[IPVS_DEST_ATTR_ADDR], dc->af, &dc->addr);
	dc->port = nla_get_be16(a[IPVS_DEST_ATTR_PORT]);
	return full ? parse_dest_conf(req, a) : 0;
}

static int svc_new(struct ipvs_req *req)
{
	if (req->svc) {
		NL_SET_ERR_MSG(req->info->extack, "service already exists");
		return -EEXIST;
	}
	return lbvs_svc_add(req->ln, &req->conf, req->info->extack);
}

static int svc_set(struct ipvs_req *req)
{
	return lbvs_svc_edit(req->ln, req->svc, &req->conf, req->set, req->info->extack);
}

static int svc_del(struct ipvs_req *req)
{
	lbvs_svc_del(req->ln, req->svc);
	return 0;
}

static int svc_zero(struct ipvs_req *req)
{
	lbvs_svc_zero(req->svc);
	return 0;
}

static int dest_new(struct ipvs_req *req)
{
	unsigned int bad;

	return lbvs_dest_add(req->ln, req->svc, &req->dc, 1, &bad, req->info->extack);
}

/* The server a SET_DEST or DEL_DEST names; NULL (-ENOENT, as IPVS) if none. */
static struct lbvs_dest *dest_find(struct ipvs_req *req)
{
	struct lbvs_dest *dest = lbvs_dest_find(req->svc, &req->dc);

	if (!dest)
		NL_SET_ERR_MSG(req->info->extack, "no such real server in this service");
	return dest;
}

static int dest_set(struct ipvs_req *req)
{
	struct lbvs_dest *dest = dest_find(req);

	if (!dest)
		return -ENOENT;
	return lbvs_dest_edit(req->ln, dest, &req->dc, req->set, req->info->extack);
}

static int dest_del(struct ipvs_req *req)
{
	struct lbvs_dest *dest = dest_find(req);

	if (!dest)
		return -ENOENT;
	return lbvs_dest_del(req->ln, dest, req->info->extack);
}

/* What a change request names, and how fully (IPVS's need_full_*). */
enum { NAMES_NONE, NAMES_KEY, NAMES_FULL };

static const struct {
	int (*op)(struct ipvs_req *req);
	const char *verb;
	u8 svc;		/* NAMES_* of IPVS_CMD_ATTR_SERVICE */
	u8 dest;	/* NAMES_* of IPVS_CMD_ATTR_DEST */
} changes[IPVS_CMD_MAX + 1] = {
	[IPVS_CMD_NEW_SERVICE] = { svc_new, "add service", NAMES_FULL, NAMES_NONE },
	[IPVS_CMD_SET_SERVICE] = { svc_set, "edit service", NAMES_FULL, NAMES_NONE },
	[IPVS_CMD_DEL_SERVICE] = { svc_del, "delete service", NAMES_KEY, NAMES_NONE },
	[IPVS_CMD_NEW_DEST] = { dest_new, "add real server", NAMES_KEY, NAMES_FULL },
	[IPVS_CMD_SET_DEST] = { dest_set, "edit real server", NAMES_KEY, NAMES_FULL },
	[IPVS_CMD_DEL_DEST] = { dest_del, "delete real server", NAMES_KEY, NAMES_KEY },
	[IPVS_CMD_ZERO] = { svc_zero, "zero counters", NAMES_KEY, NAMES_NONE },
};

/* " TCP 192.0.2.1:80" or " FWM 7" for the audit trail. */
static void svc_text(char *buf, size_t len, const struct lbvs_svc_key *k)
{
	if (k->fwmark)
		scnprintf(buf, len, " FWM %u", k->fwmark);
	else if (k->af == AF_INET6)
		scnprintf(buf, len, " %s [%pI6c]:%u", k->protocol == IPPROTO_TCP ? "TCP" : "UDP",
			  &k->addr.in6, ntohs(k->port));
	else
		scnprintf(buf, len, " %s %pI4:%u", k->protocol == IPPROTO_TCP ? "TCP" : "UDP",
			  &k->addr.ip, ntohs(k->port));
}

static void audit(struct ipvs_req *req, const char *verb, bool dest)
{
	char item[64] = "", svc[80] = "";

	if (!lbvs_audit_due(req->info))
		return;
	svc_text(svc, sizeof(svc), &req->conf.key);
	if (dest && req->dc.af == AF_INET6)
		scnprintf(item, sizeof(item), " [%pI6c]:%u", &req->dc.addr.in6,
			  ntohs(req->dc.port));
	else if (dest)
		scnprintf(item, sizeof(item), " %pI4:%u", &req->dc.addr.ip, ntohs(req->dc.port));
	lbvs_audit_log(req->info, verb, item, svc);
}

/* A request about one service, in ip_vs_genl_set_cmd()'s order of checks. */
static int svc_change(struct ipvs_req *req, u8 cmd)
{
	int err;

	err = parse_svc(req, changes[cmd].svc == NAMES_FULL);
	if (err)
		return err;
	if (!req->svc && cmd != IPVS_CMD_NEW_SERVICE) {
		NL_SET_ERR_MSG(req->info->extack, "no such service");
		return -ESRCH;
	}
	if (changes[cmd].dest != NAMES_NONE) {
		err = parse_dest(req, changes[cmd].dest == NAMES_FULL);
		if (err)
			return err;
	}
	err = changes[cmd].op(req);
	if (!err)
		audit(req, changes[cmd].verb, changes[cmd].dest != NAMES_NONE);
	return err;
}

static int cmd_change(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvs_req req = { .info = info, .ln = info_net(info) };
	u8 cmd = info->genlhdr->cmd;
	int err;

	mutex_lock(&req.ln->config_lock);
	err = svc_change(&req, cmd);
	mutex_unlock(&req.ln->config_lock);
	return err;
}

/*
 * A request about no service, logged. (lbvs_audit() reads LBVS's
 * attributes: not for these requests.)
 */
static int audit_global(struct genl_info *info, const char *verb, int err)
{
	if (!err && lbvs_audit_due(info))
		lbvs_audit_log(info, verb, "", "");
	return err;
}

static int cmd_zero(struct sk_buff *skb, struct genl_info *info)
{
	if (info->attrs[IPVS_CMD_ATTR_SERVICE])
		return cmd_change(skb, info);
	lbvs_svc_zero_all(info_net(info));
	return audit_global(info, "zero counters", 0);
}

static int cmd_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct lbvs_net *ln = info_net(info);

	mutex_lock(&ln->config_lock);
	lbvs_svc_flush(ln);
	mutex_unlock(&ln->config_lock);
	return audit_global(info, "clear all services", 0);
}

static int cmd_set_config(struct sk_buff *skb, struct genl_info *info)
{
	return audit_global(info, "set timeouts", lbvs_genl_set_timeouts(info, -EINVAL));
}

static const struct nla_policy daemon_policy[IPVS_DAEMON_ATTR_MAX + 1] = {
	[IPVS_DAEMON_ATTR_STATE]	= { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_MCAST_IFN]	= { .type = NLA_NUL_STRING,
					    .len = IP_VS_IFNAME_MAXLEN - 1 },
	[IPVS_DAEMON_ATTR_SYNC_ID]	= { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_SYNC_MAXLEN]	= { .type = NLA_U16 },
	[IPVS_DAEMON_ATTR_MCAST_GROUP]	= { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_MCAST_GROUP6]	= { .len = sizeof(struct in6_addr) },
	[IPVS_DAEMON_ATTR_MCAST_PORT]	= { .type = NLA_U16 },
	[IPVS_DAEMON_ATTR_MCAST_TTL]	= { .type = NLA_U8 },
};

/* lbvs_sync_state() and lbvs_sync_role() serve both families. */
static_assert(LBVS_SYNC_STATE_MASTER == IP_VS_STATE_MASTER);
static_assert(LBVS_SYNC_STATE_BACKUP == IP_VS_STATE_BACKUP);

/* IP_VS_STATE_MASTER and _BACKUP are bits; a request names one of them. */
static int parse_role(struct nlattr **a, enum lbvs_sync_role *role,
		      struct netlink_ext_ack *extack)
{
	u32 state = a[IPVS_DAEMON_ATTR_STATE] ? nla_get_u32(a[IPVS_DAEMON_ATTR_STATE]) : 0;

	if (state == IP_VS_STATE_MASTER || state == IP_VS_STATE_BACKUP) {
		*role = lbvs_sync_role(state);
		return 0;
	}
	NL_SET_ERR_MSG(extack, "sync daemon state must be master or backup");
	return -EINVAL;
}

/* As ip_vs_genl_new_daemon(), but a sync ID above 255 is refused, not cut. */
static int parse_daemon(struct nlattr **a, struct lbvs_sync_cfg *c,
			struct netlink_ext_ack *extack)
{
	u32 syncid;

	memset(c, 0, sizeof(*c));
	if (!a[IPVS_DAEMON_ATTR_MCAST_IFN] || !a[IPVS_DAEMON_ATTR_SYNC_ID]) {
		NL_SET_ERR_MSG(extack, "sync daemon needs an interface and a sync ID");
		return -EINVAL;
	}
	nla_strscpy(c->ifname, a[IPVS_DAEMON_ATTR_MCAST_IFN], sizeof(c->ifname));
	syncid = nla_get_u32(a[IPVS_DAEMON_ATTR_SYNC_ID]);
	if (syncid > U8_MAX) {
		NL_SET_ERR_MSG(extack, "sync ID must be 0 to 255");
		return -EINVAL;
	}
	c->syncid = syncid;
	if (a[IPVS_DAEMON_ATTR_SYNC_MAXLEN])
		c->maxlen = nla_get_u16(a[IPVS_DAEMON_ATTR_SYNC_MAXLEN]);
	if (a[IPVS_DAEMON_ATTR_MCAST_GROUP]) {
		c->af = AF_INET;
		c->group.ip = nla_get_in_addr(a[IPVS_DAEMON_ATTR_MCAST_GROUP]);
	} else if (a[IPVS_DAEMON_ATTR_MCAST_GROUP6]) {
		c->af = AF_INET6;
		nla_memcpy(&c->group.in6, a[IPVS_DAEMON_ATTR_MCAST_GROUP6],
			   sizeof(c->group.in6));
	}
	if (a[IPVS_DAEMON_ATTR_MCAST_PORT])
		c->port = nla_get_u16(a[IPVS_DAEMON_ATTR_MCAST_PORT]);
	if (a[IPVS_DAEMON_ATTR_MCAST_TTL])
		c->ttl = nla_get_u8(a[IPVS_DAEMON_ATTR_MCAST_TTL]);
	return 0;
}

static int cmd_daemon(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *a[IPVS_DAEMON_ATTR_MAX + 1];
	struct lbvs_net *ln = info_net(info);
	bool start = info->genlhdr->cmd == IPVS_CMD_NEW_DAEMON;
	enum lbvs_sync_role role;
	struct lbvs_sync_cfg c;
	int err;

	if (!info->attrs[IPVS_CMD_ATTR_DAEMON] ||
	    nla_parse_nested_deprecated(a, IPVS_DAEMON_ATTR_MAX, info->attrs[IPVS_CMD_ATTR_DAEMON],
					daemon_policy, info->extack))
		return -EINVAL;
	err = parse_role(a, &role, info->extack);
	if (!err && start)
		err = parse_daemon(a, &c, info->extack);
	if (err)
		return err;
	mutex_lock(&ln->config_lock);
	err = start ? lbvs_sync_start(ln, role, &c, info->extack) : lbvs_sync_stop(ln, role);
	mutex_unlock(&ln->config_lock);
	return audit_global(info, start ? "start sync daemon" : "stop sync daemon", err);
}

/* IPVS has no counters for its daemons. */
static int put_daemon(struct sk_buff *skb, enum lbvs_sync_role role,
		      const struct lbvs_sync_cfg *c, const struct lbvs_sync_counters *n)
{
	struct nlattr *nest = nla_nest_start_noflag(skb, IPVS_CMD_ATTR_DAEMON);

	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u32(skb, IPVS_DAEMON_ATTR_STATE, lbvs_sync_state(role)) ||
	    nla_put_string(skb, IPVS_DAEMON_ATTR_MCAST_IFN, c->ifname) ||
	    nla_put_u32(skb, IPVS_DAEMON_ATTR_SYNC_ID, c->syncid) ||
	    nla_put_u16(skb, IPVS_DAEMON_ATTR_SYNC_MAXLEN, c->maxlen) ||
	    nla_put_u16(skb, IPVS_DAEMON_ATTR_MCAST_PORT, c->port) ||
	    nla_put_u8(skb, IPVS_DAEMON_ATTR_MCAST_TTL, c->ttl) ||
	    (c->af == AF_INET6 ?
	     nla_put_in6_addr(skb, IPVS_DAEMON_ATTR_MCAST_GROUP6, &c->group.in6) :
	     nla_put_in_addr(skb, IPVS_DAEMON_ATTR_MCAST_GROUP, c->group.ip))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int dump_daemons(struct sk_buff *skb, struct netlink_callback *cb)
{
	return lbvs_genl_dump_daemons(skb, cb, IPVS_CMD_NEW_DAEMON, put_daemon);
}

/* IPVS_STATS_ATTR_CONNS.. are LBVS_CNT_* in order, then the rates. */
static_assert((int)IPVS_STATS_ATTR_CONNS + LBVS_CNT_IPVS == (int)IPVS_STATS_ATTR_CPS);

/*
 * Counters as IPVS gives them: IPVS_*_ATTR_STATS with 32-bit counts and
 * rates (bytes in 64), and IPVS_*_ATTR_STATS64 with all in 64.
 */
static int put_stats(struct sk_buff *skb, int attr, int attr64, struct lbvs_stats *s)
{
	struct lbvs_stats_snap snap;
	struct nlattr *nest, *nest64;
	unsigned int i;
	int err = 0;

	lbvs_stats_read(s, &snap);
	nest = nla_nest_start_noflag(skb, attr);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; !err && i < LBVS_CNT_IPVS; i++)
		err = (i >= LBVS_CNT_INBYTES ?
		       nla_put_u64_64bit(skb, IPVS_STATS_ATTR_CONNS + i, snap.cnt[i],
					 IPVS_STATS_ATTR_PAD) :
		       nla_put_u32(skb, IPVS_STATS_ATTR_CONNS + i, snap.cnt[i])) ||
		      nla_put_u32(skb, IPVS_STATS_ATTR_CPS + i, snap.rate[i]);
	if (err)
		goto cancel;
	nla_nest_end(skb, nest);
	nest64 = nla_nest_start_noflag(skb, attr64);
	if (!nest64)
		goto cancel;
	for (i = 0; !err && i < LBVS_CNT_IPVS; i++)
		err = nla_put_u64_64bit(skb, IPVS_STATS_ATTR_CONNS + i, snap.cnt[i],
					IPVS_STATS_ATTR_PAD) ||
		      nla_put_u64_64bit(skb, IPVS_STATS_ATTR_CPS + i, snap.rate[i],
					IPVS_STATS_ATTR_PAD);
	if (err)
		goto cancel;
	nla_nest_end(skb, nest64);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* As ip_vs_genl_fill_service(). */
static int put_svc(struct sk_buff *skb, struct lbvs_service *svc)
{
	struct ip_vs_flags flags = { .flags = svc->flags | IP_VS_SVC_F_HASHED, .mask = ~0 };
	struct nlattr *nest = nla_nest_start_noflag(skb, IPVS_CMD_ATTR_SERVICE);
	int err;

	if (!nest)
		return -EMSGSIZE;
	err = nla_put_u16(skb, IPVS_SVC_ATTR_AF, svc->af);
	if (!err && svc->fwmark)
		err = nla_put_u32(skb, IPVS_SVC_ATTR_FWMARK, svc->fwmark);
	else if (!err)
		err = nla_put_u16(skb, IPVS_SVC_ATTR_PROTOCOL, svc->protocol) ||
		      nla_put(skb, IPVS_SVC_ATTR_ADDR, sizeof(svc->addr), &svc->addr) ||
		      nla_put_be16(skb, IPVS_SVC_ATTR_PORT, svc->port);
	err = err || nla_put_string(skb, IPVS_SVC_ATTR_SCHED_NAME, svc->sched.algo->name) ||
	      nla_put(skb, IPVS_SVC_ATTR_FLAGS, sizeof(flags), &flags) ||
	      nla_put_u32(skb, IPVS_SVC_ATTR_TIMEOUT, svc->timeout) ||
	      nla_put_u32(skb, IPVS_SVC_ATTR_NETMASK, lbvs_ipvs_netmask(svc)) ||
	      put_stats(skb, IPVS_SVC_ATTR_STATS, IPVS_SVC_ATTR_STATS64, &svc->stats);
	if (err) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* As ip_vs_genl_fill_dest(). */
static int put_dest(struct sk_buff *skb, struct lbvs_dest *d, bool stats)
{
	struct nlattr *nest = nla_nest_start_noflag(skb, IPVS_CMD_ATTR_DEST);
	union lbvs_tun tun = { .word = READ_ONCE(d->tun.word) };

	if (!nest)
		return -EMSGSIZE;
	if (nla_put(skb, IPVS_DEST_ATTR_ADDR, sizeof(d->addr), &d->addr) ||
	    nla_put_be16(skb, IPVS_DEST_ATTR_PORT, d->port) ||
	    nla_put_u32(skb, IPVS_DEST_ATTR_FWD_METHOD, lbvs_fwd(d->fwd)->ipvs_fwd) ||
	    nla_put_u32(skb, IPVS_DEST_ATTR_WEIGHT, d->weight) ||
	    nla_put_u8(skb, IPVS_DEST_ATTR_TUN_TYPE, tun.type) ||
	    nla_put_be16(skb, IPVS_DEST_ATTR_TUN_PORT, tun.port) ||
	    nla_put_u16(skb, IPVS_DEST_ATTR_TUN_FLAGS, tun.flags) ||
	    nla_put_u32(skb, IPVS_DEST_ATTR_U_THRESH, d->u_thresh) ||
	    nla_put_u32(skb, IPVS_DEST_ATTR_L_THRESH, d->l_thresh) ||
	    nla_put_u32(skb, IPVS_DEST_ATTR_ACTIVE_CONNS, atomic_read(&d->active)) ||
	    nla_put_u32(skb, IPVS_DEST_ATTR_INACT_CONNS, atomic_read(&d->inactive)) ||
	    nla_put_u32(skb, IPVS_DEST_ATTR_PERSIST_CONNS, atomic_read(&d->persist)) ||
	    nla_put_u16(skb, IPVS_DEST_ATTR_ADDR_FAMILY, d->af) ||
	    put_stats(skb, IPVS_DEST_ATTR_STATS, IPVS_DEST_ATTR_STATS64, &d->stats)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int fill_svc(struct sk_buff *msg, struct genl_info *info, void *svc)
{
	return put_svc(msg, svc);
}

/* GET_SERVICE of one: the reply is built under config_lock, as IPVS's. */
static int cmd_get_service(struct sk_buff *skb, struct genl_info *info)
{
	struct ipvs_req req = { .info = info, .ln = info_net(info) };
	int err;

	mutex_lock(&req.ln->config_lock);
	err = parse_svc(&req, false);
	if (!err && !req.svc) {
		NL_SET_ERR_MSG(info->extack, "no such service");
		err = -ESRCH;
	}
	if (!err)
		err = lbvs_genl_reply(&ipvs_genl, info, IPVS_CMD_NEW_SERVICE, fill_svc, req.svc);
	mutex_unlock(&req.ln->config_lock);
	return err;
}

static int put_svc_dump(struct sk_buff *skb, struct lbvs_service *svc,
			struct netlink_callback *cb)
{
	return put_svc(skb, svc);
}

static int dump_svc(struct sk_buff *skb, struct netlink_callback *cb, struct lbvs_service *svc)
{
	return lbvs_genl_dump_one(skb, cb, IPVS_CMD_NEW_SERVICE, put_svc_dump, svc);
}

static int dump_services(struct sk_buff *skb, struct netlink_callback *cb)
{
	return lbvs_genl_dump_svcs(skb, cb, dump_svc);
}

/*
 * A service's servers. As IPVS, a request that names no service, or none
 * there is, gets an empty dump rather than an error.
 */
static int dump_dests(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct genl_info info = {
		.attrs = genl_dumpit_info(cb)->attrs,
		.extack = cb->extack,
		.genlhdr = nlmsg_data(cb->nlh),
	};
	struct ipvs_req req = { .info = &info, .ln = lbvs_net(sock_net(skb->sk)) };

	mutex_lock(&req.ln->config_lock);
	if (!parse_svc(&req, false) && req.svc)
		lbvs_genl_put_dests(skb, cb, req.svc, false, IPVS_CMD_NEW_DEST, put_dest, true);
	mutex_unlock(&req.ln->config_lock);
	return skb->len;
}

static int fill_info(struct sk_buff *msg, struct genl_info *info, void *obj)
{
	return nla_put_u32(msg, IPVS_INFO_ATTR_VERSION, IP_VS_VERSION_CODE) ||
	       nla_put_u32(msg, IPVS_INFO_ATTR_CONN_TAB_SIZE, lbvs_conn_table_size(obj));
}

static int cmd_get_info(struct sk_buff *skb, struct genl_info *info)
{
	return lbvs_genl_reply(&ipvs_genl, info, IPVS_CMD_SET_INFO, fill_info, info_net(info));
}

static int cmd_get_config(struct sk_buff *skb, struct genl_info *info)
{
	return lbvs_genl_reply(&ipvs_genl, info, IPVS_CMD_SET_CONFIG, lbvs_genl_put_timeouts,
			       info_net(info));
}

/*
 * As IPVS: requests are parsed loosely (unknown attributes ignored), dump
 * requests too; CAP_NET_ADMIN for everything, as the LBVS family
 * (netlink.c says why the initial user namespace's).
 */
#define IPVS_OP(c, d, dump) { .cmd = (c), .doit = (d), .dumpit = (dump), \
	.validate = GENL_DONT_VALIDATE_STRICT | GENL_DONT_VALIDATE_DUMP_STRICT, \
	.flags = GENL_ADMIN_PERM }

static const struct genl_ops ipvs_ops[] = {
	IPVS_OP(IPVS_CMD_NEW_SERVICE, cmd_change, NULL),
	IPVS_OP(IPVS_CMD_SET_SERVICE, cmd_change, NULL),
	IPVS_OP(IPVS_CMD_DEL_SERVICE, cmd_change, NULL),
	IPVS_OP(IPVS_CMD_GET_SERVICE, cmd_get_service, dump_services),
	IPVS_OP(IPVS_CMD_NEW_DEST, cmd_change, NULL),
	IPVS_OP(IPVS_CMD_SET_DEST, cmd_change, NULL),
	IPVS_OP(IPVS_CMD_DEL_DEST, cmd_change, NULL),
	IPVS_OP(IPVS_CMD_GET_DEST, NULL, dump_dests),
	IPVS_OP(IPVS_CMD_NEW_DAEMON, cmd_daemon, NULL),
	IPVS_OP(IPVS_CMD_DEL_DAEMON, cmd_daemon, NULL),
	IPVS_OP(IPVS_CMD_GET_DAEMON, NULL, dump_daemons),
	IPVS_OP(IPVS_CMD_SET_CONFIG, cmd_set_config, NULL),
	IPVS_OP(IPVS_CMD_GET_CONFIG, cmd_get_config, NULL),
	IPVS_OP(IPVS_CMD_GET_INFO, cmd_get_info, NULL),
	IPVS_OP(IPVS_CMD_ZERO, cmd_zero, NULL),
	IPVS_OP(IPVS_CMD_FLUSH, cmd_flush, NULL),
};

static struct genl_family ipvs_genl __ro_after_init = {
	.name = IPVS_GENL_NAME,
	.version = IPVS_GENL_VERSION,
	.maxattr = IPVS_CMD_ATTR_MAX,
	.policy = cmd_policy,
	.netnsok = true,
	.ops = ipvs_ops,
	.n_ops = ARRAY_SIZE(ipvs_ops),
	.resv_start_op = IPVS_CMD_FLUSH + 1,
	.module = THIS_MODULE,
};

int __init lbvs_ipvs_api_init(void)
{
	int err;

	/* First: the family's name is how ip_vs and lbvs exclude each other. */
	err = genl_register_family(&ipvs_genl);
	if (err) {
		pr_err("ipvs_api=1: cannot register the Generic Netlink family " IPVS_GENL_NAME
		       " (error %d): is ip_vs loaded? Unload it and blacklist it (see README)\n",
		       err);
		return err;
	}
	err = lbvs_proc_register();
	if (err)
		genl_unregister_family(&ipvs_genl);
	return err;
}

void lbvs_ipvs_api_exit(void)
{
	lbvs_proc_unregister();
	genl_unregister_family(&ipvs_genl);
}
