/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The options of the handshakes the SYN proxy takes part in, as plain C
 * (module and unit tests): read what a client's SYN (or ACK) offers, and
 * write the option list of the SYN-ACK the director answers with and of
 * the SYN it replays to the real server.
 *
 * Reading follows the kernel's tcp_parse_options(): the list walk of
 * tcpopt.h; an option of the wrong length is ignored; a window shift
 * above 14 counts as 14 (RFC 7323, 2.3). Writing follows tcp_options_write()
 * (so a server sees the layout Linux clients send): MSS; SACK-permitted
 * with the timestamps, or NOP NOP before them; NOP and the window scale;
 * NOP NOP SACK-permitted if there are no timestamps. At most
 * LBVS_SYNOPT_MAX bytes, a multiple of 4.
 */
#ifndef _LBVS_SYNOPT_H
#define _LBVS_SYNOPT_H

#include "pure.h"
#include "syncookie.h"

#define LBVS_SYNOPT_MAX		20
#define LBVS_TCP_MAX_WSCALE	14

/*
 * The options of list opts (len bytes) into o; what is absent is off
 * (mss: 0). False if the list is malformed (o then holds what came before).
 */
bool lbvs_synopt_parse(const u8 *opts, unsigned int len, struct lbvs_syn_opts *o);
/* The option list for o into buf (LBVS_SYNOPT_MAX bytes); its length. */
unsigned int lbvs_synopt_put(u8 *buf, const struct lbvs_syn_opts *o);
/* A later segment's options: the timestamps alone (12 bytes). */
unsigned int lbvs_synopt_put_ts(u8 *buf, u32 tsval, u32 tsecr);

#endif /* _LBVS_SYNOPT_H */
