// SPDX-License-Identifier: GPL-2.0
/*
 * mm/swapfile.c - swap devices and their slots
 *
 * A swap device is a block device prepared by mkswap (a header in page
 * 0) and enabled by swapon.  Each of its pages is a slot, counted in the
 * device's swap_map: the number of ptes that hold a swap entry for it,
 * plus SWAP_HAS_CACHE while reclaim owns the slot (see <linux/swap.h>).
 * A slot whose count drops to zero is free again, and the device is told
 * (swap_slot_free_notify) so that zram can drop the data at once.
 *
 * swap_info[] entries are never freed, so a stale entry can always be
 * looked up; swap_map goes with swapoff, under si->lock, after SWP_USED
 * is cleared, and every user of it checks SWP_USED under that lock.
 * Faults hold the device with get_swap_device() (SWP_VALID); swapoff
 * clears SWP_VALID and waits for them before the map and bdev go.
 *
 * Lock order: swap_lock, then si->lock.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/blkdev.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/seq_file.h>
#include <linux/proc_fs.h>
#include <linux/init.h>
#include <linux/jiffies.h>

static struct swap_info_struct swap_info[MAX_SWAPFILES];
static unsigned int nr_swapfiles;
static DEFINE_SPINLOCK(swap_lock);	/* the flags, priorities, totals */
static DEFINE_MUTEX(swapon_mutex);	/* one swapon or swapoff at a time */
static int least_priority = -1;

static atomic_long_t nr_swap_pages = ATOMIC_LONG_INIT(0);
long total_swap_pages;

/* The on-disk header mkswap writes into page 0 (the v1 layout). */
#define SWAP_MAGIC	"SWAPSPACE2"
#define SWAP_MAGIC_LEN	10

struct swap_header_info {
	char bootbits[1024];	/* space for a disk label */
	u32 version;
	u32 last_page;
	u32 nr_badpages;
	unsigned char sws_uuid[16];
	unsigned char sws_volume[16];
	/* the bad page list and padding follow; the magic ends the page */
};

long get_nr_swap_pages(void)
{
	return atomic_long_read(&nr_swap_pages);
}

/* The count of slot @offset (si->lock held, SWP_USED set). */
static unsigned char *swap_count_ptr(struct swap_info_struct *si,
				     unsigned long offset)
{
	return &si->swap_map[offset >> PAGE_SHIFT][offset & (PAGE_SIZE - 1)];
}

/**
 * swp_swap_info - the device of a swap entry
 * @entry: the entry
 *
 * Return: the device, or NULL for a type that was never used.
 */
struct swap_info_struct *swp_swap_info(swp_entry_t entry)
{
	unsigned int type = swp_type(entry);

	return type < MAX_SWAPFILES ? &swap_info[type] : NULL;
}

/**
 * get_swap_device - hold the device of @entry against swapoff
 * @entry: a swap entry read from a pte, perhaps stale
 *
 * A fault reads its swap pte without any lock that swapoff takes: the
 * device may be going away under it.  This is 5.3's answer to that race
 * (4.8 left it open).
 *
 * Return: the device, held until put_swap_device(), or NULL if it is
 * off (or the entry is out of its range).
 */
struct swap_info_struct *get_swap_device(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	unsigned long offset = swp_offset(entry);

	if (!si)
		return NULL;
	spin_lock(&si->lock);
	if (!(READ_ONCE(si->flags) & SWP_VALID) || !offset || offset >= si->max) {
		spin_unlock(&si->lock);
		return NULL;
	}
	si->users++;
	spin_unlock(&si->lock);
	return si;
}

/**
 * put_swap_device - let swapoff go on
 * @si: what get_swap_device() returned
 */
void put_swap_device(struct swap_info_struct *si)
{
	spin_lock(&si->lock);
	si->users--;
	spin_unlock(&si->lock);
}

static unsigned int swap_device_users(struct swap_info_struct *si)
{
	unsigned int users;

	spin_lock(&si->lock);
	users = si->users;
	spin_unlock(&si->lock);
	return users;
}

/* ---- slots ------------------------------------------------------------- */

/* A slot of @si for a page of reclaim, or 0 (si->lock held). */
static unsigned long scan_swap_map(struct swap_info_struct *si)
{
	unsigned long offset, n;

	if (si->inuse_pages >= si->pages)
		return 0;
	/* From where the last search ended, wrapping: slots in write order. */
	offset = si->cluster_next;
	for (n = 0; n < si->max; n++, offset++) {
		if (offset > si->highest_bit)
			offset = si->lowest_bit;
		if (!*swap_count_ptr(si, offset))
			break;
	}
	if (n == si->max)
		return 0;
	*swap_count_ptr(si, offset) = SWAP_HAS_CACHE;
	/* Read without si->lock by swapoff and /proc/swaps. */
	WRITE_ONCE(si->inuse_pages, si->inuse_pages + 1);
	si->cluster_next = offset + 1;
	return offset;
}

/**
 * get_swap_page - a free slot for a page that reclaim is about to write
 *
 * The slot is taken from the device of highest priority that has room,
 * and carries SWAP_HAS_CACHE until swapcache_free().
 *
 * Return: the entry, or an entry of 0 when swap is full or absent.
 */
swp_entry_t get_swap_page(void)
{
	/*
	 * Where the search for the next slot starts: devices of equal
	 * priority take turns (4.8 requeues the device it used behind its
	 * equals), as swapon(8) promises.  Under swap_lock.
	 */
	static unsigned int next_type;
	struct swap_info_struct *si, *best = NULL;
	swp_entry_t entry = { 0 };
	unsigned long offset = 0;
	unsigned int i, type;

	if (atomic_long_read(&nr_swap_pages) <= 0)
		return entry;
	spin_lock(&swap_lock);
	for (i = 0; i < nr_swapfiles; i++) {
		type = (next_type + i) % nr_swapfiles;
		si = &swap_info[type];
		if ((si->flags & SWP_WRITEOK) != SWP_WRITEOK)
			continue;
		if (READ_ONCE(si->inuse_pages) >= si->pages)
			continue;
		if (!best || si->prio > best->prio)
			best = si;
	}
	if (best) {
		spin_lock(&best->lock);
		offset = scan_swap_map(best);
		spin_unlock(&best->lock);
		if (offset) {
			atomic_long_dec(&nr_swap_pages);
			entry = swp_entry(best->type, offset);
			next_type = best->type + 1;
		}
	}
	spin_unlock(&swap_lock);
	return entry;
}

/*
 * Lock the device of @entry and check the entry: the device is on and
 * the slot in range.  Returns the device locked, or NULL.
 */
static struct swap_info_struct *swap_info_get(swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	unsigned long offset = swp_offset(entry);

	if (!entry.val || !si)
		goto bad;
	spin_lock(&si->lock);
	if (!(READ_ONCE(si->flags) & SWP_USED) || !offset ||
	    offset >= si->max) {
		spin_unlock(&si->lock);
		goto bad;
	}
	return si;
bad:
	pr_err("swap: bad swap entry %08lx\n", entry.val);
	return NULL;
}

/* A slot's count is zero: it is free again (si->lock held). */
static void swap_slot_free(struct swap_info_struct *si, unsigned long offset)
{
	const struct block_device_operations *ops = si->bdev->bd_disk->fops;

	WRITE_ONCE(si->inuse_pages, si->inuse_pages - 1);
	atomic_long_inc(&nr_swap_pages);
	if (offset < si->cluster_next && offset >= si->lowest_bit)
		si->cluster_next = offset;
	/* zram drops the compressed copy now rather than when overwritten. */
	if (ops->swap_slot_free_notify)
		ops->swap_slot_free_notify(si->bdev, offset);
}

/* Drop @usage (1: a pte's; SWAP_HAS_CACHE: reclaim's) from a slot. */
static void swap_entry_put(swp_entry_t entry, unsigned char usage)
{
	struct swap_info_struct *si = swap_info_get(entry);
	unsigned long offset = swp_offset(entry);
	unsigned char *count;

	if (!si)
		return;
	count = swap_count_ptr(si, offset);
	if (usage == SWAP_HAS_CACHE) {
		VM_BUG_ON(!(*count & SWAP_HAS_CACHE));
		*count &= ~SWAP_HAS_CACHE;
	} else {
		VM_BUG_ON(!(*count & ~SWAP_HAS_CACHE));
		(*count)--;
	}
	if (!*count)
		swap_slot_free(si, offset);
	spin_unlock(&si->lock);
}

/**
 * swap_duplicate - one more pte holds @entry
 * @entry: the entry
 *
 * Return: 0, or -EINVAL for a bad entry, -ENOMEM if the count is full.
 */
int swap_duplicate(swp_entry_t entry)
{
	struct swap_info_struct *si = swap_info_get(entry);
	unsigned char *count;
	int err = 0;

	if (!si)
		return -EINVAL;
	count = swap_count_ptr(si, swp_offset(entry));
	if ((*count & ~SWAP_HAS_CACHE) >= SWAP_MAP_MAX)
		err = -ENOMEM;
	else
		(*count)++;
	spin_unlock(&si->lock);
	return err;
}

/**
 * swap_free - a pte no longer holds @entry
 * @entry: the entry
 */
void swap_free(swp_entry_t entry)
{
	swap_entry_put(entry, 1);
}

/**
 * swapcache_free - reclaim is done with the slot of @entry
 * @entry: the entry
 *
 * Faults waiting for the slot (swap_slot_has_cache()) may go on.
 */
void swapcache_free(swp_entry_t entry)
{
	swap_entry_put(entry, SWAP_HAS_CACHE);
}

/**
 * free_swap_and_cache - a pte holding @entry is being zapped
 * @entry: the entry
 */
void free_swap_and_cache(swp_entry_t entry)
{
	swap_free(entry);
}

/**
 * swap_slot_has_cache - is reclaim still writing the slot of @entry?
 * @entry: the entry
 *
 * Return: true while the slot carries SWAP_HAS_CACHE; false otherwise,
 * also for an entry whose device is gone (the fault then finds out).
 */
bool swap_slot_has_cache(swp_entry_t entry)
{
	struct swap_info_struct *si = swap_info_get(entry);
	bool ret;

	if (!si)
		return false;
	ret = *swap_count_ptr(si, swp_offset(entry)) & SWAP_HAS_CACHE;
	spin_unlock(&si->lock);
	return ret;
}

/**
 * si_swapinfo - swap totals for /proc/meminfo
 * @total: usable slots of the enabled devices
 * @free: of those, the free ones
 */
void si_swapinfo(unsigned long *total, unsigned long *free)
{
	spin_lock(&swap_lock);
	*total = total_swap_pages;
	*free = atomic_long_read(&nr_swap_pages);
	spin_unlock(&swap_lock);
}

/* ---- mkswap, swapon, swapoff ------------------------------------------- */

static struct block_device *swap_bdev_get(const char *path, void *holder)
{
	struct block_device *bdev = lookup_bdev(path);
	fmode_t mode = FMODE_READ | FMODE_WRITE | (holder ? FMODE_EXCL : 0);
	int err;

	if (IS_ERR(bdev))
		return bdev;
	err = blkdev_get(bdev, mode, holder);
	return err ? ERR_PTR(err) : bdev;
}

static unsigned long bdev_nr_pages(struct block_device *bdev)
{
	return get_capacity(bdev->bd_disk) >> SECTORS_PER_PAGE_SHIFT;
}

/**
 * mkswap - write a swap header to a block device, as mkswap(8) does
 * @path: the device ("zram0" or "/dev/zram0")
 *
 * Return: 0, or -errno (-EBUSY if it is swapped on).
 */
int mkswap(const char *path)
{
	struct swap_header_info *hdr;
	struct block_device *bdev;
	unsigned long nr_pages;
	struct page *page;
	int err;

	/* Exclusive: refused while swapon holds the device. */
	bdev = swap_bdev_get(path, (void *)mkswap);
	if (IS_ERR(bdev))
		return PTR_ERR(bdev);
	nr_pages = bdev_nr_pages(bdev);
	err = -EINVAL;
	if (nr_pages < 2)
		goto out;
	err = -ENOMEM;
	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!page)
		goto out;
	hdr = page_address(page);
	hdr->version = 1;
	hdr->last_page = min_t(unsigned long, nr_pages - 1, U32_MAX);
	hdr->nr_badpages = 0;
	memcpy((char *)hdr + PAGE_SIZE - SWAP_MAGIC_LEN, SWAP_MAGIC,
	       SWAP_MAGIC_LEN);
	err = bdev_write_page(bdev, 0, page, NULL);
	__free_page(page);
out:
	blkdev_put(bdev, FMODE_READ | FMODE_WRITE | FMODE_EXCL);
	return err;
}

/* Read and check the header; returns the device's size in pages or -errno. */
static long read_swap_header(struct block_device *bdev)
{
	struct swap_header_info *hdr;
	struct page *page;
	long ret;

	page = alloc_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	ret = bdev_read_page(bdev, 0, page);
	if (ret)
		goto out;
	hdr = page_address(page);
	ret = -EINVAL;
	if (memcmp((char *)hdr + PAGE_SIZE - SWAP_MAGIC_LEN, SWAP_MAGIC,
		   SWAP_MAGIC_LEN)) {
		pr_err("Unable to find swap-space signature\n");
		goto out;
	}
	if (hdr->version != 1) {
		pr_warn("Unable to handle swap header version %u\n",
			hdr->version);
		goto out;
	}
	if (hdr->nr_badpages) {
		pr_warn("umm: bad pages in a swap header are not supported\n");
		goto out;
	}
	/* A header written for a bigger device: use what there is. */
	ret = min_t(unsigned long, (unsigned long)hdr->last_page + 1,
		    bdev_nr_pages(bdev));
	if (ret < 2) {
		pr_warn("Empty swap-file\n");
		ret = -EINVAL;
	}
out:
	__free_page(page);
	return ret;
}

static void free_swap_map(unsigned char **map, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (map[i])
			free_page((unsigned long)map[i]);
	kfree(map);
}

/* Counts of @maxpages slots, in pages (umm has no vmalloc). */
static unsigned char **alloc_swap_map(unsigned long maxpages,
				      unsigned int *nr)
{
	unsigned char **map;
	unsigned int i;

	*nr = DIV_ROUND_UP(maxpages, PAGE_SIZE);
	map = kcalloc(*nr, sizeof(*map), GFP_KERNEL);
	if (!map)
		return NULL;
	for (i = 0; i < *nr; i++) {
		map[i] = (unsigned char *)get_zeroed_page(GFP_KERNEL);
		if (!map[i]) {
			free_swap_map(map, *nr);
			return NULL;
		}
	}
	return map;
}

static struct swap_info_struct *find_swap_info(struct block_device *bdev)
{
	unsigned int type;

	for (type = 0; type < nr_swapfiles; type++)
		if ((swap_info[type].flags & SWP_USED) &&
		    swap_info[type].bdev == bdev)
			return &swap_info[type];
	return NULL;
}

/**
 * sys_swapon - swapon(2): swap to a block device with a swap header
 * @path: the device ("zram0" or "/dev/zram0")
 * @prio: its priority, 0 to 32767, or -1 for the next default (-2, -3...)
 *
 * The device stays open, exclusively, until swapoff.
 *
 * Return: 0, or -errno: -EBUSY if it is already swap (or in use), -EINVAL
 * without a swap header, -EPERM when MAX_SWAPFILES are on.
 */
int sys_swapon(const char *path, int prio)
{
	struct swap_info_struct *si = NULL;
	struct block_device *bdev;
	unsigned char **map;
	unsigned int type, nr_map;
	long maxpages;
	int err;

	mutex_lock(&swapon_mutex);
	for (type = 0; type < MAX_SWAPFILES; type++)
		if (!(swap_info[type].flags & SWP_USED))
			break;
	err = -EPERM;
	if (type == MAX_SWAPFILES)
		goto out;
	si = &swap_info[type];

	bdev = swap_bdev_get(path, si);
	err = PTR_ERR(bdev);
	if (IS_ERR(bdev))
		goto out;
	maxpages = read_swap_header(bdev);
	err = maxpages;
	if (maxpages < 0)
		goto put;
	err = -ENOMEM;
	map = alloc_swap_map(maxpages, &nr_map);
	if (!map)
		goto put;

	/*
	 * si->lock is set up once, at boot: a fault with a stale entry
	 * may take it at any time (get_swap_device()).  The fields it
	 * guards are set under it, for the same reason.
	 */
	spin_lock(&si->lock);
	si->type = type;
	si->bdev = bdev;
	si->max = maxpages;
	si->swap_map = map;
	si->nr_map_pages = nr_map;
	/* Slot 0 is the header. */
	si->swap_map[0][0] = SWAP_MAP_BAD;
	si->lowest_bit = 1;
	si->highest_bit = maxpages - 1;
	si->cluster_next = 1;
	si->pages = maxpages - 1;
	si->inuse_pages = 0;
	snprintf(si->name, sizeof(si->name), "/dev/%s",
		 bdev->bd_disk->disk_name);
	spin_unlock(&si->lock);

	spin_lock(&swap_lock);
	spin_lock(&si->lock);
	si->prio = prio >= 0 ? prio : --least_priority;
	WRITE_ONCE(si->flags, SWP_USED | SWP_WRITEOK | SWP_VALID);
	spin_unlock(&si->lock);
	if (type >= nr_swapfiles)
		nr_swapfiles = type + 1;
	total_swap_pages += si->pages;
	atomic_long_add(si->pages, &nr_swap_pages);
	spin_unlock(&swap_lock);
	/* Anonymous memory is reclaimable now: kswapd may try again. */
	WRITE_ONCE(NODE_DATA(0)->kswapd_failures, 0);
	pr_info("Adding %uk swap on %s.  Priority:%d extents:1 across:%uk SS\n",
		si->pages << (PAGE_SHIFT - 10), si->name, si->prio,
		si->pages << (PAGE_SHIFT - 10));
	err = 0;
	goto out;
put:
	blkdev_put(bdev, FMODE_READ | FMODE_WRITE | FMODE_EXCL);
out:
	mutex_unlock(&swapon_mutex);
	return err;
}

/* Swap in every page of type @type that the tasks' mms hold; 0 or -errno. */
static int unuse_all_mms(unsigned int type)
{
	struct mm_struct *mms[CONFIG_NR_CPUS];
	struct task_struct *p;
	unsigned int n = 0, i;
	int err = 0;

	/* References first: a task may exit while we work on its mm. */
	read_lock(&tasklist_lock);
	for_each_process(p) {
		/*
		 * Kernel threads have no mm; p->flags is not read, as its
		 * owner changes PF_MEMALLOC in it without a lock.
		 */
		task_lock(p);
		if (p->mm && n < ARRAY_SIZE(mms) && mmget_not_zero(p->mm))
			mms[n++] = p->mm;
		task_unlock(p);
	}
	read_unlock(&tasklist_lock);
	for (i = 0; i < n; i++) {
		if (!err)
			err = unuse_mm(mms[i], type);
		mmput(mms[i]);
	}
	return err;
}

/* Bring every page of swap type @type back in; 0 or -errno. */
static int try_to_unuse(unsigned int type)
{
	struct swap_info_struct *si = &swap_info[type];
	int tries = 0, err;

	while (READ_ONCE(si->inuse_pages)) {
		err = unuse_all_mms(type);
		if (err)
			return err;
		if (!READ_ONCE(si->inuse_pages))
			break;
		/*
		 * What is left is in flight: reclaim writing a slot, or a
		 * task exiting.  Give them a moment, for a while.
		 */
		if (++tries > 10 * HZ)
			return -EBUSY;
		schedule_timeout_uninterruptible(1);
	}
	return 0;
}

/**
 * sys_swapoff - swapoff(2): stop swapping to a device, bring its pages in
 * @path: the device
 *
 * Return: 0, or -errno: -EINVAL if it is not swap, -ENOMEM if memory is
 * too short to take the pages back (the device then stays on).
 */
int sys_swapoff(const char *path)
{
	struct swap_info_struct *si;
	struct block_device *bdev;
	unsigned char **map;
	unsigned int nr_map;
	int err;

	bdev = lookup_bdev(path);
	if (IS_ERR(bdev))
		return PTR_ERR(bdev);
	mutex_lock(&swapon_mutex);
	si = find_swap_info(bdev);
	bdput(bdev);
	err = -EINVAL;
	if (!si)
		goto out;

	spin_lock(&swap_lock);
	WRITE_ONCE(si->flags, si->flags & ~SWP_WRITEOK);
	total_swap_pages -= si->pages;
	atomic_long_sub(si->pages, &nr_swap_pages);
	spin_unlock(&swap_lock);

	err = try_to_unuse(si->type);
	if (err) {
		/* As Linux does: the device goes back to work. */
		spin_lock(&swap_lock);
		WRITE_ONCE(si->flags, si->flags | SWP_WRITEOK);
		total_swap_pages += si->pages;
		atomic_long_add(si->pages, &nr_swap_pages);
		spin_unlock(&swap_lock);
		goto out;
	}

	spin_lock(&si->lock);
	WRITE_ONCE(si->flags, si->flags & ~SWP_VALID);
	spin_unlock(&si->lock);
	/*
	 * No new get_swap_device() succeeds now; the faults that got in
	 * before read slots that try_to_unuse() already freed, and find
	 * their pte changed.  Let them finish before the map and the
	 * device go (5.3's synchronize_rcu() there, with a count here).
	 */
	while (swap_device_users(si))
		schedule_timeout_uninterruptible(1);
	spin_lock(&swap_lock);
	spin_lock(&si->lock);
	WRITE_ONCE(si->flags, 0);
	map = si->swap_map;
	nr_map = si->nr_map_pages;
	si->swap_map = NULL;
	bdev = si->bdev;
	si->bdev = NULL;
	spin_unlock(&si->lock);
	spin_unlock(&swap_lock);
	free_swap_map(map, nr_map);
	blkdev_put(bdev, FMODE_READ | FMODE_WRITE | FMODE_EXCL);
out:
	mutex_unlock(&swapon_mutex);
	return err;
}

/* ---- /proc/swaps ---------------------------------------------------------- */

static int swaps_show(struct seq_file *m, void *v)
{
	unsigned int type;

	seq_puts(m, "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
	mutex_lock(&swapon_mutex);
	for (type = 0; type < nr_swapfiles; type++) {
		struct swap_info_struct *si = &swap_info[type];
		unsigned long bytes, inuse;
		int len;

		if (!(si->flags & SWP_WRITEOK))
			continue;
		bytes = (unsigned long)si->pages << (PAGE_SHIFT - 10);
		inuse = (unsigned long)READ_ONCE(si->inuse_pages) <<
			(PAGE_SHIFT - 10);
		len = strlen(si->name);
		seq_printf(m, "%s%*s%s\t%lu\t%s%lu\t%s%d\n", si->name,
			   len < 40 ? 40 - len : 1, " ", "partition", bytes,
			   bytes < 10000000 ? "\t" : "", inuse,
			   inuse < 10000000 ? "\t" : "", si->prio);
	}
	mutex_unlock(&swapon_mutex);
	return 0;
}

/* The devices' locks live as long as swap_info[]: see sys_swapon(). */
static int __init swapfile_init(void)
{
	unsigned int type;

	for (type = 0; type < MAX_SWAPFILES; type++)
		spin_lock_init(&swap_info[type].lock);
	return 0;
}
subsys_initcall(swapfile_init);

static int __init procswaps_init(void)
{
	proc_create_single("swaps", 0444, NULL, swaps_show);
	return 0;
}
fs_initcall(procswaps_init);
