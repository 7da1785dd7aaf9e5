/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: prandom, the kernel's fast non-cryptographic generator. */
#ifndef _LINUX_RANDOM_H
#define _LINUX_RANDOM_H

#include <linux/types.h>

struct rnd_state {
	u32 s1, s2, s3, s4;
};

/* lib/random32.c */
u32 prandom_u32_state(struct rnd_state *state);
void prandom_seed_state(struct rnd_state *state, u64 seed);
void prandom_bytes_state(struct rnd_state *state, void *buf, size_t nbytes);

/* The per-cpu generator, seeded from umm.seed= at boot. */
u32 prandom_u32(void);
void prandom_reseed(u64 seed);

/* A value in [0, ep_ro). */
static inline u32 prandom_u32_max(u32 ep_ro)
{
	return (u32)(((u64)prandom_u32() * ep_ro) >> 32);
}

static inline u32 prandom_u32_state_max(struct rnd_state *state, u32 ep_ro)
{
	return (u32)(((u64)prandom_u32_state(state) * ep_ro) >> 32);
}

#endif
