// SPDX-License-Identifier: GPL-2.0
/*
 * Reading replies by the tables of attr.h, the parts that are not
 * inlined with a table.
 */
#include "attr.h"

int lbadm_attr_get_rest(const struct lbadm_nest *n, const struct nlattr *a,
			int len, void *obj, struct lbadm_reading *r)
{
	int type;

	while ((type = lbadm_attr_type(a, len)) >= 0) {
		if (type <= n->max && lbadm_attr_get_one(&n->f[type], type, a, obj, r))
			return -1;
		len -= NLA_ALIGN(a->nla_len);
		a = (const struct nlattr *)((const char *)a + NLA_ALIGN(a->nla_len));
	}
	return 0;
}

int lbadm_attr_addrs(const struct lbadm_nest *n, const struct lbadm_reading *r,
		     void *obj, int af)
{
	const struct lbadm_field *f;
	struct lbadm_addr *x;
	long todo = r->addrs;
	int t, len, want;

	for (; todo; todo &= todo - 1) {
		t = __builtin_ctzl(todo);
		f = &n->f[t];
		len = r->at[t]->nla_len - NLA_HDRLEN;
		want = af == AF_INET6 ? 16 : 4;
		if (f->flags & LBADM_F_ANY_AF) {
			want = len == 16 ? 16 : 4;
			if (len < want)
				continue;
		}
		if (len < want)
			return -1;
		x = (struct lbadm_addr *)((char *)obj + f->off);
		memset(x, 0, sizeof(*x));
		x->af = want == 16 ? AF_INET6 : AF_INET;
		if (want == 16)
			memcpy(x->b, (const char *)r->at[t] + NLA_HDRLEN, 16);
		else
			memcpy(x->b, (const char *)r->at[t] + NLA_HDRLEN, 4);
	}
	return 0;
}

int lbadm_attr_index(const struct lbadm_nest *n, struct nlattr *head, int len,
		     struct nlattr **tb)
{
	struct nlattr *a = head;
	int type, err;

	memset(tb, 0, sizeof(*tb) * (n->max + 1));
	while ((type = lbadm_attr_type(a, len)) >= 0) {
		if (type <= n->max) {
			err = lbadm_attr_check(a, n->f[type].op >> 4);
			if (err)
				return err;
			tb[type] = a;
		}
		len -= NLA_ALIGN(a->nla_len);
		a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len));
	}
	return 0;
}

void lbadm_attr_get_index(const struct lbadm_nest *n, struct nlattr **tb,
			  void *obj)
{
	struct lbadm_reading r = { 0 };
	int t;

	for (t = 1; t <= n->max; t++)
		if (tb[t])
			lbadm_attr_get_one(&n->f[t], t, tb[t], obj, &r);
}
