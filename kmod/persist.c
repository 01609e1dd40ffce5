// SPDX-License-Identifier: GPL-2.0
/*
 * Persistence (-p timeout, -M netmask), as IPVS does it: a template entry in
 * the connection table, keyed by (protocol 0, client address under the
 * netmask, the service's protocol in the client port, virtual address,
 * virtual port) - for firewall-mark services the mark stands in the virtual
 * address and both ports are 0 - that records which real server the client
 * network was sent to. New connections of that client go to the same server
 * while the template lives; each one pushes its deadline the service's
 * timeout further, and, as IPVS, the template does not expire while a
 * connection it placed lives (conn.h, n_control): the timeout counts from
 * the last one's end.
 *
 * A template whose server was removed is dropped and the client scheduled
 * anew; one whose server was quiesced (weight 0) still holds, unless
 * net.lbvs.expire_quiescent_template is set.
 */
#include <net/ipv6.h>

#include "conn.h"
#include "netns.h"
#include "persist.h"
#include "service.h"
#include "sync.h"

static void mask_addr(u16 af, union nf_inet_addr *a, u8 plen)
{
	if (af == AF_INET) {
		a->ip &= plen ? htonl(~0U << (32 - plen)) : 0;
	} else {
		struct in6_addr mask;

		ipv6_addr_prefix(&mask, &a->in6, plen);
		a->in6 = mask;
	}
}

void lbvs_persist_key(const struct lbvs_service *svc, const struct lbvs_tuple *t,
		      struct lbvs_tuple *tt)
{
	memset(tt, 0, sizeof(*tt));
	tt->af = t->af;
	tt->proto = 0;
	tt->saddr = t->saddr;
	mask_addr(t->af, &tt->saddr, READ_ONCE(svc->netmask));
	if (svc->fwmark) {
		tt->daddr.ip = htonl(svc->fwmark);
	} else {
		tt->sport = htons(t->proto);
		tt->daddr = t->daddr;
		/* a port-0 service: one template for all of its ports */
		tt->dport = svc->port;
	}
}

static bool template_usable(struct lbvs_net *ln, const struct lbvs_conn *tc)
{
	const struct lbvs_dest *dest = tc->dest;

	if (!READ_ONCE(dest->available) || READ_ONCE(dest->draining))
		return false;
	return READ_ONCE(dest->weight) ||
	       !READ_ONCE(ln->sysctl.expire_quiescent_template);
}

struct lbvs_dest *lbvs_persist_pick(struct lbvs_net *ln, struct lbvs_service *svc,
				    const struct lbvs_tuple *t, struct lbvs_conn **tmpl)
{
	u32 timeout = READ_ONCE(svc->timeout);
	struct lbvs_dest *dest;
	struct lbvs_tuple tt;
	struct lbvs_conn *tc;

	lbvs_persist_key(svc, t, &tt);
	tc = lbvs_conn_in_get(ln, &tt);
	if (tc && template_usable(ln, tc)) {
		lbvs_conn_touch(tc, timeout);
		*tmpl = tc;
		return tc->dest;
	}
	if (tc)
		lbvs_conn_expire_now(ln, tc);
	dest = lbvs_sched_pick(svc, t);
	/* Without a template the client is still served, only not pinned. */
	*tmpl = dest ? lbvs_conn_new_template(ln, &tt, dest, timeout) : NULL;
	if (IS_ERR(*tmpl))
		*tmpl = NULL;
	if (*tmpl)
		lbvs_sync_template(ln, *tmpl);
	return dest;
}
