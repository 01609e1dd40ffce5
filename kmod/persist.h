/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LBVS_PERSIST_H
#define _LBVS_PERSIST_H

struct lbvs_net;
struct lbvs_service;
struct lbvs_tuple;

/*
 * The real server for a new connection of a persistent service (-p): the
 * one its client (network, -M) was sent to before, while the template
 * lives; otherwise the scheduler's pick, remembered in a new template.
 */
struct lbvs_dest *lbvs_persist_pick(struct lbvs_net *ln, struct lbvs_service *svc,
				    const struct lbvs_tuple *t);

#endif /* _LBVS_PERSIST_H */
