/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LBVS_VERSION_H
#define _LBVS_VERSION_H

#define LBVS_VERSION		"0.1.0"
#define LBVS_VERSION_CODE	((0 << 16) | (1 << 8) | 0)

#endif /* _LBVS_VERSION_H */
