// SPDX-License-Identifier: GPL-2.0
/*
 * TCP option lists; the rules are in tcpopt.h.
 */
#include <linux/lbvs.h>

#include "tcpopt.h"

int lbvs_tcpopt_len(const u8 *opts, unsigned int len, unsigned int off)
{
	if (opts[off] == LBVS_TCPOPT_EOL)
		return 0;
	if (opts[off] == LBVS_TCPOPT_NOP)
		return 1;
	if (off + 1 >= len || opts[off + 1] < 2 || opts[off + 1] > len - off)
		return -1;
	return opts[off + 1];
}

bool lbvs_tcpopt_scrub(u8 *opts, unsigned int len)
{
	unsigned int off = 0;
	int n;

	while (off < len) {
		n = lbvs_tcpopt_len(opts, len, off);
		if (n < 0)
			return false;
		if (n == 0) {
			memset(opts + off, LBVS_TCPOPT_NOP, len - off);
			return true;
		}
		if (opts[off] == LBVS_TOA_KIND)
			memset(opts + off, LBVS_TCPOPT_NOP, n);
		off += n;
	}
	return true;
}

int lbvs_tcpopt_find(const u8 *opts, unsigned int len, u8 kind, u8 olen)
{
	unsigned int off = 0;
	int n;

	while (off < len) {
		n = lbvs_tcpopt_len(opts, len, off);
		if (n <= 0)
			return -1;
		if (opts[off] == kind && (!olen || n == olen))
			return (int)off;
		off += n;
	}
	return -1;
}

unsigned int lbvs_toa_put(u8 *buf, bool v6, const void *addr, const void *port)
{
	unsigned int len = lbvs_toa_len(v6);

	buf[0] = LBVS_TOA_KIND;
	buf[1] = (u8)len;
	memcpy(buf + 2, port, 2);
	memcpy(buf + 4, addr, len - 4);
	return len;
}
