#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run our coccinelle rules (scripts/coccinelle/*.cocci) over the kernel side
# of the tree; any report fails.
set -e
files=$(git ls-files 'arch/*.c' 'init/*.c' 'kernel/*.c' 'lib/*.c' 'mm/*.c' \
	'fs/*.c' 'drivers/*.c' 'samples/*.c')
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for rule in scripts/coccinelle/*.cocci; do
	for f in $files; do
		spatch --very-quiet --sp-file "$rule" -D report --no-includes \
			--include-headers "$f" 2>/dev/null >>"$out" || true
	done
done
if [ -s "$out" ]; then
	cat "$out"
	exit 1
fi
echo "coccicheck: $(ls scripts/coccinelle/*.cocci | wc -l) rules, no reports"
