// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/umm_dev.c - the devices the tests look into
 *
 * zram's sysfs files and its driver's state, zsmalloc's page count, and
 * the virtio balloon: the driver's list against the host's set.
 */
#include <stdio.h>
#include <stdlib.h>

#include "umm_test_lib.h"

#include <linux/balloon_compaction.h>
#include <linux/blkdev.h>
#include <linux/virtio.h>
#include <linux/err.h>
#include "../../../drivers/block/zram/zram_drv.h"
#include "../../../drivers/virtio/virtio_balloon_drv.h"
#include "../../../arch/user/drivers/virtio_balloon_dev.h"

int zwrite(const char *dev, const char *attr, const char *val)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/block/%s/%s", dev, attr);
	return echo_file(path, val);
}

struct zram *zram_dev(const char *name)
{
	struct block_device *bdev = lookup_bdev(name);
	struct zram *zram;

	if (IS_ERR(bdev))
		return NULL;
	zram = bdev->bd_disk->private_data;
	bdput(bdev);
	return zram;
}

unsigned long nr_zspages(void)
{
	return global_zone_page_state(NR_ZSPAGES);
}

struct virtio_balloon *the_balloon(void)
{
	struct virtio_device *vdev;
	char name[24];
	unsigned int i;

	for (i = 0; i < 8; i++) {
		snprintf(name, sizeof(name), "virtio%u", i);
		vdev = virtio_find_device_by_name(name);
		if (vdev && vdev->priv)
			return vdev->priv;
	}
	return NULL;
}

long balloon_sets_disagree(struct virtio_balloon *vb)
{
	struct balloon_dev_info *b = &vb->vb_dev_info;
	unsigned long n = 0, i, *pfns;
	struct vbdev_state st;
	struct page *page;
	long bad = 0;

	vbdev_get_state(&st);
	pfns = calloc(vb->num_pages + 1, sizeof(*pfns));
	spin_lock(&b->pages_lock);
	list_for_each_entry(page, &b->pages, lru) {
		if (n <= vb->num_pages)
			pfns[n] = page_to_pfn(page);
		n++;
		if (!PageBalloon(page))
			bad++;
	}
	if (b->isolated_pages) {
		printf("# %lu balloon pages isolated at a quiescent point\n",
		       b->isolated_pages);
		bad++;
	}
	spin_unlock(&b->pages_lock);
	for (i = 0; i < n && i <= vb->num_pages; i++)
		if (!vbdev_pfn_ballooned(pfns[i])) {
			if (bad < 5)
				printf("# pfn %#lx is in the balloon, not at the host\n",
				       pfns[i]);
			bad++;
		}
	free(pfns);
	if (n != vb->num_pages || n != st.ballooned || n != st.actual) {
		printf("# driver list %lu, driver count %u, host set %lu, actual %u\n",
		       n, vb->num_pages, st.ballooned, st.actual);
		bad++;
	}
	return bad;
}
