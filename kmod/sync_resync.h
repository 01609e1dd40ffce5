/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Full-table resync between lbvs sync daemons (IPVS has none): a backup
 * that starts asks the master for its whole table, and reports the resync
 * done when the master's end marker arrives. The messages are version 1
 * sync messages with no entries and a TLV in lbvs's extension area
 * (sync_ext.h), which IPVS backups ignore; an IPVS master never answers,
 * so after RESYNC_TRIES unanswered requests the backup reports "none" and
 * goes on as a plain backup.
 *
 *   backup -> group: REQ(id), every second until answered, RESYNC_TRIES
 *   master -> group: ACK(id) at once, then the table's syncable entries in
 *     ordinary messages, then END(id, entries sent), after them in the
 *     same queue.
 *
 * The master serves one walk at a time. Requests heard during a walk wait
 * for the next one (it serves up to RESYNC_IDS of them together: a walk
 * already under way would miss what it has passed); more are ignored and
 * their backups ask again. A backup that heard ACK but nothing for
 * RESYNC_STALL asks again.
 *
 * Everything here runs in the daemons' threads (sync.c), which own the
 * sockets; only the counters are read elsewhere, under config_lock.
 */
#ifndef _LBVS_SYNC_RESYNC_H
#define _LBVS_SYNC_RESYNC_H

#include <linux/types.h>

struct lbvs_sync_auth;

struct lbvs_conn;
struct lbvs_net;
struct lbvs_sync_master;
struct lbvs_sync_result;
struct lbvs_resync_master;
struct lbvs_resync_backup;

/* Provided by sync.c to the master's walk. Master thread only. */
/* Queue c as the packet path would, if it is syncable: true if queued. */
bool lbvs_sync_master_conn(struct lbvs_sync_master *ms, struct lbvs_conn *c);
/* After what is queued: a message with no entries and one TLV per id. */
int lbvs_sync_master_ctl(struct lbvs_sync_master *ms, u8 type, const u32 *ids,
			 unsigned int n, u32 count);
/* The queue is half full: the walk waits for the thread to send. */
bool lbvs_sync_master_full(struct lbvs_sync_master *ms);

/* ---- master ---- */
struct lbvs_resync_master *lbvs_resync_master_new(struct lbvs_net *ln,
						  struct lbvs_sync_master *ms, u8 syncid);
/* After the thread has stopped. */
void lbvs_resync_master_free(struct lbvs_resync_master *rm);
/* A datagram heard on the group: requests are taken, the rest ignored. */
void lbvs_resync_master_heard(struct lbvs_resync_master *rm, const u8 *msg, size_t len);
/* A slice of the walk, if one is due: true if more is to do at once. */
bool lbvs_resync_master_work(struct lbvs_resync_master *rm);
/* A walk is under way or asked for: the thread must not sleep long. */
bool lbvs_resync_master_busy(const struct lbvs_resync_master *rm);
/* Walks done, entries queued by them. */
void lbvs_resync_master_counters(struct lbvs_resync_master *rm, u64 *walks, u64 *entries);

/* ---- backup ---- */
struct lbvs_resync_backup *lbvs_resync_backup_new(u8 syncid,
						  const struct lbvs_sync_auth *auth);
void lbvs_resync_backup_free(struct lbvs_resync_backup *rb);
/*
 * The request to send now into buf (cap bytes), if one is due: its
 * length, or 0. Backup thread; called at least once a second.
 */
size_t lbvs_resync_backup_tick(struct lbvs_resync_backup *rb, u8 *buf, size_t cap);
/* A message the backup decoded (res: the codec's result). */
void lbvs_resync_backup_heard(struct lbvs_resync_backup *rb, const u8 *msg, size_t len,
			      const struct lbvs_sync_result *res);
/* LBVS_RESYNC_*, entries the master's end marker counted, ms to done. */
void lbvs_resync_backup_counters(struct lbvs_resync_backup *rb, u32 *state, u64 *entries,
				 u64 *msecs);

#endif /* _LBVS_SYNC_RESYNC_H */
