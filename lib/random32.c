// SPDX-License-Identifier: GPL-2.0
/*
 * lib/random32.c - prandom: a fast, reproducible, non-cryptographic PRNG
 *
 * The generator is L'Ecuyer's maximally equidistributed combined
 * Tausworthe generator "taus113" (Mathematics of Computation 68 (1999),
 * 261-269; period about 2^113), which the kernel has used since 2.6:
 * four linear feedback shift registers of 32 bits, each stepped by a few
 * shifts and xors, whose outputs are xored together.
 *
 * umm uses it wherever the kernel would use prandom_u32() (workload data,
 * which pages a task frees, fault injection), and relies on it being
 * deterministic: with a fixed umm.seed= every CPU's stream is the same
 * from one run to the next.  It must never be used for anything that
 * needs to be unpredictable.
 */

#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/percpu.h>
#include <linux/random.h>
#include <linux/string.h>

/*
 * One step of a component: keep the register's bits above its degree
 * (mask), shift them up by s, and bring in the feedback ((z << q) ^ z)
 * shifted down by k - s.  The constants are L'Ecuyer's for taus113.
 */
static inline u32 taus_step(u32 z, unsigned int q, unsigned int ks,
			    u32 mask, unsigned int s)
{
	return ((z & mask) << s) ^ (((z << q) ^ z) >> ks);
}

/**
 * prandom_u32_state - the next value of a pseudo-random stream
 * @state: the generator's state, seeded with prandom_seed_state()
 *
 * The caller serialises use of @state.
 *
 * Return: 32 pseudo-random bits.
 */
u32 prandom_u32_state(struct rnd_state *state)
{
	state->s1 = taus_step(state->s1,  6, 13, 0xfffffffeU, 18);
	state->s2 = taus_step(state->s2,  2, 27, 0xfffffff8U,  2);
	state->s3 = taus_step(state->s3, 13, 21, 0xfffffff0U,  7);
	state->s4 = taus_step(state->s4,  3, 12, 0xffffff80U, 13);
	return state->s1 ^ state->s2 ^ state->s3 ^ state->s4;
}
EXPORT_SYMBOL(prandom_u32_state);

/**
 * prandom_bytes_state - fill a buffer with pseudo-random bytes
 * @state: the generator's state
 * @buf: the buffer
 * @nbytes: the number of bytes to write
 *
 * Each 32-bit value is laid out least significant byte first, whatever
 * the host's byte order, so a seed gives the same bytes everywhere; a
 * final partial word uses the low bytes of one more value.
 */
void prandom_bytes_state(struct rnd_state *state, void *buf, size_t nbytes)
{
	u8 *p = buf;
	u32 value;

	/* Whole words stored at once: a byte loop cost twice the generator. */
	for (; nbytes >= sizeof(value); nbytes -= sizeof(value)) {
		value = prandom_u32_state(state);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		value = __builtin_bswap32(value);
#endif
		memcpy(p, &value, sizeof(value));
		p += sizeof(value);
	}
	if (nbytes) {
		value = prandom_u32_state(state);
		while (nbytes--) {
			*p++ = (u8)value;
			value >>= 8;
		}
	}
}
EXPORT_SYMBOL(prandom_bytes_state);

/*
 * SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014): turns consecutive counters into well mixed
 * 64-bit values, so nearby seeds (0, 1, 2... or seed + cpu) still give
 * unrelated taus113 states.
 */
static u64 splitmix64_next(u64 *x)
{
	u64 z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/*
 * Each component ignores the low bits of its register (1, 3, 4 and 7 of
 * them, the complement of its mask): if all the other bits were zero the
 * register would stay zero for ever.  Lifting a value below min (the
 * first bit that counts) to value + min makes one of them set.
 */
static u32 taus_seed(u32 value, u32 min)
{
	return value < min ? value + min : value;
}

/**
 * prandom_seed_state - seed a prandom state
 * @state: the state to seed
 * @seed: any 64-bit value; equal seeds give equal streams
 */
void prandom_seed_state(struct rnd_state *state, u64 seed)
{
	u64 lo = splitmix64_next(&seed);
	u64 hi = splitmix64_next(&seed);

	state->s1 = taus_seed(lower_32_bits(lo),   2);
	state->s2 = taus_seed(upper_32_bits(lo),   8);
	state->s3 = taus_seed(lower_32_bits(hi),  16);
	state->s4 = taus_seed(upper_32_bits(hi), 128);
}
EXPORT_SYMBOL(prandom_seed_state);

/*
 * The per-cpu generator.  Each CPU is one task here (see <linux/smp.h>),
 * so only that task steps its state and no locking is needed.
 */
static DEFINE_PER_CPU(struct rnd_state, prandom_state);

/**
 * prandom_u32 - a pseudo-random value from this CPU's generator
 *
 * Return: 32 pseudo-random bits.
 */
u32 prandom_u32(void)
{
	return prandom_u32_state(this_cpu_ptr(&prandom_state));
}
EXPORT_SYMBOL(prandom_u32);

/**
 * prandom_reseed - seed every CPU's generator
 * @seed: the run's seed (umm.seed=)
 *
 * Each possible CPU gets its own stream, derived from @seed and its
 * number, so that a run with the same seed sees the same values on every
 * CPU.  Call once the per-cpu areas exist and before other CPUs start
 * drawing from their generators.
 */
void prandom_reseed(u64 seed)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		/* Spread CPU numbers across the seed space first. */
		u64 cpu_seed = seed ^ ((u64)cpu * 0xd1342543de82ef95ULL);

		prandom_seed_state(per_cpu_ptr(&prandom_state, cpu), cpu_seed);
	}
}
EXPORT_SYMBOL(prandom_reseed);
