/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Netlink attributes from and into plain structs, by a table per nest:
 * entry t of a table says how attribute type t maps to a struct member.
 * One table gives a request's bytes, its size (checked as it is written)
 * and the reading of replies, so the three cannot disagree.
 */
#ifndef LBADM_ATTR_H
#define LBADM_ATTR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <netlink/errno.h>

#include "lbadm.h"

enum lbadm_kind {
	LBADM_K_NONE,	/* not read, not written (padding, unknown) */
	LBADM_K_U8,
	LBADM_K_U16,
	LBADM_K_U32,
	LBADM_K_U64,
	LBADM_K_BE16,	/* a port: network order on the wire, host order here */
	LBADM_K_CTR,	/* a counter: u64, or u32 (shorter: 0); replies only */
	LBADM_K_ADDR,	/* a struct lbadm_addr: 4 or 16 bytes by the family */
	LBADM_K_STR,	/* a char array; NUL-terminated on the wire */
	LBADM_K_NEST,	/* a nest: read by its table (.sub), if it has one */
	LBADM_K_BIN,	/* bytes, the member's size; requests only (a key) */
	LBADM_K__MAX
};

/* Field flags. */
#define LBADM_F_NONZERO	0x01	/* written only when not 0 */
#define LBADM_F_ANY_AF	0x02	/* ADDR: the family is its length's */

struct nlattr;

struct lbadm_field {
	uint8_t op;	/* LBADM_OP(): the kind and the member's size */
	uint8_t flags;
	uint8_t parts;	/* the request parts that write it; 0: replies only */
	uint8_t size;	/* of the member */
	uint16_t off;	/* of the member */
	/* K_NEST: the member's reader (LBADM_READER()); NULL: not read. */
	int (*get)(const struct nlattr *a, void *m);
};

struct lbadm_nest {
	const struct lbadm_field *f;
	int max;	/* the highest attribute type of f */
	long needed;	/* the types a reply's nest must hold (bit t) */
};

/* An integer member's size picks its case; other kinds' do not matter. */
#define LBADM_OP(k, size)	((k) << 4 | ((size) <= 8 ? (size) : 0))

/* Entry t of a table of struct s: attribute type t is member m. */
#define LBADM_FIELD(t, k, s, m, p, fl)					\
	[t] = { .op = LBADM_OP(LBADM_K_##k, sizeof(((s *)0)->m)),	\
		.flags = (fl), .parts = (p),				\
		.size = sizeof(((s *)0)->m), .off = offsetof(s, m) }

/* Entry t: a nest read into member m by reader fn. */
#define LBADM_SUB(t, s, m, fn)						\
	[t] = { .op = LBADM_OP(LBADM_K_NEST, 0),			\
		.size = sizeof(((s *)0)->m), .off = offsetof(s, m), .get = (fn) }

#define LBADM_NEST(table, need)						\
	{ .f = (table), .needed = (need),				\
	  .max = (int)(sizeof(table) / sizeof((table)[0])) - 1 }

#define LBADM_BIT(t)	(1L << (t))

/*
 * ---- writing ----
 *
 * Attributes are written straight into the message's buffer rather than
 * with libnl's nla_put() calls (-R builds 110,000 requests of a dozen
 * attributes): the same bytes, padding zeroed. The writer is inlined with
 * its table, so that the loop over a constant table unrolls into the
 * stores of the attributes a request has.
 */
static inline char *lbadm_attr_hdr(char *a, size_t len, int type)
{
	struct nlattr h = { (uint16_t)(NLA_HDRLEN + len), (uint16_t)type };
	uint32_t zero = 0;

	memcpy(a + NLA_ALIGN(NLA_HDRLEN + len) - sizeof(zero), &zero, sizeof(zero));
	memcpy(a, &h, sizeof(h));
	return a + NLA_HDRLEN;
}

static inline __attribute__((always_inline))
char *lbadm_attr_put_one(char *a, const char *end, int t,
			 const struct lbadm_field *f, const char *m, int af)
{
	const struct lbadm_addr *x = (const void *)m;
	uint16_t v16;
	uint32_t v32;
	size_t len;

	switch (f->op) {
	case LBADM_OP(LBADM_K_U8, 1):
		len = 1;
		break;
	case LBADM_OP(LBADM_K_U16, 2):
	case LBADM_OP(LBADM_K_BE16, 2):
		memcpy(&v16, m, 2);
		if (f->op == LBADM_OP(LBADM_K_BE16, 2))
			v16 = htons(v16);
		m = (const char *)&v16;
		len = 2;
		break;
	case LBADM_OP(LBADM_K_U16, 4):	/* an int family */
		memcpy(&v32, m, 4);
		v16 = (uint16_t)v32;
		m = (const char *)&v16;
		len = 2;
		break;
	case LBADM_OP(LBADM_K_U32, 4):
		len = 4;
		break;
	case LBADM_OP(LBADM_K_ADDR, 0):
		if (f->flags & LBADM_F_ANY_AF)
			af = x->af;
		m = (const char *)x->b;
		len = af == AF_INET6 ? 16 : 4;
		break;
	case LBADM_OP(LBADM_K_STR, 0):
		len = strnlen(m, f->size - 1) + 1;
		break;
	case LBADM_OP(LBADM_K_BIN, 0):
		len = f->size;
		break;
	default:
		return a;	/* not a kind requests carry */
	}
	if ((f->flags & LBADM_F_NONZERO) &&
	    !memcmp(m, "\0\0\0\0", len < 4 ? len : 4))
		return a;
	if (end && NLA_ALIGN(NLA_HDRLEN + len) > (size_t)(end - a))
		return NULL;
	a = lbadm_attr_hdr(a, len, t);
	if (len == 16)		/* an address: each a few stores */
		memcpy(a, m, 16);
	else if (len == 4)
		memcpy(a, m, 4);
	else
		memcpy(a, m, len);
	if (f->op == LBADM_OP(LBADM_K_STR, 0))
		a[len - 1] = '\0';	/* a full array has none */
	return a + NLA_ALIGN(len);
}

/* The most the fields a request may write take (a constant, inlined). */
static inline __attribute__((always_inline))
size_t lbadm_attr_size_max(const struct lbadm_nest *n)
{
	size_t size = NLA_HDRLEN;	/* for a nest's own header */
	int t;

#pragma GCC unroll 32
	for (t = 1; t <= n->max; t++) {
		if (!n->f[t].parts)
			continue;
		if (n->f[t].op == LBADM_OP(LBADM_K_ADDR, 0))
			size += NLA_ALIGN(NLA_HDRLEN + 16);
		else if (n->f[t].op == LBADM_OP(LBADM_K_STR, 0) ||
			 n->f[t].op == LBADM_OP(LBADM_K_BIN, 0))
			size += NLA_ALIGN(NLA_HDRLEN + n->f[t].size);
		else
			size += NLA_ALIGN(NLA_HDRLEN + 8);
	}
	return size;
}

/* lbadm_attr_put(), each attribute checked against end unless it is NULL. */
static inline __attribute__((always_inline))
char *lbadm_attr_put_fields(char *a, const char *end, const struct lbadm_nest *n,
			    const void *obj, int af, unsigned int parts)
{
	int t;

#pragma GCC unroll 32
	for (t = 1; t <= n->max; t++) {
		if (!(n->f[t].parts & parts))
			continue;
		a = lbadm_attr_put_one(a, end, t, &n->f[t],
				       (const char *)obj + n->f[t].off, af);
		if (!a)
			return NULL;
	}
	return a;
}

/*
 * The fields of obj with a part in parts, in type order, at a (aligned);
 * an ADDR takes af's length. Returns where the next attribute goes, or
 * NULL if one would pass end. With room for the most a table can write,
 * nothing is checked on the way.
 */
static inline __attribute__((always_inline))
char *lbadm_attr_put(char *a, const char *end, const struct lbadm_nest *n,
		     const void *obj, int af, unsigned int parts)
{
	if ((size_t)(end - a) >= lbadm_attr_size_max(n))
		return lbadm_attr_put_fields(a, NULL, n, obj, af, parts);
	return lbadm_attr_put_fields(a, end, n, obj, af, parts);
}

/* The same inside a nest of type type. */
static inline __attribute__((always_inline))
char *lbadm_attr_put_nest(char *a, const char *end, int type,
			  const struct lbadm_nest *n, const void *obj, int af,
			  unsigned int parts)
{
	struct nlattr hdr = { 0, (uint16_t)(NLA_F_NESTED | type) };
	char *nest = a;

	if (end - a < NLA_HDRLEN)
		return NULL;
	a = lbadm_attr_put(a + NLA_HDRLEN, end, n, obj, af, parts);
	if (!a)
		return NULL;
	/* Its members are aligned, so a nest needs no padding of its own. */
	hdr.nla_len = (uint16_t)(a - nest);
	memcpy(nest, &hdr, sizeof(hdr));
	return a;
}

/*
 * ---- reading ----
 *
 * Replies are checked as libnl's nla_parse() checks them against a policy
 * of the kinds' types (NLA_U8 1 byte at least, NLA_U16 2, NLA_U32 4,
 * NLA_U64 8, NLA_STRING 1 and NUL-terminated, anything else 0).
 */

/* What a nest held: the types found, and its addresses (bit t: at[t]). */
struct lbadm_reading {
	long found;
	long addrs;
	const struct nlattr *at[32];
};

static const uint8_t lbadm_min_len[LBADM_K__MAX] = {
	[LBADM_K_U8] = 1, [LBADM_K_U16] = 2, [LBADM_K_U32] = 4,
	[LBADM_K_U64] = 8, [LBADM_K_BE16] = 2, [LBADM_K_STR] = 1,
};

/* a's length and contents as its kind allows: 0, or a negative libnl error. */
static inline int lbadm_attr_check(const struct nlattr *a, int kind)
{
	int len = a->nla_len - NLA_HDRLEN;

	if (len < lbadm_min_len[kind])
		return -NLE_RANGE;
	if (kind == LBADM_K_STR && ((const char *)a)[NLA_HDRLEN + len - 1])
		return -NLE_INVAL;
	return 0;
}

/* As nla_strlcpy(): the bytes before the final NUL, cut to fit. */
static inline void lbadm_attr_str(char *to, int size, const char *p, int len)
{
	if (len > 0 && !p[len - 1])
		len--;
	if (len > size - 1)
		len = size - 1;
	memset(to, 0, size);
	memcpy(to, p, len);
}

static inline uint64_t lbadm_attr_counter(const char *p, int len)
{
	uint32_t v32;
	uint64_t v64;

	if (len < 4)
		return 0;
	if (len < 8) {
		memcpy(&v32, p, 4);
		return v32;
	}
	memcpy(&v64, p, 8);
	return v64;
}

/*
 * Attribute a of type t into its member of obj, or (an address, whose
 * family may come after it) into r->at. 0, or -1 if it is shorter than
 * its kind or a string lacks its NUL.
 */
static inline __attribute__((always_inline))
int lbadm_attr_get_one(const struct lbadm_field *f, int t,
		       const struct nlattr *a, void *obj,
		       struct lbadm_reading *r)
{
	const char *p = (const char *)a + NLA_HDRLEN;
	char *m = (char *)obj + f->off;
	int len = a->nla_len - NLA_HDRLEN;
	uint16_t v16;
	uint64_t v64;
	int v;

	if (lbadm_attr_check(a, f->op >> 4))
		return -1;
	r->found |= LBADM_BIT(t);
	switch (f->op) {
	case LBADM_OP(LBADM_K_U8, 1):
		*m = *p;
		return 0;
	case LBADM_OP(LBADM_K_U16, 2):
		memcpy(m, p, 2);
		return 0;
	case LBADM_OP(LBADM_K_U16, 4):	/* an int family */
		memcpy(&v16, p, 2);
		v = v16;
		memcpy(m, &v, 4);
		return 0;
	case LBADM_OP(LBADM_K_BE16, 2):
		memcpy(&v16, p, 2);
		v16 = ntohs(v16);
		memcpy(m, &v16, 2);
		return 0;
	case LBADM_OP(LBADM_K_U32, 4):
		memcpy(m, p, 4);
		return 0;
	case LBADM_OP(LBADM_K_U64, 8):
		memcpy(m, p, 8);
		return 0;
	case LBADM_OP(LBADM_K_CTR, 8):
		v64 = lbadm_attr_counter(p, len);
		memcpy(m, &v64, 8);
		return 0;
	case LBADM_OP(LBADM_K_STR, 0):
		lbadm_attr_str(m, f->size, p, len);
		return 0;
	case LBADM_OP(LBADM_K_ADDR, 0):
		r->at[t] = a;
		r->addrs |= LBADM_BIT(t);
		return 0;
	case LBADM_OP(LBADM_K_NEST, 0):
		return f->get ? f->get(a, m) : 0;
	default:
		return 0;
	}
}

/* The generic walk: the attributes from a on, len bytes, in any order. */
int lbadm_attr_get_rest(const struct lbadm_nest *n, const struct nlattr *a,
			int len, void *obj, struct lbadm_reading *r);

/*
 * The nest attribute a into obj, which the caller has cleared: the last
 * of a type counts; types beyond the table are skipped; the walk ends at
 * an attribute cut short. Addresses are only found, their family being
 * unknown yet: see lbadm_attr_addrs(). 0, or -1 if an attribute is
 * shorter than its kind, a string lacks its NUL, or a needed type is
 * missing.
 *
 * Inlined with its constant table (LBADM_READER()), the first loop
 * unrolls into a check and a store for each type in turn: the kernel
 * writes a nest's attributes in type order, and a listing reads 100,000
 * such nests. Whatever comes out of that order goes to the generic walk.
 */
/* The type of the attribute at a, or -1 if len bytes do not hold it. */
static inline int lbadm_attr_type(const struct nlattr *a, int len)
{
	if (len < NLA_HDRLEN || a->nla_len < NLA_HDRLEN || a->nla_len > len)
		return -1;
	return a->nla_type & NLA_TYPE_MASK;
}

static inline __attribute__((always_inline))
int lbadm_attr_get(const struct lbadm_nest *n, const struct nlattr *nest,
		   void *obj, struct lbadm_reading *r)
{
	const struct nlattr *a = (const void *)((const char *)nest + NLA_HDRLEN);
	int len = nest->nla_len - NLA_HDRLEN, t, type = lbadm_attr_type(a, len);

	r->found = 0;
	r->addrs = 0;
#pragma GCC unroll 32
	for (t = 1; t <= n->max; t++) {
		if (n->f[t].op == LBADM_OP(LBADM_K_NONE, 0) || type != t)
			continue;
		if (lbadm_attr_get_one(&n->f[t], t, a, obj, r))
			return -1;
		len -= NLA_ALIGN(a->nla_len);
		a = (const void *)((const char *)a + NLA_ALIGN(a->nla_len));
		type = lbadm_attr_type(a, len);
	}
	if (type >= 0 && lbadm_attr_get_rest(n, a, len, obj, r))
		return -1;
	return (r->found & n->needed) == n->needed ? 0 : -1;
}

/* A reader of nests of n into a struct (LBADM_SUB's fn), cleared first. */
#define LBADM_READER(fn, n, type)					\
static int fn(const struct nlattr *a, void *obj)			\
{									\
	struct lbadm_reading r;						\
									\
	memset(obj, 0, sizeof(type));					\
	return lbadm_attr_get(n, a, obj, &r);				\
}

/*
 * The addresses r found, into obj as family af (LBADM_F_ANY_AF: by
 * length; too short for it, left out). -1 if one is shorter than af's.
 */
int lbadm_attr_addrs(const struct lbadm_nest *n, const struct lbadm_reading *r,
		     void *obj, int af);

/*
 * Top-level attributes: tb[t] the last of type t (tb has n->max + 1
 * entries), checked as lbadm_attr_get() checks them. 0, or a negative
 * libnl error.
 */
int lbadm_attr_index(const struct lbadm_nest *n, struct nlattr *head, int len,
		     struct nlattr **tb);

/* The fields of n that tb indexes, into obj (cleared by the caller). */
void lbadm_attr_get_index(const struct lbadm_nest *n, struct nlattr **tb,
			  void *obj);

#endif /* LBADM_ATTR_H */
