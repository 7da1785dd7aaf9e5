#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run every test: the kselftest-harness binaries (white-box and black-box),
# the console scripts, the black-box shell scripts (selftests/vm/*.sh) and
# the checks of the tree's own rules (tools/testing/build/), then print one
# line "N passed, M failed".
#
#   run-tests.sh BUILD_DIR UMM_BINARY [FILTER]
#
# $SKIP may name tests not to run (space-separated, as they are printed:
# vm/test_scenarios, scripts/bad_boot_param.umm); they are listed, not
# counted.
#
# A console script may say, in its leading comments:
#   # boot: PARAMS       boot parameters for this script
#   # status: N          the exit status it must end with (default 0)
#   # stderr: TEXT       stderr must contain TEXT (may repeat)
set -u

obj=$1
umm=$2
filter=${3:-}
export UMM=$(readlink -f "$umm")
export UMM_SEED=${UMM_SEED:-}
# White-box binaries filter their own tests by name (UMM_TEST_MAIN).
export UMM_TESTS=$filter
passed=0
failed=0
failures=()
skipped=()

# Is @1 (a name as printed) in $SKIP?
skip() {
	local s
	for s in ${SKIP:-}; do
		[ "$s" = "$1" ] && { skipped+=("$1"); return 0; }
	done
	return 1
}
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT

# run_binary TEST [ARG...]: a test that prints kselftest's totals.
run_binary() {
	local t=$1 name out p f
	shift
	name=${t#$obj/tests/}
	out="$log/${name//\//_}.out"
	"$t" "$@" >"$out" 2>&1
	local status=$?
	p=$(sed -n 's/^# Totals: pass:\([0-9]*\) fail:\([0-9]*\).*/\1/p' "$out" | tail -n 1)
	f=$(sed -n 's/^# Totals: pass:\([0-9]*\) fail:\([0-9]*\).*/\2/p' "$out" | tail -n 1)
	if [ -z "$p" ]; then
		echo "FAIL $name: no totals (exit status $status)"
		tail -n 20 "$out" | sed 's/^/    /'
		failed=$((failed + 1))
		failures+=("$name")
		return
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" != 0 ] || [ $status != 0 ]; then
		echo "FAIL $name: $p passed, $f failed"
		grep -E '^(not ok|# .*(FAIL|Expected|expected|seed))' "$out" | head -n 40 | sed 's/^/    /'
		grep -B2 -A12 'kernel BUG\|Bad page\|WARNING:' "$out" | head -n 40 | sed 's/^/    /'
		failures+=("$name")
		[ "$f" = 0 ] && { failed=$((failed + 1)); echo "    (exit status $status)"; }
	else
		echo "ok   $name: $p passed"
	fi
}

run_script() {
	local s=$1 name params want out err status ok=1
	name=${s#tools/testing/selftests/vm/}
	params=$(sed -n 's/^# boot: *//p' "$s" | head -n 1)
	want=$(sed -n 's/^# status: *//p' "$s" | head -n 1)
	want=${want:-0}
	out="$log/script.out"
	err="$log/script.err"
	# shellcheck disable=SC2086
	"$UMM" $params run "$s" >"$out" 2>"$err"
	status=$?
	[ "$status" = "$want" ] || ok=0
	while IFS= read -r text; do
		grep -qF -- "$text" "$err" || { ok=0; echo "    stderr lacks: $text"; }
	done < <(sed -n 's/^# stderr: *//p' "$s")
	if [ $ok = 1 ]; then
		passed=$((passed + 1))
		echo "ok   $name"
	else
		failed=$((failed + 1))
		failures+=("$name")
		echo "FAIL $name: exit status $status (want $want)"
		tail -n 5 "$err" | sed 's/^/    /'
	fi
}

for t in "$obj"/tests/umm/test_* "$obj"/tests/vm/test_*; do
	[ -x "$t" ] || continue
	case "$t" in *.d) continue ;; esac
	if [ -n "$filter" ] && [[ "$t" != *$filter* ]]; then
		# Black-box binaries have no filter: only a name match runs them.
		[[ "$t" == */tests/vm/* ]] && continue
		# A white-box binary without a matching test reports 0 tests.
	fi
	skip "${t#$obj/tests/}" && continue
	run_binary "$t"
done
for s in tools/testing/selftests/vm/scripts/*.umm; do
	[ -f "$s" ] || continue
	[ -n "$filter" ] && [[ "$s" != *$filter* ]] && continue
	skip "${s#tools/testing/selftests/vm/}" && continue
	run_script "$s"
done

# Black-box tests that drive ./umm from the shell rather than from C: the
# interactive shell in a real terminal (tmux), for one.
for t in tools/testing/selftests/vm/test_*.sh; do
	[ -f "$t" ] || continue
	[ -n "$filter" ] && [[ "$t" != *$filter* ]] && continue
	skip "$t" && continue
	run_binary "$t" "$UMM"
done

# The tree's own rules: no kernel-side object reaches the host but
# through host_ops.h (scripts/check-host-symbols.sh), and every path a
# comment or a document names exists (scripts/check-paths.sh).
for t in tools/testing/build/test_*.sh; do
	[ -f "$t" ] || continue
	[ -n "$filter" ] && [[ "$t" != *$filter* ]] && continue
	run_binary "$t" "$obj"
done

# Every header has a charter, and the table of them matches the headers.
if [ -z "$filter" ] && command -v git >/dev/null && git rev-parse --git-dir >/dev/null 2>&1; then
	if bash scripts/header-charters.sh >"$log/headers.rst" &&
	   diff -q "$log/headers.rst" Documentation/umm/headers.rst >/dev/null; then
		passed=$((passed + 1))
		echo "ok   Documentation/umm/headers.rst is up to date"
	else
		failed=$((failed + 1))
		failures+=("headers.rst")
		echo "FAIL Documentation/umm/headers.rst: run scripts/header-charters.sh > Documentation/umm/headers.rst"
	fi
fi

if [ ${#skipped[@]} != 0 ]; then
	echo "skipped (SKIP): ${skipped[*]}"
fi
if [ ${#failures[@]} != 0 ]; then
	echo "failed: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
