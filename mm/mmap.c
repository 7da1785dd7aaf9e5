// SPDX-License-Identifier: GPL-2.0
/*
 * mm/mmap.c - address spaces of workload tasks
 *
 * Only private anonymous mappings exist, created by mmap_anon() and gone
 * with the mm.  VMAs are kept on a list by address (the kernel's rbtree
 * would serve a thousand mappings; tasks here have a handful).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmstat.h>
#include <linux/init.h>
#include "internal.h"

/* Where the first mapping of a task goes: well clear of address 0. */
#define MMAP_BASE	0x10000000UL

static struct kmem_cache *vm_area_cachep;
static struct kmem_cache *mm_cachep;

void __init mmap_init(void)
{
	vm_area_cachep = KMEM_CACHE(vm_area_struct, SLAB_PANIC);
	mm_cachep = KMEM_CACHE(mm_struct, SLAB_PANIC);
}

/**
 * mm_alloc - a new, empty address space
 *
 * Return: the mm with one user, or NULL.
 */
struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kmem_cache_zalloc(mm_cachep, GFP_KERNEL);

	if (!mm)
		return NULL;
	INIT_LIST_HEAD(&mm->mmap);
	spin_lock_init(&mm->page_table_lock);
	init_rwsem(&mm->mmap_sem);
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	mm->free_area_start = MMAP_BASE;
	mm->pgd = pgd_alloc(mm);
	if (!mm->pgd) {
		kmem_cache_free(mm_cachep, mm);
		return NULL;
	}
	return mm;
}

/**
 * find_vma - the first area that ends after @addr
 * @mm: the address space (mmap_sem held)
 * @addr: the address
 *
 * Return: the area (which may start after @addr), or NULL.
 */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (addr < vma->vm_end)
			return vma;
	return NULL;
}

/**
 * find_vma_by_name - the area the console named @name
 * @mm: the address space (mmap_sem held)
 * @name: the name given to mmap_anon()
 *
 * Return: the area, or NULL.
 */
struct vm_area_struct *find_vma_by_name(struct mm_struct *mm, const char *name)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (!strcmp(vma->name, name))
			return vma;
	return NULL;
}

/**
 * mmap_anon - map @len bytes of private anonymous memory
 * @mm: the address space
 * @len: bytes (rounded up to pages)
 * @name: a name for the console (at most 15 characters)
 *
 * Nothing is allocated until the memory is touched.
 *
 * Return: the address, or -ENOMEM cast to unsigned long.
 */
unsigned long mmap_anon(struct mm_struct *mm, unsigned long len,
			const char *name)
{
	struct vm_area_struct *vma;
	unsigned long addr;

	len = PAGE_ALIGN(len);
	vma = kmem_cache_zalloc(vm_area_cachep, GFP_KERNEL);
	if (!vma)
		return -ENOMEM;
	down_write(&mm->mmap_sem);
	addr = mm->free_area_start;
	if (addr + len > TASK_SIZE || addr + len < addr) {
		up_write(&mm->mmap_sem);
		kmem_cache_free(vm_area_cachep, vma);
		return -ENOMEM;
	}
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_mm = mm;
	vma->vm_flags = VM_READ | VM_WRITE;
	vma->vm_pgoff = addr >> PAGE_SHIFT;
	strscpy(vma->name, name, sizeof(vma->name));
	list_add_tail(&vma->vm_list, &mm->mmap);
	mm->map_count++;
	mm->total_vm += len >> PAGE_SHIFT;
	/* A guard gap between mappings, at a pte table boundary. */
	mm->free_area_start = ALIGN(addr + len + PAGE_SIZE, PMD_SIZE);
	up_write(&mm->mmap_sem);
	return addr;
}

/**
 * exit_mmap - tear down an address space
 * @mm: the mm, which no task uses any more
 */
void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *next;

	down_write(&mm->mmap_sem);
	list_for_each_entry_safe(vma, next, &mm->mmap, vm_list) {
		zap_page_range(vma, vma->vm_start, vma->vm_end);
		unlink_anon_vma(vma);
		list_del(&vma->vm_list);
		mm->map_count--;
		mm->total_vm -= (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
		kmem_cache_free(vm_area_cachep, vma);
	}
	free_pgtables(mm);
	up_write(&mm->mmap_sem);
}

/**
 * mmput - a task stops using an mm; the last one tears it down
 * @mm: the mm
 */
void mmput(struct mm_struct *mm)
{
	if (!atomic_dec_and_test(&mm->mm_users))
		return;
	exit_mmap(mm);
	if (atomic_dec_and_test(&mm->mm_count))
		kmem_cache_free(mm_cachep, mm);
}
