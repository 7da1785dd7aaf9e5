// SPDX-License-Identifier: GPL-2.0
/*
 * fs/debugfs/file.c - debugfs files that show one variable
 *
 * debugfs_create_u32() and friends: reading prints the variable and a
 * newline, writing parses a number into it.  A file whose mode has no
 * write bit gets operations without a write (and the reverse), so its
 * permissions and its behaviour agree.
 */

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/uaccess.h>

/*
 * Values that do not fit the variable are refused rather than cut (the
 * kernel stores the low bits): an echo must not leave a surprise value.
 */
static int debugfs_u32_set(void *data, u64 val)
{
	if (val > U32_MAX)
		return -EINVAL;
	WRITE_ONCE(*(u32 *)data, val);
	return 0;
}

static int debugfs_u32_get(void *data, u64 *val)
{
	*val = READ_ONCE(*(u32 *)data);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(fops_u32, debugfs_u32_get, debugfs_u32_set, "%llu\n");
DEFINE_DEBUGFS_ATTRIBUTE(fops_u32_ro, debugfs_u32_get, NULL, "%llu\n");
DEFINE_DEBUGFS_ATTRIBUTE(fops_u32_wo, NULL, debugfs_u32_set, "%llu\n");

static int debugfs_u64_set(void *data, u64 val)
{
	WRITE_ONCE(*(u64 *)data, val);
	return 0;
}

static int debugfs_u64_get(void *data, u64 *val)
{
	*val = READ_ONCE(*(u64 *)data);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(fops_u64, debugfs_u64_get, debugfs_u64_set, "%llu\n");
DEFINE_DEBUGFS_ATTRIBUTE(fops_u64_ro, debugfs_u64_get, NULL, "%llu\n");
DEFINE_DEBUGFS_ATTRIBUTE(fops_u64_wo, NULL, debugfs_u64_set, "%llu\n");

static int debugfs_ulong_set(void *data, u64 val)
{
	if (val > ULONG_MAX)
		return -EINVAL;
	WRITE_ONCE(*(unsigned long *)data, val);
	return 0;
}

static int debugfs_ulong_get(void *data, u64 *val)
{
	*val = READ_ONCE(*(unsigned long *)data);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(fops_ulong, debugfs_ulong_get, debugfs_ulong_set,
			 "%llu\n");
DEFINE_DEBUGFS_ATTRIBUTE(fops_ulong_ro, debugfs_ulong_get, NULL, "%llu\n");
DEFINE_DEBUGFS_ATTRIBUTE(fops_ulong_wo, NULL, debugfs_ulong_set, "%llu\n");

/* The operations that match @mode: read-only, write-only or both. */
static const struct file_operations *
debugfs_fops_for(umode_t mode, const struct file_operations *rw,
		 const struct file_operations *ro,
		 const struct file_operations *wo)
{
	if (!(mode & 0222))
		return ro;
	if (!(mode & 0444))
		return wo;
	return rw;
}

/**
 * debugfs_create_u32 - a debugfs file showing a u32
 * @name: the file's name
 * @mode: its permission bits
 * @parent: its directory, or NULL for the debugfs root
 * @value: the variable; it must outlive the file
 */
void debugfs_create_u32(const char *name, umode_t mode, struct dentry *parent,
			u32 *value)
{
	debugfs_create_file(name, mode, parent, value,
			    debugfs_fops_for(mode, &fops_u32, &fops_u32_ro,
					     &fops_u32_wo));
}

/**
 * debugfs_create_u64 - a debugfs file showing a u64
 * @name: the file's name
 * @mode: its permission bits
 * @parent: its directory, or NULL for the debugfs root
 * @value: the variable; it must outlive the file
 */
void debugfs_create_u64(const char *name, umode_t mode, struct dentry *parent,
			u64 *value)
{
	debugfs_create_file(name, mode, parent, value,
			    debugfs_fops_for(mode, &fops_u64, &fops_u64_ro,
					     &fops_u64_wo));
}

/**
 * debugfs_create_ulong - a debugfs file showing an unsigned long
 * @name: the file's name
 * @mode: its permission bits
 * @parent: its directory, or NULL for the debugfs root
 * @value: the variable; it must outlive the file
 */
void debugfs_create_ulong(const char *name, umode_t mode,
			  struct dentry *parent, unsigned long *value)
{
	debugfs_create_file(name, mode, parent, value,
			    debugfs_fops_for(mode, &fops_ulong, &fops_ulong_ro,
					     &fops_ulong_wo));
}

static ssize_t debugfs_read_file_bool(struct file *file, char __user *buf,
				      size_t count, loff_t *ppos)
{
	bool *val = file->private_data;
	char text[2] = { READ_ONCE(*val) ? 'Y' : 'N', '\n' };

	return simple_read_from_buffer(buf, count, ppos, text, sizeof(text));
}

/* Takes what kstrtobool() takes: 1/0, y/n, Y/N, on/off... */
static ssize_t debugfs_write_file_bool(struct file *file,
				       const char __user *buf, size_t count,
				       loff_t *ppos)
{
	bool *val = file->private_data;
	char text[32];
	bool bv;
	int err;

	if (count >= sizeof(text))
		return -EINVAL;
	if (copy_from_user(text, buf, count))
		return -EFAULT;
	text[count] = '\0';
	err = kstrtobool(text, &bv);
	if (err)
		return err;
	WRITE_ONCE(*val, bv);
	return count;
}

static const struct file_operations fops_bool = {
	.open	= simple_open,
	.read	= debugfs_read_file_bool,
	.write	= debugfs_write_file_bool,
	.llseek	= default_llseek,
};

static const struct file_operations fops_bool_ro = {
	.open	= simple_open,
	.read	= debugfs_read_file_bool,
	.llseek	= default_llseek,
};

static const struct file_operations fops_bool_wo = {
	.open	= simple_open,
	.write	= debugfs_write_file_bool,
	.llseek	= default_llseek,
};

/**
 * debugfs_create_bool - a debugfs file showing a bool
 * @name: the file's name
 * @mode: its permission bits
 * @parent: its directory, or NULL for the debugfs root
 * @value: the variable; it must outlive the file
 *
 * Reading gives "Y\n" or "N\n"; writing takes what kstrtobool() takes.
 */
void debugfs_create_bool(const char *name, umode_t mode, struct dentry *parent,
			 bool *value)
{
	debugfs_create_file(name, mode, parent, value,
			    debugfs_fops_for(mode, &fops_bool, &fops_bool_ro,
					     &fops_bool_wo));
}
