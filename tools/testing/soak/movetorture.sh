#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# movetorture (mm/movetorture.c) at length: each movable kind of the
# tree for MS milliseconds, in a umm of its own, with NR migrator
# threads; prints each run's summary and fails if one failed.
#
#   movetorture.sh UMM [MS [NR [SEED]]]      (make soak-torture)
set -u

umm=$(readlink -f "$1")
ms=${2:-20000}
nr=${3:-4}
seed=${4:-$RANDOM}
failed=0
mt=/sys/kernel/debug/movetorture

for kind in movable_sample zsmalloc balloon; do
	out=$("$umm" mem=256M virtio_balloon_dev.enable=1 umm.seed="$seed" -c "
		echo $ms > $mt/duration_ms
		echo $nr > $mt/nr_threads
		echo $kind > $mt/run
		cat $mt/run" 2>&1)
	status=$?
	echo "$out" | grep '^movetorture: '
	if [ $status != 0 ]; then
		echo "FAIL movetorture kind=$kind (exit status $status, umm.seed=$seed):"
		echo "$out" | grep -v '^movetorture: kind=.* isolations=' | head -n 40 | sed 's/^/    /'
		failed=1
	fi
done
exit $failed
