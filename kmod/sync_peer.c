// SPDX-License-Identifier: GPL-2.0
/*
 * Unicast sync peers (sync_peer.h).
 */
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/net.h>
#include <net/ipv6.h>
#include <net/netlink.h>

#include "addr.h"
#include "sync_peer.h"

int lbvs_sync_sockaddr(u16 af, const union nf_inet_addr *addr, u16 port,
		       struct sockaddr_storage *ss)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (af == AF_INET6) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		sin6->sin6_addr = addr->in6;
		return sizeof(*sin6);
	}
	sin->sin_family = AF_INET;
	sin->sin_port = htons(port);
	sin->sin_addr.s_addr = addr->ip;
	return sizeof(*sin);
}

/* A host one can send to: not the unspecified address, not a group. */
static bool peer_unicast(u16 af, const union nf_inet_addr *a)
{
	if (af == AF_INET6)
		return !ipv6_addr_any(&a->in6) && !ipv6_addr_is_multicast(&a->in6);
	return !ipv4_is_zeronet(a->ip) && !ipv4_is_multicast(a->ip) &&
	       !ipv4_is_lbcast(a->ip);
}

int lbvs_sync_peers_check(const struct lbvs_sync_cfg *c, struct netlink_ext_ack *extack)
{
	unsigned int i, j;

	if (c->npeers > LBVS_SYNC_PEERS_MAX) {
		NL_SET_ERR_MSG(extack, "too many sync peers");
		return -EINVAL;
	}
	for (i = 0; i < c->npeers; i++) {
		if (!peer_unicast(c->af, &c->peers[i])) {
			NL_SET_ERR_MSG(extack, "a sync peer must be a unicast address");
			return -EINVAL;
		}
		for (j = 0; j < i; j++) {
			if (lbvs_addr_eq(c->af, &c->peers[i], &c->peers[j])) {
				NL_SET_ERR_MSG(extack, "a sync peer is listed twice");
				return -EINVAL;
			}
		}
	}
	return 0;
}

bool lbvs_sync_peer_from(const struct lbvs_sync_cfg *c, const struct sockaddr_storage *src)
{
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)src;
	const struct sockaddr_in *sin = (const struct sockaddr_in *)src;
	union nf_inet_addr a = {};
	unsigned int i;

	if (src->ss_family != c->af)
		return false;
	if (c->af == AF_INET6)
		a.in6 = sin6->sin6_addr;
	else
		a.ip = sin->sin_addr.s_addr;
	for (i = 0; i < c->npeers; i++)
		if (lbvs_addr_eq(c->af, &a, &c->peers[i]))
			return true;
	return false;
}

int lbvs_sync_peers_send(struct socket *sock, const struct lbvs_sync_cfg *c,
			 struct kvec *iov, u8 *next, unsigned int *refused)
{
	struct sockaddr_storage ss;
	struct msghdr msg;
	int ret;

	*refused = 0;
	for (; *next < c->npeers; (*next)++) {
		memset(&msg, 0, sizeof(msg));
		msg.msg_name = &ss;
		msg.msg_namelen = lbvs_sync_sockaddr(c->af, &c->peers[*next], c->port, &ss);
		msg.msg_flags = MSG_DONTWAIT | MSG_NOSIGNAL;
		ret = kernel_sendmsg(sock, &msg, iov, 1, iov->iov_len);
		if (ret == -EAGAIN)
			return -EAGAIN;
		if (ret < 0) {
			/* As to the group: lost (no route, peer unreachable). */
			net_warn_ratelimited("lbvs: sync master: send to %pISc: error %d\n",
					     &ss, ret);
			(*refused)++;
		}
	}
	return 0;
}
