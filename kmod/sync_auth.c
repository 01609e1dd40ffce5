// SPDX-License-Identifier: GPL-2.0
/*
 * Keyed BLAKE2s over sync messages; the rules are in sync_auth.h.
 */
#include <crypto/algapi.h>
#include <crypto/blake2s.h>
#include <linux/timekeeping.h>

#include "sync_auth.h"

#define MAC_TLV_LEN	(LBVS_SYNC_TLV_HDR_LEN + 8 + LBVS_SYNC_TAG_LEN)

/* Before w's area is finished: the MAC TLV, its tag still zero. */
static int auth_put(const struct lbvs_sync_auth *a, struct lbvs_sync_ext_w *w)
{
	u8 val[8 + LBVS_SYNC_TAG_LEN] = {};
	u64 now = ktime_get_real_seconds();

	lbvs_put_be32(val, now >> 32);
	lbvs_put_be32(val + 4, (u32)now);
	return lbvs_sync_ext_put(w, LBVS_SYNC_TLV_MAC, val, sizeof(val));
}

static void tag(const struct lbvs_sync_auth *a, const u8 *msg, size_t len, u8 *out)
{
	blake2s(out, msg, a->key, LBVS_SYNC_TAG_LEN, len, LBVS_SYNC_KEY_LEN);
}

size_t lbvs_sync_seal(const struct lbvs_sync_auth *a, struct lbvs_sync_buf *b, size_t cap,
		      struct lbvs_sync_ext_w *w)
{
	struct lbvs_sync_ext_w own;
	size_t len;

	if (!a->on)
		return w ? lbvs_sync_ext_finish(w) : lbvs_sync_msg_finish(b);
	b->cap = cap;
	if (!w) {
		w = &own;
		if (lbvs_sync_ext_open(w, b))
			return lbvs_sync_msg_finish(b);
	}
	/* The room was kept: without it the peer drops the message. */
	if (auth_put(a, w))
		return lbvs_sync_ext_finish(w);
	len = lbvs_sync_ext_finish(w);
	tag(a, b->buf, len - LBVS_SYNC_TAG_LEN, b->buf + len - LBVS_SYNC_TAG_LEN);
	return len;
}

bool lbvs_sync_auth_ok(const struct lbvs_sync_auth *a, const u8 *msg, size_t len)
{
	const u8 *tlv = msg + len - MAC_TLV_LEN;
	u8 want[LBVS_SYNC_TAG_LEN];
	s64 sent, now;

	if (!a->on)
		return true;
	if (len < LBVS_SYNC_HDR_LEN + MAC_TLV_LEN || tlv[0] != LBVS_SYNC_TLV_MAC ||
	    tlv[1] != MAC_TLV_LEN - LBVS_SYNC_TLV_HDR_LEN)
		return false;
	sent = (s64)((u64)lbvs_get_be32(tlv + 2) << 32 | lbvs_get_be32(tlv + 6));
	now = ktime_get_real_seconds();
	if (sent > now + LBVS_SYNC_AUTH_WINDOW || sent < now - LBVS_SYNC_AUTH_WINDOW)
		return false;
	tag(a, msg, len - LBVS_SYNC_TAG_LEN, want);
	return !crypto_memneq(want, msg + len - LBVS_SYNC_TAG_LEN, LBVS_SYNC_TAG_LEN);
}
