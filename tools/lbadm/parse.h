/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure parsers for command-line values: numbers, addresses, services,
 * schedulers, masks. No netlink and no name resolution here, so every
 * function is unit-testable; each fills a one-line message naming the bad
 * value on error and returns -1.
 */
#ifndef LBADM_PARSE_H
#define LBADM_PARSE_H

#include "lbadm.h"

/* Decimal, leading zeros allowed, no sign. what names the value in errors. */
/*
 * A key from file path: len bytes in base64 (as `wg genkey` writes one),
 * blanks around it allowed. 0, or -1 with e naming the file.
 */
int lbadm_read_key(const char *path, uint8_t *key, size_t len, struct lbadm_err *e);
int lbadm_parse_u32(const char *what, const char *s, uint32_t min,
		    uint32_t max, uint32_t *out, struct lbadm_err *e);

/* A bare numeric address: 192.0.2.1 or 2001:db8::1 (no brackets). */
int lbadm_parse_addr(const char *s, struct lbadm_addr *a, struct lbadm_err *e);

/*
 * host[:port]: 192.0.2.1, 192.0.2.1:80, [2001:db8::1], [2001:db8::1]:80.
 * *has_port tells whether a port was given (port 0 is a valid port).
 */
int lbadm_parse_addrport(const char *s, struct lbadm_addr *a, uint16_t *port,
			 int *has_port, struct lbadm_err *e);

/*
 * An address without port: 192.0.2.1, [2001:db8::1] or 2001:db8::1 (no
 * port, so no ambiguity). With a port: "WHAT \"192.0.2.1:80\" has a port".
 */
int lbadm_parse_host(const char *what, const char *s, struct lbadm_addr *a,
		     struct lbadm_err *e);

/* 1..4294967295, decimal or 0x hex. */
int lbadm_parse_fwmark(const char *s, uint32_t *mark, struct lbadm_err *e);

/* A scheduler name this tool knows; copied into out (LBVS_SCHED_NAME_MAX). */
int lbadm_parse_sched(const char *s, char *out, struct lbadm_err *e);
/* The known names, space separated, for help and errors. */
extern const char *const lbadm_sched_names[];

/*
 * The scheduler flags of -b, ipvsadm's names: sched NULL for any
 * scheduler, else only with that one (sh-port with -s sh). The table
 * both parses and prints them.
 */
struct lbadm_sched_flag {
	const char *name;
	const char *sched;
	uint32_t bit;	/* LBVS_SVC_F_SCHED* */
};

extern const struct lbadm_sched_flag lbadm_sched_flags[];

/* "sh-fallback,sh-port" for scheduler sched: *flags ORed with the bits. */
/* IPVS's tunnel type names, by enum lbvs_tun_type. */
extern const char *const lbadm_tun_types[LBVS_TUN_MAX + 1];

/* --tun-nocsum etc., by LBVS_TUN_F_* value (0 .. 2), as ipvsadm. */
struct lbadm_tun_csum {
	const char *opt;	/* -S: "--tun-csum" */
	const char *info;	/* -L --tun-info: "+c" */
};

extern const struct lbadm_tun_csum lbadm_tun_csums[LBVS_TUN_F_ALL];

int lbadm_parse_tun_type(const char *s, uint8_t *type, struct lbadm_err *e);

int lbadm_parse_sched_flags(const char *s, const char *sched, uint32_t *flags,
			    struct lbadm_err *e);

/*
 * Persistence granularity for a service of family af: a dotted IPv4 mask
 * with contiguous ones (255.255.255.0) or a prefix length (24, /24).
 */
int lbadm_parse_netmask(const char *s, int af, uint8_t *prefix,
			struct lbadm_err *e);

#endif /* LBADM_PARSE_H */
