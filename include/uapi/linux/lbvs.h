/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * lbvs: Layer-4 load balancer, Generic Netlink API.
 *
 * This header is the one definition of the wire format shared by the kernel
 * module (kmod/) and lbadm (tools/lbadm/). Append only: never renumber.
 *
 * Family "LBVS", version LBVS_GENL_VERSION. Every request, reading ones
 * included, needs CAP_NET_ADMIN in the initial user namespace (as IPVS).
 * Configuration is per network namespace.
 *
 * Addresses travel as 4 bytes (AF_INET) or 16 bytes (AF_INET6), in network
 * byte order; ports as big-endian u16 (NLA_BE16).
 *
 * Requests and replies, by command. "key" is a service's identity:
 * LBVS_SVC_ATTR_AF with PROTOCOL, ADDR and PORT, or with FWMARK alone. A
 * request naming a service that does not exist fails with ESRCH; every
 * refusal names its cause in the extended ACK.
 *
 * LBVS_CMD_NEW_SERVICE, LBVS_CMD_SET_SERVICE
 *   LBVS_ATTR_SERVICE
 *     key
 *     LBVS_SVC_ATTR_SCHED_NAME      NEW: "wlc" when absent
 *     LBVS_SVC_ATTR_FLAGS           LBVS_SVC_F_*
 *     LBVS_SVC_ATTR_TIMEOUT         NEW: 300 when absent
 *     LBVS_SVC_ATTR_NETMASK         NEW: the full length when absent
 *     LBVS_SVC_ATTR_TIMEOUT_TCP, _TCP_FIN, _UDP   this service's own;
 *                                   any of them sets all three (absent: 0)
 *   SET changes only the attributes present.
 * LBVS_CMD_DEL_SERVICE
 *   LBVS_ATTR_SERVICE: key
 * LBVS_CMD_GET_SERVICE
 *   request: LBVS_ATTR_SERVICE (key): one reply; without it, a dump.
 *            LBVS_ATTR_NO_STATS
 *   reply (one message a service):
 *     LBVS_ATTR_SERVICE
 *       key, SCHED_NAME, FLAGS, TIMEOUT, NETMASK
 *       LBVS_SVC_ATTR_STATS: LBVS_STATS_ATTR_* (not with NO_STATS)
 *       LBVS_SVC_ATTR_DROPS: by reason (not with NO_STATS; once it dropped)
 * LBVS_CMD_NEW_DEST, LBVS_CMD_SET_DEST, LBVS_CMD_DEL_DEST
 *   LBVS_ATTR_SERVICE: key
 *   LBVS_ATTR_DEST
 *     LBVS_DEST_ATTR_ADDR           required
 *     LBVS_DEST_ATTR_AF, PORT       the service's when absent
 *     LBVS_DEST_ATTR_FWD            NEW: LBVS_FWD_DR when absent
 *     LBVS_DEST_ATTR_WEIGHT         NEW: 1 when absent
 *     LBVS_DEST_ATTR_U_THRESH, L_THRESH
 *     LBVS_DEST_ATTR_DRAIN          SET only
 *   or, NEW only: LBVS_ATTR_DEST_LIST, LBVS_ATTR_DEST nests as above
 *   SET changes only the attributes present; DEL needs ADDR (and PORT).
 * LBVS_CMD_GET_DEST (dump)
 *   request: LBVS_ATTR_SERVICE (key): that service's servers; without it,
 *            every server. LBVS_ATTR_NO_STATS
 *   reply (one message a server):
 *     LBVS_ATTR_SERVICE: key (in the dump of every server only)
 *     LBVS_ATTR_DEST
 *       AF, ADDR, PORT, FWD, WEIGHT, U_THRESH, L_THRESH,
 *       ACTIVE_CONNS, INACT_CONNS, PERSIST_CONNS
 *       DRAIN (while it drains), TUN_* (not IPIP)
 *       LBVS_DEST_ATTR_STATS: LBVS_STATS_ATTR_* (not with NO_STATS)
 * LBVS_CMD_NEW_LADDR, LBVS_CMD_DEL_LADDR
 *   LBVS_ATTR_SERVICE: key
 *   LBVS_ATTR_LADDR: LBVS_LADDR_ATTR_ADDR (AF: the service's)
 * LBVS_CMD_GET_LADDR (dump)
 *   request and reply as GET_DEST's, with LBVS_ATTR_LADDR (AF, ADDR)
 * LBVS_CMD_FLUSH
 *   (nothing): every service of the namespace goes
 * LBVS_CMD_ZERO
 *   LBVS_ATTR_SERVICE (key): that service's counters; without it, all
 * LBVS_CMD_GET_CONN (dump)
 *   LBVS_ATTR_SERVICE (key), optional: only that service's entries;
 *   with it, LBVS_ATTR_DEST (ADDR, PORT: the service's if absent),
 *   optional: only that real server's (present or removed)
 *   reply (one message an entry): LBVS_ATTR_CONN: LBVS_CONN_ATTR_*
 * LBVS_CMD_DEL_CONN
 *   the same selection as GET_CONN: its entries (persistence templates
 *   included) are removed; every entry of the namespace without one
 * LBVS_CMD_SET_CONFIG
 *   LBVS_ATTR_TIMEOUT_TCP, TIMEOUT_TCP_FIN, TIMEOUT_UDP; 0 or absent:
 *   unchanged. All are checked before any is set.
 * LBVS_CMD_GET_CONFIG
 *   reply: LBVS_ATTR_TIMEOUT_TCP, TIMEOUT_TCP_FIN, TIMEOUT_UDP
 * LBVS_CMD_GET_INFO
 *   reply: LBVS_ATTR_INFO_VERSION, INFO_FEATURES, INFO_CONN_TAB_SIZE,
 *          INFO_CONN_MAX, INFO_CONN_COUNT, INFO_CONN_DROPPED,
 *          INFO_NO_LPORT, INFO_DROPS
 * LBVS_CMD_NEW_DAEMON
 *   LBVS_ATTR_DAEMON: STATE, IFNAME and SYNCID required; MAXLEN, AF with
 *   GROUP, PORT, TTL optional (0 or absent: IPVS's defaults); PEERS
 *   instead of GROUP and TTL. Starts the connection-sync daemon of that
 *   state in the namespace; EEXIST if it runs. Master and backup may run
 *   at once; with peers both, on two ports (EADDRINUSE otherwise).
 * LBVS_CMD_DEL_DAEMON
 *   LBVS_ATTR_DAEMON: STATE. Stops it; ESRCH if it does not run.
 * LBVS_CMD_GET_DAEMON (dump)
 *   reply (one message a running daemon, master first): LBVS_ATTR_DAEMON
 *   with every attribute as in effect (defaults filled in) and its
 *   counters; a backup also its full-table resync's RESYNC_STATE,
 *   RESYNC_ENTRIES and RESYNC_MSECS, a master RESYNCS and RESYNC_ENTRIES
 *
 * Multicast group LBVS_GENL_MCGRP_EVENTS ("events"): after every request
 * that changed the configuration, one message with the request's command
 * (NEW_SERVICE ... DEL_CONN above) and attributes as the request had them,
 * plus
 *   LBVS_ATTR_EVENT_PID           u32, the requester's process id
 *   LBVS_ATTR_EVENT_COMM          string, its command name
 * in the namespace the change was made in. Joining needs CAP_NET_ADMIN
 * over the namespace (the kernel's check for multicast groups). A listener
 * that missed events (its socket's buffer full, or no memory for one) gets
 * ENOBUFS from its next receive, as with rtnetlink.
 *
 * Multicast group LBVS_GENL_MCGRP_CONNS ("conns"): a connection entry's
 * start and end (persistence templates are not sent):
 *   LBVS_CMD_NEW_CONN             once the entry is in the table
 *   LBVS_CMD_DEL_CONN             once it has left it (expired, flushed,
 *                                 reset, its server's drain over)
 * each with LBVS_ATTR_CONN as GET_CONN's reply has it (on DEL_CONN, the
 * state it ended in), and no LBVS_ATTR_EVENT_PID. At most
 * net.lbvs.conn_events_rate are sent a second per namespace (0: none);
 * the rest are counted in net.lbvs.conn_events_lost, and listeners get
 * ENOBUFS once in each second that loses some. Joining needs
 * CAP_NET_ADMIN, as for "events".
 */
#ifndef _UAPI_LINUX_LBVS_H
#define _UAPI_LINUX_LBVS_H

#include <linux/types.h>

#define LBVS_GENL_NAME		"LBVS"
#define LBVS_GENL_VERSION	1
#define LBVS_GENL_MCGRP_EVENTS	"events"
#define LBVS_GENL_MCGRP_CONNS	"conns"

#define LBVS_SCHED_NAME_MAX	16	/* including the NUL */

/* Weight and thresholds are u32 on the wire, bounded as IPVS's (int). */
#define LBVS_WEIGHT_MAX		2147483647
#define LBVS_THRESH_MAX		0x7fffffff
#define LBVS_PERSIST_MAX	(31 * 24 * 3600)	/* seconds */
#define LBVS_TIMEOUT_MAX	(30 * 24 * 3600)	/* --set, seconds */
#define LBVS_DRAIN_MAX		(7 * 24 * 3600)	/* --drain, seconds */
#define LBVS_LADDR_MAX		256	/* FULLNAT local addresses per service */

/*
 * FULLNAT tells the real server who the client is in a TCP option (the
 * approach known as TOA) on the SYN and on the client's packets up to and
 * including its first data-bearing one: kind LBVS_TOA_KIND, then the
 * client's port and address, network byte order.
 *   IPv4: kind, len = 8,  port (2), address (4)
 *   IPv6: kind, len = 20, port (2), address (16)
 */
#define LBVS_TOA_KIND		254
#define LBVS_TOA_LEN4		8
#define LBVS_TOA_LEN6		20

/* Forwarding method of a real server (LBVS_DEST_ATTR_FWD). */
enum lbvs_fwd {
	LBVS_FWD_UNSPEC,
	LBVS_FWD_NAT,		/* -m masquerading */
	LBVS_FWD_DR,		/* -g gatewaying (direct routing) */
	LBVS_FWD_TUN,		/* -i ipip tunnelling */
	LBVS_FWD_FULLNAT,	/* -b full NAT: source and destination */
	__LBVS_FWD_MAX
};

#define LBVS_FWD_MAX (__LBVS_FWD_MAX - 1)

/*
 * Features (LBVS_ATTR_INFO_FEATURES in GET_INFO's reply), for requests an
 * older kernel would misread rather than refuse.
 */
#define LBVS_FEAT_DEST_LIST	0x0001	/* LBVS_ATTR_DEST_LIST */

/* Connection flags (LBVS_CONN_ATTR_FLAGS). */
#define LBVS_CONN_F_TEMPLATE	0x0001	/* persistence template */

/*
 * Service flags (LBVS_SVC_ATTR_FLAGS). The scheduler flags (-b) are IPVS's
 * bits and mean what they mean there: for sh and mh, SCHED1 falls back to
 * another server when the client's is unavailable, SCHED2 hashes the
 * client's port with its address; the other schedulers ignore them.
 */
#define LBVS_SVC_F_PERSISTENT	0x0001	/* -p: persistence template */
/*
 * -o: each UDP datagram is scheduled on its own and leaves no entry (TCP
 * ignores it, as IPVS). Its servers use direct routing or tunnelling: a
 * NAT or FULLNAT reply could not be translated without an entry.
 */
#define LBVS_SVC_F_ONEPACKET	0x0004
#define LBVS_SVC_F_SCHED1	0x0008	/* -b flag-1, sh-fallback, mh-fallback */
#define LBVS_SVC_F_SCHED2	0x0010	/* -b flag-2, sh-port, mh-port */
#define LBVS_SVC_F_SCHED3	0x0020	/* -b flag-3 */
#define LBVS_SVC_F_SCHED_MASK	(LBVS_SVC_F_SCHED1 | LBVS_SVC_F_SCHED2 | \
				 LBVS_SVC_F_SCHED3)
/*
 * --synproxy: the director answers SYNs with cookies and opens the flow
 * to a server only for a client that completed the handshake. TCP (and
 * the TCP of a fwmark service); NAT and FULLNAT servers only.
 */
#define LBVS_SVC_F_SYNPROXY	0x0040

/* Tunnel types and flags of a TUN server: IPVS's values (ip_vs.h). */
enum lbvs_tun_type {
	LBVS_TUN_IPIP,		/* IPv4 in IPv4, IPv6 in IPv6 */
	LBVS_TUN_GUE,		/* the same inside UDP and a GUE header */
	LBVS_TUN_GRE,		/* the same inside GRE */
	__LBVS_TUN_MAX
};

#define LBVS_TUN_MAX		(__LBVS_TUN_MAX - 1)
#define LBVS_TUN_F_CSUM		0x0001	/* GUE: UDP checksum; GRE: GRE checksum */
#define LBVS_TUN_F_REMCSUM	0x0002	/* GUE: remote checksum offload */
#define LBVS_TUN_F_ALL		(LBVS_TUN_F_CSUM | LBVS_TUN_F_REMCSUM)

/* Connection states (LBVS_CONN_ATTR_STATE), ipvsadm's names in comments. */
enum lbvs_conn_state {
	LBVS_S_NONE,		/* NONE */
	LBVS_S_ESTABLISHED,	/* ESTABLISHED */
	LBVS_S_SYN_SENT,	/* SYN_SENT */
	LBVS_S_SYN_RECV,	/* SYN_RECV */
	LBVS_S_FIN_WAIT,	/* FIN_WAIT */
	LBVS_S_TIME_WAIT,	/* TIME_WAIT */
	LBVS_S_CLOSE,		/* CLOSE */
	LBVS_S_CLOSE_WAIT,	/* CLOSE_WAIT */
	LBVS_S_LAST_ACK,	/* LAST_ACK */
	LBVS_S_LISTEN,		/* LISTEN */
	LBVS_S_SYNACK,		/* SYNACK */
	LBVS_S_UDP,		/* UDP: one state, one timeout */
	LBVS_S_ICMP,		/* ICMP */
	__LBVS_S_MAX
};

#define LBVS_S_MAX (__LBVS_S_MAX - 1)

enum lbvs_cmd {
	LBVS_CMD_UNSPEC,
	LBVS_CMD_NEW_SERVICE,	/* LBVS_ATTR_SERVICE */
	LBVS_CMD_SET_SERVICE,	/* LBVS_ATTR_SERVICE */
	LBVS_CMD_DEL_SERVICE,	/* LBVS_ATTR_SERVICE (selector) */
	LBVS_CMD_GET_SERVICE,	/* dump; or doit with a selector */
	LBVS_CMD_NEW_DEST,	/* LBVS_ATTR_SERVICE (selector) + LBVS_ATTR_DEST */
	LBVS_CMD_SET_DEST,	/* LBVS_ATTR_SERVICE (selector) + LBVS_ATTR_DEST */
	LBVS_CMD_DEL_DEST,	/* LBVS_ATTR_SERVICE (selector) + LBVS_ATTR_DEST */
	LBVS_CMD_GET_DEST,	/* dump, LBVS_ATTR_SERVICE (selector); without
				 * one: every server, each message with its
				 * service's key in LBVS_ATTR_SERVICE
				 */
	LBVS_CMD_FLUSH,		/* remove every service of the netns */
	LBVS_CMD_ZERO,		/* zero counters; optional LBVS_ATTR_SERVICE */
	LBVS_CMD_GET_CONN,	/* dump the connection table */
	LBVS_CMD_SET_CONFIG,	/* LBVS_ATTR_TIMEOUT_* */
	LBVS_CMD_GET_CONFIG,	/* replies with LBVS_ATTR_TIMEOUT_* */
	LBVS_CMD_GET_INFO,	/* replies with LBVS_ATTR_INFO_* */
	LBVS_CMD_NEW_LADDR,	/* LBVS_ATTR_SERVICE (selector) + LBVS_ATTR_LADDR */
	LBVS_CMD_DEL_LADDR,	/* LBVS_ATTR_SERVICE (selector) + LBVS_ATTR_LADDR */
	LBVS_CMD_GET_LADDR,	/* dump, LBVS_ATTR_SERVICE (selector); without
				 * one: every pool address, each message with
				 * its service's key in LBVS_ATTR_SERVICE
				 */
	LBVS_CMD_DEL_CONN,	/* optional selectors, as GET_CONN's */
	LBVS_CMD_NEW_CONN,	/* events only ("conns" group): no request */
	LBVS_CMD_NEW_DAEMON,	/* LBVS_ATTR_DAEMON */
	LBVS_CMD_DEL_DAEMON,	/* LBVS_ATTR_DAEMON (state) */
	LBVS_CMD_GET_DAEMON,	/* dump */
	__LBVS_CMD_MAX
};

#define LBVS_CMD_MAX (__LBVS_CMD_MAX - 1)

/* Top-level attributes. */
enum lbvs_attr {
	LBVS_ATTR_UNSPEC,
	LBVS_ATTR_SERVICE,		/* nest, LBVS_SVC_ATTR_* */
	LBVS_ATTR_DEST,			/* nest, LBVS_DEST_ATTR_* */
	LBVS_ATTR_CONN,			/* nest, LBVS_CONN_ATTR_* */
	LBVS_ATTR_TIMEOUT_TCP,		/* u32, seconds, ESTABLISHED */
	LBVS_ATTR_TIMEOUT_TCP_FIN,	/* u32, seconds, FIN_WAIT */
	LBVS_ATTR_TIMEOUT_UDP,		/* u32, seconds */
	LBVS_ATTR_INFO_VERSION,		/* u32, (major << 16) | (minor << 8) | patch */
	LBVS_ATTR_INFO_CONN_TAB_SIZE,	/* u32, hash buckets */
	LBVS_ATTR_INFO_CONN_MAX,	/* u32, table limit */
	LBVS_ATTR_INFO_CONN_COUNT,	/* u32, entries now */
	LBVS_ATTR_INFO_CONN_DROPPED,	/* u64, refused because full */
	LBVS_ATTR_PAD,
	LBVS_ATTR_LADDR,		/* nest, LBVS_LADDR_ATTR_* */
	LBVS_ATTR_INFO_NO_LPORT,	/* u64, FULLNAT flows refused: no free
					 * local port (pool exhausted or empty)
					 */
	LBVS_ATTR_NO_STATS,		/* flag, in a GET_SERVICE or GET_DEST
					 * request: the replies leave out
					 * LBVS_SVC_ATTR_STATS and
					 * LBVS_DEST_ATTR_STATS (listings without
					 * counters, in smaller replies).
					 * Ignored by other commands.
					 */
	LBVS_ATTR_DEST_LIST,		/* nest of LBVS_ATTR_DEST nests, in a
					 * NEW_DEST request instead of one
					 * LBVS_ATTR_DEST: adds every server of
					 * the list, or none (one scheduler
					 * update, one message). A refusal's
					 * extended ACK offset
					 * (NLMSGERR_ATTR_OFFS) lies inside the
					 * server refused. Only kernels whose
					 * LBVS_ATTR_INFO_FEATURES has
					 * LBVS_FEAT_DEST_LIST take it.
					 */
	LBVS_ATTR_INFO_FEATURES,	/* u32, LBVS_FEAT_* this kernel has */
	LBVS_ATTR_EVENT_PID,		/* u32, in events only */
	LBVS_ATTR_EVENT_COMM,		/* string, in events only */
	LBVS_ATTR_DAEMON,		/* nest, LBVS_DAEMON_ATTR_* */
	LBVS_ATTR_INFO_DROPS,		/* nest: attribute r + 1 (u64) counts
					 * the drops of reason r
					 * (enum lbvs_drop_reason); a reason
					 * never seen may be left out
					 */
	__LBVS_ATTR_MAX
};

#define LBVS_ATTR_MAX (__LBVS_ATTR_MAX - 1)

/* A virtual service: (af, protocol, addr, port) or (af, fwmark). */
enum lbvs_svc_attr {
	LBVS_SVC_ATTR_UNSPEC,
	LBVS_SVC_ATTR_AF,		/* u16, AF_INET or AF_INET6 */
	LBVS_SVC_ATTR_PROTOCOL,		/* u16, IPPROTO_TCP or IPPROTO_UDP */
	LBVS_SVC_ATTR_ADDR,		/* binary, 4 or 16 bytes */
	LBVS_SVC_ATTR_PORT,		/* be16 */
	LBVS_SVC_ATTR_FWMARK,		/* u32, instead of protocol/addr/port */
	LBVS_SVC_ATTR_SCHED_NAME,	/* string, e.g. "wrr" */
	LBVS_SVC_ATTR_FLAGS,		/* u32, LBVS_SVC_F_* */
	LBVS_SVC_ATTR_TIMEOUT,		/* u32, persistence seconds */
	LBVS_SVC_ATTR_NETMASK,		/* u8, persistence prefix length */
	LBVS_SVC_ATTR_STATS,		/* nest, LBVS_STATS_ATTR_* (replies) */
	LBVS_SVC_ATTR_PAD,
	/*
	 * Seconds an established TCP, closing TCP or UDP entry of this
	 * service lives without a packet, instead of the namespace's
	 * (LBVS_ATTR_TIMEOUT_*); 0: the namespace's. Replies carry them
	 * when one is set.
	 */
	LBVS_SVC_ATTR_TIMEOUT_TCP,	/* u32 */
	LBVS_SVC_ATTR_TIMEOUT_TCP_FIN,	/* u32 */
	LBVS_SVC_ATTR_TIMEOUT_UDP,	/* u32 */
	/*
	 * Replies, with STATS, once the service dropped a packet: its drops
	 * by reason, as LBVS_ATTR_INFO_DROPS (reason r as attribute r + 1,
	 * u64), since -Z.
	 */
	LBVS_SVC_ATTR_DROPS,		/* nest */
	__LBVS_SVC_ATTR_MAX
};

#define LBVS_SVC_ATTR_MAX (__LBVS_SVC_ATTR_MAX - 1)

/* A real server of a service. */
enum lbvs_dest_attr {
	LBVS_DEST_ATTR_UNSPEC,
	LBVS_DEST_ATTR_AF,		/* u16, defaults to the service's */
	LBVS_DEST_ATTR_ADDR,		/* binary, 4 or 16 bytes */
	LBVS_DEST_ATTR_PORT,		/* be16 */
	LBVS_DEST_ATTR_FWD,		/* u32, enum lbvs_fwd */
	LBVS_DEST_ATTR_WEIGHT,		/* u32, 0..LBVS_WEIGHT_MAX */
	LBVS_DEST_ATTR_U_THRESH,	/* u32, 0 = no limit */
	LBVS_DEST_ATTR_L_THRESH,	/* u32 */
	LBVS_DEST_ATTR_ACTIVE_CONNS,	/* u32 (replies) */
	LBVS_DEST_ATTR_INACT_CONNS,	/* u32 (replies) */
	LBVS_DEST_ATTR_PERSIST_CONNS,	/* u32 (replies) */
	LBVS_DEST_ATTR_STATS,		/* nest, LBVS_STATS_ATTR_* (replies) */
	LBVS_DEST_ATTR_PAD,
	/*
	 * A tunnelled server's encapsulation; a request with any of the
	 * three sets all three (those absent: IPIP, no flags, port 0), as
	 * IPVS. Replies carry them for a server of another type than IPIP.
	 */
	LBVS_DEST_ATTR_TUN_TYPE,	/* u8, enum lbvs_tun_type */
	LBVS_DEST_ATTR_TUN_PORT,	/* be16, GUE's UDP destination port */
	LBVS_DEST_ATTR_TUN_FLAGS,	/* u16, LBVS_TUN_F_* */
	/*
	 * u32, seconds. In SET_DEST: drain the server for at most that long
	 * (1..LBVS_DRAIN_MAX; 0 ends a drain, leaving the server in): it
	 * takes no new connection, its persistence templates place no more,
	 * and when its last connection ends (an entry whose TCP connection
	 * is over, in TIME_WAIT, CLOSE or LAST_ACK, does not count) or the
	 * time is up it is removed
	 * (an event LBVS_CMD_DEL_DEST with pid 0, comm "lbvs-drain"). Its
	 * TCP connections left then are reset both ways at their next
	 * packet; its other entries are dropped at theirs. In replies: the
	 * seconds left, rounded up, while the server drains.
	 */
	LBVS_DEST_ATTR_DRAIN,
	__LBVS_DEST_ATTR_MAX
};

#define LBVS_DEST_ATTR_MAX (__LBVS_DEST_ATTR_MAX - 1)

/*
 * A FULLNAT local address (pool of a service): the source of the packets
 * the director sends to FULLNAT real servers. It must be an address of the
 * director, of the service's family.
 */
enum lbvs_laddr_attr {
	LBVS_LADDR_ATTR_UNSPEC,
	LBVS_LADDR_ATTR_AF,		/* u16, defaults to the service's */
	LBVS_LADDR_ATTR_ADDR,		/* binary, 4 or 16 bytes */
	__LBVS_LADDR_ATTR_MAX
};

#define LBVS_LADDR_ATTR_MAX (__LBVS_LADDR_ATTR_MAX - 1)

/* Counters and rates (per second, from the rate estimator). */
enum lbvs_stats_attr {
	LBVS_STATS_ATTR_UNSPEC,
	LBVS_STATS_ATTR_CONNS,		/* u64 */
	LBVS_STATS_ATTR_INPKTS,		/* u64 */
	LBVS_STATS_ATTR_OUTPKTS,	/* u64 */
	LBVS_STATS_ATTR_INBYTES,	/* u64 */
	LBVS_STATS_ATTR_OUTBYTES,	/* u64 */
	LBVS_STATS_ATTR_CPS,		/* u64 */
	LBVS_STATS_ATTR_INPPS,		/* u64 */
	LBVS_STATS_ATTR_OUTPPS,		/* u64 */
	LBVS_STATS_ATTR_INBPS,		/* u64 */
	LBVS_STATS_ATTR_OUTBPS,		/* u64 */
	LBVS_STATS_ATTR_PAD,
	LBVS_STATS_ATTR_DROPS,		/* u64, packets of the service or
					 * server dropped (every reason of
					 * enum lbvs_drop_reason but those of
					 * no service); lbvs only
					 */
	__LBVS_STATS_ATTR_MAX
};

#define LBVS_STATS_ATTR_MAX (__LBVS_STATS_ATTR_MAX - 1)

/* A connection-table entry (dump replies). */
enum lbvs_conn_attr {
	LBVS_CONN_ATTR_UNSPEC,
	LBVS_CONN_ATTR_AF,		/* u16 */
	LBVS_CONN_ATTR_PROTOCOL,	/* u16 */
	LBVS_CONN_ATTR_CADDR,		/* binary: client */
	LBVS_CONN_ATTR_CPORT,		/* be16 */
	LBVS_CONN_ATTR_VADDR,		/* binary: virtual */
	LBVS_CONN_ATTR_VPORT,		/* be16 */
	LBVS_CONN_ATTR_LADDR,		/* binary: local (FULLNAT source) */
	LBVS_CONN_ATTR_LPORT,		/* be16 */
	LBVS_CONN_ATTR_DADDR,		/* binary: real server */
	LBVS_CONN_ATTR_DPORT,		/* be16 */
	LBVS_CONN_ATTR_STATE,		/* u8, enum lbvs_conn_state */
	LBVS_CONN_ATTR_EXPIRES,		/* u32, milliseconds left */
	LBVS_CONN_ATTR_FWD,		/* u32, enum lbvs_fwd */
	LBVS_CONN_ATTR_FLAGS,		/* u32 */
	__LBVS_CONN_ATTR_MAX
};

#define LBVS_CONN_ATTR_MAX (__LBVS_CONN_ATTR_MAX - 1)

/*
 * A connection-sync daemon. The protocol on the wire is IPVS's (version 1),
 * so that lbvs and IPVS directors sync with each other; the states are
 * IPVS's bit values (IP_VS_STATE_MASTER, IP_VS_STATE_BACKUP).
 */
#define LBVS_SYNC_STATE_MASTER	1
#define LBVS_SYNC_STATE_BACKUP	2

/* A backup's full-table resync (LBVS_DAEMON_ATTR_RESYNC_STATE). */
#define LBVS_RESYNC_PENDING	1	/* asking; no master answered yet */
#define LBVS_RESYNC_RECEIVING	2	/* a master answered; table coming */
#define LBVS_RESYNC_DONE	3	/* the master's end marker arrived */
#define LBVS_RESYNC_NONE	4	/* no answer (IPVS or no master) */

enum lbvs_daemon_attr {
	LBVS_DAEMON_ATTR_UNSPEC,
	LBVS_DAEMON_ATTR_STATE,		/* u32, LBVS_SYNC_STATE_* */
	LBVS_DAEMON_ATTR_IFNAME,	/* string: the multicast interface */
	LBVS_DAEMON_ATTR_SYNCID,	/* u32, 0..255 (backup: 0 takes all) */
	LBVS_DAEMON_ATTR_MAXLEN,	/* u16, bytes of a message's payload */
	LBVS_DAEMON_ATTR_AF,		/* u16, the group's family */
	LBVS_DAEMON_ATTR_GROUP,		/* binary, 4 or 16 bytes: multicast */
	LBVS_DAEMON_ATTR_PORT,		/* u16, UDP port (host order, as IPVS) */
	LBVS_DAEMON_ATTR_TTL,		/* u8 */
	LBVS_DAEMON_ATTR_PAD,
	/* Counters, u64, in GET_DAEMON replies only. */
	LBVS_DAEMON_ATTR_TX_MSGS,	/* messages sent */
	LBVS_DAEMON_ATTR_TX_CONNS,	/* entries sent */
	LBVS_DAEMON_ATTR_TX_DROPPED,	/* entries dropped: send queue full */
	LBVS_DAEMON_ATTR_RX_MSGS,	/* messages received */
	LBVS_DAEMON_ATTR_RX_CONNS,	/* entries received, refused ones too */
	LBVS_DAEMON_ATTR_RX_REFUSED,	/* entries refused: no such service
					 * or server, table full, bad values
					 */
	LBVS_DAEMON_ATTR_RX_ERRORS,	/* messages refused: malformed */
	/*
	 * Full-table resync (lbvs only; docs/ha.md). Backup: STATE, ENTRIES
	 * (what the master's end marker counted), MSECS (first request to
	 * end marker). Master: RESYNCS (table walks done), ENTRIES (queued
	 * by them).
	 */
	LBVS_DAEMON_ATTR_RESYNC_STATE,	/* u32, LBVS_RESYNC_* */
	LBVS_DAEMON_ATTR_RESYNC_ENTRIES,	/* u64 */
	LBVS_DAEMON_ATTR_RESYNC_MSECS,	/* u64 */
	LBVS_DAEMON_ATTR_RESYNCS,	/* u64 */
	/*
	 * Authentication with a shared key (lbvs only; docs/ha.md): KEY in
	 * NEW_DAEMON only, never in a reply; AUTH in replies when the
	 * daemon has a key; RX_AUTH_FAILED: a backup's messages dropped for
	 * a missing or bad MAC or a time outside the window.
	 */
	LBVS_DAEMON_ATTR_KEY,		/* binary, LBVS_SYNC_KEY_LEN bytes */
	LBVS_DAEMON_ATTR_AUTH,		/* u8, 1: it has a key */
	LBVS_DAEMON_ATTR_RX_AUTH_FAILED,	/* u64 */
	/*
	 * lbvs's own. Unicast peers instead of the group (networks without
	 * multicast): a master sends each message to each peer, a backup
	 * joins no group and takes messages from its peers only. Not with
	 * GROUP nor TTL; replies leave those out for such a daemon.
	 */
	LBVS_DAEMON_ATTR_PEERS,		/* nest of LBVS_DAEMON_PEER_ATTR_ADDR,
					 * 1 .. LBVS_SYNC_PEERS_MAX of them
					 */
	LBVS_DAEMON_ATTR_RX_NOT_PEER,	/* u64, replies: messages dropped, not
					 * from a listed peer
					 */
	__LBVS_DAEMON_ATTR_MAX
};

#define LBVS_DAEMON_ATTR_MAX (__LBVS_DAEMON_ATTR_MAX - 1)

/* A sync daemon's shared key (LBVS_DAEMON_ATTR_KEY): keyed BLAKE2s's. */
#define LBVS_SYNC_KEY_LEN	32

/*
 * Why the packet path dropped or refused a packet: counted per namespace
 * (LBVS_ATTR_INFO_DROPS), and in the service's and server's DROPS where
 * one is known. The values are on the wire: new reasons go at the end,
 * with their names in LBVS_DROP_NAMES.
 */
enum lbvs_drop_reason {
	LBVS_DROP_NO_DEST,	/* a new flow: no real server available */
	LBVS_DROP_THRESHOLD,	/* a new flow: every server at its -x */
	LBVS_DROP_TABLE_FULL,	/* a new flow: conn_max entries */
	LBVS_DROP_NO_LPORT,	/* a new FULLNAT flow: no local port free */
	LBVS_DROP_NO_MEMORY,	/* an allocation or a packet copy failed */
	LBVS_DROP_CONN_RACE,	/* a new flow's entry lost to its twin's */
	LBVS_DROP_DEST_GONE,	/* a flow whose server was removed */
	LBVS_DROP_NO_ROUTE,	/* no route to the server or client */
	LBVS_DROP_MTU,		/* too big for the path (ICMP sent) */
	LBVS_DROP_BAD_CSUM,	/* checksum wrong where it is checked */
	LBVS_DROP_XMIT,		/* other transmit failures */
	LBVS_DROP_EVICTED,	/* entries evicted by pressure mode */
	LBVS_DROP_COOKIE_INVALID,	/* SYN proxy: an ACK with no valid cookie */
	/*
	 * SYN proxy: a client's SYN answered with a cookie; it goes no
	 * further (namespace count only: not a fault).
	 */
	LBVS_DROP_SYN_PROXIED,
	LBVS_DROP_PROXY_WAIT,	/* SYN proxy: a client segment before the server's handshake */
	LBVS_DROP_PROXY_NO_ANSWER,	/* SYN proxy: the server never answered; client reset */
	LBVS_DROP_BAD_HEADER,	/* a header shorter than it says (where it is read whole) */
	__LBVS_DROP_MAX
};

/* Each reason's name, for lbadm and the kernel log: { [r] = "name", ... } */
#define LBVS_DROP_NAMES {						\
	[LBVS_DROP_NO_DEST] = "no_dest",				\
	[LBVS_DROP_THRESHOLD] = "threshold",				\
	[LBVS_DROP_TABLE_FULL] = "table_full",				\
	[LBVS_DROP_NO_LPORT] = "no_local_port",				\
	[LBVS_DROP_NO_MEMORY] = "no_memory",				\
	[LBVS_DROP_CONN_RACE] = "conn_race",				\
	[LBVS_DROP_DEST_GONE] = "dest_gone",				\
	[LBVS_DROP_NO_ROUTE] = "no_route",				\
	[LBVS_DROP_MTU] = "mtu",					\
	[LBVS_DROP_BAD_CSUM] = "bad_csum",				\
	[LBVS_DROP_XMIT] = "xmit_error",				\
	[LBVS_DROP_EVICTED] = "evicted",				\
	[LBVS_DROP_COOKIE_INVALID] = "cookie_invalid",			\
	[LBVS_DROP_SYN_PROXIED] = "syn_proxied",			\
	[LBVS_DROP_PROXY_WAIT] = "proxy_wait",				\
	[LBVS_DROP_PROXY_NO_ANSWER] = "proxy_no_answer",		\
	[LBVS_DROP_BAD_HEADER] = "bad_header",				\
}

/* A sync daemon's unicast peers at most (LBVS_DAEMON_ATTR_PEERS). */
#define LBVS_SYNC_PEERS_MAX	8

/*
 * A sync peer: a unicast address of the daemon's family (AF; without AF,
 * the peers' own, all alike), each listed once.
 */
enum lbvs_daemon_peer_attr {
	LBVS_DAEMON_PEER_ATTR_UNSPEC,
	LBVS_DAEMON_PEER_ATTR_ADDR,	/* binary, 4 or 16 bytes */
	__LBVS_DAEMON_PEER_ATTR_MAX
};

#define LBVS_DAEMON_PEER_ATTR_MAX (__LBVS_DAEMON_PEER_ATTR_MAX - 1)

#endif /* _UAPI_LINUX_LBVS_H */
