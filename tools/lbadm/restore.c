// SPDX-License-Identifier: GPL-2.0
/*
 * -R, all or nothing (the design is described in restore.h): parse all,
 * snapshot, send pipelined, and on a refusal put the snapshot back by
 * sending the difference between the kernel's table and the snapshot.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/genl/genl.h>

#include "batch.h"
#include "cmd.h"
#include "msg.h"
#include "print.h"
#include "restore.h"

#define MAX_WORDS	64

/* Queues m unless it is missing or building it failed (bad); frees it. */
static int queue(struct lbadm_batch *b, struct nl_msg *m, int bad)
{
	bad = bad || !m || lbadm_batch_put(b, m, 0);
	nlmsg_free(m);
	return bad ? -1 : 0;
}

/* Queues one request about service s (and server d, if any). */
static int put(struct lbadm_batch *b, int cmd, const struct lbadm_svc *s,
	       int svc_conf, const struct lbadm_dest *d, int dest_conf)
{
	struct nl_msg *m = lbadm_nl_msg(b->nl, cmd, 0);

	return queue(b, m, !m || lbadm_put_svc(m, s, svc_conf) < 0 ||
			   (d && lbadm_put_dest(m, d, dest_conf) < 0));
}

/* Queues cmd (NEW/DEL_LADDR) for each pool address of a that b lacks. */
static int put_laddrs(struct lbadm_batch *b, int cmd,
		      const struct lbadm_svc_entry *a,
		      const struct lbadm_svc_entry *other)
{
	struct nl_msg *m;
	size_t i, j = 0;

	for (i = 0; i < a->n_laddrs; i++) {
		while (j < other->n_laddrs &&
		       lbadm_cmp_addr(&other->laddrs[j], &a->laddrs[i]) < 0)
			j++;
		if (j < other->n_laddrs &&
		    !lbadm_cmp_addr(&other->laddrs[j], &a->laddrs[i]))
			continue;
		m = lbadm_nl_msg(b->nl, cmd, 0);
		if (queue(b, m, !m || lbadm_put_svc(m, &a->svc, 0) < 0 ||
				lbadm_put_laddr(m, &a->laddrs[i]) < 0))
			return -1;
	}
	return 0;
}

/* A pool as want has it: deletions first, so a full pool can change. */
static int diff_laddrs(struct lbadm_batch *b,
		       const struct lbadm_svc_entry *now,
		       const struct lbadm_svc_entry *want)
{
	return put_laddrs(b, LBVS_CMD_DEL_LADDR, now, want) ||
	       put_laddrs(b, LBVS_CMD_NEW_LADDR, want, now) ? -1 : 0;
}

static int svc_conf_differs(const struct lbadm_svc *a,
			    const struct lbadm_svc *b)
{
	return strcmp(a->sched, b->sched) || a->flags != b->flags ||
	       a->timeout != b->timeout || a->netmask != b->netmask;
}

static int dest_conf_differs(const struct lbadm_dest *a,
			     const struct lbadm_dest *b)
{
	return a->fwd != b->fwd || a->weight != b->weight ||
	       a->u_thresh != b->u_thresh || a->l_thresh != b->l_thresh;
}

/* Ordering of the merge walks: -1 only in now, 1 only in want, 0 both. */
static int side(size_t i, size_t n, size_t j, size_t m, int cmp)
{
	if (i == n)
		return 1;
	if (j == m)
		return -1;
	return cmp < 0 ? -1 : cmp > 0;
}

static int diff_dests(struct lbadm_batch *b, const struct lbadm_svc_entry *now,
		      const struct lbadm_svc_entry *want)
{
	const struct lbadm_svc *s = &want->svc;
	size_t i = 0, j = 0;
	int c, rc = 0;

	while (!rc && (i < now->n_dests || j < want->n_dests)) {
		c = side(i, now->n_dests, j, want->n_dests,
			 i < now->n_dests && j < want->n_dests ?
			 lbadm_cmp_dest(&now->dests[i], &want->dests[j]) : 0);
		if (c < 0)
			rc = put(b, LBVS_CMD_DEL_DEST, s, 0, &now->dests[i++], 0);
		else if (c > 0)
			rc = put(b, LBVS_CMD_NEW_DEST, s, 0, &want->dests[j++], 1);
		else if (dest_conf_differs(&now->dests[i++], &want->dests[j++]))
			rc = put(b, LBVS_CMD_SET_DEST, s, 0, &want->dests[j - 1],
				 1);
	}
	return rc;
}

static int add_entry(struct lbadm_batch *b, const struct lbadm_svc_entry *se)
{
	const struct lbadm_svc_entry none = { .svc = se->svc };
	size_t k;

	if (put(b, LBVS_CMD_NEW_SERVICE, &se->svc, 1, NULL, 0))
		return -1;
	for (k = 0; k < se->n_dests; k++)
		if (put(b, LBVS_CMD_NEW_DEST, &se->svc, 0, &se->dests[k], 1))
			return -1;
	return put_laddrs(b, LBVS_CMD_NEW_LADDR, se, &none);
}

int lbadm_diff(struct lbadm_batch *b, const struct lbadm_table *now,
	       const struct lbadm_table *want)
{
	size_t i = 0, j = 0;
	int c, rc = 0;

	while (!rc && (i < now->n || j < want->n)) {
		c = side(i, now->n, j, want->n,
			 i < now->n && j < want->n ?
			 lbadm_cmp_svc_entry(&now->v[i], &want->v[j]) : 0);
		if (c < 0) {
			rc = put(b, LBVS_CMD_DEL_SERVICE, &now->v[i++].svc, 0,
				 NULL, 0);
		} else if (c > 0) {
			rc = add_entry(b, &want->v[j++]);
		} else {
			if (svc_conf_differs(&now->v[i].svc, &want->v[j].svc))
				rc = put(b, LBVS_CMD_SET_SERVICE,
					 &want->v[j].svc, 1, NULL, 0);
			if (!rc)
				rc = diff_dests(b, &now->v[i], &want->v[j]);
			if (!rc)
				rc = diff_laddrs(b, &now->v[i], &want->v[j]);
			i++;
			j++;
		}
	}
	return rc;
}

/*
 * The input, read whole and kept as read, for messages. Parsing cuts each
 * line into words in a copy of that line alone, cut: a copy of the whole
 * input would double the memory a large restore touches. line[i]: where
 * request i's line starts in text.
 */
struct input {
	char *text;
	size_t len;
	size_t *line;
	size_t n, cap;
	char *cut;
	size_t cut_cap;
};

static void input_free(struct input *in)
{
	free(in->text);
	free(in->line);
	free(in->cut);
}

/*
 * The line of text from off to end (exclusive) copied to in->cut, for
 * parse_line(): NULL if out of memory. A request parsed from it points
 * into it until the next call. Inline: it runs once per input line.
 */
static inline char *cut_line(struct input *in, size_t off, size_t end)
{
	size_t len = end - off;
	char *p;

	if (len >= in->cut_cap) {	/* with room for longer lines */
		p = realloc(in->cut, len + 256);
		if (!p)
			return NULL;
		in->cut = p;
		in->cut_cap = len + 256;
	}
	memcpy(in->cut, in->text + off, len);
	in->cut[len] = '\0';
	return in->cut;
}

/*
 * Words are separated by blanks, as strtok(line, " \t\r\n") cuts them. A
 * word's characters are mostly above ' ', which one comparison tells (-R
 * cuts 5 MB of input), two at a time; the table decides for the others.
 */
static int split(char *line, char **words, int *n, struct lbadm_err *e)
{
	static const char blank[256] = {
		[' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1, ['\0'] = 2,
	};
	unsigned char *p = (unsigned char *)line;
	int k = 0;		/* not *n: the stores below may alias it */

	*n = 0;
	for (;;) {
		while (blank[*p] == 1)
			p++;
		if (!*p)
			break;
		if (k == MAX_WORDS)
			return lbadm_seterr(e, "more than %d words", MAX_WORDS);
		words[k++] = (char *)p++;
		while (p[0] > ' ' && p[1] > ' ')	/* p[1] after no NUL */
			p += 2;
		while (*p > ' ' || !blank[*p])
			p++;
		if (!*p)
			break;
		*p++ = '\0';
	}
	*n = k;
	return 0;
}

/* Parses one line into r; 1 if blank or a comment, -1 on error. */
static int parse_line(char *line, struct lbadm_req *r, struct lbadm_err *e)
{
	char *words[MAX_WORDS];
	int n;

	if (split(line, words, &n, e))
		return -1;
	if (n == 0 || words[0][0] == '#')
		return 1;
	if (lbadm_parse_args(n, words, r, e))
		return -1;
	if (lbadm_req_cmd(r) < 0 || r->cmd == LC_FLUSHCONN)
		return lbadm_seterr(e, "%s is not allowed in restore input",
				    words[0]);
	/* The roll-back puts back rules, not daemons: ipvsadm -R takes them. */
	if (r->cmd == LC_STARTD || r->cmd == LC_STOPD)
		return lbadm_seterr(e, "--%s is not allowed in restore input (a failed restore could not undo it); run it on its own",
				    r->cmd_opt->longname);
	return 0;
}

static int keep_line(struct input *in, size_t off)
{
	size_t *l;

	if (in->n == in->cap) {
		in->cap = in->cap ? in->cap * 2 : 1024;
		l = realloc(in->line, in->cap * sizeof(*l));
		if (!l)
			return -1;
		in->line = l;
	}
	in->line[in->n++] = off;
	return 0;
}

/* All of f into in->text (NUL-terminated). */
static int slurp(FILE *f, struct input *in)
{
	size_t cap = 1 << 20, got;
	char *p;

	in->text = malloc(cap);
	while (in->text) {
		got = fread(in->text + in->len, 1, cap - in->len - 1, f);
		in->len += got;
		if (in->len < cap - 1) {
			if (ferror(f))
				return -1;
			if (feof(f) || !got)
				break;
			continue;
		}
		cap *= 2;
		p = realloc(in->text, cap);
		if (!p)
			return -1;
		in->text = p;
	}
	if (!in->text)
		return -1;
	in->text[in->len] = '\0';
	return 0;
}

/*
 * Step 1: everything parsed and queued, nothing sent. Every line is parsed
 * even after a refusal, so that each refused one is named in one run;
 * nothing is sent then.
 */
static int read_input(FILE *f, struct lbadm_batch *b, struct input *in)
{
	struct lbadm_err e = { "" };
	struct lbadm_req r;
	struct nl_msg *m;
	size_t off, end, next;
	char *nl, *line;
	int lineno = 0, rc = LBADM_EXIT_OK, p;

	if (slurp(f, in)) {
		fprintf(stderr, "lbadm: restore: cannot read the input: %s\n",
			ferror(f) ? strerror(errno) : "out of memory");
		return LBADM_EXIT_RUNTIME;
	}
	m = lbadm_nl_msg(b->nl, 0, 0);
	for (off = 0; off < in->len; off = next) {
		lineno++;
		nl = memchr(in->text + off, '\n', in->len - off);
		end = nl ? (size_t)(nl - in->text) : in->len;
		next = nl ? end + 1 : end;
		line = m ? cut_line(in, off, end) : NULL;
		if (!line) {
			fprintf(stderr, "lbadm: restore line %d: out of memory\n", lineno);
			rc = LBADM_EXIT_RUNTIME;
			break;
		}
		p = parse_line(line, &r, &e);
		if (p < 0) {
			fprintf(stderr, "lbadm: restore line %d: %s\n", lineno,
				e.msg);
			rc = LBADM_EXIT_USAGE;
		}
		if (p || rc)
			continue;
		if (lbadm_req_msg(m, b->nl->family, &r) ||
		    lbadm_batch_put(b, m, lineno) || keep_line(in, off)) {
			fprintf(stderr, "lbadm: restore line %d: cannot build the netlink message\n",
				lineno);
			rc = LBADM_EXIT_RUNTIME;
			break;
		}
	}
	nlmsg_free(m);
	return rc;
}

/* "restore line N: add service ...: why" for the request that failed. */
static void report_failure(const struct lbadm_batch *b, struct input *in)
{
	size_t off = in->line[b->fail_idx];
	struct lbadm_err e = { "" };
	char what[256] = "request";
	struct lbadm_req r;
	char *line;

	line = cut_line(in, off, off + strcspn(in->text + off, "\n"));
	if (line && parse_line(line, &r, &e) == 0)
		lbadm_describe(&r, what, sizeof(what));
	fprintf(stderr, "lbadm: restore line %d: %s: %s\n",
		b->tags[b->fail_idx], what, b->fail_msg);
}

struct snapshot {
	struct lbadm_table t;
	struct lbadm_timeouts to;
	int lists;		/* the kernel takes LBVS_ATTR_DEST_LIST */
};

static int take_snapshot(struct lbadm_nl *nl, struct snapshot *s,
			 struct lbadm_err *e)
{
	struct lbadm_info info;

	if (lbadm_fetch_info(nl, &info, e))
		return -1;
	s->lists = !!(info.features & LBVS_FEAT_DEST_LIST);
	if (lbadm_fetch_timeouts(nl, &s->to, e) ||
	    lbadm_fetch(nl, NULL, &s->t,
			LBADM_FETCH_DESTS | LBADM_FETCH_LADDRS_IF, e))
		return -1;
	lbadm_sort_services(s->t.v, s->t.n);
	return 0;
}

static int put_timeouts(struct lbadm_batch *b, const struct lbadm_timeouts *t)
{
	struct nl_msg *m = lbadm_nl_msg(b->nl, LBVS_CMD_SET_CONFIG, 0);

	return queue(b, m, !m || lbadm_put_timeouts(m, t) < 0);
}

/* Step 4: back to the snapshot. */
static int roll_back(struct lbadm_nl *nl, const struct snapshot *s,
		     struct lbadm_err *e)
{
	struct snapshot now = { 0 };
	struct lbadm_batch b;
	int rc = -1;

	lbadm_batch_init(&b, nl, 0);
	if (take_snapshot(nl, &now, e))
		goto out;
	b.lists = now.lists;
	if ((memcmp(&now.to, &s->to, sizeof(now.to)) &&
	     put_timeouts(&b, &s->to)) || lbadm_diff(&b, &now.t, &s->t)) {
		lbadm_seterr(e, "out of memory");
		goto out;
	}
	rc = lbadm_batch_run(&b, e);
	if (rc && b.failed)
		lbadm_seterr(e, "%s", b.fail_msg);
out:
	lbadm_batch_free(&b);
	lbadm_table_free(&now.t);
	return rc;
}

int lbadm_restore(struct lbadm_nl *nl, FILE *f)
{
	struct snapshot snap = { 0 };
	struct lbadm_err e = { "" };
	struct input in = { 0 };
	struct lbadm_batch b;
	int rc;

	lbadm_batch_init(&b, nl, 1);
	rc = read_input(f, &b, &in);
	if (rc)
		goto out;
	rc = LBADM_EXIT_RUNTIME;
	if (lbadm_nl_open(nl, &e) || take_snapshot(nl, &snap, &e)) {
		fprintf(stderr, "lbadm: restore: %s\n", e.msg);
		goto out;
	}
	b.lists = snap.lists;
	if (!lbadm_batch_run(&b, &e)) {
		rc = LBADM_EXIT_OK;
		goto out;
	}
	if (!b.failed) {
		fprintf(stderr, "lbadm: restore: %s\n", e.msg);
	} else {
		report_failure(&b, &in);
	}
	if (roll_back(nl, &snap, &e))
		fprintf(stderr, "lbadm: restore: could not undo the lines applied before the failure: %s\n",
			e.msg);
out:
	lbadm_batch_free(&b);
	lbadm_table_free(&snap.t);
	input_free(&in);
	return rc;
}
