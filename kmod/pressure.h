/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pressure mode (net.lbvs.pressure_level): a full connection table makes
 * room for a new flow by evicting an entry no client has proved to be
 * behind, and such entries live shorter while the table is crowded.
 */
#ifndef _LBVS_PRESSURE_H
#define _LBVS_PRESSURE_H

#include <linux/types.h>

struct lbvs_conn;
struct lbvs_net;

/*
 * Whether c (in state) is a flow a client has proved: never evicted nor
 * shortened. TCP from ESTABLISHED until its teardown (a spoofed source
 * cannot complete a handshake), UDP once its client sent a second
 * datagram (a random-source flood sends one per source), and persistence
 * templates.
 */
bool lbvs_conn_assured(const struct lbvs_conn *c, u8 state);

/*
 * Packet path, before a new flow is scheduled: whether the table has room
 * for its entry. A full table gives up an expired entry the collector has
 * not reached yet, else (pressure mode on) evicts an unassured one. Under
 * rcu_read_lock(), BH disabled.
 */
bool lbvs_pressure_room(struct lbvs_net *ln);

/* An entry's timeout, secs, as pressure mode has it for c in state. */
u32 lbvs_pressure_secs(struct lbvs_net *ln, const struct lbvs_conn *c, u8 state, u32 secs);

#endif /* _LBVS_PRESSURE_H */
