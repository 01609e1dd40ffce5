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
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/genetlink.h>

#include "../../tools/lbadm/batch.h"
#include "../../tools/lbadm/cmd.h"
#include "../../tools/lbadm/opts.h"
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

/* lbadm_diff(now, want) queues exactly the commands of expect, in order. */
static void check_diff(const struct lbadm_table *now,
		       const struct lbadm_table *want, const char *expect)
{
	struct lbadm_nl nl = { 0 };
	struct lbadm_batch b;
	char got[256];

	lbadm_batch_init(&b, &nl, 0);
	ck_assert_int_eq(lbadm_diff(&b, now, want), 0);
	cmds(&b, got, sizeof(got));
	ck_assert_str_eq(got, expect);
	lbadm_batch_free(&b);
}

START_TEST(t_diff)
{
	struct lbadm_dest d_now[] = { dest("192.0.2.1", 1), dest("192.0.2.2", 1) };
	struct lbadm_dest d_want[] = { dest("192.0.2.1", 5), dest("192.0.2.3", 1) };
	struct lbadm_dest d_c[] = { dest("192.0.2.4", 2) };
	struct lbadm_svc_entry now_v[] = {
		{ .svc = svc(80, "rr"), .dests = d_now, .n_dests = 2 },
		{ .svc = svc(81, "rr") },
	};
	struct lbadm_svc_entry want_v[] = {
		{ .svc = svc(80, "wrr"), .dests = d_want, .n_dests = 2 },
		{ .svc = svc(82, "sh"), .dests = d_c, .n_dests = 1 },
	};
	struct lbadm_table now = { .v = now_v, .n = 2, .cap = 2 },
			   want = { .v = want_v, .n = 2, .cap = 2 };
	char expect[128];

	/* Service 80: edited, server .1 edited, .2 deleted, .3 added;
	 * 81 deleted; 82 added with its server. */
	snprintf(expect, sizeof(expect), "%d %d %d %d %d %d %d",
		 LBVS_CMD_SET_SERVICE, LBVS_CMD_SET_DEST, LBVS_CMD_DEL_DEST,
		 LBVS_CMD_NEW_DEST, LBVS_CMD_DEL_SERVICE,
		 LBVS_CMD_NEW_SERVICE, LBVS_CMD_NEW_DEST);
	check_diff(&now, &want, expect);
	check_diff(&want, &want, "");	/* equal tables: nothing to send */
}
END_TEST

static struct lbadm_addr la(const char *s)
{
	struct lbadm_addr a = { .af = AF_INET };

	inet_pton(AF_INET, s, &a.v4);
	return a;
}

/* Pools: deletions before additions (a full pool can still change), a new
 * service gets its pool after its servers, a deleted one loses it with it. */
START_TEST(t_diff_laddrs)
{
	struct lbadm_addr p_now[] = { la("198.51.100.1"), la("198.51.100.2"),
				      la("198.51.100.4") };
	struct lbadm_addr p_want[] = { la("198.51.100.2"), la("198.51.100.3"),
				       la("198.51.100.5") };
	struct lbadm_dest d[] = { dest("192.0.2.1", 1) };
	struct lbadm_svc_entry now_v[] = {
		{ .svc = svc(80, "rr"), .laddrs = p_now, .n_laddrs = 3 },
		{ .svc = svc(81, "rr"), .laddrs = p_now, .n_laddrs = 1 },
	};
	struct lbadm_svc_entry want_v[] = {
		{ .svc = svc(80, "rr"), .laddrs = p_want, .n_laddrs = 3 },
		{ .svc = svc(82, "rr"), .dests = d, .n_dests = 1,
		  .laddrs = p_want, .n_laddrs = 2 },
	};
	struct lbadm_table now = { .v = now_v, .n = 2, .cap = 2 },
			   want = { .v = want_v, .n = 2, .cap = 2 };
	char expect[128];

	snprintf(expect, sizeof(expect), "%d %d %d %d %d %d %d %d %d",
		 LBVS_CMD_DEL_LADDR, LBVS_CMD_DEL_LADDR,	/* .1 .4 */
		 LBVS_CMD_NEW_LADDR, LBVS_CMD_NEW_LADDR,	/* .3 .5 */
		 LBVS_CMD_DEL_SERVICE,				/* 81 */
		 LBVS_CMD_NEW_SERVICE, LBVS_CMD_NEW_DEST,	/* 82 */
		 LBVS_CMD_NEW_LADDR, LBVS_CMD_NEW_LADDR);
	check_diff(&now, &want, expect);
	check_diff(&want, &want, "");
	check_diff(&now, &now, "");
}
END_TEST

/* Each message queued gets the next sequence number and no ACK flag. */
START_TEST(t_batch_put)
{
	struct lbadm_svc_entry v[] = { { .svc = svc(80, "rr") } };
	struct lbadm_table empty = { 0 }, one = { .v = v, .n = 1, .cap = 1 };
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

/* The queued message number i of buf. */
static const struct nlmsghdr *nth_msg(const char *buf, uint32_t i)
{
	const struct nlmsghdr *h = (const void *)buf;

	while (i--)
		h = (const void *)((const char *)h + NLMSG_ALIGN(h->nlmsg_len));
	return h;
}

/*
 * After lbadm_batch_lists(), each request made of one queued message is
 * that message as queued (queued: a copy of b->buf from before), but for
 * its sequence number; a NEW_DEST's server is where item_off says.
 */
static void check_plain(const struct lbadm_batch *b, const char *queued)
{
	const struct nlmsghdr *h = (const void *)b->buf, *q;
	struct nlmsghdr copy;
	uint32_t k;

	for (k = 0; k < b->nsent; k++) {
		if (b->first[k + 1] - b->first[k] == 1) {
			q = nth_msg(queued, b->first[k]);
			ck_assert_uint_eq(h->nlmsg_len, q->nlmsg_len);
			copy = *q;
			copy.nlmsg_seq = h->nlmsg_seq;
			ck_assert_mem_eq(h, &copy, sizeof(copy));
			ck_assert_mem_eq(h + 1, q + 1, q->nlmsg_len - sizeof(copy));
			if (((const struct genlmsghdr *)NLMSG_DATA(q))->cmd ==
			    LBVS_CMD_NEW_DEST)
				ck_assert_int_eq(nla_type((const void *)((const char *)h +
					b->item_off[b->first[k]])), LBVS_ATTR_DEST);
		}
		h = (const void *)((const char *)h + NLMSG_ALIGN(h->nlmsg_len));
	}
}

/* lbadm_batch_lists() on b, with check_plain(). */
static void make_lists(struct lbadm_batch *b)
{
	char *queued = malloc(b->len);

	ck_assert_ptr_nonnull(queued);
	memcpy(queued, b->buf, b->len);
	ck_assert_int_eq(lbadm_batch_lists(b), 0);
	check_plain(b, queued);
	free(queued);
}

/*
 * Lists: the servers of one service leave as LBVS_ATTR_DEST_LIST requests
 * of at most 256; first[] and item_off[] lead from a request and an offset
 * in it back to the queued message (the input line) of each server. A
 * lone server leaves as the NEW_DEST it is (a list would be longer).
 */
START_TEST(t_batch_lists)
{
	static struct lbadm_dest d80[300], d82[3];
	struct lbadm_dest d81[] = { dest("192.0.2.1", 1) };
	struct lbadm_svc_entry v[] = {
		{ .svc = svc(80, "rr"), .dests = d80, .n_dests = 300 },
		{ .svc = svc(81, "rr"), .dests = d81, .n_dests = 1 },
		{ .svc = svc(82, "rr"), .dests = d82, .n_dests = 3 },
	};
	const uint32_t first[] = { 0, 1, 257, 301, 302, 303, 304, 307 };
	const unsigned int items[] = { 0, 256, 44, 0, 0, 0, 3 };
	struct lbadm_table empty = { 0 }, want = { .v = v, .n = 3, .cap = 3 };
	struct lbadm_nl nl = { 0 };
	const struct nlmsghdr *h;
	const struct nlattr *a;
	struct lbadm_batch b;
	char got[256], expect[256], ip[32];
	unsigned int k, i, n;
	size_t off;
	int left;

	for (i = 0; i < 300; i++) {
		snprintf(ip, sizeof(ip), "198.18.%u.%u", i / 250, i % 250 + 1);
		d80[i] = dest(ip, i);
	}
	for (i = 0; i < 3; i++) {
		snprintf(ip, sizeof(ip), "192.0.2.%u", i + 10);
		d82[i] = dest(ip, 1);
	}
	lbadm_batch_init(&b, &nl, 1);
	ck_assert_int_eq(lbadm_diff(&b, &empty, &want), 0);
	ck_assert_uint_eq(b.n, 307);
	make_lists(&b);
	ck_assert_uint_eq(b.nsent, 7);
	snprintf(expect, sizeof(expect), "%d %d %d %d %d %d %d",
		 LBVS_CMD_NEW_SERVICE, LBVS_CMD_NEW_DEST, LBVS_CMD_NEW_DEST,
		 LBVS_CMD_NEW_SERVICE, LBVS_CMD_NEW_DEST, LBVS_CMD_NEW_SERVICE,
		 LBVS_CMD_NEW_DEST);
	cmds(&b, got, sizeof(got));
	ck_assert_str_eq(got, expect);
	for (k = 0, off = 0; k < b.nsent; k++, off += NLMSG_ALIGN(h->nlmsg_len)) {
		h = (const void *)(b.buf + off);
		ck_assert_uint_eq(h->nlmsg_seq, b.seq0 + k);
		ck_assert_uint_eq(b.first[k], first[k]);
		if (!items[k])
			continue;
		/* The service's selector, then the list and nothing else. */
		a = (const void *)((const char *)NLMSG_DATA(h) + GENL_HDRLEN);
		left = (int)h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
		ck_assert_int_eq(nla_type(a), LBVS_ATTR_SERVICE);
		a = nla_next(a, &left);
		ck_assert_int_eq(nla_type(a), LBVS_ATTR_DEST_LIST);
		ck_assert_int_eq(nla_len(a) + NLA_HDRLEN, left);
		/* Each item where item_off says, in the queued order. */
		n = 0;
		for (const struct nlattr *d = nla_data(a); nla_ok(d, left - NLA_HDRLEN);
		     d = nla_next(d, &left)) {
			ck_assert_int_eq(nla_type(d), LBVS_ATTR_DEST);
			ck_assert_uint_eq(b.item_off[first[k] + n],
					  (size_t)((const char *)d - (const char *)h));
			n++;
		}
		ck_assert_uint_eq(n, items[k]);
	}
	ck_assert_uint_eq(off, b.len);
	lbadm_batch_free(&b);
}
END_TEST

/*
 * Runs of one: first of all (nothing moved yet), after a full list (the
 * 257th server of a service) and last; the lists between still right.
 */
START_TEST(t_batch_lists_one)
{
	static struct lbadm_dest d81[257];
	struct lbadm_dest d80[] = { dest("192.0.2.1", 1) };
	struct lbadm_dest d82[] = { dest("192.0.2.2", 1) };
	struct lbadm_svc_entry v[] = {
		{ .svc = svc(80, "rr"), .dests = d80, .n_dests = 1 },
		{ .svc = svc(81, "rr"), .dests = d81, .n_dests = 257 },
		{ .svc = svc(82, "rr"), .dests = d82, .n_dests = 1 },
	};
	const uint32_t first[] = { 0, 1, 2, 3, 259, 260, 261, 262 };
	struct lbadm_table empty = { 0 }, want = { .v = v, .n = 3, .cap = 3 };
	struct lbadm_nl nl = { 0 };
	const struct nlmsghdr *h;
	struct lbadm_batch b;
	char got[256], expect[256], ip[32];
	unsigned int i;

	for (i = 0; i < 257; i++) {
		snprintf(ip, sizeof(ip), "198.18.%u.%u", i / 250, i % 250 + 1);
		d81[i] = dest(ip, i);
	}
	lbadm_batch_init(&b, &nl, 1);
	ck_assert_int_eq(lbadm_diff(&b, &empty, &want), 0);
	ck_assert_uint_eq(b.n, 262);
	make_lists(&b);
	ck_assert_uint_eq(b.nsent, 7);
	for (i = 0; i <= b.nsent; i++)
		ck_assert_uint_eq(b.first[i], first[i]);
	snprintf(expect, sizeof(expect), "%d %d %d %d %d %d %d",
		 LBVS_CMD_NEW_SERVICE, LBVS_CMD_NEW_DEST, LBVS_CMD_NEW_SERVICE,
		 LBVS_CMD_NEW_DEST, LBVS_CMD_NEW_DEST, LBVS_CMD_NEW_SERVICE,
		 LBVS_CMD_NEW_DEST);
	cmds(&b, got, sizeof(got));
	ck_assert_str_eq(got, expect);
	/* The list of 256: its last server where item_off says. */
	h = nth_msg(b.buf, 3);
	ck_assert_uint_eq(b.item_off[258] + nla_total_size(nla_len((const void *)
			  ((const char *)h + b.item_off[258]))), h->nlmsg_len);
	for (i = 0; i < b.nsent; i++)
		ck_assert_uint_eq(nth_msg(b.buf, i)->nlmsg_seq, b.seq0 + i);
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

/* restore_text(), returning what it wrote on stderr. */
static char *restore_err(const char *text, int want_rc)
{
	static char msg[512];
	FILE *tmp = tmpfile();
	int saved = dup(2);
	size_t n;

	ck_assert_ptr_nonnull(tmp);
	fflush(stderr);
	dup2(fileno(tmp), 2);
	ck_assert_int_eq(restore_text(text), want_rc);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	n = fread(msg, 1, sizeof(msg) - 1, tmp);
	msg[n] = '\0';
	fclose(tmp);
	return msg;
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
	ck_assert_int_eq(restore_text("-a -t 203.0.113.1:80 -r 192.0.2.1 -i --tun-type gue\n"),
			 LBADM_EXIT_USAGE);
}
END_TEST

/* -P lines (what -S writes): the good ones pass, a bad one names itself. */
START_TEST(t_restore_laddr_input)
{
	static const char good[] =
		"-A -t 203.0.113.1:80 -s rr\n"
		"-a -t 203.0.113.1:80 -r 192.0.2.1:8080 -b -w 1\n"
		"-P -t 203.0.113.1:80 -z 198.51.100.254\n"
		"-A -t [2001:db8::1]:80 -s rr\n"
		"-P -t [2001:db8::1]:80 -z [2001:db8::fe]\n";
	static const char *const bad[][2] = {
		{ "-P -t 203.0.113.1:80 -z 198.51.100.1:80",
		  "local address \"198.51.100.1:80\" has a port; give the address alone" },
		{ "-P -t 203.0.113.1:80", "-P/--add-laddr needs -z/--laddr" },
		{ "-P -t [2001:db8::1]:80 -z 198.51.100.1",
		  "local address \"198.51.100.1\" is IPv4 but the service is IPv6" },
		{ "-Q -t 203.0.113.1:80 -z", "option -z/--laddr needs a value" },
		{ "-G", "-G is not allowed in restore input" },
		{ "--start-daemon master --mcast-interface eth0",
		  "--start-daemon is not allowed in restore input (a failed restore could not undo it); run it on its own" },
		{ "--syncid 3 --stop-daemon backup",
		  "--stop-daemon is not allowed in restore input (a failed restore could not undo it); run it on its own" },
		{ "-a -t 203.0.113.1:80 -r 192.0.2.1:8080 -g",
		  "port 8080 of direct-routing server 192.0.2.1 must equal the service port 80 (DR and TUN cannot map ports)" },
	};
	char text[1024], expect[512];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), "%s%s\n", good, bad[i][0]);
		snprintf(expect, sizeof(expect), "lbadm: restore line 6: %s\n",
			 bad[i][1]);
		ck_assert_str_eq(restore_err(text, LBADM_EXIT_USAGE), expect);
	}
}
END_TEST

/* Every refused line is named, in order, and nothing is sent. */
START_TEST(t_restore_every_refusal)
{
	static const char text[] =
		"-A -t 203.0.113.1:80 -s nosuch\n"
		"-a -t 203.0.113.1:80 -r 192.0.2.1:80 -g\n"
		"-a -t 203.0.113.1:80 -r 192.0.2.2:80 -w 2147483648\n"
		"-a -t 203.0.113.1:80 -r 192.0.2.3:80 -m\n"
		"-G\n";

	ck_assert_str_eq(restore_err(text, LBADM_EXIT_USAGE),
			 "lbadm: restore line 1: unknown scheduler \"nosuch\" ("
			 "rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh twos)\n"
			 "lbadm: restore line 3: weight 2147483648 out of range 0..2147483647\n"
			 "lbadm: restore line 5: -G is not allowed in restore input\n");
}
END_TEST

/* Words are cut at blanks only: other control characters are in words. */
START_TEST(t_restore_words)
{
	static const char head[] =
		"-A\t-t 203.0.113.1:80  -s rr \r\n"
		"  -a -t 203.0.113.1:80\t-r 192.0.2.1:80 -g\n";
	char text[1024];
	int i, n;

	snprintf(text, sizeof(text), "%s-a -t 203.0.113.1:80 -r 192.0.2.2 -g\v\n",
		 head);
	ck_assert_str_eq(restore_err(text, LBADM_EXIT_USAGE),
			 "lbadm: restore line 3: unknown option \"-\v\" in \"-g\v\"\n");
	snprintf(text, sizeof(text), "%s-a -t 203.0.113.1:80 -r 192.0.2.2 -w\t\n",
		 head);
	ck_assert_str_eq(restore_err(text, LBADM_EXIT_USAGE),
			 "lbadm: restore line 3: option -w/--weight needs a value\n");
	/* 64 words are parsed (and refused), 65 are too many. */
	n = snprintf(text, sizeof(text), "%s-a", head);
	for (i = 1; i < 64; i++)
		n += snprintf(text + n, sizeof(text) - n, " -g");
	snprintf(text + n, sizeof(text) - n, "\n");
	ck_assert_str_eq(restore_err(text, LBADM_EXIT_USAGE),
			 "lbadm: restore line 3: option -g/--gatewaying given twice\n");
	snprintf(text + n, sizeof(text) - n, " -g\n");
	ck_assert_str_eq(restore_err(text, LBADM_EXIT_USAGE),
			 "lbadm: restore line 3: more than 64 words\n");
}
END_TEST

/* How kernel refusals of -P/-Q/-G name the request. */
START_TEST(t_describe_laddr)
{
	static const char *const c[][2] = {
		{ "-P -t 203.0.113.1:80 -z 198.51.100.254",
		  "add local address 198.51.100.254 to TCP 203.0.113.1:80" },
		{ "-Q -f 7 -6 -z [2001:db8::fe]",
		  "delete local address 2001:db8::fe from FWM 7 IPv6" },
		{ "-G", "list local addresses" },
		{ "-G -u 203.0.113.1:53", "list local addresses of UDP 203.0.113.1:53" },
		{ "-L -t 203.0.113.1:80", "list service TCP 203.0.113.1:80" },
		{ "-Z -t 203.0.113.1:80", "zero counters of TCP 203.0.113.1:80" },
		{ "-Z", "zero counters" },
		{ "-L", "list services" },
		{ "-S", "list services" },
		{ "-C", "clear" },
		{ "--set 1 2 3", "set timeouts" },
		{ "-A -t [2001:db8::1]:80", "add service TCP [2001:db8::1]:80" },
		{ "-e -u 203.0.113.1:53 -r 192.0.2.1:5353 -m",
		  "edit real server 192.0.2.1:5353 of UDP 203.0.113.1:53" },
		{ "-d -f 7 -r 192.0.2.1", "delete real server 192.0.2.1:0 from FWM 7" },
		{ "-h", "request" },
	};
	char *argv[16], line[128], *t, what[256];
	struct lbadm_err e;
	struct lbadm_req r;
	size_t i;
	int argc;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		snprintf(line, sizeof(line), "%s", c[i][0]);
		argc = 0;
		for (t = strtok(line, " "); t; t = strtok(NULL, " "))
			argv[argc++] = t;
		ck_assert_int_eq(lbadm_parse_args(argc, argv, &r, &e), 0);
		lbadm_describe(&r, what, sizeof(what));
		ck_assert_str_eq(what, c[i][1]);
	}
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("lbadm_restore");
	TCase *tc = tcase_create("all");

	tcase_add_test(tc, t_diff);
	tcase_add_test(tc, t_diff_laddrs);
	tcase_add_test(tc, t_batch_put);
	tcase_add_test(tc, t_batch_lists);
	tcase_add_test(tc, t_batch_lists_one);
	tcase_add_test(tc, t_restore_input);
	tcase_add_test(tc, t_restore_laddr_input);
	tcase_add_test(tc, t_restore_every_refusal);
	tcase_add_test(tc, t_restore_words);
	tcase_add_test(tc, t_describe_laddr);
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
