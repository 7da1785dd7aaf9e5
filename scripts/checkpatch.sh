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
files=$(git ls-files 'arch/*.[ch]' 'include/*.h' 'init/*.[ch]' 'kernel/*.[ch]' \
	'lib/*.[ch]' 'mm/*.[ch]' 'fs/*.[ch]' 'drivers/*.[ch]' 'samples/*.[ch]')
perl "$tools/scripts/checkpatch.pl" --no-tree --terse --show-types --quiet \
	--ignore FILE_PATH_CHANGES,EMBEDDED_FILENAME,COMPLEX_MACRO,MACRO_ARG_REUSE \
	--ignore NEW_TYPEDEFS,PREFER_DEFINED_ATTRIBUTE_MACRO,SPDX_LICENSE_TAG \
	--ignore MACRO_ARG_PRECEDENCE,SPLIT_STRING,LINE_SPACING \
	-f $files
