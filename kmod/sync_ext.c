// SPDX-License-Identifier: GPL-2.0
/* lbvs's extension area of a sync message: encoder and reader (sync_ext.h). */
#include "sync_ext.h"

#ifdef __KERNEL__
#include <linux/errno.h>
#else
#include <errno.h>
#endif

/* Message sizes are 16 bits: the area must keep it so. */
#define MSG_MAX		0xffff

int lbvs_sync_ext_open(struct lbvs_sync_ext_w *w, struct lbvs_sync_buf *b)
{
	size_t start = (b->len + 3) & ~(size_t)3;

	if (b->len < LBVS_SYNC_HDR_LEN || start + LBVS_SYNC_EXT_HDR_LEN > b->cap ||
	    start + LBVS_SYNC_EXT_HDR_LEN > MSG_MAX)
		return -ENOSPC;
	memset(b->buf + b->len, 0, start - b->len);
	lbvs_put_be32(b->buf + start, LBVS_SYNC_EXT_MAGIC);
	b->buf[start + 4] = LBVS_SYNC_EXT_VERSION;
	b->buf[start + 5] = 0;
	w->b = b;
	w->start = start;
	b->len = start + LBVS_SYNC_EXT_HDR_LEN;
	return 0;
}

int lbvs_sync_ext_put(struct lbvs_sync_ext_w *w, u8 type, const void *val, u8 len)
{
	struct lbvs_sync_buf *b = w->b;
	size_t need = LBVS_SYNC_TLV_HDR_LEN + len;

	if (need > b->cap - b->len || b->len + need > MSG_MAX)
		return -ENOSPC;
	b->buf[b->len] = type;
	b->buf[b->len + 1] = len;
	memcpy(b->buf + b->len + LBVS_SYNC_TLV_HDR_LEN, val, len);
	b->len += need;
	return 0;
}

size_t lbvs_sync_ext_finish(struct lbvs_sync_ext_w *w)
{
	lbvs_put_be16(w->b->buf + w->start + 6, w->b->len - w->start);
	return lbvs_sync_msg_finish(w->b);
}

int lbvs_sync_ext_find(const u8 *msg, size_t len, size_t end,
		       struct lbvs_sync_ext_r *r)
{
	size_t start = (end + 3) & ~(size_t)3;

	if (end < LBVS_SYNC_HDR_LEN || start > len ||
	    len - start < LBVS_SYNC_EXT_HDR_LEN ||
	    lbvs_get_be32(msg + start) != LBVS_SYNC_EXT_MAGIC)
		return -ENOENT;
	if (msg[start + 4] != LBVS_SYNC_EXT_VERSION || msg[start + 5] ||
	    lbvs_get_be16(msg + start + 6) != len - start)
		return -EINVAL;
	r->msg = msg;
	r->off = start + LBVS_SYNC_EXT_HDR_LEN;
	r->end = len;
	return 0;
}

int lbvs_sync_ext_next(struct lbvs_sync_ext_r *r, u8 *type, const u8 **val, u8 *vlen)
{
	const u8 *p = r->msg + r->off;

	if (r->off == r->end)
		return 0;
	if (r->end - r->off < LBVS_SYNC_TLV_HDR_LEN ||
	    p[1] > r->end - r->off - LBVS_SYNC_TLV_HDR_LEN)
		return -EINVAL;
	*type = p[0];
	*vlen = p[1];
	*val = p + LBVS_SYNC_TLV_HDR_LEN;
	r->off += LBVS_SYNC_TLV_HDR_LEN + p[1];
	return 1;
}

int lbvs_sync_ext_put_resync(struct lbvs_sync_ext_w *w, u8 type, u32 id, u32 count)
{
	u8 v[8];

	lbvs_put_be32(v, id);
	lbvs_put_be32(v + 4, count);
	return lbvs_sync_ext_put(w, type, v, type == LBVS_SYNC_TLV_RESYNC_END ? 8 : 4);
}

int lbvs_sync_ext_get_resync(u8 type, const u8 *val, u8 vlen, u32 *id, u32 *count)
{
	if (vlen != (type == LBVS_SYNC_TLV_RESYNC_END ? 8 : 4))
		return -EINVAL;
	*id = lbvs_get_be32(val);
	*count = vlen == 8 ? lbvs_get_be32(val + 4) : 0;
	return 0;
}
