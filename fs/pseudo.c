// SPDX-License-Identifier: GPL-2.0
/*
 * fs/pseudo.c - the in-memory tree behind /proc, /sys and debugfs
 *
 * One tree of dentries, each with its own inode, rooted at a static "/".
 * Directories keep their children on a list sorted by name, so that
 * readdir gives the order ls would print and lookups can stop early; the
 * directories hold a few dozen entries, so lists are all the index needed.
 *
 * Locking: pseudo_lock (a mutex) protects the shape of the tree: every
 * d_subdirs list, each d_child and d_parent link, and d_flags.  It is the
 * only lock taken here (kmalloc() runs under it, so it comes before the
 * slab's locks), and it is never held across a call into a file's
 * operations: those may create or remove entries themselves (setting a
 * zram disksize creates the zsmalloc pool and its debugfs files).  The
 * reference count d_count and the in-use count d_active are atomics.
 *
 * Removal happens in two steps.  Under the mutex the whole subtree is
 * unlinked and marked, so no lookup can find it and nothing can be
 * created inside it; then, without the mutex, each entry waits for the
 * operations already running on it (which might need the mutex) and gives
 * up the tree's reference.  An open file keeps its dentry until it is
 * closed, but pseudo_use() fails on it: see include/linux/pseudo_fs.h.
 * That wait is why pseudo_remove() must not be called with a lock held
 * that the removed files' operations take, nor from one of them (the
 * rule debugfs_remove() has in the kernel).
 */

#include <linux/pseudo_fs.h>
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

/* Added to d_active on removal: the count is negative from then on. */
#define D_ACTIVE_BIAS	INT_MIN

static DEFINE_MUTEX(pseudo_lock);

/* Inode numbers are only for readdir's ino; 1 is the root's. */
static atomic_long_t last_ino = ATOMIC_LONG_INIT(1);

/* Files created without operations: opens succeed, reads say -EINVAL. */
static const struct file_operations pseudo_noop_fops;

static struct dentry pseudo_root;

static struct inode pseudo_root_inode = {
	.i_mode		= S_IFDIR | 0755,
	.i_ino		= 1,
	.i_fop		= &simple_dir_operations,
	.i_dentry	= &pseudo_root,
};

/* Static, so that entries can be created before vfs_caches_init(). */
static struct dentry pseudo_root = {
	.d_name		= (char *)"/",
	.d_namelen	= 1,
	.d_parent	= &pseudo_root,
	.d_child	= LIST_HEAD_INIT(pseudo_root.d_child),
	.d_subdirs	= LIST_HEAD_INIT(pseudo_root.d_subdirs),
	.d_count	= ATOMIC_INIT(1),
	.d_inode	= &pseudo_root_inode,
};

static int pseudo_check_name(const char *name, size_t len)
{
	if (!len)
		return -EINVAL;
	if (len > NAME_MAX)
		return -ENAMETOOLONG;
	if (memchr(name, '/', len))
		return -EINVAL;
	if (name[0] == '.' && (len == 1 || (len == 2 && name[1] == '.')))
		return -EINVAL;
	return 0;
}

/*
 * Settle a creation mode: a regular file unless a directory was asked
 * for, and if no permission bits were given, the usual ones (proc does
 * the same for a mode of 0).
 */
static umode_t pseudo_fix_mode(umode_t mode)
{
	umode_t type = mode & S_IFMT;

	if (type != S_IFDIR)
		type = S_IFREG;
	mode &= S_IALLUGO;
	if (!mode)
		mode = type == S_IFDIR ? 0755 : 0444;
	return type | mode;
}

/* Order of @dentry's name against @name[0..@len): as strcmp() would. */
static int d_name_cmp(const struct dentry *dentry, const char *name,
		      size_t len)
{
	int ret = strncmp(dentry->d_name, name, len);

	if (ret)
		return ret;
	return dentry->d_name[len] ? 1 : 0;
}

static struct dentry *d_find_child(struct dentry *dir, const char *name,
				   size_t len)
{
	struct dentry *child;

	lockdep_assert_held(&pseudo_lock);
	list_for_each_entry(child, &dir->d_subdirs, d_child) {
		int cmp = d_name_cmp(child, name, len);

		if (!cmp)
			return child;
		if (cmp > 0)
			break;
	}
	return NULL;
}

/* A new dentry and its inode, not yet in the tree. */
static struct dentry *d_alloc(const char *name, size_t len, umode_t mode,
			      const struct file_operations *fops, void *data)
{
	struct dentry *dentry;
	struct inode *inode;

	dentry = kzalloc(sizeof(*dentry), GFP_KERNEL);
	inode = kzalloc(sizeof(*inode), GFP_KERNEL);
	if (!dentry || !inode)
		goto fail;
	dentry->d_name = kmalloc(len + 1, GFP_KERNEL);
	if (!dentry->d_name)
		goto fail;
	memcpy(dentry->d_name, name, len);
	dentry->d_name[len] = '\0';
	dentry->d_namelen = len;
	INIT_LIST_HEAD(&dentry->d_child);
	INIT_LIST_HEAD(&dentry->d_subdirs);
	atomic_set(&dentry->d_count, 1);	/* the tree's reference */
	dentry->d_inode = inode;

	if (!fops)
		fops = S_ISDIR(mode) ? &simple_dir_operations : &pseudo_noop_fops;
	inode->i_mode = mode;
	inode->i_ino = atomic_long_inc_return(&last_ino);
	inode->i_private = data;
	inode->i_fop = fops;
	inode->i_dentry = dentry;
	inode->i_data.host = inode;
	inode->i_mapping = &inode->i_data;
	return dentry;
fail:
	if (dentry)
		kfree(dentry->d_name);
	kfree(dentry);
	kfree(inode);
	return NULL;
}

/* The last reference is gone: nothing can reach @dentry any more. */
static void d_free(struct dentry *dentry)
{
	if (dentry->d_op && dentry->d_op->d_release)
		dentry->d_op->d_release(dentry);
	kfree(dentry->d_name);
	kfree(dentry->d_inode);
	kfree(dentry);
}

/* Link @dentry under @parent, keeping the children sorted. */
static int d_link(struct dentry *parent, struct dentry *dentry)
{
	struct dentry *child;

	lockdep_assert_held(&pseudo_lock);
	if (!d_is_dir(parent))
		return -ENOTDIR;
	if (parent->d_flags & DCACHE_UNLINKED)
		return -ENOENT;
	list_for_each_entry(child, &parent->d_subdirs, d_child) {
		int cmp = strcmp(child->d_name, dentry->d_name);

		if (!cmp)
			return -EEXIST;
		if (cmp > 0)
			break;
	}
	/*
	 * Before @child; when the loop ran off the end, &child->d_child is
	 * the list head itself, so this appends.
	 */
	list_add_tail(&dentry->d_child, &child->d_child);
	dentry->d_parent = dget(parent);
	return 0;
}

/* The directory @name in @parent: the one there, or a new one. */
static struct dentry *d_mkdir_locked(struct dentry *parent, const char *name,
				     size_t len, umode_t mode)
{
	struct dentry *dentry;
	int err;

	lockdep_assert_held(&pseudo_lock);
	err = pseudo_check_name(name, len);
	if (err)
		return ERR_PTR(err);
	if (!d_is_dir(parent))
		return ERR_PTR(-ENOTDIR);
	dentry = d_find_child(parent, name, len);
	if (dentry)
		return d_is_dir(dentry) ? dentry : ERR_PTR(-EEXIST);

	dentry = d_alloc(name, len, pseudo_fix_mode(mode | S_IFDIR), NULL,
			 NULL);
	if (!dentry)
		return ERR_PTR(-ENOMEM);
	err = d_link(parent, dentry);
	if (err) {
		d_free(dentry);
		return ERR_PTR(err);
	}
	return dentry;
}

/* Skip slashes, then measure the next path component. */
static const char *path_next(const char *p, size_t *len)
{
	size_t n = 0;

	while (*p == '/')
		p++;
	while (p[n] && p[n] != '/')
		n++;
	*len = n;
	return p;
}

static bool is_dot(const char *p, size_t len)
{
	return len == 1 && p[0] == '.';
}

static bool is_dotdot(const char *p, size_t len)
{
	return len == 2 && p[0] == '.' && p[1] == '.';
}

/**
 * dput - drop a reference to a dentry
 * @dentry: the dentry, or NULL
 *
 * When the last reference goes, the dentry (already out of the tree: the
 * tree holds a reference while it is linked) and its inode are freed, and
 * the reference it held on its parent is dropped in turn.  Does not take
 * the tree mutex, so it may be called with it held.
 */
void dput(struct dentry *dentry)
{
	while (dentry) {
		struct dentry *parent;

		if (!atomic_dec_and_test(&dentry->d_count))
			return;
		if (WARN_ON(dentry == &pseudo_root)) {
			atomic_set(&dentry->d_count, 1);
			return;
		}
		WARN_ON(!(dentry->d_flags & DCACHE_UNLINKED));
		parent = dentry->d_parent;
		d_free(dentry);
		dentry = parent;
	}
}

/**
 * pseudo_create - create an entry in the pseudo filesystem tree
 * @name: its name (no slashes, not "." or "..")
 * @mode: S_IFDIR or S_IFREG (the default) and permission bits; no
 *	permission bits means 0755 for a directory, 0444 for a file
 * @parent: the directory to create it in, or NULL for "/"
 * @data: the inode's i_private, for the file's operations
 * @fops: the file's operations; NULL gives a directory the usual
 *	readdir and a file none
 * @fsdata: the dentry's d_fsdata, for the filesystem that made it
 * @d_op: dentry operations (d_release() frees @fsdata), or NULL
 *
 * Everything is filled in before the entry becomes visible, so a lookup
 * can never see it half made.  On failure, d_release() is not called.
 *
 * Return: the new dentry (the tree holds its reference), or
 * ERR_PTR(-EEXIST) if the name is taken, -ENOTDIR if @parent is not a
 * directory, -ENOENT if it was removed, -EINVAL or -ENAMETOOLONG for a
 * bad name, -ENOMEM.
 */
struct dentry *pseudo_create(const char *name, umode_t mode,
			     struct dentry *parent, void *data,
			     const struct file_operations *fops,
			     void *fsdata, const struct dentry_operations *d_op)
{
	size_t len = strlen(name);
	struct dentry *dentry;
	int err;

	err = pseudo_check_name(name, len);
	if (err)
		return ERR_PTR(err);
	dentry = d_alloc(name, len, pseudo_fix_mode(mode), fops, data);
	if (!dentry)
		return ERR_PTR(-ENOMEM);

	mutex_lock(&pseudo_lock);
	err = d_link(parent ?: &pseudo_root, dentry);
	if (!err) {
		dentry->d_fsdata = fsdata;
		dentry->d_op = d_op;
	}
	mutex_unlock(&pseudo_lock);

	if (err) {
		d_free(dentry);
		return ERR_PTR(err);
	}
	return dentry;
}

/**
 * pseudo_create_file - create a regular file in the pseudo filesystem
 * @name: its name
 * @mode: permission bits (0444 if none)
 * @parent: the directory, or NULL for "/"
 * @data: the inode's i_private
 * @fops: the file's operations
 *
 * Return: the new dentry, or an ERR_PTR() as for pseudo_create();
 * ERR_PTR(-EEXIST) if the name is taken.
 */
struct dentry *pseudo_create_file(const char *name, umode_t mode,
				  struct dentry *parent, void *data,
				  const struct file_operations *fops)
{
	return pseudo_create(name, (mode & ~S_IFMT) | S_IFREG, parent, data,
			     fops, NULL, NULL);
}

/**
 * pseudo_mkdir - create a directory, or find the one already there
 * @name: its name
 * @mode: permission bits (0755 if none)
 * @parent: the directory to create it in, or NULL for "/"
 *
 * Return: the directory's dentry (the tree holds its reference), or
 * ERR_PTR(-EEXIST) if a file has that name, or another ERR_PTR() as for
 * pseudo_create().
 */
struct dentry *pseudo_mkdir(const char *name, umode_t mode,
			    struct dentry *parent)
{
	struct dentry *dentry;

	mutex_lock(&pseudo_lock);
	parent = parent ?: &pseudo_root;
	if (parent->d_flags & DCACHE_UNLINKED)
		dentry = ERR_PTR(-ENOENT);
	else
		dentry = d_mkdir_locked(parent, name, strlen(name), mode);
	mutex_unlock(&pseudo_lock);
	return dentry;
}

/**
 * pseudo_mkdir_p - create a directory and any missing parents
 * @path: path from "/" (a leading slash is optional)
 *
 * Like "mkdir -p": directories already there are used as they are.
 *
 * Return: the last directory's dentry (the tree holds its reference), or
 * ERR_PTR(-EEXIST) if a component names a file, or another ERR_PTR() as
 * for pseudo_create().
 */
struct dentry *pseudo_mkdir_p(const char *path)
{
	struct dentry *dir = &pseudo_root;
	const char *p = path;
	size_t len;

	mutex_lock(&pseudo_lock);
	for (p = path_next(p, &len); len; p = path_next(p + len, &len)) {
		if (is_dot(p, len))
			continue;
		if (is_dotdot(p, len)) {
			dir = dir->d_parent;
			continue;
		}
		dir = d_mkdir_locked(dir, p, len, 0755);
		if (IS_ERR(dir))
			break;
	}
	mutex_unlock(&pseudo_lock);
	return dir;
}

/**
 * pseudo_lookup - find an entry by path
 * @path: absolute path; there is no working directory, so a relative one
 *	is taken from "/" too.  Repeated slashes, "." and ".." are accepted;
 *	a trailing slash requires a directory, as in the kernel.
 *
 * Return: the dentry with a reference the caller drops with dput(), or
 * ERR_PTR(-ENOENT) if a component does not exist, -ENOTDIR if one that
 * must be a directory is a file, -ENAMETOOLONG.
 */
struct dentry *pseudo_lookup(const char *path)
{
	struct dentry *dentry = &pseudo_root;
	size_t total, len;
	const char *p;

	total = strnlen(path, PATH_MAX);
	if (total >= PATH_MAX)
		return ERR_PTR(-ENAMETOOLONG);

	mutex_lock(&pseudo_lock);
	for (p = path_next(path, &len); len; p = path_next(p + len, &len)) {
		if (!d_is_dir(dentry)) {
			dentry = ERR_PTR(-ENOTDIR);
			break;
		}
		if (is_dot(p, len))
			continue;
		if (is_dotdot(p, len)) {
			dentry = dentry->d_parent;
			continue;
		}
		if (len > NAME_MAX) {
			dentry = ERR_PTR(-ENAMETOOLONG);
			break;
		}
		dentry = d_find_child(dentry, p, len);
		if (!dentry) {
			dentry = ERR_PTR(-ENOENT);
			break;
		}
	}
	if (!IS_ERR(dentry) && total && path[total - 1] == '/' &&
	    !d_is_dir(dentry))
		dentry = ERR_PTR(-ENOTDIR);
	if (!IS_ERR(dentry))
		dget(dentry);
	mutex_unlock(&pseudo_lock);
	return dentry;
}

/**
 * pseudo_lookup_one - find an entry by name in one directory
 * @name: the entry's name
 * @parent: the directory, or NULL for "/"
 *
 * Return: the dentry with a reference the caller drops with dput(), or
 * ERR_PTR(-ENOENT) if there is none (or @parent was removed), -ENOTDIR if
 * @parent is not a directory.
 */
struct dentry *pseudo_lookup_one(const char *name, struct dentry *parent)
{
	struct dentry *dentry;

	parent = parent ?: &pseudo_root;
	mutex_lock(&pseudo_lock);
	if (!d_is_dir(parent))
		dentry = ERR_PTR(-ENOTDIR);
	else if (parent->d_flags & DCACHE_UNLINKED)
		dentry = ERR_PTR(-ENOENT);
	else
		dentry = d_find_child(parent, name, strlen(name)) ?:
			 ERR_PTR(-ENOENT);
	if (!IS_ERR(dentry))
		dget(dentry);
	mutex_unlock(&pseudo_lock);
	return dentry;
}

/**
 * pseudo_child_at - the entry at a position in a directory, for readdir
 * @dir: the directory
 * @pos: 0 for the first entry in name order, 1 for the next...
 *
 * The position is an index, so an entry created or removed between two
 * calls shifts the ones after it: a readdir running alongside may then
 * miss or repeat one entry, never see a freed one.
 *
 * Return: the entry with a reference the caller drops with dput(), or
 * NULL past the end.
 */
struct dentry *pseudo_child_at(struct dentry *dir, loff_t pos)
{
	struct dentry *child, *found = NULL;

	mutex_lock(&pseudo_lock);
	list_for_each_entry(child, &dir->d_subdirs, d_child) {
		if (pos-- == 0) {
			found = dget(child);
			break;
		}
	}
	mutex_unlock(&pseudo_lock);
	return found;
}

/**
 * pseudo_use - start an operation on an entry's file
 * @dentry: the entry
 *
 * Every call into a file's operations is bracketed by pseudo_use() and
 * pseudo_unuse(), so that pseudo_remove() can wait for the calls in
 * progress and refuse new ones.
 *
 * Return: true if the operation may go ahead, false if the entry was
 * removed (the caller reports -EIO or -ENOENT).
 */
bool pseudo_use(struct dentry *dentry)
{
	int c = atomic_read(&dentry->d_active);

	do {
		if (c < 0)
			return false;
	} while (!atomic_try_cmpxchg(&dentry->d_active, &c, c + 1));
	return true;
}

/**
 * pseudo_unuse - end an operation started with pseudo_use()
 * @dentry: the entry
 */
void pseudo_unuse(struct dentry *dentry)
{
	/* The last one out of a file being removed wakes the remover. */
	if (atomic_dec_return(&dentry->d_active) == D_ACTIVE_BIAS)
		complete(dentry->d_drain);
}

/* Refuse new operations on @dentry and wait for those in progress. */
static void d_drain(struct dentry *dentry)
{
	struct completion done;

	init_completion(&done);
	dentry->d_drain = &done;
	if (atomic_add_return(D_ACTIVE_BIAS, &dentry->d_active) !=
	    D_ACTIVE_BIAS)
		wait_for_completion(&done);
	dentry->d_drain = NULL;
}

/*
 * Unlink the subtree under @top and put it on @doomed children first, so
 * that a parent is always dropped after its children (whose references
 * keep it alive until then anyway).
 */
static void d_unlink_subtree(struct dentry *top, struct list_head *doomed)
{
	struct dentry *dentry = top;

	lockdep_assert_held(&pseudo_lock);
	for (;;) {
		struct dentry *parent = dentry->d_parent;

		if (!list_empty(&dentry->d_subdirs)) {
			dentry = list_first_entry(&dentry->d_subdirs,
						  struct dentry, d_child);
			continue;
		}
		dentry->d_flags |= DCACHE_UNLINKED;
		list_move_tail(&dentry->d_child, doomed);
		if (dentry == top)
			break;
		dentry = parent;
	}
}

/**
 * pseudo_remove - remove an entry and everything under it
 * @dentry: the entry (NULL, an ERR_PTR() or one already removed is
 *	ignored, so that error paths can call it unconditionally)
 *
 * Waits for reads and writes in progress on the removed files, so it must
 * not be called from the operations of a file it removes.  Files still
 * open stay valid until they are closed, but their reads and writes fail
 * with -EIO.
 */
void pseudo_remove(struct dentry *dentry)
{
	struct dentry *cur, *next;
	LIST_HEAD(doomed);

	if (IS_ERR_OR_NULL(dentry) || WARN_ON(dentry == &pseudo_root))
		return;

	mutex_lock(&pseudo_lock);
	if (!(dentry->d_flags & DCACHE_UNLINKED))
		d_unlink_subtree(dentry, &doomed);
	mutex_unlock(&pseudo_lock);

	/* @doomed is ours alone now; the tree's references keep it alive. */
	list_for_each_entry_safe(cur, next, &doomed, d_child) {
		list_del_init(&cur->d_child);
		d_drain(cur);
		dput(cur);
	}
}

static struct dentry * __init vfs_mkdir_or_panic(const char *name,
						 umode_t mode,
						 struct dentry *parent)
{
	struct dentry *dentry = pseudo_mkdir(name, mode, parent);

	if (IS_ERR(dentry))
		panic("vfs: cannot create %s: %ld\n", name, PTR_ERR(dentry));
	return dentry;
}

/**
 * vfs_caches_init - create the directories every filesystem hangs off
 *
 * "/" itself is static; this adds /proc, /sys, /sys/kernel,
 * /sys/kernel/debug and /dev, where procfs, sysfs, debugfs and the
 * device nodes of the console's swapon/mkswap live.
 */
void __init vfs_caches_init(void)
{
	struct dentry *sys, *kernel;

	vfs_mkdir_or_panic("proc", 0555, NULL);
	sys = vfs_mkdir_or_panic("sys", 0555, NULL);
	kernel = vfs_mkdir_or_panic("kernel", 0755, sys);
	vfs_mkdir_or_panic("debug", 0700, kernel);
	vfs_mkdir_or_panic("dev", 0755, NULL);
}
