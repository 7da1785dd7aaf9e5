#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the libFuzzer targets of tools/fuzz/, one after the other, and say
# what each did: executions, executions per second, coverage (libFuzzer's
# cov: and ft:), and whether it crashed.  Exits 1 if any target crashed.
#
#   run-fuzz.sh FUZZ_DIR SECONDS TARGET...
#
# FUZZ_DIR is the build (build/fuzz): the binaries fuzz_TARGET are there.
# For each target:
#   tools/fuzz/corpus/TARGET/   the seeds (committed; never written)
#   FUZZ_DIR/corpus/TARGET/     what the runs found (kept between runs)
#   FUZZ_DIR/crashes/TARGET/    reproducers of crashes
#   FUZZ_DIR/logs/TARGET.log    libFuzzer's output
#   FUZZ_DIR/logs/TARGET.out    what the kernel printed for the last input
#   tools/fuzz/TARGET.options   libFuzzer flags, one per line (optional)
#   tools/fuzz/TARGET.dict      a dictionary (optional)
set -u

dir=$1
seconds=$2
shift 2
crashed=()
total_start=$(date +%s)

# The last line of libFuzzer's progress that has a field: "cov: 123".
field() {
	grep -o "$1: [0-9]*" "$2" | tail -n 1 | sed 's/.*: //'
}

stat() {
	sed -n "s/^stat::$1: *//p" "$2" | tail -n 1
}

for t in "$@"; do
	bin=$dir/fuzz_$t
	seeds=tools/fuzz/corpus/$t
	corpus=$dir/corpus/$t
	crashes=$dir/crashes/$t
	log=$dir/logs/$t.log
	out=$dir/logs/$t.out
	mkdir -p "$corpus" "$crashes" "$dir/logs"
	if [ ! -x "$bin" ]; then
		echo "FAIL $t: no binary $bin"
		crashed+=("$t")
		continue
	fi
	opts=(-max_total_time="$seconds" -print_final_stats=1
	      -artifact_prefix="$crashes/")
	if [ -f "tools/fuzz/$t.options" ]; then
		while read -r o; do
			case "$o" in ''|'#'*) continue ;; esac
			opts+=("-$o")
		done < "tools/fuzz/$t.options"
	fi
	[ -f "tools/fuzz/$t.dict" ] && opts+=(-dict="tools/fuzz/$t.dict")

	echo "== fuzz $t: $seconds s"
	before=$(ls "$crashes" | wc -l)
	start=$(date +%s)
	UMM_FUZZ_OUTPUT=$out "$bin" "${opts[@]}" "$corpus" "$seeds" >"$log" 2>&1
	status=$?
	end=$(date +%s)

	# A crash ends the run before the final stats: take the last progress line.
	runs=$(stat number_of_executed_units "$log")
	[ -n "$runs" ] || runs=$(grep -o '^#[0-9]*' "$log" | tail -n 1 | tr -d '#')
	speed=$(stat average_exec_per_sec "$log")
	[ -n "$speed" ] || speed=$(field exec/s "$log")
	echo "   $t: ${runs:-0} executions in $((end - start)) s" \
	     "(${speed:-0}/s), cov: $(field cov "$log") ft: $(field ft "$log")," \
	     "corpus $(ls "$corpus" | wc -l) inputs"
	after=$(ls "$crashes" | wc -l)
	if [ $status = 0 ] && [ "$after" = "$before" ]; then
		continue
	fi
	crashed+=("$t")
	repro=$(ls -t "$crashes" | head -n 1)
	echo "FAIL $t: exit status $status"
	grep -E 'umm-fuzz: FAIL|runtime error|ERROR: AddressSanitizer|ERROR: libFuzzer|kernel BUG|Kernel panic|WARNING:' \
		"$out" "$log" 2>/dev/null | sed 's/^[^:]*://' | head -n 8 | sed 's/^/    /'
	echo "    last lines of what the kernel printed ($out):"
	tail -n 25 "$out" 2>/dev/null | sed 's/^/    | /'
	if [ -n "$repro" ]; then
		echo "    reproducer: $crashes/$repro"
		echo "    replay:     $bin $crashes/$repro"
	fi
done

echo "fuzz: $# targets in $(($(date +%s) - total_start)) s"
[ ${#crashed[@]} != 0 ] && echo "crashed: ${crashed[*]}"
# The closing line CI reads: a target passed if it ran without a crash.
echo "fuzz: $(($# - ${#crashed[@]})) passed, ${#crashed[@]} failed"
[ ${#crashed[@]} = 0 ]
