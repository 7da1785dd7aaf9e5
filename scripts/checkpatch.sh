#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the kernel's checkpatch.pl on every kernel-side file.  The ignored
# types do not apply to a tree that is not the kernel's:
#   FILE_PATH_CHANGES, SPDX_LICENSE_TAG placement: no MAINTAINERS lookups
#   EMBEDDED_FILENAME: the house style names the file in its header
#   COMPLEX_MACRO, MACRO_ARG_REUSE: the page-flag and atomic generators
#     are statement-list macros by design, as in the kernel
#   NEW_TYPEDEFS: the kernel's own typedefs (spinlock_t, gfp_t...) live here
#   PREFER_DEFINED_ATTRIBUTE_MACRO: compiler_types.h defines those macros
set -e
tools=${1:-.kernel-tools}
common=FILE_PATH_CHANGES,EMBEDDED_FILENAME,COMPLEX_MACRO,MACRO_ARG_REUSE,NEW_TYPEDEFS,PREFER_DEFINED_ATTRIBUTE_MACRO,SPDX_LICENSE_TAG,MACRO_ARG_PRECEDENCE,SPLIT_STRING,LINE_SPACING

# Files that implement a primitive trip the checks that guard its users
# (a barrier without a comment, volatile, printk(KERN_...) inside pr_*,
# simple_strtoul inside its own implementation...).  Each gets exactly
# the checks its subject makes inapplicable.
declare -A extra=(
	[arch/user/include/asm/barrier.h]=MEMORY_BARRIER
	[arch/user/include/asm/host_ops.h]=FUNCTION_ARGUMENTS
	[include/linux/bitops.h]=VOLATILE
	[include/linux/compiler.h]=VOLATILE
	[include/linux/printk.h]=PREFER_PR_LEVEL,PRINTK_RATELIMITED,PRINTK_WITHOUT_KERN_LEVEL,LOGGING_CONTINUATION
	[include/linux/dev_printk.h]=PRINTK_WITHOUT_KERN_LEVEL,PREFER_DEV_LEVEL
	[include/linux/kernel.h]=CONSIDER_KSTRTO
	[lib/kstrtox.c]=CONSIDER_KSTRTO
	[lib/cmdline.c]=CONSIDER_KSTRTO
	[include/linux/export.h]=EXPORT_SYMBOL
	[include/linux/errno.h]=ENOSYS
	[init/console.c]=ENOSYS
	[include/linux/kconfig.h]=IS_ENABLED_CONFIG
	[include/linux/preempt.h]=IN_ATOMIC
	[include/linux/delay.h]=USLEEP_RANGE
	[include/linux/spinlock.h]=USE_LOCKDEP
	[include/linux/highmem.h]=DEPRECATED_API
	[include/linux/fs.h]=SYMBOLIC_PERMS,CONST_STRUCT
	[include/linux/seq_file.h]=CONST_STRUCT
	[fs/seq_file.c]=CONST_STRUCT
	[include/linux/atomic.h]=SPACING
	[include/linux/mmzone.h]=MULTISTATEMENT_MACRO_USE_DO_WHILE
	[include/linux/moduleparam.h]=MULTISTATEMENT_MACRO_USE_DO_WHILE
	[kernel/sched/core.c]=YIELD
	[kernel/locking/spinlock.c]=YIELD
	[kernel/printk.c]=PRINTK_WITHOUT_KERN_LEVEL
	[kernel/panic.c]=EMBEDDED_FUNCTION_NAME
)

status=0
for f in $(git ls-files 'arch/*.[ch]' 'include/*.h' 'init/*.[ch]' 'kernel/*.[ch]' \
		'lib/*.[ch]' 'mm/*.[ch]' 'fs/*.[ch]' 'drivers/*.[ch]' 'samples/*.[ch]' \
		'tools/umm/*.[ch]'); do
	ignore=$common${extra[$f]:+,${extra[$f]}}
	out=$(perl "$tools/scripts/checkpatch.pl" --no-tree --terse --show-types \
		--quiet --ignore "$ignore" -f "$f" | grep -v '^total: ' || true)
	if [ -n "$out" ]; then
		echo "$out"
		status=1
	fi
done
exit $status
