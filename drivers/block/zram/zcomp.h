/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: zram's compression streams (4.8 zcomp), on the host's codecs. */
#ifndef _ZCOMP_H_
#define _ZCOMP_H_

/*
 * drivers/block/zram/zcomp.h - zram's compression backends
 *
 * The 4.8 interface: a zcomp is an algorithm with one compression stream
 * per CPU; a stream holds the codec's context and a buffer for the
 * compressed data.
 */

#include <linux/types.h>
#include <linux/percpu.h>

/* The longest algorithm name (the crypto API's limit in 4.8). */
#define CRYPTO_MAX_ALG_NAME	64

struct zcomp_strm {
	/* Compressed data; two pages, as a page may compress to more. */
	void *buffer;
	void *ctx;		/* the host codec's context */
	bool busy;		/* between zcomp_stream_get() and _put() */
};

struct zcomp {
	struct zcomp_strm * __percpu *stream;
	const char *name;
};

ssize_t zcomp_available_show(const char *comp, char *buf);
bool zcomp_available_algorithm(const char *comp);

struct zcomp *zcomp_create(const char *comp);
void zcomp_destroy(struct zcomp *comp);

struct zcomp_strm *zcomp_stream_get(struct zcomp *comp);
void zcomp_stream_put(struct zcomp *comp);

int zcomp_compress(struct zcomp_strm *zstrm, const void *src,
		   unsigned int *dst_len);
int zcomp_decompress(struct zcomp_strm *zstrm, const void *src,
		     unsigned int src_len, void *dst);

#endif /* _ZCOMP_H_ */
