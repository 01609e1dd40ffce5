/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Formatters for listings: the text ipvsadm prints for numbers, masks and
 * addresses, written at a buffer. The counterpart of parse.h.
 */
#ifndef LBADM_FMT_H
#define LBADM_FMT_H

#include "lbadm.h"

/* Dotted form of an IPv4 prefix length, for output. */
void lbadm_prefix_to_mask4(uint8_t prefix, char *buf, size_t len);

/* v in decimal at buf, no NUL (at most 10 bytes); returns the length. */
size_t lbadm_fmt_u32(char *buf, uint32_t v);
/* The same for 64 bits (at most 20 bytes). */
size_t lbadm_fmt_u64(char *buf, uint64_t v);

/* Room for the text of lbadm_addrport_text(): "[" IPv6 "]:" port. */
#define LBADM_ADDRPORT_LEN	(INET6_ADDRSTRLEN + 8)

/*
 * An address as inet_ntop() (glibc's) writes it, IPv6 in brackets if
 * bracket is set, and with ":port": at buf, without NUL (buf holds
 * LBADM_ADDRPORT_LEN); return the length. Any family but AF_INET6 is IPv4.
 */
size_t lbadm_addr_text(char *buf, const struct lbadm_addr *a, int bracket);
size_t lbadm_addrport_text(char *buf, const struct lbadm_addr *a,
			   uint16_t port);

/*
 * The same as strings in buf of len bytes, cut as snprintf() cuts. An IPv4
 * address in less than INET_ADDRSTRLEN bytes is left to inet_ntop(), which
 * leaves buf as it was.
 */
void lbadm_fmt_addr(const struct lbadm_addr *a, int bracket, char *buf,
		    size_t len);
void lbadm_fmt_addrport(const struct lbadm_addr *a, uint16_t port, char *buf,
			size_t len);

/* Room for lbadm_fmt_sched_flags()'s text. */
#define LBADM_SCHED_FLAGS_LEN	40

/*
 * ipvsadm's names of the scheduler flags in flags, as scheduler sched
 * reads them, in bit order, at names[] (room for 3); their count.
 */
size_t lbadm_sched_flag_names(const char *sched, uint32_t flags,
			      const char *names[3]);

/*
 * ipvsadm's names of the scheduler flags in flags, as scheduler sched
 * reads them ("sh-fallback,sh-port"; "flag-1" for an rr service): at buf,
 * NUL-terminated, empty if none. buf holds LBADM_SCHED_FLAGS_LEN.
 */
void lbadm_fmt_sched_flags(char *buf, const char *sched, uint32_t flags);

/* A sync daemon state's name (LBVS_SYNC_STATE_* bits), NULL if neither. */
const char *lbadm_sync_state_name(uint32_t state);
/* A backup's LBVS_RESYNC_*: "pending" ... "none"; NULL: none known. */
const char *lbadm_resync_state_name(uint32_t state);
/* A tunnel type's name (lbadm_tun_types), "?" if unknown. */
const char *lbadm_tun_type_name(uint8_t type);

struct lbadm_tun_csum;	/* parse.h */

/* The names of LBVS_TUN_F_* flags (lbadm_tun_csums), "?" if unknown. */
const struct lbadm_tun_csum *lbadm_tun_csum_of(uint16_t flags);

#endif /* LBADM_FMT_H */
