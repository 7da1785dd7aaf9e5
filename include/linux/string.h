/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: string and memory helpers. */
/* newer: str_has_prefix() is a later kernel's (2018). */
#ifndef _LINUX_STRING_H_
#define _LINUX_STRING_H_

#include <linux/types.h>
#include <linux/compiler.h>

/*
 * The four the compiler itself calls (for structure copies and
 * initialisers, even under -ffreestanding) are the host's: the one
 * exception to host_ops.h, documented there.  The kernel side reaches
 * them through the compiler's builtins, which inline small fixed sizes.
 */
void *memcpy(void *dest, const void *src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#ifdef __KERNEL__
#define memcpy(d, s, n)		__builtin_memcpy(d, s, n)
#define memmove(d, s, n)	__builtin_memmove(d, s, n)
#define memset(s, c, n)		__builtin_memset(s, c, n)
#define memcmp(a, b, n)		__builtin_memcmp(a, b, n)

/*
 * The rest are lib/string.c's, under kernel_ symbols: a global strlen()
 * in the kernel side would take libc's place in the whole process, the
 * host side's calls included (KERNEL_DEFINES does the same for
 * snprintf()).
 */
#define strlen		kernel_strlen
#define strnlen		kernel_strnlen
#define strcmp		kernel_strcmp
#define strncmp		kernel_strncmp
#define strchr		kernel_strchr
#define memchr		kernel_memchr
#endif

/* lib/string.c */
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
void *memchr(const void *s, int c, size_t n);
ssize_t strscpy(char *dest, const char *src, size_t count);
char *strsep(char **s, const char *ct);
char *skip_spaces(const char *str);
char *strim(char *s);
bool sysfs_streq(const char *s1, const char *s2);
int match_string(const char * const *array, size_t n, const char *string);
void *memchr_inv(const void *start, int c, size_t bytes);
char *strreplace(char *s, char old, char new);

static inline size_t str_has_prefix(const char *str, const char *prefix)
{
	size_t len = strlen(prefix);

	return strncmp(str, prefix, len) == 0 ? len : 0;
}

/* mm/util.c */
char *kstrdup(const char *s, gfp_t gfp);
char *kstrndup(const char *s, size_t max, gfp_t gfp);
void *kmemdup(const void *src, size_t len, gfp_t gfp);
char *memdup_user_nul(const void __user *src, size_t len);

#endif /* _LINUX_STRING_H_ */
