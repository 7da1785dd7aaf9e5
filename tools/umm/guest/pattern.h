/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/umm/guest/pattern.h - lib/fill_pattern.c and lib/random32.c,
 * as the agent's libc side calls them
 *
 * Those two files are built against umm's include/ (see the Makefile);
 * this header gives their functions in the C library's types, which
 * have the same sizes (u32 = uint32_t, u64 = uint64_t on x86-64).  The
 * test tools/testing/umm/test_guest_pattern.c checks that both builds
 * write the same bytes.
 */
#ifndef UMM_AGENT_PATTERN_H
#define UMM_AGENT_PATTERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rnd_state {
	uint32_t s1, s2, s3, s4;
};

uint32_t prandom_u32_state(struct rnd_state *state);
void prandom_seed_state(struct rnd_state *state, uint64_t seed);

/* A value in [0, n), as <linux/random.h>'s prandom_u32_state_max(). */
static inline uint32_t prandom_below(struct rnd_state *state, uint32_t n)
{
	return (uint32_t)(((uint64_t)prandom_u32_state(state) * n) >> 32);
}

void fill_pattern_page(void *page, uint32_t owner, uint64_t vaddr,
		       uint32_t gen, unsigned int ratio, uint64_t seed);
bool fill_pattern_valid(const void *page, uint32_t owner, uint64_t vaddr);

#endif /* UMM_AGENT_PATTERN_H */
