/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unicast sync peers, for networks without multicast (cloud VPCs): a
 * master with peers sends each message to each of them instead of the
 * group; a backup with peers joins no group, takes the port on every
 * address of its interface and drops, counted, what none of its peers
 * sent. The peers are part of the daemon's configuration (struct
 * lbvs_sync_cfg, constant while it runs): nothing here keeps state, and
 * each function runs in the daemon's thread or under config_lock.
 */
#ifndef _LBVS_SYNC_PEER_H
#define _LBVS_SYNC_PEER_H

#include <linux/socket.h>
#include <linux/uio.h>

#include "sync.h"

struct netlink_ext_ack;
struct socket;

/* addr:port of family af as a socket address; its length. */
int lbvs_sync_sockaddr(u16 af, const union nf_inet_addr *addr, u16 port,
		       struct sockaddr_storage *ss);

/*
 * c's peers, of c->af, each unicast and listed once: 0, or -EINVAL with
 * the extack message.
 */
int lbvs_sync_peers_check(const struct lbvs_sync_cfg *c, struct netlink_ext_ack *extack);

/* Whether src (a received datagram's source) is one of c's peers. */
bool lbvs_sync_peer_from(const struct lbvs_sync_cfg *c, const struct sockaddr_storage *src);

/*
 * iov to c's peers from *next on, without waiting: 0 once each was
 * offered it (*refused: how many refused it), -EAGAIN when the socket is
 * full: *next is the peer to go on with.
 */
int lbvs_sync_peers_send(struct socket *sock, const struct lbvs_sync_cfg *c,
			 struct kvec *iov, u8 *next, unsigned int *refused);

#endif /* _LBVS_SYNC_PEER_H */
