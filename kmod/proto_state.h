/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Connection state machine and default timeouts, as plain C: built into the
 * module and into the userspace unit tests.
 */
#ifndef _LBVS_PROTO_STATE_H
#define _LBVS_PROTO_STATE_H

#include "pure.h"

#include <linux/lbvs.h>

/* Which way a packet travels relative to the connection. */
enum lbvs_dir {
	LBVS_DIR_IN,		/* client -> real server */
	LBVS_DIR_OUT,		/* real server -> client, seen by the director */
	LBVS_DIR_IN_ONLY,	/* client -> real server; replies bypass us (DR/TUN) */
};

/* TCP header flags, as in the 13th byte of the header. */
#define LBVS_TCPF_FIN	0x01
#define LBVS_TCPF_SYN	0x02
#define LBVS_TCPF_RST	0x04
#define LBVS_TCPF_ACK	0x10

u8 lbvs_tcp_next_state(u8 state, enum lbvs_dir dir, u8 tcp_flags);
bool lbvs_state_active(u8 state);
/* A TCP connection over, its entry kept for stray packets. */
bool lbvs_state_closed(u8 state);
/* Default timeout of a state, in seconds. */
u32 lbvs_state_default_timeout(u8 state);
const char *lbvs_state_name(u8 state);

#endif /* _LBVS_PROTO_STATE_H */
