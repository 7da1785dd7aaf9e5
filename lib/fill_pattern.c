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

/*
 * The random part of the body is counter based: its 64-bit word i is
 * fill_mix(key + i * FILL_GOLDEN), where the key comes from the header.
 * Each word is computed on its own (no state carried from one to the
 * next), so the compiler keeps several in flight and a page costs about
 * what writing it costs; verification can start anywhere.  The mixer is
 * the finaliser of SplitMix64 (Steele, Lea and Flood, OOPSLA 2014),
 * which turns consecutive counters into unrelated values.  taus113
 * (prandom_bytes_state) gave the same randomness at a byte a cycle:
 * half the time of a fill at any memory size.
 */
#define FILL_GOLDEN	0x9e3779b97f4a7c15ULL

static inline u64 fill_mix(u64 z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Word @i of the random part, least significant byte first in memory. */
static inline u64 fill_word(u64 key, size_t i)
{
	u64 v = fill_mix(key + (i + 1) * FILL_GOLDEN);

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

/* The body's key and its repeated word, from the header. */
static u32 fill_start(u64 *key, const struct fill_header *h)
{
	struct rnd_state rnd;

	prandom_seed_state(&rnd, h->seed ^ ((u64)h->owner << 32) ^ h->vaddr ^
			   ((u64)h->gen << 48));
	*key = ((u64)prandom_u32_state(&rnd) << 32) | prandom_u32_state(&rnd);
	return prandom_u32_state(&rnd) | 0x01010101;
}

/* Write @n random bytes at @p: bytes 8i..8i+7 are fill_word(@key, i). */
static void fill_random(u8 *p, size_t n, u64 key)
{
	size_t i, words = n / 8;
	u64 v;

	for (i = 0; i < words; i++) {
		v = fill_word(key, i);
		memcpy(p + 8 * i, &v, 8);
	}
	if (n % 8) {
		v = fill_word(key, words);
		memcpy(p + 8 * words, &v, n % 8);
	}
}

/* Are the @n bytes at @p what fill_random() wrote there? */
static bool fill_random_valid(const u8 *p, size_t n, u64 key)
{
	size_t i, words = n / 8;
	u64 v, diff = 0;

	for (i = 0; i < words; i++) {
		memcpy(&v, p + 8 * i, 8);
		diff |= v ^ fill_word(key, i);
	}
	if (n % 8) {
		u64 want = fill_word(key, words);

		v = want;
		memcpy(&v, p + 8 * words, n % 8);
		diff |= v ^ want;
	}
	return !diff;
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
	size_t comp, i;
	u64 key;
	u32 word;

	memset(h, 0, sizeof(*h));
	h->magic = FILL_MAGIC;
	h->owner = owner;
	h->vaddr = vaddr;
	h->gen = gen;
	h->ratio = ratio;
	h->seed = seed;

	comp = fill_compressible(h);
	word = fill_start(&key, h);
	for (i = 0; i + 4 <= comp; i += 4)
		memcpy(body + i, &word, 4);
	for (; i < comp; i++)
		body[i] = (u8)word;
	fill_random(body + comp, FILL_BODY_SIZE - comp, key);
}

/**
 * fill_pattern_valid - does a page hold what its owner wrote there?
 * @page: the page's contents
 * @owner: the identity the header must name
 * @vaddr: the address (or disk offset) the page was read from
 *
 * Regenerates the body as it compares, without a page-sized buffer.
 *
 * Return: true if the header names this owner and address and the body
 * is what the header says it should be.
 */
bool fill_pattern_valid(const void *page, u32 owner, u64 vaddr)
{
	const struct fill_header *h = page;
	const u8 *body = (const u8 *)(h + 1);
	size_t comp, i;
	u64 key;
	u32 word;

	if (h->magic != FILL_MAGIC || h->owner != owner || h->vaddr != vaddr ||
	    h->ratio > 1000)
		return false;
	comp = fill_compressible(h);
	word = fill_start(&key, h);
	for (i = 0; i + 4 <= comp; i += 4)
		if (memcmp(body + i, &word, 4))
			return false;
	for (; i < comp; i++)
		if (body[i] != (u8)word)
			return false;
	return fill_random_valid(body + comp, FILL_BODY_SIZE - comp, key);
}
