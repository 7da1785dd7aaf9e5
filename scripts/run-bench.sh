#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run every benchmark built under BUILD_DIR/bench/.
set -e
obj=$1
for b in "$obj"/bench/bench_*; do
	case "$b" in *.d) continue ;; esac
	[ -x "$b" ] && "$b"
done
