/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For the plain-C files (schedulers, state tables, port allocation, TCP
 * options) that build both into the module and into the userspace unit
 * tests: the kernel's fixed-width type names, from the compiler in userspace.
 */
#ifndef _LBVS_PURE_H
#define _LBVS_PURE_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
typedef __UINT8_TYPE__ u8;
typedef __UINT16_TYPE__ u16;
typedef __UINT32_TYPE__ u32;
typedef __UINT64_TYPE__ u64;
#define __flatten __attribute__((flatten))
#endif

/* Big-endian fields at any offset of a wire message, byte by byte. */
static inline void lbvs_put_be16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static inline void lbvs_put_be32(u8 *p, u32 v)
{
	lbvs_put_be16(p, v >> 16);
	lbvs_put_be16(p + 2, v & 0xffff);
}

static inline u16 lbvs_get_be16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static inline u32 lbvs_get_be32(const u8 *p)
{
	return (u32)lbvs_get_be16(p) << 16 | lbvs_get_be16(p + 2);
}

#endif /* _LBVS_PURE_H */
