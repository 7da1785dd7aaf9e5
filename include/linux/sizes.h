/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: size constants. */
#ifndef __LINUX_SIZES_H__
#define __LINUX_SIZES_H__

#define SZ_1K	0x00000400
#define SZ_4K	0x00001000
#define SZ_16K	0x00004000
#define SZ_64K	0x00010000
#define SZ_1M	0x00100000
#define SZ_2M	0x00200000
#define SZ_16M	0x01000000
#define SZ_64M	0x04000000
#define SZ_512M	0x20000000
#define SZ_1G	0x40000000
#define SZ_16G	0x400000000ULL

#endif
