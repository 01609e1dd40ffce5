/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LBVS_PERSIST_H
#define _LBVS_PERSIST_H

struct lbvs_conn;
struct lbvs_net;
struct lbvs_service;
struct lbvs_tuple;

/*
 * The real server for a new connection of a persistent service (-p): the
 * one its client (network, -M) was sent to before, while the template
 * lives; otherwise the scheduler's pick, remembered in a new template.
 * *tmpl: that template (NULL if none could be made), for the connection
 * to hold (lbvs_conn_new()'s control). Under rcu_read_lock().
 */
struct lbvs_dest *lbvs_persist_pick(struct lbvs_net *ln, struct lbvs_service *svc,
				    const struct lbvs_tuple *t, struct lbvs_conn **tmpl);

/*
 * The template key of svc's connections of tuple t (client -> virtual):
 * what persistence and the sync backup (sync.c) look templates up by.
 */
void lbvs_persist_key(const struct lbvs_service *svc, const struct lbvs_tuple *t,
		      struct lbvs_tuple *tt);

#endif /* _LBVS_PERSIST_H */
