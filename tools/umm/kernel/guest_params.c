// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/kernel/guest_params.c - umm's boot parameters, as Linux takes them
 *
 * Both sides get the same memory: umm's mem= is the guest's -m (the
 * guest's own kernel and initramfs then hold memory that umm does not,
 * which the table shows as MemAvailable), and both have a virtio balloon
 * (QEMU's device; umm's with virtio_balloon_dev.enable=1, which
 * compare.c gives umm unless told otherwise).  A parameter that Linux knows
 * by the same name goes on the guest's kernel command line; the others
 * are umm's own (its seed, the series off, its device model) and are
 * listed in the Linux column's notes, never dropped silently.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

/*
 * Parameters the guest's kernel takes as they are; umm.seed= is read by
 * the guest agent from the kernel's command line, so that the same
 * script fills pages with the same data on both sides.
 */
static const char * const linux_params[] = {
	"movablecore", "page_poison", "umm.seed",
};

/**
 * compare_parse_size_mib - a size as memparse() reads it, in MiB
 * @s: a number of bytes, or with a K, M, G or T suffix
 * @mib: the size in MiB, rounded down
 *
 * Return: 0, or -EINVAL when @s is not a size of at least 1 MiB.
 */
int compare_parse_size_mib(const char *s, unsigned long *mib)
{
	unsigned long long n;
	unsigned int shift = 0;
	char *end;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	n = strtoull(s, &end, 0);
	if (errno)
		return -EINVAL;
	switch (toupper((unsigned char)*end)) {
	case 'T':
		shift += 10;
		/* fall through */
	case 'G':
		shift += 10;
		/* fall through */
	case 'M':
		shift += 10;
		/* fall through */
	case 'K':
		shift += 10;
		end++;
	}
	if (*end || (shift && n > (~0ULL >> shift)))
		return -EINVAL;
	n <<= shift;
	if (n < (1ULL << 20))
		return -EINVAL;
	*mib = n >> 20;
	return 0;
}

static bool is_linux_param(const char *p)
{
	size_t len = strcspn(p, "=");
	size_t i;

	/* sysctl.vm.NAME=VALUE: Linux writes it to /proc/sys since 5.8. */
	if (!strncmp(p, "sysctl.", 7))
		return true;
	for (i = 0; i < COMPARE_ARRAY_SIZE(linux_params); i++)
		if (strlen(linux_params[i]) == len &&
		    !strncmp(p, linux_params[i], len))
			return true;
	return false;
}

/* Append " @word" to @buf (@size bytes); -E2BIG when it does not fit. */
static int add_word(char *buf, size_t size, const char *word)
{
	size_t len = strlen(buf);
	int n = snprintf(buf + len, size - len, "%s%s", len ? " " : "", word);

	return n < 0 || (size_t)n >= size - len ? -E2BIG : 0;
}

/**
 * compare_translate_params - what the guest gets of umm's parameters
 * @p: ->param and ->nr given; ->mem_mib, ->append and ->umm_only set
 *
 * Return: 0, or -EINVAL (a bad mem=) / -E2BIG (too many), after saying
 * which on stderr.
 */
int compare_translate_params(struct compare_params *p)
{
	int i, err = 0;

	p->mem_mib = COMPARE_DEFAULT_MEM_MIB;
	p->append[0] = p->umm_only[0] = '\0';
	for (i = 0; i < p->nr && !err; i++) {
		const char *a = p->param[i];

		if (!strncmp(a, "mem=", 4)) {
			err = compare_parse_size_mib(a + 4, &p->mem_mib);
			if (err)
				fprintf(stderr, "umm: compare: bad size in '%s'\n", a);
		} else if (!strcmp(a, "virtio_balloon_dev.enable=1")) {
			/* QEMU's -device virtio-balloon-pci: the guest has it. */
			continue;
		} else if (is_linux_param(a)) {
			err = add_word(p->append, sizeof(p->append), a);
		} else {
			err = add_word(p->umm_only, sizeof(p->umm_only), a);
		}
	}
	if (err == -E2BIG)
		fprintf(stderr, "umm: compare: too many parameters\n");
	return err;
}
