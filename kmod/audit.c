// SPDX-License-Identifier: GPL-2.0
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
/*
 * The configuration trail. The request's attributes were validated by the
 * family's policy before the command ran, and the command accepted them,
 * so they are read here without checks beyond their presence.
 */
#include <linux/lbvs.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>

#include "addr.h"
#include "audit.h"
#include "netns.h"

/* " 192.0.2.1" or " [2001:db8::1]", from a validated ADDR attribute. */
static int addr_text(char *buf, size_t len, const struct nlattr *a)
{
	if (!a)
		return 0;
	if (nla_len(a) == 16)
		return scnprintf(buf, len, " [%pI6c]", nla_data(a));
	return scnprintf(buf, len, " %pI4", nla_data(a));
}

/* " TCP 192.0.2.1:80" or " FWM 7". */
static int svc_text(char *buf, size_t len, const struct nlattr *nest)
{
	struct nlattr *a[LBVS_SVC_ATTR_MAX + 1] = {};
	int n;

	if (!nest || nla_parse_nested(a, LBVS_SVC_ATTR_MAX, nest, NULL, NULL))
		return 0;
	if (a[LBVS_SVC_ATTR_FWMARK])
		return scnprintf(buf, len, " FWM %u", nla_get_u32(a[LBVS_SVC_ATTR_FWMARK]));
	if (!a[LBVS_SVC_ATTR_PROTOCOL] || !a[LBVS_SVC_ATTR_PORT])
		return 0;
	n = scnprintf(buf, len, " %s",
		      nla_get_u16(a[LBVS_SVC_ATTR_PROTOCOL]) == IPPROTO_TCP ? "TCP" : "UDP");
	n += addr_text(buf + n, len - n, a[LBVS_SVC_ATTR_ADDR]);
	return n + scnprintf(buf + n, len - n, ":%u", ntohs(nla_get_be16(a[LBVS_SVC_ATTR_PORT])));
}

/* The object inside the service: a server, a list of them, a pool address. */
static int item_text(char *buf, size_t len, struct nlattr **attrs)
{
	struct nlattr *a[LBVS_DEST_ATTR_MAX + 1] = {};
	const struct nlattr *e;
	int n = 0, rem;

	if (attrs[LBVS_ATTR_DEST_LIST]) {
		nla_for_each_nested(e, attrs[LBVS_ATTR_DEST_LIST], rem)
			n++;
		return scnprintf(buf, len, " (%d)", n);
	}
	if (attrs[LBVS_ATTR_DEST] &&
	    !nla_parse_nested(a, LBVS_DEST_ATTR_MAX, attrs[LBVS_ATTR_DEST], NULL, NULL)) {
		n = addr_text(buf, len, a[LBVS_DEST_ATTR_ADDR]);
		if (a[LBVS_DEST_ATTR_PORT])
			n += scnprintf(buf + n, len - n, ":%u",
				       ntohs(nla_get_be16(a[LBVS_DEST_ATTR_PORT])));
		return n;
	}
	if (attrs[LBVS_ATTR_LADDR] &&
	    !nla_parse_nested(a, LBVS_LADDR_ATTR_MAX, attrs[LBVS_ATTR_LADDR], NULL, NULL))
		return addr_text(buf, len, a[LBVS_LADDR_ATTR_ADDR]);
	return 0;
}

int lbvs_audit(struct genl_info *info, const char *verb, int err)
{
	char item[64] = "", svc[80] = "";

	if (err || !lbvs_audit_due(info))
		return err;
	item_text(item, sizeof(item), info->attrs);
	svc_text(svc, sizeof(svc), info->attrs[LBVS_ATTR_SERVICE]);
	lbvs_audit_log(info, verb, item, svc);
	return err;
}

bool lbvs_audit_due(struct genl_info *info)
{
	return __ratelimit(&lbvs_net(genl_info_net(info))->audit_rs);
}

void lbvs_audit_log(struct genl_info *info, const char *verb, const char *item,
		    const char *svc)
{
	struct net *net = genl_info_net(info);

	/* A doit runs in the sender's context: current is who asked. */
	pr_info("%s%s%s%s by pid %d (%s) in netns %u\n", verb, item,
		*item && *svc ? " of" : "", svc, task_tgid_nr(current), current->comm,
		net->ns.inum);
}
