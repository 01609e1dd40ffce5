// SPDX-License-Identifier: GPL-2.0
/*
 * lbadm -R: lbadm_diff() (the requests that turn one table into another,
 * which is how a failed restore is undone) and the input pass of
 * lbadm_restore(), which must reject malformed input before it opens a
 * socket. No kernel needed: batches are only queued, never sent.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/genetlink.h>

#include "../../tools/lbadm/batch.h"
#include "../../tools/lbadm/cmd.h"
#include "../../tools/lbadm/print.h"
#include "../../tools/lbadm/restore.h"

static struct lbadm_svc svc(uint16_t port, const char *sched)
{
	struct lbadm_svc s = { .af = AF_INET, .protocol = IPPROTO_TCP,
			       .port = port, .netmask = 32 };

	s.addr.af = AF_INET;
	inet_pton(AF_INET, "203.0.113.1", &s.addr.v4);
	snprintf(s.sched, sizeof(s.sched), "%s", sched);
	return s;
}

static struct lbadm_dest dest(const char *addr, uint32_t weight)
{
	struct lbadm_dest d = { .port = 80, .fwd = LBVS_FWD_NAT,
				.weight = weight };

	d.addr.af = AF_INET;
	inet_pton(AF_INET, addr, &d.addr.v4);
	return d;
}

/* The generic commands of the queued messages, in order, as a string. */
static void cmds(const struct lbadm_batch *b, char *out, size_t len)
{
	const struct nlmsghdr *h;
	const struct genlmsghdr *g;
	size_t off, n = 0;

	out[0] = '\0';
	for (off = 0; off < b->len; off += NLMSG_ALIGN(h->nlmsg_len)) {
		h = (const void *)(b->buf + off);
		g = NLMSG_DATA(h);
		n += snprintf(out + n, len - n, "%s%d", n ? " " : "", g->cmd);
	}
}

START_TEST(t_diff)
{
	struct lbadm_dest d_now[] = { dest("192.0.2.1", 1), dest("192.0.2.2", 1) };
	struct lbadm_dest d_want[] = { dest("192.0.2.1", 5), dest("192.0.2.3", 1) };
	struct lbadm_dest d_c[] = { dest("192.0.2.4", 2) };
	struct lbadm_svc_entry now_v[] = {
		{ svc(80, "rr"), d_now, 2, 0 }, { svc(81, "rr"), NULL, 0, 0 },
	};
	struct lbadm_svc_entry want_v[] = {
		{ svc(80, "wrr"), d_want, 2, 0 }, { svc(82, "sh"), d_c, 1, 0 },
	};
	struct lbadm_table now = { now_v, 2, 2 }, want = { want_v, 2, 2 };
	struct lbadm_nl nl = { 0 };
	struct lbadm_batch b;
	char got[128], expect[128];

	lbadm_batch_init(&b, &nl, 0);
	ck_assert_int_eq(lbadm_diff(&b, &now, &want), 0);
	cmds(&b, got, sizeof(got));
	/* Service 80: edited, server .1 edited, .2 deleted, .3 added;
	 * 81 deleted; 82 added with its server. */
	snprintf(expect, sizeof(expect), "%d %d %d %d %d %d %d",
		 LBVS_CMD_SET_SERVICE, LBVS_CMD_SET_DEST, LBVS_CMD_DEL_DEST,
		 LBVS_CMD_NEW_DEST, LBVS_CMD_DEL_SERVICE,
		 LBVS_CMD_NEW_SERVICE, LBVS_CMD_NEW_DEST);
	ck_assert_str_eq(got, expect);
	ck_assert_uint_eq(b.n, 7);
	lbadm_batch_free(&b);

	/* Equal tables: nothing to send. */
	lbadm_batch_init(&b, &nl, 0);
	ck_assert_int_eq(lbadm_diff(&b, &want, &want), 0);
	ck_assert_uint_eq(b.n, 0);
	lbadm_batch_free(&b);
}
END_TEST

/* Each message queued gets the next sequence number and no ACK flag. */
START_TEST(t_batch_put)
{
	struct lbadm_svc_entry v[] = { { svc(80, "rr"), NULL, 0, 0 } };
	struct lbadm_table empty = { NULL, 0, 0 }, one = { v, 1, 1 };
	struct lbadm_nl nl = { 0 };
	const struct nlmsghdr *h;
	struct lbadm_batch b;

	lbadm_batch_init(&b, &nl, 1);
	ck_assert_int_eq(lbadm_diff(&b, &empty, &one), 0);
	ck_assert_int_eq(lbadm_diff(&b, &one, &empty), 0);
	ck_assert_uint_eq(b.n, 2);
	h = (const void *)b.buf;
	ck_assert_uint_eq(h->nlmsg_flags, NLM_F_REQUEST);
	ck_assert_uint_eq(h->nlmsg_seq, b.seq0);
	h = (const void *)(b.buf + NLMSG_ALIGN(h->nlmsg_len));
	ck_assert_uint_eq(h->nlmsg_seq, b.seq0 + 1);
	lbadm_batch_free(&b);
}
END_TEST

/* Malformed input: exit 2, and the socket was never opened. */
static int restore_text(const char *text)
{
	struct lbadm_nl nl = { 0 };
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc;

	rc = lbadm_restore(&nl, f);
	fclose(f);
	ck_assert_ptr_null(nl.sk);
	return rc;
}

START_TEST(t_restore_input)
{
	ck_assert_int_eq(restore_text("-A -t 203.0.113.1:80 -s rr\n-a -t 203.0.113.1:80 -r 192.0.2.1:99999\n"),
			 LBADM_EXIT_USAGE);
	ck_assert_int_eq(restore_text("# c\n\n-L -n\n"), LBADM_EXIT_USAGE);
	ck_assert_int_eq(restore_text("-R\n"), LBADM_EXIT_USAGE);
	ck_assert_int_eq(restore_text("-A -t 203.0.113.1:80 -s nosuch\n"),
			 LBADM_EXIT_USAGE);
	ck_assert_int_eq(restore_text("-A -t 203.0.113.1:80 extra\n"),
			 LBADM_EXIT_USAGE);
	ck_assert_int_eq(restore_text("-a -t 203.0.113.1:80 -r 192.0.2.1 -i --tun-type gre\n"),
			 LBADM_EXIT_USAGE);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("lbadm_restore");
	TCase *tc = tcase_create("all");

	tcase_add_test(tc, t_diff);
	tcase_add_test(tc, t_batch_put);
	tcase_add_test(tc, t_restore_input);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
