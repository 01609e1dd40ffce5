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

#endif /* _LBVS_PURE_H */
