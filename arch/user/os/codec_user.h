/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: the host functions behind host_ops' codec operations. */
#ifndef _ARCH_USER_OS_CODEC_USER_H
#define _ARCH_USER_OS_CODEC_USER_H

/*
 * arch/user/os/codec_user.h - the codec operations of host_ops
 *
 * Host side only: arch/user/os/codec_user.c implements them and
 * host_user.c puts them in struct host_operations.
 */

#include <stddef.h>

void *host_codec_create(const char *name);
void host_codec_destroy(void *ctx);
long host_codec_compress(void *ctx, const void *src, size_t src_len,
			 void *dst, size_t dst_len);
int host_codec_decompress(void *ctx, const void *src, size_t src_len,
			  void *dst, size_t dst_len);

#endif /* _ARCH_USER_OS_CODEC_USER_H */
