// SPDX-License-Identifier: GPL-2.0
/*
 * mm/util.c - small mm helpers
 */
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/page-flags.h>

/**
 * page_mapping - the address_space a page belongs to, if any
 * @page: the page
 *
 * page->mapping is read once: it can change under a caller that does
 * not hold the page lock (a movable page's driver may release it), and
 * testing the tag bits and stripping them must look at the same value.
 * 4.8 already had lockless callers: compaction's migrate scanner asks
 * page_mapping() of pages it neither owns nor locks (the racy "pinned
 * anonymous page" check before it isolates).  READ_ONCE() was raised in
 * the series' review and dropped as a non-issue; umm keeps the one read.
 *
 * Return: NULL for anonymous pages and pages without a mapping; for a
 * non-LRU movable page, the driver's address_space with the tag removed
 * (NULL once the driver called __ClearPageMovable()).
 */
struct address_space *page_mapping(struct page *page)
{
	unsigned long mapping;

	if (unlikely(PageSlab(page)))
		return NULL;
	mapping = (unsigned long)READ_ONCE(page->mapping);
	if (mapping & PAGE_MAPPING_ANON)
		return NULL;
	return (struct address_space *)(mapping & ~PAGE_MAPPING_FLAGS);
}

/**
 * kstrdup - allocate space for and copy an existing string
 * @s: the string to duplicate
 * @gfp: the GFP mask used in the kmalloc() call when allocating memory
 *
 * Return: newly allocated copy of @s or %NULL in case of error
 */
char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	buf = kmalloc(len, gfp);
	if (buf)
		memcpy(buf, s, len);
	return buf;
}

/**
 * kstrndup - allocate space for and copy at most @max bytes of a string
 * @s: the string to duplicate
 * @max: read at most @max chars from @s
 * @gfp: the GFP mask used in the kmalloc() call when allocating memory
 *
 * Return: newly allocated NUL-terminated copy, or %NULL
 */
char *kstrndup(const char *s, size_t max, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;
	len = strnlen(s, max);
	buf = kmalloc(len + 1, gfp);
	if (buf) {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}

/**
 * kmemdup - duplicate a region of memory
 * @src: memory region to duplicate
 * @len: memory region length
 * @gfp: GFP mask to use
 *
 * Return: newly allocated copy of @src or %NULL in case of error
 */
void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kmalloc(len, gfp);

	if (p)
		memcpy(p, src, len);
	return p;
}

/**
 * memdup_user_nul - a write's bytes from user space, as a C string
 * @src: the user buffer
 * @len: its length
 *
 * Return: a kmalloc'd copy with a NUL after it (kfree() it), or an
 * ERR_PTR: -ENOMEM, or -EFAULT if @src cannot be read.
 */
char *memdup_user_nul(const void __user *src, size_t len)
{
	char *p = kmalloc(len + 1, GFP_KERNEL);

	if (!p)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(p, src, len)) {
		kfree(p);
		return ERR_PTR(-EFAULT);
	}
	p[len] = '\0';
	return p;
}
