/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lbadm: data shared by the parser, the netlink layer and the printers.
 * Plain structs in host byte order (ports too); the netlink layer converts.
 */
#ifndef LBADM_H
#define LBADM_H

#include <stdint.h>
#include <stddef.h>
#include <stdarg.h>
#include <netinet/in.h>
#include <linux/lbvs.h>

/* Exit codes, documented in --help. */
#define LBADM_EXIT_OK		0
#define LBADM_EXIT_RUNTIME	1	/* kernel refused, runtime error */
#define LBADM_EXIT_USAGE	2	/* usage or parse error */

#define LBADM_DEF_SCHED		"wlc"
#define LBADM_DEF_PERSIST	360	/* ipvsadm's IPVS_SVC_PERSISTENT_TIMEOUT */
#define LBADM_DEF_WEIGHT	1
#define LBADM_DEF_MCAST_IFN	"eth0"	/* ipvsadm's DEF_MCAST_IFN */
#define LBADM_IFNAME_MAX	16	/* IFNAMSIZ, including the NUL */

/* One-line error text; functions fill it and return -1. */
struct lbadm_err {
	char msg[512];
};

int lbadm_seterr(struct lbadm_err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

struct lbadm_addr {
	int af;			/* AF_INET or AF_INET6, 0 if unset */
	union {
		struct in_addr v4;
		struct in6_addr v6;
		uint8_t b[16];
	};
};

struct lbadm_stats {
	uint64_t conns, inpkts, outpkts, inbytes, outbytes;
	uint64_t cps, inpps, outpps, inbps, outbps;
	uint64_t drops;		/* lbvs's: packets dropped */
};

/* A virtual service: selector plus configuration. */
struct lbadm_svc {
	int af;
	uint16_t protocol;	/* IPPROTO_TCP/UDP, 0 for fwmark */
	struct lbadm_addr addr;
	uint16_t port;
	uint32_t fwmark;	/* non-zero: fwmark service */
	char sched[LBVS_SCHED_NAME_MAX];
	uint32_t flags;		/* LBVS_SVC_F_* */
	uint32_t timeout;	/* persistence, seconds */
	/* Its own tcp, tcpfin, udp timeouts (LBVS_SVC_ATTR_TIMEOUT_TCP..); 0: --set's. */
	uint32_t timeouts[3];
	uint8_t netmask;	/* persistence prefix length */
	struct lbadm_stats stats;
	/* Its drops by enum lbvs_drop_reason (listings; 0 if it has none). */
	uint64_t drop_reasons[__LBVS_DROP_MAX];
};

struct lbadm_dest {
	struct lbadm_addr addr;
	uint16_t port;
	uint32_t fwd;		/* enum lbvs_fwd */
	uint32_t weight;
	uint32_t u_thresh;
	uint32_t l_thresh;
	uint8_t tun_type;	/* enum lbvs_tun_type, for LBVS_FWD_TUN */
	uint16_t tun_port;	/* GUE */
	uint16_t tun_flags;	/* LBVS_TUN_F_* */
	/* -e --drain: seconds (0 ends a drain); listed: seconds left. */
	uint8_t has_drain;
	uint32_t drain;
	uint32_t active, inactive, persist;
	struct lbadm_stats stats;
};

struct lbadm_conn {
	int af;
	uint16_t protocol;
	struct lbadm_addr caddr, vaddr, laddr, daddr;
	uint16_t cport, vport, lport, dport;
	uint8_t state;		/* enum lbvs_conn_state */
	uint32_t expires_ms;
	uint32_t fwd;
	uint32_t flags;
};

struct lbadm_info {
	uint32_t version;	/* (major << 16) | (minor << 8) | patch */
	uint32_t conn_tab_size;
	uint32_t conn_max;
	uint32_t conn_count;
	uint64_t conn_dropped;
	uint64_t no_lport;	/* FULLNAT flows refused: no free local port */
	uint32_t features;	/* LBVS_FEAT_* */
	uint64_t drops[__LBVS_DROP_MAX];	/* by enum lbvs_drop_reason */
};

struct lbadm_timeouts {
	uint32_t tcp, tcp_fin, udp;
};

/*
 * A connection-sync daemon (LBVS_ATTR_DAEMON): --start-daemon's values,
 * or one of GET_DAEMON's replies. 0 (group.af 0) is "not given": the
 * kernel's default.
 */
/* A sync daemon's unicast peers (--sync-peer), in the order given. */
struct lbadm_peers {
	uint8_t n;
	struct lbadm_addr a[LBVS_SYNC_PEERS_MAX];
};

struct lbadm_daemon {
	uint32_t state;		/* LBVS_SYNC_STATE_MASTER or _BACKUP */
	char ifname[LBADM_IFNAME_MAX];
	uint32_t syncid;	/* 0..255 */
	uint16_t maxlen;	/* bytes of a message's payload */
	struct lbadm_addr group;
	uint16_t port;		/* host order, as IPVS */
	uint8_t ttl;
	struct lbadm_peers peers;	/* lbvs's own: instead of group and ttl */
	/* Counters, in replies only, in the order -L --daemon --stats prints. */
	uint64_t tx_msgs, tx_conns, tx_dropped;
	uint64_t rx_msgs, rx_conns, rx_refused, rx_errors;
	/* Full-table resync: the backup's LBVS_RESYNC_* (0: a master's). */
	uint32_t resync_state;
	uint64_t resyncs, resync_entries, resync_msecs;
	/*
	 * Authentication: key is --sync-key's (requests only, sent when auth
	 * is set); replies set auth when the daemon has a key.
	 */
	uint8_t key[LBVS_SYNC_KEY_LEN];
	uint8_t auth;
	uint64_t rx_auth_failed;
	uint64_t rx_not_peer;
};

/* Who made a change, in a configuration event. */
struct lbadm_event {
	uint32_t pid;
	char comm[32];
};

/* A service with its real servers and FULLNAT local addresses, as listed. */
struct lbadm_svc_entry {
	struct lbadm_svc svc;
	struct lbadm_dest *dests;	/* a run of the table's dests (cmd.h) */
	size_t n_dests;
	size_t dest_first;	/* while fetching: the run's index there */
	struct lbadm_addr *laddrs;	/* the local address pool */
	size_t n_laddrs;
	size_t laddr_cap;
};

#endif /* LBADM_H */
