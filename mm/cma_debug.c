// SPDX-License-Identifier: GPL-2.0
/*
 * mm/cma_debug.c - /sys/kernel/debug/cma/cma-N, as 4.8's CMA_DEBUGFS
 *
 *   base_pfn, count, order_per_bit  the area (read-only)
 *   used       pages handed out by cma_alloc()
 *   maxchunk   the largest run of pages not handed out
 *   bitmap     the allocation bitmap, as 32-bit words in decimal
 *   alloc      "echo N > alloc": cma_alloc() N pages and keep them
 *   free       "echo N > free": give back N of the pages kept
 *
 * Pages taken through "alloc" are kept on a list of chunks; "free"
 * releases from the most recent chunk on, splitting one if need be.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/cma.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/bitmap.h>
#include <linux/init.h>
#include <linux/printk.h>

struct cma_mem {
	struct list_head node;
	struct page *p;
	unsigned long n;
};

static int cma_debugfs_get(void *data, u64 *val)
{
	unsigned long *p = data;

	*val = *p;
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(cma_debugfs_fops, cma_debugfs_get, NULL, "%llu\n");

static int cma_order_per_bit_get(void *data, u64 *val)
{
	struct cma *cma = data;

	*val = cma->order_per_bit;
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(cma_order_fops, cma_order_per_bit_get, NULL,
			 "%llu\n");

static int cma_used_get(void *data, u64 *val)
{
	struct cma *cma = data;
	unsigned long used;

	mutex_lock(&cma->lock);
	used = bitmap_weight(cma->bitmap, cma->count >> cma->order_per_bit);
	mutex_unlock(&cma->lock);
	*val = (u64)used << cma->order_per_bit;
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(cma_used_fops, cma_used_get, NULL, "%llu\n");

static int cma_maxchunk_get(void *data, u64 *val)
{
	struct cma *cma = data;
	unsigned long maxchunk = 0, start, end = 0;
	unsigned long bitmap_maxno = cma->count >> cma->order_per_bit;

	mutex_lock(&cma->lock);
	for (;;) {
		start = find_next_zero_bit(cma->bitmap, bitmap_maxno, end);
		if (start >= bitmap_maxno)
			break;
		end = find_next_bit(cma->bitmap, bitmap_maxno, start);
		maxchunk = max(end - start, maxchunk);
	}
	mutex_unlock(&cma->lock);
	*val = (u64)maxchunk << cma->order_per_bit;
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(cma_maxchunk_fops, cma_maxchunk_get, NULL, "%llu\n");

/* As debugfs_create_u32_array() prints: words separated by spaces. */
static int cma_bitmap_show(struct seq_file *m, void *v)
{
	struct cma *cma = m->private;
	unsigned long nbits = cma->count >> cma->order_per_bit;
	unsigned long i, words = DIV_ROUND_UP(nbits, 32);

	mutex_lock(&cma->lock);
	for (i = 0; i < words; i++) {
		unsigned long word = cma->bitmap[i * 32 / BITS_PER_LONG];
		u32 val = (u32)(word >> (i * 32 % BITS_PER_LONG));

		seq_printf(m, i + 1 < words ? "%u " : "%u\n", val);
	}
	mutex_unlock(&cma->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(cma_bitmap);

static void cma_add_to_cma_mem_list(struct cma *cma, struct cma_mem *mem)
{
	spin_lock(&cma->mem_head_lock);
	list_add(&mem->node, &cma->mem_head);
	spin_unlock(&cma->mem_head_lock);
}

static struct cma_mem *cma_get_entry_from_list(struct cma *cma)
{
	struct cma_mem *mem;

	spin_lock(&cma->mem_head_lock);
	mem = list_first_entry_or_null(&cma->mem_head, struct cma_mem, node);
	if (mem)
		list_del(&mem->node);
	spin_unlock(&cma->mem_head_lock);
	return mem;
}

static int cma_free_mem(struct cma *cma, unsigned long count)
{
	struct cma_mem *mem;

	while (count) {
		mem = cma_get_entry_from_list(cma);
		if (!mem)
			return 0;
		if (mem->n <= count) {
			cma_release(cma, mem->p, mem->n);
			count -= mem->n;
			kfree(mem);
		} else if (cma->order_per_bit == 0) {
			cma_release(cma, mem->p, count);
			mem->p += count;
			mem->n -= count;
			count = 0;
			cma_add_to_cma_mem_list(cma, mem);
		} else {
			pr_debug("cma: cannot release partial block when order_per_bit != 0\n");
			cma_add_to_cma_mem_list(cma, mem);
			break;
		}
	}
	return 0;
}

static int cma_free_write(void *data, u64 val)
{
	return cma_free_mem(data, val);
}
DEFINE_DEBUGFS_ATTRIBUTE(cma_free_fops, NULL, cma_free_write, "%llu\n");

static int cma_alloc_mem(struct cma *cma, unsigned long count)
{
	struct cma_mem *mem;
	struct page *p;

	if (!count || count > cma->count) {
		pr_err("cma: alloc takes 1 to %lu pages, not %lu\n",
		       cma->count, count);
		return -EINVAL;
	}
	mem = kzalloc(sizeof(*mem), GFP_KERNEL);
	if (!mem)
		return -ENOMEM;
	p = cma_alloc(cma, count, 0);
	if (!p) {
		kfree(mem);
		return -ENOMEM;
	}
	mem->p = p;
	mem->n = count;
	cma_add_to_cma_mem_list(cma, mem);
	return 0;
}

static int cma_alloc_write(void *data, u64 val)
{
	return cma_alloc_mem(data, val > ULONG_MAX ? ULONG_MAX : val);
}
DEFINE_DEBUGFS_ATTRIBUTE(cma_alloc_fops, NULL, cma_alloc_write, "%llu\n");

static void __init cma_debugfs_add_one(struct cma *cma, struct dentry *root,
				       int idx)
{
	struct dentry *tmp;
	char name[16];

	snprintf(name, sizeof(name), "cma-%d", idx);
	tmp = debugfs_create_dir(name, root);
	debugfs_create_file("alloc", 0200, tmp, cma, &cma_alloc_fops);
	debugfs_create_file("free", 0200, tmp, cma, &cma_free_fops);
	debugfs_create_file("base_pfn", 0444, tmp, &cma->base_pfn,
			    &cma_debugfs_fops);
	debugfs_create_file("count", 0444, tmp, &cma->count,
			    &cma_debugfs_fops);
	debugfs_create_file("order_per_bit", 0444, tmp, cma, &cma_order_fops);
	debugfs_create_file("used", 0444, tmp, cma, &cma_used_fops);
	debugfs_create_file("maxchunk", 0444, tmp, cma, &cma_maxchunk_fops);
	debugfs_create_file("bitmap", 0444, tmp, cma, &cma_bitmap_fops);
}

static int __init cma_debugfs_init(void)
{
	struct dentry *root;
	unsigned int i;

	/* As in 4.8, the directory is there, empty, without an area. */
	root = debugfs_create_dir("cma", NULL);
	for (i = 0; i < cma_area_count; i++)
		cma_debugfs_add_one(&cma_areas[i], root, i);
	return 0;
}
late_initcall(cma_debugfs_init);
