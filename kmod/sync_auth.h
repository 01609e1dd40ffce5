/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Authenticated sync messages (lbvs only; docs/ha.md): with a shared key,
 * every message a daemon sends ends with a MAC TLV in lbvs's extension
 * area (sync_ext.h), and a daemon with the key drops, and counts, every
 * message without a valid one. IPVS never reads the area, so an IPVS
 * backup still applies the entries (it cannot check them).
 *
 * The TLV, last in the area and in the message: u8 type (MAC), u8 length
 * (24), be64 seconds of the sender's real-time clock, then a 16-byte keyed
 * BLAKE2s of every byte of the message before the tag (the header with
 * its final size included). The receiver refuses a time more than
 * LBVS_SYNC_AUTH_WINDOW seconds from its own: a message replayed later
 * than that is refused; within it, a replay repeats entries the backup
 * already applied.
 *
 * Contexts: any; nothing sleeps. The key is constant while its daemon
 * runs.
 */
#ifndef _LBVS_SYNC_AUTH_H
#define _LBVS_SYNC_AUTH_H

#include <linux/lbvs.h>
#include <linux/types.h>

#include "sync_ext.h"

#define LBVS_SYNC_TAG_LEN	16
#define LBVS_SYNC_AUTH_WINDOW	30
/* What a message's entries leave free for an area with the MAC alone. */
#define LBVS_SYNC_AUTH_ROOM	(LBVS_SYNC_EXT_HDR_LEN + 3 + LBVS_SYNC_TLV_HDR_LEN + \
				 8 + LBVS_SYNC_TAG_LEN)

struct lbvs_sync_auth {
	bool on;
	u8 key[LBVS_SYNC_KEY_LEN];
};

/*
 * Close b's message (w: its area, open, or NULL if it has none) and, with
 * a key, add the MAC in the LBVS_SYNC_AUTH_ROOM bytes b's entries left
 * below cap. The message's length.
 */
size_t lbvs_sync_seal(const struct lbvs_sync_auth *a, struct lbvs_sync_buf *b, size_t cap,
		      struct lbvs_sync_ext_w *w);
/* A received message: true if it may be read (no key, or a good MAC). */
bool lbvs_sync_auth_ok(const struct lbvs_sync_auth *a, const u8 *msg, size_t len);

#endif /* _LBVS_SYNC_AUTH_H */
