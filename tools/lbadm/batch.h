/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pipelined requests for -R and its rollback: messages are queued in one
 * buffer, sent many per sendmsg() without NLM_F_ACK, so the kernel answers
 * only those that fail, and one final request with an ACK marks the end.
 * Netlink runs a request inside the sender's sendmsg(), so when send()
 * returns, every error of that chunk is already queued on our socket.
 */
#ifndef LBADM_BATCH_H
#define LBADM_BATCH_H

#include <stdint.h>
#include "nl.h"

struct lbadm_batch {
	struct lbadm_nl *nl;
	char *buf;		/* queued messages, back to back */
	size_t len, cap;
	uint32_t seq0;		/* sequence number of message 0 */
	uint32_t n;		/* messages queued */
	int *tags;		/* caller's tag (input line) per message */
	size_t tagcap;
	/*
	 * With lists (the kernel has LBVS_FEAT_DEST_LIST), runs of two or
	 * more NEW_DEST requests for one service leave as one request each:
	 * nsent requests, request k made of queued messages first[k] ..
	 * first[k + 1] - 1, the server of NEW_DEST message i at item_off[i]
	 * bytes into it.
	 */
	int lists;
	uint32_t nsent;
	uint32_t *first, *item_off;
	int stop;		/* stop sending after the first error */
	int failed;		/* a request failed: fields below */
	uint32_t fail_idx;	/* lowest failing queued message */
	int fail_err;		/* its negative errno */
	char fail_msg[256];	/* its extended ACK text, or strerror */
};

void lbadm_batch_init(struct lbadm_batch *b, struct lbadm_nl *nl, int stop);
void lbadm_batch_free(struct lbadm_batch *b);

/* Queues a copy of m (m stays the caller's). Returns 0 or -1 (memory). */
int lbadm_batch_put(struct lbadm_batch *b, struct nl_msg *m, int tag);

/*
 * Turns runs of NEW_DEST for one service into LBVS_ATTR_DEST_LIST requests
 * (see lists above); lbadm_batch_run() does it when b->lists. Returns 0 or
 * -1 (memory).
 */
int lbadm_batch_lists(struct lbadm_batch *b);

/*
 * Sends what is queued and waits until the kernel processed it. Returns 0
 * if every request succeeded; -1 if one failed (b->failed set, the first
 * failure in fail_*) or the transport failed (e says why, b->failed unset).
 */
int lbadm_batch_run(struct lbadm_batch *b, struct lbadm_err *e);

#endif /* LBADM_BATCH_H */
