// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_guest_pattern.c - the guest agent fills pages
 * as umm does
 *
 * './umm compare' runs one script in umm and in Linux; its fill must
 * write the same bytes in both, or zram's figures compare different
 * data.  The guest agent (tools/umm/guest/) builds lib/fill_pattern.c
 * and lib/random32.c its own way (libc program, compat/ headers); the
 * test build links that build too, its symbols renamed guest_* (see
 * tools/testing/Makefile), and checks it against umm's kernel side:
 * equal pages for every ratio, each side accepting the other's pages
 * and refusing a corrupted one.  One page is pinned to a checksum, so
 * the data of a given seed cannot change unnoticed.
 *
 * Random cases come from UMM_SEED (printed at start).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "umm_timeout.h"

#include <linux/kernel.h>
#include <linux/fill_pattern.h>
#include <linux/random.h>
#include <linux/workload.h>

/* The agent's build, renamed. */
void guest_fill_pattern_page(void *page, u32 owner, u64 vaddr, u32 gen,
			     unsigned int ratio, u64 seed);
bool guest_fill_pattern_valid(const void *page, u32 owner, u64 vaddr);

static u64 seed = 20160726;

static void __attribute__((constructor)) read_seed(void)
{
	const char *env = getenv("UMM_SEED");

	if (env)
		seed = strtoull(env, NULL, 0);
	printf("# seed %llu (UMM_SEED=N to replay)\n", (unsigned long long)seed);
}

/*
 * fnv1a() of the page guest_pattern_pinned fills, since the random part
 * became counter based (December 2026): a change of the data must be
 * deliberate, as cached Linux runs and compression figures follow it.
 */
#define PINNED_FNV	0x0d84c33bdbf151ddULL

static u8 umm_page[FILL_PATTERN_SIZE], guest_page[FILL_PATTERN_SIZE];

/* FNV-1a over a page: a fingerprint that fits in a test. */
static u64 fnv1a(const void *buf, size_t len)
{
	const u8 *p = buf;
	u64 h = 0xcbf29ce484222325ULL;

	while (len--)
		h = (h ^ *p++) * 0x100000001b3ULL;
	return h;
}

TEST(guest_pattern_same_bytes)
{
	static const unsigned int ratios[] = { 0, 1, 3, 250, 500, 600, 999, 1000 };
	struct rnd_state rnd;
	unsigned int i, r;

	prandom_seed_state(&rnd, seed);
	for (i = 0; i < 64; i++) {
		for (r = 0; r < ARRAY_SIZE(ratios); r++) {
			u32 owner = prandom_u32_state(&rnd) | 1;
			u64 vaddr = (u64)prandom_u32_state(&rnd) << 12;
			u32 gen = prandom_u32_state(&rnd) & 0xff;
			u64 s = ((u64)prandom_u32_state(&rnd) << 32) | i;

			workload_fill_page(umm_page, owner, vaddr, gen,
					   ratios[r], s);
			guest_fill_pattern_page(guest_page, owner, vaddr, gen,
						ratios[r], s);
			ASSERT_EQ(0, memcmp(umm_page, guest_page,
					    FILL_PATTERN_SIZE)) {
				TH_LOG("ratio %u owner %#x vaddr %#llx gen %u",
				       ratios[r], owner,
				       (unsigned long long)vaddr, gen);
			}
		}
	}
}

TEST(guest_pattern_checks_each_other)
{
	const u32 owner = 0x1234567;
	const u64 vaddr = 0x10a00000;

	guest_fill_pattern_page(guest_page, owner, vaddr, 2, 600, seed);
	EXPECT_TRUE(workload_page_valid(guest_page, owner, vaddr));
	EXPECT_FALSE(workload_page_valid(guest_page, owner, vaddr + 4096));
	EXPECT_FALSE(workload_page_valid(guest_page, owner + 2, vaddr));

	workload_fill_page(umm_page, owner, vaddr, 3, 600, seed);
	EXPECT_TRUE(guest_fill_pattern_valid(umm_page, owner, vaddr));
	/* One byte of the random part, then one of the repeated word. */
	umm_page[4000] ^= 1;
	EXPECT_FALSE(guest_fill_pattern_valid(umm_page, owner, vaddr));
	EXPECT_FALSE(workload_page_valid(umm_page, owner, vaddr));
	umm_page[4000] ^= 1;
	umm_page[100] ^= 0x80;
	EXPECT_FALSE(guest_fill_pattern_valid(umm_page, owner, vaddr));
	EXPECT_FALSE(workload_page_valid(umm_page, owner, vaddr));
}

/* The data of one fill, as umm wrote it before the generator moved. */
TEST(guest_pattern_pinned)
{
	workload_fill_page(umm_page, 0x9e3779b9, 0x10000000, 1, 600, 7);
	EXPECT_EQ(PINNED_FNV, fnv1a(umm_page, FILL_PATTERN_SIZE));
	guest_fill_pattern_page(guest_page, 0x9e3779b9, 0x10000000, 1, 600, 7);
	EXPECT_EQ(PINNED_FNV, fnv1a(guest_page, FILL_PATTERN_SIZE));
}

TEST_HARNESS_MAIN
