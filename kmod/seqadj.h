/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sequence space translation for the SYN proxy, as plain C (module and
 * unit tests). The director answered the client's SYN with the cookie as
 * its ISN and, if the client sent timestamps, a timestamp of its own; the
 * real server later picked its own ISN and clock. The client's side needs
 * no change: the director replays the client's ISN and timestamps to the
 * server. So for the rest of the flow:
 *
 * - server to client: seq and the timestamp value move into the client's
 *   view (minus the deltas); the window is rescaled from the server's
 *   shift to the one the director's SYN-ACK announced. The ACK and SACK
 *   blocks are in the client's sequence space: unchanged.
 * - client to server (with ACK set): the ACK, the SACK blocks and the
 *   echoed timestamp move into the server's space (plus the deltas).
 *
 * The header is edited in place; the caller checked the data offset and
 * leaves the checksum to the output path (tcpedit.h). Options are read as
 * tcpopt.h says; a malformed list is left alone (seq and ACK still move).
 */
#ifndef _LBVS_SEQADJ_H
#define _LBVS_SEQADJ_H

#include "pure.h"

struct lbvs_seqadj {
	u32 seq;	/* the server's ISN minus the cookie */
	u32 ts;		/* the server's first tsval minus the director's */
	u8 srv_wscale;	/* the window shift the server announced */
	u8 own_wscale;	/* the one the director's SYN-ACK announced */
};

/* A segment of the real server's, th: its TCP header of hdrlen bytes. */
void lbvs_seqadj_to_client(u8 *th, unsigned int hdrlen, const struct lbvs_seqadj *a);
/* A segment of the client's. */
void lbvs_seqadj_to_server(u8 *th, unsigned int hdrlen, const struct lbvs_seqadj *a);

/*
 * An ICMP error's quote of a segment the director sent, th: len bytes of
 * its TCP header (8 at least). to_server: a server's segment as the client
 * got it; its seq goes back into the server's space, which the server's
 * stack checks before it believes the error (a path MTU, for one).
 * Otherwise a client's segment as the server got it: its ACK, if quoted,
 * goes back into the client's.
 */
void lbvs_seqadj_quote(u8 *th, unsigned int len, const struct lbvs_seqadj *a, bool to_server);

#endif /* _LBVS_SEQADJ_H */
