/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generic Netlink transport for family "LBVS" (libnl-genl-3): resolve the
 * family, send one request, collect replies, turn errors into one line
 * (the kernel's extended-ACK message if it sent one, else strerror).
 */
#ifndef LBADM_NL_H
#define LBADM_NL_H

#include <netlink/msg.h>
#include "lbadm.h"

struct lbadm_nl {
	struct nl_sock *sk;
	int family;
	uint32_t seq;		/* last sequence number used */
	int all_dests;		/* -1: kernel lacks the all-servers dump */
	int no_stats;		/* -1: kernel lacks LBVS_ATTR_NO_STATS */
};

/* Fills e and returns -1 if the socket fails or the family is missing. */
int lbadm_nl_open(struct lbadm_nl *nl, struct lbadm_err *e);
void lbadm_nl_close(struct lbadm_nl *nl);

/* A request with its generic header; dump sets NLM_F_DUMP. */
struct nl_msg *lbadm_nl_msg(struct lbadm_nl *nl, int cmd, int dump);
/* Empties m and starts it again as lbadm_nl_msg() would: 0 or -1. */
int lbadm_nl_msg_reuse(struct lbadm_nl *nl, struct nl_msg *m, int cmd,
		       int dump);

/*
 * Sends m (consumed) and calls cb once per reply message until the ACK or
 * end of dump. Returns 0, or a negative errno with the reason in e;
 * -EAGAIN: a dump was interrupted by a change (NLM_F_DUMP_INTR), retry.
 */
typedef int (*lbadm_nl_cb)(struct nlmsghdr *h, void *arg);
int lbadm_nl_exec(struct lbadm_nl *nl, struct nl_msg *m, lbadm_nl_cb cb,
		  void *arg, struct lbadm_err *e);

/* The extended-ACK text of an NLMSG_ERROR message into buf, if it has one. */
void lbadm_nl_ack_msg(const struct nlmsghdr *nlh, char *buf, size_t len);
/* The extended ACK's offset of the bad attribute into the request. */
int lbadm_nl_ack_offset(const struct nlmsghdr *nlh, uint32_t *off);

#endif /* LBADM_NL_H */
