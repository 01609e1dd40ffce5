/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Addresses of either family, as lbvs stores them: an AF_INET address is
 * its first 4 bytes (of a union nf_inet_addr, or of packed storage), an
 * AF_INET6 address 16.
 */
#ifndef _LBVS_ADDR_H
#define _LBVS_ADDR_H

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/socket.h>
#include <linux/string.h>

static inline unsigned int lbvs_addr_len(u16 af)
{
	return af == AF_INET6 ? sizeof(struct in6_addr) : sizeof(__be32);
}

/*
 * Equal addresses of family af. Each branch's constant length lets the
 * compiler compare inline, where a memcmp() of variable length is a call
 * on the configuration path's hottest loop.
 */
static inline bool lbvs_addr_eq(u16 af, const void *a, const void *b)
{
	return af == AF_INET6 ? !memcmp(a, b, sizeof(struct in6_addr)) :
				!memcmp(a, b, sizeof(__be32));
}

#endif /* _LBVS_ADDR_H */
