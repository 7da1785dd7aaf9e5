#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Take the kernel's own test harness and checkers from Debian's
# linux-source package into a git-ignored folder.  Nothing of it is
# committed: it is a build-time dependency, like a compiler.
set -e

out=${1:-.kernel-tools}
tarball=$(ls /usr/src/linux-source-6.1*.tar.xz 2>/dev/null | head -n 1)
if [ -z "$tarball" ]; then
	echo "extract-kernel-tools: /usr/src/linux-source-6.1.tar.xz not found (apt-get install linux-source-6.1)" >&2
	exit 1
fi
top=$(basename "$tarball" .tar.xz)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

tar -xJf "$tarball" -C "$tmp" \
	"$top/tools/testing/selftests/kselftest_harness.h" \
	"$top/tools/testing/selftests/kselftest.h" \
	"$top/scripts/checkpatch.pl" \
	"$top/scripts/spelling.txt" \
	"$top/scripts/const_structs.checkpatch" \
	"$top/scripts/kernel-doc"

mkdir -p "$out/selftests" "$out/scripts"
cp "$tmp/$top/tools/testing/selftests/kselftest_harness.h" \
   "$tmp/$top/tools/testing/selftests/kselftest.h" "$out/selftests/"
cp "$tmp/$top/scripts/checkpatch.pl" "$tmp/$top/scripts/spelling.txt" \
   "$tmp/$top/scripts/const_structs.checkpatch" \
   "$tmp/$top/scripts/kernel-doc" "$out/scripts/"
echo "extract-kernel-tools: kselftest_harness.h, checkpatch.pl, kernel-doc in $out/"
