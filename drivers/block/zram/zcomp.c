// SPDX-License-Identifier: GPL-2.0
/*
 * drivers/block/zram/zcomp.c - compression streams for zram
 *
 * 4.8's zcomp: an algorithm chosen by name, and one stream per CPU, so
 * that CPUs compress in parallel without sharing anything.  The codecs
 * are the host's (host_ops.codec_*: liblzo2, liblz4, libzstd) where 4.8
 * goes through the crypto API.
 *
 * Streams are per CPU (alloc_percpu), so a stream needs no lock:
 * zcomp_stream_get() is 4.8's get_cpu_ptr(), and the caller keeps its CPU,
 * without sleeping, until zcomp_stream_put().  4.8 allocates the streams
 * of the online CPUs at creation; here a CPU's stream is allocated the
 * first time that CPU asks for it (of the 64 CPUs of the default boot,
 * few ever compress), and all are freed with the zcomp.  The stream's
 * buffer is an order-1 page allocation, as in 4.8: it is unmovable
 * kernel memory.
 */
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/host_ops.h>

#include "zcomp.h"

static const char * const backends[] = {
	"lzo",
	"lz4",
	"zstd",
};

#define ZCOMP_BUFFER_ORDER	1

static void zcomp_strm_free(struct zcomp_strm *zstrm)
{
	if (!zstrm)
		return;
	if (zstrm->ctx)
		host_ops.codec_destroy(zstrm->ctx);
	if (zstrm->buffer)
		free_pages((unsigned long)zstrm->buffer, ZCOMP_BUFFER_ORDER);
	kfree(zstrm);
}

/*
 * May be called on the write path of swap, hence GFP_NOIO: reclaim from
 * here must not write to the device being written.
 */
static struct zcomp_strm *zcomp_strm_alloc(struct zcomp *comp)
{
	struct zcomp_strm *zstrm;

	zstrm = kzalloc(sizeof(*zstrm), GFP_NOIO | __GFP_NOWARN);
	if (!zstrm)
		return NULL;
	zstrm->ctx = host_ops.codec_create(comp->name);
	zstrm->buffer = (void *)__get_free_pages(GFP_NOIO | __GFP_NOWARN |
						 __GFP_ZERO,
						 ZCOMP_BUFFER_ORDER);
	if (!zstrm->ctx || !zstrm->buffer) {
		zcomp_strm_free(zstrm);
		return NULL;
	}
	return zstrm;
}

/**
 * zcomp_available_algorithm - is an algorithm supported?
 * @comp: its name
 *
 * Return: true if zcomp_create() knows @comp.
 */
bool zcomp_available_algorithm(const char *comp)
{
	return match_string(backends, ARRAY_SIZE(backends), comp) >= 0;
}

/**
 * zcomp_available_show - list the algorithms, the current one bracketed
 * @comp: the current algorithm
 * @buf: a page to print into
 *
 * The format of /sys/block/zram0/comp_algorithm: every name followed by
 * a space, the current one in brackets, then a newline.
 *
 * Return: the length of the text.
 */
ssize_t zcomp_available_show(const char *comp, char *buf)
{
	ssize_t sz = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(backends); i++) {
		bool cur = !strcmp(comp, backends[i]);

		sz += scnprintf(buf + sz, PAGE_SIZE - sz, "%s%s%s ",
				cur ? "[" : "", backends[i], cur ? "]" : "");
	}
	sz += scnprintf(buf + sz, PAGE_SIZE - sz, "\n");
	return sz;
}

/**
 * zcomp_stream_get - the current CPU's compression stream
 * @comp: the zcomp
 *
 * The stream is the caller's until zcomp_stream_put(), and the caller
 * keeps its CPU meanwhile (get_cpu_ptr()): it must not sleep.  Allocated
 * on the CPU's first use.
 *
 * Return: the stream, or ERR_PTR(-ENOMEM) if it could not be allocated,
 * ERR_PTR(-EBUSY) if this CPU's stream is held already.
 */
struct zcomp_strm *zcomp_stream_get(struct zcomp *comp)
{
	struct zcomp_strm **slot, *zstrm = NULL;

	/*
	 * The allocation may sleep, and the task come back on another CPU:
	 * allocate first, then hold the CPU and use its stream, whichever
	 * CPU that is.
	 */
	for (;;) {
		slot = get_cpu_ptr(comp->stream);
		if (likely(*slot) || zstrm)
			break;
		put_cpu_ptr(comp->stream);
		zstrm = zcomp_strm_alloc(comp);
		if (!zstrm)
			return ERR_PTR(-ENOMEM);
	}
	if (unlikely(!*slot)) {
		*slot = zstrm;
		zstrm = NULL;
	}
	/* Another task gave this CPU its stream meanwhile (does not sleep). */
	zcomp_strm_free(zstrm);
	/*
	 * Nothing can take this CPU's stream from under its holder on a
	 * kernel CPU.  Here, umm.deterministic=1 runs a kernel thread's
	 * work inline where it is woken: were that to write to zram while
	 * the stream is held, it would wipe the holder's data.  Refuse.
	 */
	if (WARN_ON_ONCE((*slot)->busy)) {
		put_cpu_ptr(comp->stream);
		return ERR_PTR(-EBUSY);
	}
	(*slot)->busy = true;
	return *slot;
}

/**
 * zcomp_stream_put - done with the stream from zcomp_stream_get()
 * @comp: the zcomp
 */
void zcomp_stream_put(struct zcomp *comp)
{
	struct zcomp_strm *zstrm = *this_cpu_ptr(comp->stream);

	zstrm->busy = false;
	put_cpu_ptr(comp->stream);
}

/**
 * zcomp_compress - compress a page into the stream's buffer
 * @zstrm: the stream
 * @src: the page's contents
 * @dst_len: set to the compressed length
 *
 * Return: 0, or -EINVAL if the codec failed.
 */
int zcomp_compress(struct zcomp_strm *zstrm, const void *src,
		   unsigned int *dst_len)
{
	long ret;

	ret = host_ops.codec_compress(zstrm->ctx, src, PAGE_SIZE,
				      zstrm->buffer,
				      PAGE_SIZE << ZCOMP_BUFFER_ORDER);
	if (ret < 0)
		return -EINVAL;
	*dst_len = ret;
	return 0;
}

/**
 * zcomp_decompress - expand compressed data into a page
 * @zstrm: the stream
 * @src: the compressed data
 * @src_len: its length
 * @dst: the page to fill
 *
 * Return: 0, or -EINVAL if the data is corrupt (then @dst holds garbage
 * but nothing beyond it was touched).
 */
int zcomp_decompress(struct zcomp_strm *zstrm, const void *src,
		     unsigned int src_len, void *dst)
{
	return host_ops.codec_decompress(zstrm->ctx, src, src_len, dst,
					 PAGE_SIZE);
}

/**
 * zcomp_create - set up an algorithm's streams
 * @compress: the algorithm's name
 *
 * Return: the zcomp, or ERR_PTR(-EINVAL) for an unknown algorithm,
 * ERR_PTR(-ENOMEM).
 */
struct zcomp *zcomp_create(const char *compress)
{
	struct zcomp *comp;
	int i;

	i = match_string(backends, ARRAY_SIZE(backends), compress);
	if (i < 0)
		return ERR_PTR(-EINVAL);
	comp = kzalloc(sizeof(*comp), GFP_KERNEL);
	if (!comp)
		return ERR_PTR(-ENOMEM);
	comp->name = backends[i];
	comp->stream = alloc_percpu(struct zcomp_strm *);
	if (!comp->stream) {
		kfree(comp);
		return ERR_PTR(-ENOMEM);
	}
	return comp;
}

/**
 * zcomp_destroy - free a zcomp and all its streams
 * @comp: the zcomp; no stream may be in use
 */
void zcomp_destroy(struct zcomp *comp)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		zcomp_strm_free(*per_cpu_ptr(comp->stream, cpu));
	free_percpu(comp->stream);
	kfree(comp);
}
