/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lbvs's extension area of a sync message, as plain C (module and unit
 * tests): what lbvs directors tell each other beyond IPVS's protocol, in
 * bytes that IPVS never reads.
 *
 * Where: after the message's entries, from the next 4-byte boundary to the
 * message's end (the header's size covers it). IPVS's backup
 * (ip_vs_process_message() in Linux 6.1's ip_vs_sync.c) checks the size
 * against the datagram, then reads nr_conns entries, each from the end of
 * the previous one, and returns: nothing past the last entry is ever read,
 * so an IPVS backup applies the entries of a message with an area and
 * ignores a message of none (nr_conns 0) whole. An IPVS master has no
 * receive socket at all.
 *
 * Layout (big-endian):
 *   u32 magic "lbvs", u8 version (1), u8 reserved (0), u16 length of the
 *   area, header included, which must reach the message's end;
 *   then TLVs: u8 type, u8 length, value. Unknown types are skipped, so
 *   later TLVs (e.g. a MAC, which would come last and cover the bytes
 *   before it) fit beside the ones here.
 *
 * Bytes after the entries that do not start with the magic are not lbvs's:
 * the message is read as IPVS's (no area).
 */
#ifndef _LBVS_SYNC_EXT_H
#define _LBVS_SYNC_EXT_H

#include "pure.h"
#include "sync_msg.h"

#define LBVS_SYNC_EXT_MAGIC	0x6c627673	/* "lbvs" */
#define LBVS_SYNC_EXT_VERSION	1
#define LBVS_SYNC_EXT_HDR_LEN	8
#define LBVS_SYNC_TLV_HDR_LEN	2

/* TLV types. Values are big-endian u32s. */
enum lbvs_sync_tlv {
	/* backup -> master: send me the table; value: request id */
	LBVS_SYNC_TLV_RESYNC_REQ = 1,
	/* master -> group: request id heard, its table walk will follow */
	LBVS_SYNC_TLV_RESYNC_ACK = 2,
	/* master -> group: the walk for id is done; value: id, entries sent */
	LBVS_SYNC_TLV_RESYNC_END = 3,
	/* any -> any, last: time and MAC of the message (sync_auth.h) */
	LBVS_SYNC_TLV_MAC = 4,
};

/* An area being written after b's entries: no entry may follow it. */
struct lbvs_sync_ext_w {
	struct lbvs_sync_buf *b;
	size_t start;
};

/* An area being read: TLVs from off to end of msg. */
struct lbvs_sync_ext_r {
	const u8 *msg;
	size_t off, end;
};

/* Open the area after b's entries: 0, or -ENOSPC. */
int lbvs_sync_ext_open(struct lbvs_sync_ext_w *w, struct lbvs_sync_buf *b);
/* One TLV: 0, -EINVAL (value too long), -ENOSPC. */
int lbvs_sync_ext_put(struct lbvs_sync_ext_w *w, u8 type, const void *val, u8 len);
/* Close the area and the message: the message's length. */
size_t lbvs_sync_ext_finish(struct lbvs_sync_ext_w *w);

/*
 * The area of msg (len bytes, whose entries end at end: struct
 * lbvs_sync_result's): 0 and r, -ENOENT (none, or not lbvs's), -EINVAL
 * (lbvs's magic with a bad version or length).
 */
int lbvs_sync_ext_find(const u8 *msg, size_t len, size_t end,
		       struct lbvs_sync_ext_r *r);
/* The next TLV: 1 and its fields, 0 at the end, -EINVAL if truncated. */
int lbvs_sync_ext_next(struct lbvs_sync_ext_r *r, u8 *type, const u8 **val, u8 *vlen);

/* A resync TLV's values: u32 id, and for END the count. */
int lbvs_sync_ext_put_resync(struct lbvs_sync_ext_w *w, u8 type, u32 id, u32 count);
/* 0 and *id (*count for END), or -EINVAL (wrong length for its type). */
int lbvs_sync_ext_get_resync(u8 type, const u8 *val, u8 vlen, u32 *id, u32 *count);

#endif /* _LBVS_SYNC_EXT_H */
