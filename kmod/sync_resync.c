// SPDX-License-Identifier: GPL-2.0
/*
 * Full-table resync (sync_resync.h): the master's table walk and the
 * backup's request state. No sockets here: sync.c's threads read and send.
 */
#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/rhashtable.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "conn.h"
#include "netns.h"
#include "sync_auth.h"
#include "sync_ext.h"
#include "sync_msg.h"
#include "sync_resync.h"

/* Requests a backup sends, a second apart, before it gives up. */
#define RESYNC_TRIES	5
#define RESYNC_RETRY	HZ
/* A backup that heard ACK but nothing since this long asks again. */
#define RESYNC_STALL	(5 * HZ)
/* Backups one walk serves, and one waiting for the next. */
#define RESYNC_IDS	8
/* Entries between two chances for the thread to send and the CPU to go. */
#define RESYNC_SLICE	256

/*
 * Everything but the counters is the master thread's alone; the counters
 * are read under config_lock.
 */
struct lbvs_resync_master {
	struct lbvs_net *ln;
	struct lbvs_sync_master *ms;
	u8 syncid;
	u32 next[RESYNC_IDS];		/* heard, for the next walk */
	unsigned int n_next;
	u32 cur[RESYNC_IDS];		/* served by the walk under way */
	unsigned int n_cur;
	bool walking;			/* it is entered in the table */
	struct rhashtable_iter it;
	u32 sent;			/* entries this walk queued */
	unsigned int slice;		/* entries left in this slice */
	atomic64_t walks, entries;
};

/* The thread writes, config_lock's holders read. */
struct lbvs_resync_backup {
	const struct lbvs_sync_auth *auth;	/* its daemon's */
	u8 syncid;
	u8 state;			/* LBVS_RESYNC_*, WRITE_ONCE */
	u32 id;
	unsigned int tries;
	unsigned long next_try;		/* jiffies */
	unsigned long started;		/* jiffies of the first request */
	unsigned long heard;		/* jiffies of the last message */
	u64 entries, msecs;		/* WRITE_ONCE, with state DONE */
};

/* ---- master ---- */

struct lbvs_resync_master *lbvs_resync_master_new(struct lbvs_net *ln,
						  struct lbvs_sync_master *ms, u8 syncid)
{
	struct lbvs_resync_master *rm = kzalloc(sizeof(*rm), GFP_KERNEL);

	if (rm) {
		rm->ln = ln;
		rm->ms = ms;
		rm->syncid = syncid;
	}
	return rm;
}

void lbvs_resync_master_free(struct lbvs_resync_master *rm)
{
	if (rm && rm->walking)
		rhashtable_walk_exit(&rm->it);
	kfree(rm);
}

static bool has_id(const u32 *ids, unsigned int n, u32 id)
{
	while (n--)
		if (ids[n] == id)
			return true;
	return false;
}

/*
 * A request: acknowledged (again, for a backup that asked twice) unless
 * the next walk is full of others, which the backup sees as no answer.
 */
static void master_request(struct lbvs_resync_master *rm, u32 id)
{
	if (!has_id(rm->cur, rm->n_cur, id) && !has_id(rm->next, rm->n_next, id)) {
		if (rm->n_next == RESYNC_IDS)
			return;
		rm->next[rm->n_next++] = id;
	}
	lbvs_sync_master_ctl(rm->ms, LBVS_SYNC_TLV_RESYNC_ACK, &id, 1, 0);
}

static void nop_entry(void *arg, const struct lbvs_sync_conn *sc)
{
}

void lbvs_resync_master_heard(struct lbvs_resync_master *rm, const u8 *msg, size_t len)
{
	struct lbvs_sync_result res;
	struct lbvs_sync_ext_r r;
	const u8 *val;
	u32 id, count;
	u8 type, vlen;

	/* A request has no entries; a backup with syncid 0 asks every master. */
	if (len < LBVS_SYNC_HDR_LEN || msg[4] || (msg[1] && msg[1] != rm->syncid))
		return;
	lbvs_sync_decode(msg, len, 0, nop_entry, NULL, &res);
	if (res.reason != LBVS_SYNC_OK || lbvs_sync_ext_find(msg, len, res.end, &r))
		return;
	while (lbvs_sync_ext_next(&r, &type, &val, &vlen) > 0)
		if (type == LBVS_SYNC_TLV_RESYNC_REQ &&
		    !lbvs_sync_ext_get_resync(type, val, vlen, &id, &count))
			master_request(rm, id);
}

static int walk_visit(struct lbvs_conn *c, void *arg)
{
	struct lbvs_resync_master *rm = arg;

	/*
	 * Offered again at the next slice; a slice also stops where the
	 * queue reaches the walk's half, as a slice holds many messages
	 * (a full queue would drop one).
	 */
	if (!rm->slice || lbvs_sync_master_full(rm->ms))
		return 1;
	rm->slice--;
	if (!lbvs_conn_expired(c) && lbvs_sync_master_conn(rm->ms, c))
		rm->sent++;
	return 0;
}

static void walk_begin(struct lbvs_resync_master *rm)
{
	memcpy(rm->cur, rm->next, rm->n_next * sizeof(rm->cur[0]));
	rm->n_cur = rm->n_next;
	rm->n_next = 0;
	rm->sent = 0;
	/* Until the first service there is no table: an empty walk. */
	if (lbvs_net_started(rm->ln)) {
		rhashtable_walk_enter(&rm->ln->conns.in, &rm->it);
		rm->walking = true;
	}
}

static void walk_end(struct lbvs_resync_master *rm)
{
	if (rm->walking)
		rhashtable_walk_exit(&rm->it);
	rm->walking = false;
	lbvs_sync_master_ctl(rm->ms, LBVS_SYNC_TLV_RESYNC_END, rm->cur, rm->n_cur, rm->sent);
	atomic64_inc(&rm->walks);
	atomic64_add(rm->sent, &rm->entries);
	rm->n_cur = 0;
}

bool lbvs_resync_master_work(struct lbvs_resync_master *rm)
{
	int err;

	if (!rm->n_cur) {
		if (!rm->n_next)
			return false;
		walk_begin(rm);
	}
	/* The packet path keeps the other half of the queue. */
	if (lbvs_sync_master_full(rm->ms))
		return false;
	if (rm->walking) {
		rm->slice = RESYNC_SLICE;
		/* Under RCU for one slice, with BH off as master_add() wants. */
		local_bh_disable();
		err = lbvs_conn_walk(&rm->it, walk_visit, rm);
		local_bh_enable();
		cond_resched();
		if (err > 0)
			return true;
	}
	walk_end(rm);
	return rm->n_next;
}

bool lbvs_resync_master_busy(const struct lbvs_resync_master *rm)
{
	return rm->n_cur || rm->n_next;
}

void lbvs_resync_master_counters(struct lbvs_resync_master *rm, u64 *walks, u64 *entries)
{
	*walks = atomic64_read(&rm->walks);
	*entries = atomic64_read(&rm->entries);
}

/* ---- backup ---- */

struct lbvs_resync_backup *lbvs_resync_backup_new(u8 syncid,
						  const struct lbvs_sync_auth *auth)
{
	struct lbvs_resync_backup *rb = kzalloc(sizeof(*rb), GFP_KERNEL);

	if (!rb)
		return NULL;
	rb->auth = auth;
	rb->syncid = syncid;
	rb->state = LBVS_RESYNC_PENDING;
	/* Tells this backup's answers from another's on the same group. */
	rb->id = get_random_u32();
	rb->next_try = jiffies;
	rb->started = jiffies;
	return rb;
}

void lbvs_resync_backup_free(struct lbvs_resync_backup *rb)
{
	kfree(rb);
}

static size_t backup_request(struct lbvs_resync_backup *rb, u8 *buf, size_t cap)
{
	struct lbvs_sync_ext_w w;
	struct lbvs_sync_buf b;

	lbvs_sync_msg_init(&b, buf, cap - LBVS_SYNC_AUTH_ROOM, rb->syncid);
	if (lbvs_sync_ext_open(&w, &b) ||
	    lbvs_sync_ext_put_resync(&w, LBVS_SYNC_TLV_RESYNC_REQ, rb->id, 0))
		return 0;
	return lbvs_sync_seal(rb->auth, &b, cap, &w);
}

size_t lbvs_resync_backup_tick(struct lbvs_resync_backup *rb, u8 *buf, size_t cap)
{
	if (rb->state == LBVS_RESYNC_RECEIVING &&
	    time_after(jiffies, rb->heard + RESYNC_STALL)) {
		/* The end marker or the rest was lost: ask again. */
		WRITE_ONCE(rb->state, LBVS_RESYNC_PENDING);
		rb->tries = 0;
		rb->next_try = jiffies;
	}
	if (rb->state != LBVS_RESYNC_PENDING || time_before(jiffies, rb->next_try))
		return 0;
	if (rb->tries == RESYNC_TRIES) {
		WRITE_ONCE(rb->state, LBVS_RESYNC_NONE);
		return 0;
	}
	rb->tries++;
	rb->next_try = jiffies + RESYNC_RETRY;
	return backup_request(rb, buf, cap);
}

static void backup_tlv(struct lbvs_resync_backup *rb, u8 type, const u8 *val, u8 vlen)
{
	u32 id, count;

	if ((type != LBVS_SYNC_TLV_RESYNC_ACK && type != LBVS_SYNC_TLV_RESYNC_END) ||
	    lbvs_sync_ext_get_resync(type, val, vlen, &id, &count) || id != rb->id)
		return;
	if (type == LBVS_SYNC_TLV_RESYNC_ACK) {
		if (rb->state == LBVS_RESYNC_PENDING)
			WRITE_ONCE(rb->state, LBVS_RESYNC_RECEIVING);
		return;
	}
	if (rb->state != LBVS_RESYNC_PENDING && rb->state != LBVS_RESYNC_RECEIVING)
		return;
	WRITE_ONCE(rb->entries, count);
	WRITE_ONCE(rb->msecs, jiffies_to_msecs(jiffies - rb->started));
	/* Last: pairs with lbvs_resync_backup_counters()' acquire. */
	smp_store_release(&rb->state, LBVS_RESYNC_DONE);
}

void lbvs_resync_backup_heard(struct lbvs_resync_backup *rb, const u8 *msg, size_t len,
			      const struct lbvs_sync_result *res)
{
	struct lbvs_sync_ext_r r;
	const u8 *val;
	u8 type, vlen;

	if (rb->state == LBVS_RESYNC_DONE || rb->state == LBVS_RESYNC_NONE)
		return;
	rb->heard = jiffies;
	if (res->reason != LBVS_SYNC_OK || lbvs_sync_ext_find(msg, len, res->end, &r))
		return;
	while (lbvs_sync_ext_next(&r, &type, &val, &vlen) > 0)
		backup_tlv(rb, type, val, vlen);
}

void lbvs_resync_backup_counters(struct lbvs_resync_backup *rb, u32 *state, u64 *entries,
				 u64 *msecs)
{
	/* Pairs with backup_tlv()'s release: DONE comes with its numbers. */
	*state = smp_load_acquire(&rb->state);
	*entries = READ_ONCE(rb->entries);
	*msecs = READ_ONCE(rb->msecs);
}
