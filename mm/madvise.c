// SPDX-License-Identifier: GPL-2.0
/*
 * mm/madvise.c - MADV_DONTNEED
 *
 * The task gives back the pages of a range; they read as zeroes
 * afterwards.  This is how workloads punch holes in their memory, and so
 * how movable memory gets fragmented.
 */
#include <linux/mm.h>
#include <linux/mman.h>

/**
 * madvise_dontneed - drop the pages of [@start, @end) in one area
 * @mm: the address space (of the calling task)
 * @start: page-aligned start
 * @end: end (exclusive), within the same area
 *
 * Return: 0, or -EINVAL if the range is not inside one area.
 */
int madvise_dontneed(struct mm_struct *mm, unsigned long start,
		     unsigned long end)
{
	struct vm_area_struct *vma;
	int ret = 0;

	down_read(&mm->mmap_sem);
	vma = find_vma(mm, start);
	if (!vma || start < vma->vm_start || end > vma->vm_end || start >= end ||
	    (start & ~PAGE_MASK))
		ret = -EINVAL;
	else
		zap_page_range(vma, start, end);
	up_read(&mm->mmap_sem);
	return ret;
}
