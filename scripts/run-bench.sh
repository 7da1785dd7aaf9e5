#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run every benchmark built under BUILD_DIR/bench/, then list the targets
# they missed and end with one line: "bench: N targets, M met, K MISSED".
# Each benchmark judges its own targets (bench_target() in
# tools/bench/bench.h prints "(target OP LIMIT): met" or ": MISSED"); this
# counts the verdicts.  A missed target is news, not a failure: the
# machines are shared and noisy, so the status is 0 unless a benchmark
# itself failed.
set -e -o pipefail
obj=$1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for b in "$obj"/bench/bench_*; do
	case "$b" in *.d) continue ;; esac
	[ -x "$b" ] || continue
	"$b" | tee -a "$log"
done
met=$(grep -o '(target [^)]*): met' "$log" | wc -l)
missed=$(grep -o '(target [^)]*): MISSED' "$log" | wc -l)
if [ "$missed" != 0 ]; then
	echo "missed:"
	grep ': MISSED' "$log" | sed 's/^/  /'
fi
echo "bench: $((met + missed)) targets, $met met, $missed MISSED"
