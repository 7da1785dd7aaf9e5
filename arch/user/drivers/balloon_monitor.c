// SPDX-License-Identifier: GPL-2.0
/*
 * arch/user/drivers/balloon_monitor.c - the host's monitor of its balloon
 *
 * What QEMU's monitor does with a guest's balloon (its balloon.c, apart
 * from the device): set the target and wait for the guest to get there
 * ("balloon"), say how much memory the guest has ("info balloon"), ask
 * for the guest's statistics, and show the device's state in debugfs:
 *
 *   /sys/kernel/debug/virtio_balloon_dev/state        the host's view
 *   /sys/kernel/debug/virtio_balloon_dev/guest_stats  the guest's
 *                                                     statistics, fresh
 *
 * The monitor waits as a VMM's would, for the guest to make progress; in
 * deterministic mode the guest's balloon work is a work item waiting for
 * a safe point, and running the pending work is what waiting means.
 *
 * The device discards inflated frames in batches (virtio_balloon_dev.c);
 * before the monitor says what the guest has, or once the guest reached
 * its target, it has the device discard what it still holds pending, so
 * that the process's resident memory agrees with what it reports.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/ktime.h>
#include <linux/virtio_byteorder.h>
#include "virtio_balloon_dev.h"

/* The monitor's patience: this long without progress means stalled. */
#define VBDEV_STALL_NS		(2ULL * NSEC_PER_SEC)

/**
 * vbdev_present - is a balloon device plugged?
 *
 * Return: true with virtio_balloon_dev.enable=1 (and not unplugged).
 */
bool vbdev_present(void)
{
	return vbdev && vbdev->vmd.plugged;
}

/**
 * vbdev_ram_size - the guest's RAM, as the VM was given it
 *
 * Return: bytes.
 */
u64 vbdev_ram_size(void)
{
	return (u64)max_pfn << PAGE_SHIFT;
}

static u32 vbdev_actual(struct vbdev *dev)
{
	return READ_ONCE(dev->actual);
}

/**
 * vbdev_actual_bytes - the guest's memory, as "info balloon" says it
 *
 * The host first discards what it holds pending, so that its resident
 * memory agrees with the answer.
 *
 * Return: RAM minus the frames the guest says the host has, bytes.
 */
u64 vbdev_actual_bytes(void)
{
	u64 ram = vbdev_ram_size();

	if (!vbdev)
		return ram;
	vbdev_flush_discards(vbdev);
	return ram - ((u64)vbdev_actual(vbdev) << VIRTIO_BALLOON_PFN_SHIFT);
}

/*
 * Wait until actual reaches @num_pages, or makes no progress for
 * VBDEV_STALL_NS.
 */
static void vbdev_wait_actual(struct vbdev *dev, u32 num_pages)
{
	u64 idle_since = ktime_get_ns();
	u32 last = vbdev_actual(dev);

	if (!dev->vmd.thread) {
		flush_workqueue(system_wq);
		return;
	}
	while (last != num_pages) {
		u64 now;

		wait_event_timeout(dev->monitor_wait,
				   vbdev_actual(dev) != last, HZ / 10);
		now = ktime_get_ns();
		if (vbdev_actual(dev) != last) {
			last = vbdev_actual(dev);
			idle_since = now;
		} else if (now - idle_since >= VBDEV_STALL_NS) {
			break;
		}
	}
}

/**
 * vbdev_balloon - the monitor's "balloon": set the guest's memory target
 * @target: bytes of memory the guest is to keep (clamped to the RAM size;
 *	at least one frame)
 * @result: VBDEV_REACHED, or VBDEV_STALLED when the guest stopped short
 *
 * Return: 0, or -ENODEV without a device.
 */
int vbdev_balloon(u64 target, enum vbdev_balloon_result *result)
{
	struct vbdev *dev = vbdev;
	u64 ram = vbdev_ram_size();
	u32 num_pages;

	if (!vbdev_present())
		return -ENODEV;
	target = clamp_t(u64, target, 1ULL << VIRTIO_BALLOON_PFN_SHIFT, ram);
	num_pages = (ram - target) >> VIRTIO_BALLOON_PFN_SHIFT;
	vbdev_set_target(dev, num_pages);
	vbdev_wait_actual(dev, num_pages);
	vbdev_flush_discards(dev);
	*result = vbdev_actual(dev) == num_pages ? VBDEV_REACHED : VBDEV_STALLED;
	return 0;
}

/**
 * vbdev_wait_guest - let the guest catch up with the target (tests)
 *
 * Deterministic mode: runs the guest's pending work.  Otherwise waits
 * until actual equals the target or stalls.  Then the host discards what
 * it holds pending, as after the monitor's "balloon".
 */
void vbdev_wait_guest(void)
{
	struct vbdev *dev = vbdev;
	u32 num_pages;

	if (!dev)
		return;
	spin_lock(&dev->vmd.lock);
	num_pages = dev->num_pages;
	spin_unlock(&dev->vmd.lock);
	vbdev_wait_actual(dev, num_pages);
	vbdev_flush_discards(dev);
}

/**
 * vbdev_flush - discard what the host holds pending now (tests)
 */
void vbdev_flush(void)
{
	if (vbdev)
		vbdev_flush_discards(vbdev);
}

/**
 * vbdev_get_state - a snapshot of the device
 * @st: filled in (all zero but @present's false without a device)
 */
void vbdev_get_state(struct vbdev_state *st)
{
	struct vbdev *dev = vbdev;
	struct virtio_mmio_dev *vmd;

	memset(st, 0, sizeof(*st));
	if (!dev)
		return;
	vmd = &dev->vmd;
	st->present = vmd->plugged;
	mutex_lock(&vmd->process_lock);
	spin_lock(&vmd->lock);
	st->status = vmd->status;
	st->must_tell_host = vmd->driver_features &
			     BIT_ULL(VIRTIO_BALLOON_F_MUST_TELL_HOST);
	st->stats_vq = vmd->driver_features & BIT_ULL(VIRTIO_BALLOON_F_STATS_VQ);
	st->deflate_on_oom = vmd->driver_features &
			     BIT_ULL(VIRTIO_BALLOON_F_DEFLATE_ON_OOM);
	st->num_pages = dev->num_pages;
	st->actual = dev->actual;
	spin_unlock(&vmd->lock);
	st->ballooned = dev->nr_ballooned;
	st->inflated = dev->inflated;
	st->deflated = dev->deflated;
	st->reused = dev->reused;
	st->stats_updates = dev->stats_updates;
	st->discard_pending = dev->nr_pending;
	st->discards = dev->discards;
	st->discarded = dev->discarded;
	st->discard_cancelled = dev->discard_cancelled;
	st->discard_ns = dev->discard_ns;
	mutex_unlock(&vmd->process_lock);
	st->errors = atomic_long_read(&vmd->errors);
	st->kicks = atomic_long_read(&vmd->kicks);
	st->interrupts = atomic_long_read(&vmd->interrupts);
}

/**
 * vbdev_pfn_ballooned - does the host have frame @pfn?
 * @pfn: a frame number
 *
 * Return: true if it is in the host's set.
 */
bool vbdev_pfn_ballooned(unsigned long pfn)
{
	bool ret;

	if (!vbdev || pfn >= max_pfn)
		return false;
	mutex_lock(&vbdev->vmd.process_lock);
	ret = test_bit(pfn, vbdev->ballooned);
	mutex_unlock(&vbdev->vmd.process_lock);
	return ret;
}

/**
 * vbdev_request_stats - ask the guest for its memory statistics
 * @out: the statistics, by tag (tags the guest did not send are zero)
 *
 * Return: 0; -ENODEV without the stats queue; -EAGAIN if the guest left
 * no buffer, or did not answer (within a second, threaded).
 */
int vbdev_request_stats(struct virtio_balloon_stat out[VIRTIO_BALLOON_S_NR])
{
	struct vbdev *dev = vbdev;
	struct virtio_mmio_dev *vmd;
	unsigned long before;
	int irq;

	if (!vbdev_present() ||
	    !virtio_mmio_dev_negotiated(&dev->vmd, VIRTIO_BALLOON_F_STATS_VQ))
		return -ENODEV;
	vmd = &dev->vmd;
	/* The host is taking stock: its own memory first. */
	vbdev_flush_discards(dev);
	mutex_lock(&vmd->process_lock);
	before = dev->stats_updates;
	irq = __virtio_mmio_dev_give_back(vmd, VBDEV_STATS_Q);
	mutex_unlock(&vmd->process_lock);
	if (irq < 0)
		return irq;
	if (irq)
		virtio_mmio_dev_interrupt(vmd, VIRTIO_MMIO_INT_VRING);

	if (!vmd->thread)
		flush_workqueue(system_wq);
	else
		wait_event_timeout(dev->monitor_wait,
				   READ_ONCE(dev->stats_updates) != before, HZ);

	mutex_lock(&vmd->process_lock);
	memcpy(out, dev->stats, sizeof(dev->stats));
	irq = dev->stats_updates != before;
	mutex_unlock(&vmd->process_lock);
	return irq ? 0 : -EAGAIN;
}

/* ---- debugfs: the host's view -------------------------------------------- */

static int state_show(struct seq_file *m, void *v)
{
	struct vbdev_state st;

	vbdev_get_state(&st);
	seq_printf(m, "present %d\nstatus %u\nmust_tell_host %d\nstats_vq %d\ndeflate_on_oom %d\n",
		   st.present, st.status, st.must_tell_host, st.stats_vq,
		   st.deflate_on_oom);
	seq_printf(m, "num_pages %u\nactual %u\nballooned %lu\ninflated %lu\ndeflated %lu\n",
		   st.num_pages, st.actual, st.ballooned, st.inflated,
		   st.deflated);
	seq_printf(m, "errors %lu\nreused %lu\nkicks %lu\ninterrupts %lu\nstats_updates %lu\n",
		   st.errors, st.reused, st.kicks, st.interrupts,
		   st.stats_updates);
	seq_printf(m, "discard_pending %lu\ndiscards %lu\ndiscarded %lu\ndiscard_cancelled %lu\n",
		   st.discard_pending, st.discards, st.discarded,
		   st.discard_cancelled);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(state);

/* QEMU's names for the statistics (its guest-stats property). */
static const char * const vbdev_stat_names[VIRTIO_BALLOON_S_NR] = {
	"stat-swap-in", "stat-swap-out", "stat-major-faults",
	"stat-minor-faults", "stat-free-memory", "stat-total-memory",
	"stat-available-memory",
};

/* Reading asks the guest for fresh statistics. */
static int guest_stats_show(struct seq_file *m, void *v)
{
	struct virtio_balloon_stat s[VIRTIO_BALLOON_S_NR];
	unsigned int i;
	int err;

	err = vbdev_request_stats(s);
	if (err)
		return err;
	for (i = 0; i < VIRTIO_BALLOON_S_NR; i++)
		seq_printf(m, "%s %llu\n", vbdev_stat_names[i],
			   (unsigned long long)__virtio64_to_cpu(true, s[i].val));
	seq_printf(m, "last-update %lu\n", READ_ONCE(vbdev->stats_updates));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(guest_stats);

/**
 * vbdev_debugfs_init - the device's files in debugfs
 * @dev: the device, at boot
 */
void vbdev_debugfs_init(struct vbdev *dev)
{
	dev->debugfs = debugfs_create_dir("virtio_balloon_dev", NULL);
	debugfs_create_file("state", 0444, dev->debugfs, NULL, &state_fops);
	debugfs_create_file("guest_stats", 0444, dev->debugfs, NULL,
			    &guest_stats_fops);
}
