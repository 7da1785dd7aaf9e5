# SPDX-License-Identifier: GPL-2.0
#
# tools/testing/ktap.sh - kselftest's TAP lines, for the tests written in
# bash (sourced, not run).  scripts/run-tests.sh reads their totals line.
#
#   ok NAME STATUS	report one test: "ok N NAME", or "not ok N NAME"
#			followed by what ktap_detail prints, each line
#			after "# FAIL: " (the sourcing test defines
#			ktap_detail: the output it checked, say)
#   ktap_totals		the totals line; $skip counts skipped tests

pass=0
fail=0
skip=0
n=0

ok() {
	n=$((n + 1))
	if [ "$2" = 0 ]; then
		pass=$((pass + 1))
		echo "ok $n $1"
	else
		fail=$((fail + 1))
		echo "not ok $n $1"
		ktap_detail | sed 's/^/# FAIL: /'
	fi
}

ktap_totals() {
	echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:$skip error:0"
}
