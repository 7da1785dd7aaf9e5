// SPDX-License-Identifier: GPL-2.0
/*
 * lib/fill_pattern.c - the data of filled pages, checkable without a record
 *
 * A page holds a header saying who wrote it (owner), where (vaddr, or a
 * disk offset), which time (gen), how compressible (ratio, per mille) and
 * with which seed, then a body regenerated from those: verification needs
 * nothing but the page and the place it was read from.
 *
 * The file depends on lib/random32.c and on memcpy/memcmp/memset only,
 * so the guest agent (tools/umm/guest/) compiles it unchanged: umm and
 * the real kernel then hold the same bytes for the same fill.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/random.h>
#include <linux/fill_pattern.h>

#define FILL_MAGIC	0x464d4d55	/* "UMMF" */

struct fill_header {
	u32 magic;
	u32 owner;
	u64 vaddr;
	u32 gen;
	u16 ratio;		/* compressible share, per mille */
	u16 reserved;
	u64 seed;
};

#define FILL_BODY_SIZE	(FILL_PATTERN_SIZE - sizeof(struct fill_header))

/* The body's generator, and its repeated word, from the header. */
static u32 fill_start(struct rnd_state *rnd, const struct fill_header *h)
{
	prandom_seed_state(rnd, h->seed ^ ((u64)h->owner << 32) ^ h->vaddr ^
			   ((u64)h->gen << 48));
	return prandom_u32_state(rnd) | 0x01010101;
}

/* How many bytes of the body are the repeated word. */
static size_t fill_compressible(const struct fill_header *h)
{
	return FILL_BODY_SIZE * h->ratio / 1000;
}

/**
 * fill_pattern_page - fill a page with self-describing data
 * @page: FILL_PATTERN_SIZE bytes
 * @owner: an identity stamped into the header (a task's, a disk's)
 * @vaddr: the address (or disk offset) stamped into the header
 * @gen: a generation number, so that rewritten data differs
 * @ratio: the compressible share of the body, per mille (0 to 1000)
 * @seed: the seed of the body's random part
 *
 * The body: first @ratio/1000 of it one repeated word (compresses to
 * almost nothing), the rest random bytes (do not compress at all).
 */
void fill_pattern_page(void *page, u32 owner, u64 vaddr, u32 gen,
		       unsigned int ratio, u64 seed)
{
	struct fill_header *h = page;
	u8 *body = (u8 *)(h + 1);
	struct rnd_state rnd;
	size_t comp, i;
	u32 word;

	memset(h, 0, sizeof(*h));
	h->magic = FILL_MAGIC;
	h->owner = owner;
	h->vaddr = vaddr;
	h->gen = gen;
	h->ratio = ratio;
	h->seed = seed;

	comp = fill_compressible(h);
	word = fill_start(&rnd, h);
	for (i = 0; i + 4 <= comp; i += 4)
		memcpy(body + i, &word, 4);
	for (; i < comp; i++)
		body[i] = (u8)word;
	prandom_bytes_state(&rnd, body + comp, FILL_BODY_SIZE - comp);
}

/**
 * fill_pattern_valid - does a page hold what its owner wrote there?
 * @page: the page's contents
 * @owner: the identity the header must name
 * @vaddr: the address (or disk offset) the page was read from
 *
 * Regenerates the body piecewise, without a page-sized buffer.
 *
 * Return: true if the header names this owner and address and the body
 * is what the header says it should be.
 */
bool fill_pattern_valid(const void *page, u32 owner, u64 vaddr)
{
	const struct fill_header *h = page;
	const u8 *body = (const u8 *)(h + 1);
	struct rnd_state rnd;
	u8 expect[256];
	size_t comp, i;
	u32 word;

	if (h->magic != FILL_MAGIC || h->owner != owner || h->vaddr != vaddr ||
	    h->ratio > 1000)
		return false;
	comp = fill_compressible(h);
	word = fill_start(&rnd, h);
	for (i = 0; i + 4 <= comp; i += 4)
		if (memcmp(body + i, &word, 4))
			return false;
	for (; i < comp; i++)
		if (body[i] != (u8)word)
			return false;
	while (i < FILL_BODY_SIZE) {
		size_t n = min_t(size_t, sizeof(expect), FILL_BODY_SIZE - i);

		prandom_bytes_state(&rnd, expect, n);
		if (memcmp(body + i, expect, n))
			return false;
		i += n;
	}
	return true;
}
