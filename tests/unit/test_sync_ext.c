// SPDX-License-Identifier: GPL-2.0
/*
 * lbvs's sync extension area (kmod/sync_ext.c). The golden request is
 * written by hand from the layout in sync_ext.h; the IPVS side of the
 * claim (an IPVS backup reads nothing past the entries) is checked with
 * the IPVS codec of sync_msg.c, which follows ip_vs_process_message().
 */
#include "unit.h"
#include <errno.h>
#include <stdlib.h>
#include <netinet/in.h>

#include "sync_ext.h"
#include "sync_msg.h"

static const u8 golden_req[] = {
	0x00, 0x07,		/* reserved, syncid 7 */
	0x00, 0x16,		/* size 22 */
	0x00, 0x01, 0x00, 0x00,	/* nr_conns 0, version 1, spare */
	'l', 'b', 'v', 's',	/* magic */
	0x01, 0x00,		/* version 1, reserved */
	0x00, 0x0e,		/* area length 14 */
	0x01, 0x04,		/* RESYNC_REQ, 4 bytes */
	0xde, 0xad, 0xbe, 0xef,	/* id */
};

static unsigned int n_entries;

static void count(void *arg, const struct lbvs_sync_conn *sc)
{
	(void)arg;
	(void)sc;
	n_entries++;
}

/* Decode msg as IPVS would, then find and read its area, from a heap copy. */
static int read_area(const u8 *msg, size_t len, u8 *type, u32 *id, u32 *cnt)
{
	struct lbvs_sync_result res;
	struct lbvs_sync_ext_r r;
	const u8 *val;
	u8 vlen, t2;
	u8 *copy = malloc(len);
	int rc;

	memcpy(copy, msg, len);
	n_entries = 0;
	lbvs_sync_decode(copy, len, 0, count, NULL, &res);
	rc = res.reason == LBVS_SYNC_OK ? lbvs_sync_ext_find(copy, len, res.end, &r) : -EBADMSG;
	if (rc) {
		free(copy);
		return rc;
	}
	rc = lbvs_sync_ext_next(&r, type, &val, &vlen);
	if (rc == 1)
		rc = lbvs_sync_ext_get_resync(*type, val, vlen, id, cnt);
	/* The rest of the area: each TLV within the copy, then the end. */
	while (lbvs_sync_ext_next(&r, &t2, &val, &vlen) > 0)
		ck_assert(val + vlen <= copy + len);
	free(copy);
	return rc;
}

START_TEST(golden_request)
{
	struct lbvs_sync_ext_w w;
	struct lbvs_sync_buf b;
	u8 mem[64], type;
	u32 id, cnt;

	lbvs_sync_msg_init(&b, mem, sizeof(mem), 7);
	ck_assert_int_eq(lbvs_sync_ext_open(&w, &b), 0);
	ck_assert_int_eq(lbvs_sync_ext_put_resync(&w, LBVS_SYNC_TLV_RESYNC_REQ, 0xdeadbeef, 0), 0);
	ck_assert_uint_eq(lbvs_sync_ext_finish(&w), sizeof(golden_req));
	ck_assert_mem_eq(mem, golden_req, sizeof(golden_req));
	ck_assert_int_eq(read_area(golden_req, sizeof(golden_req), &type, &id, &cnt), 0);
	ck_assert_uint_eq(type, LBVS_SYNC_TLV_RESYNC_REQ);
	ck_assert_uint_eq(id, 0xdeadbeef);
	ck_assert_uint_eq(n_entries, 0);
}
END_TEST

static void conn(struct lbvs_sync_conn *c)
{
	memset(c, 0, sizeof(*c));
	c->protocol = IPPROTO_TCP;
	c->state = 1;
	c->cport = 40000;
	c->vport = 80;
	c->dport = 80;
	c->timeout = 900;
	c->caddr[0] = 192;
	c->vaddr[0] = 203;
	c->daddr[0] = 10;
}

/* After entries (an odd-sized one: padded), IPVS still takes them all. */
START_TEST(after_entries)
{
	struct lbvs_sync_ext_w w;
	struct lbvs_sync_conn c;
	struct lbvs_sync_buf b;
	u8 mem[256], type;
	u32 id, cnt;
	size_t len;

	conn(&c);
	c.pe_data = (const u8 *)"x";
	c.pe_data_len = 1;
	lbvs_sync_msg_init(&b, mem, sizeof(mem), 3);
	ck_assert_int_eq(lbvs_sync_msg_add(&b, &c), 0);
	ck_assert_int_eq(lbvs_sync_msg_add(&b, &c), 0);
	ck_assert_uint_ne(b.len & 3, 0);
	ck_assert_int_eq(lbvs_sync_ext_open(&w, &b), 0);
	ck_assert_int_eq(lbvs_sync_ext_put_resync(&w, LBVS_SYNC_TLV_RESYNC_END, 9, 100000), 0);
	len = lbvs_sync_ext_finish(&w);
	ck_assert_uint_eq(len & 3, 2);
	ck_assert_int_eq(read_area(mem, len, &type, &id, &cnt), 0);
	ck_assert_uint_eq(n_entries, 2);
	ck_assert_uint_eq(type, LBVS_SYNC_TLV_RESYNC_END);
	ck_assert_uint_eq(id, 9);
	ck_assert_uint_eq(cnt, 100000);
}
END_TEST

START_TEST(not_ours_or_broken)
{
	u8 m[sizeof(golden_req)], type;
	u32 id, cnt;

	/* No area: a plain IPVS message. */
	memcpy(m, golden_req, 8);
	m[3] = 8;
	ck_assert_int_eq(read_area(m, 8, &type, &id, &cnt), -ENOENT);
	/* Someone else's bytes after the entries. */
	memcpy(m, golden_req, sizeof(m));
	m[8] = 'L';
	ck_assert_int_eq(read_area(m, sizeof(m), &type, &id, &cnt), -ENOENT);
	/* Our magic, another version. */
	memcpy(m, golden_req, sizeof(m));
	m[12] = 2;
	ck_assert_int_eq(read_area(m, sizeof(m), &type, &id, &cnt), -EINVAL);
	/* An area length that is not the rest of the message. */
	memcpy(m, golden_req, sizeof(m));
	m[15] = 0x0d;
	ck_assert_int_eq(read_area(m, sizeof(m), &type, &id, &cnt), -EINVAL);
	/* A TLV running past the end. */
	memcpy(m, golden_req, sizeof(m));
	m[17] = 5;
	ck_assert_int_eq(read_area(m, sizeof(m), &type, &id, &cnt), -EINVAL);
	/* A resync TLV of the wrong length. */
	ck_assert_int_eq(lbvs_sync_ext_get_resync(LBVS_SYNC_TLV_RESYNC_END,
						  golden_req + 18, 4, &id, &cnt), -EINVAL);
}
END_TEST

/* Unknown TLVs are stepped over; the end is reported. */
START_TEST(unknown_tlvs)
{
	struct lbvs_sync_ext_w w;
	struct lbvs_sync_result res;
	struct lbvs_sync_ext_r r;
	struct lbvs_sync_buf b;
	u8 mem[64], type, vlen;
	const u8 *val;
	size_t len;

	lbvs_sync_msg_init(&b, mem, sizeof(mem), 0);
	ck_assert_int_eq(lbvs_sync_ext_open(&w, &b), 0);
	ck_assert_int_eq(lbvs_sync_ext_put(&w, 0x80, "abc", 3), 0);
	ck_assert_int_eq(lbvs_sync_ext_put(&w, 0x81, "", 0), 0);
	ck_assert_int_eq(lbvs_sync_ext_put(&w, 1, mem, 60), -ENOSPC);
	len = lbvs_sync_ext_finish(&w);
	lbvs_sync_decode(mem, len, 0, count, NULL, &res);
	ck_assert_int_eq(lbvs_sync_ext_find(mem, len, res.end, &r), 0);
	ck_assert_int_eq(lbvs_sync_ext_next(&r, &type, &val, &vlen), 1);
	ck_assert_uint_eq(type, 0x80);
	ck_assert_uint_eq(vlen, 3);
	ck_assert_int_eq(lbvs_sync_ext_next(&r, &type, &val, &vlen), 1);
	ck_assert_uint_eq(type, 0x81);
	ck_assert_uint_eq(vlen, 0);
	ck_assert_int_eq(lbvs_sync_ext_next(&r, &type, &val, &vlen), 0);
	/* No room for the area's header. */
	lbvs_sync_msg_init(&b, mem, 12, 0);
	ck_assert_int_eq(lbvs_sync_ext_open(&w, &b), -ENOSPC);
}
END_TEST

/* Random bytes after a valid header: never a read past the copy (ASan). */
START_TEST(hostile)
{
	u8 m[64], type;
	u32 id, cnt;
	int i, j;

	srand(16);
	for (i = 0; i < 20000; i++) {
		size_t len = 8 + rand() % (sizeof(m) - 8);

		memcpy(m, golden_req, 8);
		for (j = 8; j < (int)len; j++)
			m[j] = rand();
		if (rand() & 1)
			memcpy(m + 8, "lbvs\x01\x00", 6);
		m[14] = (len - 8) >> 8;
		m[15] = len - 8;
		m[2] = len >> 8;
		m[3] = len;
		read_area(m, len, &type, &id, &cnt);
	}
}
END_TEST

int main(void)
{
	return UNIT_RUN("sync_ext", "core", golden_request, after_entries,
			not_ours_or_broken, unknown_tlvs, hostile);
}
