// SPDX-License-Identifier: GPL-2.0
/*
 * arch/user/os/codec_user.c - the host side of the compression codecs
 *
 * zram compresses pages through the kernel's crypto API in 4.8; umm has
 * no crypto API, so the codecs are host libraries behind four host
 * operations (codec_create, codec_destroy, codec_compress and
 * codec_decompress): liblzo2's LZO1X-1, liblz4 and libzstd.  A context
 * holds the codec's working memory and is used by one thread at a time
 * (zram keeps one per CPU, and a CPU is a thread here).
 *
 * Decompression is the safe kind in every codec: whatever the input, it
 * reads no further than its end and writes no further than the output's,
 * and anything but exactly the expected length counts as corrupt data.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <lz4.h>
#include <lzo/lzo1x.h>
#include <zstd.h>

#include <asm/host_ops.h>

#include "codec_user.h"

/* What the kernel's crypto zstd uses (ZSTD_DEF_LEVEL). */
#define CODEC_ZSTD_LEVEL	3

struct codec_ctx;

struct codec {
	const char *name;
	int (*init)(struct codec_ctx *ctx);
	void (*fini)(struct codec_ctx *ctx);
	long (*compress)(struct codec_ctx *ctx, const void *src, size_t src_len,
			 void *dst, size_t dst_len);
	int (*decompress)(struct codec_ctx *ctx, const void *src,
			  size_t src_len, void *dst, size_t dst_len);
};

struct codec_ctx {
	struct codec_ctx *prev, *next;	/* on live_ctxs */
	const struct codec *codec;
	void *work;		/* lzo: dictionary; lz4: stream state */
	void *bounce;		/* lzo: output that may not fit dst */
	size_t bounce_len;
	ZSTD_CCtx *cctx;
	ZSTD_DCtx *dctx;
};

/* ---- lzo ---------------------------------------------------------------- */

static pthread_once_t lzo_once = PTHREAD_ONCE_INIT;
static int lzo_status;

static void lzo_global_init(void)
{
	lzo_status = lzo_init();
}

static int lzo_ctx_init(struct codec_ctx *ctx)
{
	pthread_once(&lzo_once, lzo_global_init);
	if (lzo_status != LZO_E_OK)
		return -EINVAL;
	ctx->work = malloc(LZO1X_1_MEM_COMPRESS);
	return ctx->work ? 0 : -ENOMEM;
}

static void lzo_ctx_fini(struct codec_ctx *ctx)
{
	free(ctx->work);
	free(ctx->bounce);
}

/* LZO1X's documented worst case: it has no output bound of its own. */
static size_t lzo_worst(size_t len)
{
	return len + len / 16 + 64 + 3;
}

static long lzo_compress(struct codec_ctx *ctx, const void *src,
			 size_t src_len, void *dst, size_t dst_len)
{
	size_t worst = lzo_worst(src_len);
	lzo_uint out_len;
	void *out = dst;

	if (dst_len < worst) {
		if (ctx->bounce_len < worst) {
			void *b = realloc(ctx->bounce, worst);

			if (!b)
				return -ENOMEM;
			ctx->bounce = b;
			ctx->bounce_len = worst;
		}
		out = ctx->bounce;
	}
	out_len = worst;
	if (lzo1x_1_compress(src, src_len, out, &out_len, ctx->work) != LZO_E_OK)
		return -EINVAL;
	if (out_len > dst_len)
		return -ENOSPC;
	if (out != dst)
		memcpy(dst, out, out_len);
	return out_len;
}

static int lzo_decompress(struct codec_ctx *ctx, const void *src,
			  size_t src_len, void *dst, size_t dst_len)
{
	lzo_uint out_len = dst_len;
	int ret;

	ret = lzo1x_decompress_safe(src, src_len, dst, &out_len, NULL);
	return ret == LZO_E_OK && out_len == dst_len ? 0 : -EINVAL;
}

/* ---- lz4 ---------------------------------------------------------------- */

static int lz4_ctx_init(struct codec_ctx *ctx)
{
	ctx->work = malloc(LZ4_sizeofState());
	return ctx->work ? 0 : -ENOMEM;
}

static void lz4_ctx_fini(struct codec_ctx *ctx)
{
	free(ctx->work);
}

static long lz4_compress(struct codec_ctx *ctx, const void *src,
			 size_t src_len, void *dst, size_t dst_len)
{
	int ret;

	if (src_len > LZ4_MAX_INPUT_SIZE)
		return -EINVAL;
	if (dst_len > LZ4_MAX_INPUT_SIZE)
		dst_len = LZ4_MAX_INPUT_SIZE;
	ret = LZ4_compress_fast_extState(ctx->work, src, dst, src_len,
					 dst_len, 1);
	return ret > 0 ? ret : -ENOSPC;
}

static int lz4_decompress(struct codec_ctx *ctx, const void *src,
			  size_t src_len, void *dst, size_t dst_len)
{
	int ret;

	if (src_len > LZ4_MAX_INPUT_SIZE || dst_len > LZ4_MAX_INPUT_SIZE)
		return -EINVAL;
	ret = LZ4_decompress_safe(src, dst, src_len, dst_len);
	return ret >= 0 && (size_t)ret == dst_len ? 0 : -EINVAL;
}

/* ---- zstd --------------------------------------------------------------- */

static int zstd_ctx_init(struct codec_ctx *ctx)
{
	ctx->cctx = ZSTD_createCCtx();
	ctx->dctx = ZSTD_createDCtx();
	return ctx->cctx && ctx->dctx ? 0 : -ENOMEM;
}

static void zstd_ctx_fini(struct codec_ctx *ctx)
{
	ZSTD_freeCCtx(ctx->cctx);
	ZSTD_freeDCtx(ctx->dctx);
}

static long zstd_compress(struct codec_ctx *ctx, const void *src,
			  size_t src_len, void *dst, size_t dst_len)
{
	size_t ret;

	/* The context is reused: its tables are allocated once. */
	ret = ZSTD_compressCCtx(ctx->cctx, dst, dst_len, src, src_len,
				CODEC_ZSTD_LEVEL);
	if (ZSTD_isError(ret))
		return dst_len < ZSTD_compressBound(src_len) ? -ENOSPC : -EINVAL;
	return ret;
}

static int zstd_decompress(struct codec_ctx *ctx, const void *src,
			   size_t src_len, void *dst, size_t dst_len)
{
	size_t ret = ZSTD_decompressDCtx(ctx->dctx, dst, dst_len, src, src_len);

	return !ZSTD_isError(ret) && ret == dst_len ? 0 : -EINVAL;
}

static const struct codec codecs[] = {
	{ "lzo", lzo_ctx_init, lzo_ctx_fini, lzo_compress, lzo_decompress },
	{ "lz4", lz4_ctx_init, lz4_ctx_fini, lz4_compress, lz4_decompress },
	{ "zstd", zstd_ctx_init, zstd_ctx_fini, zstd_compress, zstd_decompress },
	{ NULL }
};

/* ---- host_operations ---------------------------------------------------- */

/*
 * Every live context, linked from here.  The kernel keeps its pointers to
 * them in the RAM arena, which LeakSanitizer does not scan: without this
 * list a device still set up when the process exits (zram with swap on)
 * would be reported as leaking its streams.
 */
static struct codec_ctx *live_ctxs;
static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;

void *host_codec_create(const char *name)
{
	const struct codec *codec;
	struct codec_ctx *ctx;

	for (codec = codecs; codec->name; codec++)
		if (!strcmp(codec->name, name))
			break;
	if (!codec->name)
		return NULL;
	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return NULL;
	ctx->codec = codec;
	if (codec->init(ctx)) {
		codec->fini(ctx);
		free(ctx);
		return NULL;
	}
	pthread_mutex_lock(&live_lock);
	ctx->next = live_ctxs;
	if (live_ctxs)
		live_ctxs->prev = ctx;
	live_ctxs = ctx;
	pthread_mutex_unlock(&live_lock);
	return ctx;
}

void host_codec_destroy(void *p)
{
	struct codec_ctx *ctx = p;

	if (!ctx)
		return;
	pthread_mutex_lock(&live_lock);
	if (ctx->prev)
		ctx->prev->next = ctx->next;
	else
		live_ctxs = ctx->next;
	if (ctx->next)
		ctx->next->prev = ctx->prev;
	pthread_mutex_unlock(&live_lock);
	ctx->codec->fini(ctx);
	free(ctx);
}

long host_codec_compress(void *p, const void *src, size_t src_len,
			 void *dst, size_t dst_len)
{
	struct codec_ctx *ctx = p;

	return ctx->codec->compress(ctx, src, src_len, dst, dst_len);
}

int host_codec_decompress(void *p, const void *src, size_t src_len,
			  void *dst, size_t dst_len)
{
	struct codec_ctx *ctx = p;

	return ctx->codec->decompress(ctx, src, src_len, dst, dst_len);
}
