/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output: ipvsadm's text layout (column for column, numeric addresses) and
 * JSON. Printers take plain structs and a FILE, so tests can compare strings.
 *
 * JSON keys (stable; new keys may be added, none renamed or removed):
 *  -L --json:  {"version":"X.Y.Z","conn_tab_size":N,"services":[SERVICE...]}
 *              (version/conn_tab_size absent when one service is listed)
 *  SERVICE:    {"family":"inet"|"inet6","protocol":"tcp"|"udp"|null,
 *               "address":STR|null,"port":N|null,"fwmark":N|null,
 *               "scheduler":STR,"sched_flags":[STR...],"persistent":BOOL,
 *               "timeout":N,"netmask":N,
 *               "stats":STATS,"servers":[SERVER...]}
 *  SERVER:     {"address":STR,"port":N,"forward":"route"|"masq"|"tunnel"|
 *               "fullnat","weight":N,"u_threshold":N,"l_threshold":N,
 *               "active_conns":N,"inactive_conns":N,"persistent_conns":N,
 *               "drain_left":N (seconds, 0: not draining),
 *               "stats":STATS}
 *  STATS:      {"conns","inpkts","outpkts","inbytes","outbytes","cps",
 *               "inpps","outpps","inbps","outbps","drops"} all numbers
 *  -L -c --json: {"connections":[{"protocol":"tcp"|"udp"|...,"family":..,
 *               "state":"ESTABLISHED"|...,"expires_ms":N,"forward":..,
 *               "client":EP,"virtual":EP,"local":EP|null,"server":EP}]}
 *               EP = {"address":STR,"port":N}; local: FULLNAT only
 *  -L --timeout --json: {"timeout":{"tcp":N,"tcp_fin":N,"udp":N}}
 *  --monitor --json: see lbadm_print_event(), lbadm_print_conn_event()
 *  -L --daemon --json: see lbadm_print_daemons()
 *  -L --drops --json: {"drops":{"no_dest":N,...}}, every reason of
 *               enum lbvs_drop_reason by its name
 *  -G --json:  {"services":[{"family","protocol","address","port","fwmark"
 *               (as SERVICE),"local_addresses":[STR...]}]}
 * Addresses in JSON are bare (no brackets); netmask is a prefix length.
 */
#ifndef LBADM_PRINT_H
#define LBADM_PRINT_H

#include <stdio.h>
#include "lbadm.h"
#include "opts.h"

const char *lbadm_fwd_name(uint32_t fwd);	/* "Masq", "Route", ... */
const char *lbadm_state_name(uint8_t state);	/* "ESTABLISHED", ... */
const char *lbadm_proto_name(uint16_t proto);	/* "TCP", "UDP", ... */

void lbadm_print_largenum(FILE *f, uint64_t v, unsigned int fmt);

/* qsort() orders: services by key (as ipvsadm lists them), servers. */
int lbadm_cmp_svc_entry(const void *a, const void *b);
int lbadm_cmp_dest(const void *a, const void *b);
int lbadm_cmp_addr(const void *a, const void *b);	/* family, then bytes */
void lbadm_sort_services(struct lbadm_svc_entry *v, size_t n);
/* qsort(), unless v is already in order (the kernel lists in creation order) */
void lbadm_sort(void *v, size_t n, size_t size,
		int (*cmp)(const void *, const void *));

/*
 * The whole -L / -S output. info NULL: no banner (a single service listed,
 * or -S). Sorts v (and each dest array) unless LBADM_FMT_NOSORT.
 */
void lbadm_print_list(FILE *f, const struct lbadm_info *info,
		      struct lbadm_svc_entry *v, size_t n, unsigned int fmt);

/*
 * -G: the FULLNAT local address pools of v, sorted. Text: the header
 * "Prot LocalAddress:Port" / "  -> FullNatLocalAddress", then per service
 * its -L name ("TCP  203.0.113.1:80", "FWM  7 IPv6") and one line
 * "  -> ADDRESS" per pool address (IPv6 in brackets). JSON: see above.
 */
void lbadm_print_laddrs(FILE *f, struct lbadm_svc_entry *v, size_t n,
			unsigned int fmt);

void lbadm_print_conns(FILE *f, const struct lbadm_conn *c, size_t n,
		       unsigned int fmt);
/*
 * --timeout: the namespace's, then (text) each of v[0..n) that has its
 * own, with the namespace's where it has none.
 */
void lbadm_print_timeouts(FILE *f, const struct lbadm_timeouts *t,
			  const struct lbadm_svc_entry *v, size_t n,
			  unsigned int fmt);

/*
 * -L --daemon: ipvsadm's lines, masters first (v as the kernel lists
 * them), "master sync daemon (mcast=eth0, syncid=7[, maxlen=N][, group=
 * ADDR][, port=N][, ttl=N])", each field after syncid only when not 0.
 * --stats (lbvs's): a second line per daemon, "  tx_msgs=N tx_conns=N
 * tx_dropped=N rx_msgs=N rx_conns=N rx_refused=N rx_errors=N[ resync=S]
 * resyncs=N resync_entries=N resync_ms=N", S a backup's full-table resync
 * (pending, receiving, done, none). JSON:
 * {"daemons":[{"state":"master"|"backup","mcast_interface":STR,
 * "syncid":N,"maxlen":N,"group":STR|null,"port":N,"ttl":N,"tx_msgs":N,
 * "tx_conns":N,"tx_dropped":N,"rx_msgs":N,"rx_conns":N,"rx_refused":N,
 * "rx_errors":N,"resync":S|null,"resyncs":N,"resync_entries":N,
 * "resync_ms":N}]}. No daemon: no text, and {"daemons":[]}.
 */
void lbadm_print_daemons(FILE *f, const struct lbadm_daemon *v, size_t n,
			 unsigned int fmt);

/* A drop reason's name (LBVS_DROP_NAMES), "?" for one this lbadm lacks. */
const char *lbadm_drop_name(unsigned int reason);
/*
 * -L --drops: the namespace's drops, a line "NAME COUNT" per reason in the
 * UAPI's order (the name padded to 15), or JSON as above.
 */
void lbadm_print_drops(FILE *f, const uint64_t *drops, unsigned int fmt);

/*
 * --monitor: an event, the request r that made a change, on one line: text
 * "[PID COMM] RULE", RULE as -S writes rules ("-a -t 192.0.2.1:80 -r
 * 192.0.2.11:80 -m -w 1", "-D -t ...", "--set 900 120 300"), or JSON
 * {"pid":N,"comm":STR,"command":"add-server"|...,"rule":RULE}.
 */
void lbadm_print_event(FILE *f, const struct lbadm_req *r, uint32_t pid,
		       const char *comm, unsigned int fmt);
/*
 * --monitor -c: a connection's start, or its end if end is set: text
 * "    [NEW] " or "[DESTROY] " and the entry as -L -c prints it, or JSON
 * {"event":"new"|"destroy","connection":CONNECTION as -L -c --json's}.
 */
void lbadm_print_conn_event(FILE *f, const struct lbadm_conn *c, int end,
			    unsigned int fmt);

#endif /* LBADM_PRINT_H */
