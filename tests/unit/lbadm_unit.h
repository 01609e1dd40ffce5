/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What lbadm's unit tests share: lbadm's headers, values built from text,
 * a random generator, and a string check for loops.
 */
#ifndef _LBADM_UNIT_H
#define _LBADM_UNIT_H

#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netlink/genl/genl.h>

#include "../../tools/lbadm/lbadm.h"
#include "../../tools/lbadm/fmt.h"
#include "../../tools/lbadm/parse.h"
#include "../../tools/lbadm/opts.h"
#include "../../tools/lbadm/print.h"
#include "../../tools/lbadm/prom.h"
#include "../../tools/lbadm/msg.h"
#include "unit.h"

static inline struct lbadm_addr A(const char *s)
{
	struct lbadm_addr a;

	memset(&a, 0, sizeof(a));
	if (inet_pton(AF_INET, s, &a.v4) == 1)
		a.af = AF_INET;
	else if (inet_pton(AF_INET6, s, &a.v6) == 1)
		a.af = AF_INET6;
	return a;
}

static inline struct lbadm_svc SVC(uint16_t proto, const char *addr,
				   uint16_t port, const char *sched)
{
	struct lbadm_svc s;

	memset(&s, 0, sizeof(s));
	s.protocol = proto;
	s.addr = A(addr);
	s.af = s.addr.af;
	s.port = port;
	s.netmask = s.af == AF_INET6 ? 128 : 32;
	snprintf(s.sched, sizeof(s.sched), "%s", sched);
	return s;
}

static inline struct lbadm_dest DEST(const char *addr, uint16_t port,
				     uint32_t fwd, uint32_t w, uint32_t act,
				     uint32_t inact)
{
	struct lbadm_dest d;

	memset(&d, 0, sizeof(d));
	d.addr = A(addr);
	d.port = port;
	d.fwd = fwd;
	d.weight = w;
	d.active = act;
	d.inactive = inact;
	return d;
}

static inline uint64_t rnd64(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

/*
 * Loops of many values check with EXPECT_STR(), not ck_assert_*(): those
 * report to check's parent process at every call.
 */
#define EXPECT_STR(got, want) do {					\
	if (strcmp(got, want))						\
		ck_abort_msg("\"%s\" != \"%s\"", got, want);		\
} while (0)

/* Splits line on spaces and parses it as lbadm's arguments. */
static inline int pa(struct lbadm_req *r, struct lbadm_err *e, const char *line)
{
	static char argbuf[1024];
	char *argv[64];
	int argc = 0;
	char *t;

	snprintf(argbuf, sizeof(argbuf), "%s", line);
	for (t = strtok(argbuf, " "); t; t = strtok(NULL, " "))
		argv[argc++] = t;
	e->msg[0] = '\0';
	return lbadm_parse_args(argc, argv, r, e);
}

/* Expects line to fail with exactly msg. */
#define REJECTS(line, expect) do {						\
	struct lbadm_req r_;						\
	struct lbadm_err e_;						\
	ck_assert_msg(pa(&r_, &e_, line) == -1, "accepted: %s", line);	\
	ck_assert_str_eq(e_.msg, expect);				\
} while (0)

#define OK(r, line) do {						\
	struct lbadm_err e_;						\
	ck_assert_msg(pa(r, &e_, line) == 0, "%s: %s", line, e_.msg);	\
} while (0)

/* IPv6 words of the kinds inet_ntop() treats apart: zero runs, ::ffff. */
static inline void rnd_v6(uint64_t *seed, uint8_t *b)
{
	static const uint16_t w[] = { 0, 0, 0, 0, 1, 0xffff, 0xa, 0xfffe };
	unsigned int i, kind = rnd64(seed) % 8;
	uint16_t x;

	for (i = 0; i < 8; i++) {
		x = rnd64(seed) % 3 ? w[rnd64(seed) % 8] : (uint16_t)rnd64(seed);
		b[2 * i] = x >> 8;
		b[2 * i + 1] = (uint8_t)x;
	}
	if (kind == 0)			/* ::ffff:a.b.c.d */
		memcpy(b, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12);
	else if (kind == 1)		/* ::a.b.c.d */
		memset(b, 0, 12);
	else if (kind == 2)		/* ::ffff:0:a.b.c.d, ::1, :: */
		memset(b, 0, 8 + rnd64(seed) % 9);
}

#endif /* _LBADM_UNIT_H */
