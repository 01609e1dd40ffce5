/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TCP option lists, as plain C (module and unit tests): what FULLNAT needs
 * to carry the client's address to the real server (the option format is
 * in the UAPI header, LBVS_TOA_*) and to lower the MSS a server announces
 * by that option's size.
 *
 * Lists are walked as the kernel's tcp_parse_options() walks them: EOL ends
 * the list, NOP is one byte, every other option has a length >= 2 that must
 * stay inside the list. A list that breaks these rules is malformed and is
 * left alone.
 */
#ifndef _LBVS_TCPOPT_H
#define _LBVS_TCPOPT_H

#include <linux/lbvs.h>

#include "pure.h"

#define LBVS_TCPOPT_EOL		0
#define LBVS_TCPOPT_NOP		1
#define LBVS_TCPOPT_MSS		2
#define LBVS_TCPOLEN_MSS	4
#define LBVS_TCPOPT_SPACE	40	/* bytes of options a header can hold */

/* Length of the option at off (< len), 0 at EOL, -1 if it does not fit. */
int lbvs_tcpopt_len(const u8 *opts, unsigned int len, unsigned int off);

/*
 * Make a list ready to be extended in place: overwrite with NOPs every
 * client-address option already there (a client must not speak for itself)
 * and an EOL with whatever follows it (an option after EOL is not read).
 * Returns false, having changed nothing after the fault, if malformed.
 */
bool lbvs_tcpopt_scrub(u8 *opts, unsigned int len);

/* Offset in opts of the first option kind of length olen (0: any), or -1. */
int lbvs_tcpopt_find(const u8 *opts, unsigned int len, u8 kind, u8 olen);

/*
 * Write the client-address option for addr (4 bytes, or 16 if v6) and port
 * (network byte order, as it sits in the packet) to buf; returns its length.
 */
unsigned int lbvs_toa_put(u8 *buf, bool v6, const void *addr, const void *port);

/* That option's length: kind, length, port, then the 4 or 16 bytes of addr. */
static inline unsigned int lbvs_toa_len(bool v6)
{
	return v6 ? LBVS_TOA_LEN6 : LBVS_TOA_LEN4;
}

#endif /* _LBVS_TCPOPT_H */
