/* SPDX-License-Identifier: GPL-2.0 */
/* The kernel's siphash() (linux/siphash.h) for pure files in userspace. */
#ifndef _LBVS_SIPHASH_USER_H
#define _LBVS_SIPHASH_USER_H

#include "pure.h"

typedef struct {
	u64 key[2];
} siphash_key_t;

u64 siphash(const void *data, size_t len, const siphash_key_t *key);

#endif /* _LBVS_SIPHASH_USER_H */
