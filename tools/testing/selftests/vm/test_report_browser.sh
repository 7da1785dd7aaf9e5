#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The report as a user sees it: a small scenario run with --ab, its
# index.html opened in a real browser (Debian's chromium, headless).
#
#   - piped, the runner's progress lines name each phase, nothing more;
#   - two reports of one seed have the same charts, byte for byte, and
#     each run recorded 200 to 400 samples of the work clock;
#   - the page loads without a console message (a script error, say);
#   - read as XHTML it has no XML error (Chromium's parsererror);
#   - the DOM the browser built holds the SVGs: the legend, a map per run,
#     a chart per run, a cell with a tooltip per pageblock and the three
#     bands of each chart;
#   - a screenshot of it is far from a blank page's.
#
#   test_report_browser.sh [UMM]	(default: $UMM, as scripts/run-tests.sh sets it)
#
# Without chromium the browser's tests are skipped, saying so
# (scripts/setup-deps.sh installs it; CHROMIUM=PATH names another).  Prints kselftest's TAP lines and
# totals.
set -u

umm=$(readlink -f "${1:-${UMM:?usage: test_report_browser.sh UMM}}")
tmp=$(mktemp -d)
. "$(dirname "$0")/../../ktap.sh"
trap 'rm -rf "$tmp"' EXIT

detail=
ktap_detail() {
	printf '%s\n' "$detail"
}

cat >"$tmp/tiny.umm" <<'EOF'
# A small scenario for the report's browser test.
phase fill
alloc fill 0 20000 movable
alloc pin 0 500 unmovable
phase holes
free fill every=2
snapshot after
phase done
EOF

# report DIR: the scenario with --ab and seed 3 into DIR.
report() {
	"$umm" scenario "$tmp/tiny.umm" --ab --seed 3 --report "$1" \
		>"$1.out" 2>&1
}

# The charts' part of a report's page.
charts() {
	sed -n '/<h2>Free pages by order/,/<h2>Phases/p' "$1/index.html"
}

report "$tmp/a"
st=$?
detail=$(tail -n 5 "$tmp/a.out")
ok "report_browser: a small scenario's report is written" $st
# Piped, the runner says where each run is: the phase's name alone.
detail=$(grep 'phase' "$tmp/a.out")
grep -Eq '^series on: [0-9.]+ s: phase fill$' "$tmp/a.out"
ok "report_browser: the progress lines name the phases" $?
report "$tmp/b"
charts "$tmp/a" >"$tmp/a.charts"
charts "$tmp/b" >"$tmp/b.charts"
detail=$(diff "$tmp/a.charts" "$tmp/b.charts" | head -n 10)
[ -s "$tmp/a.charts" ] && cmp -s "$tmp/a.charts" "$tmp/b.charts"
ok "report_browser: two reports of one seed draw the same charts" $?

st=0
detail=
for r in "$tmp"/a/record-*.txt; do
	cnt=$(grep -c '^[0-9.]* @ free ' "$r")
	detail="$detail${r##*/}: $cnt samples "
	[ "$cnt" -ge 200 ] && [ "$cnt" -le 400 ] || st=1
done
ok "report_browser: each run has 200 to 400 samples" $st

# CHROMIUM= (empty) runs the test as if it were not installed.
chromium=${CHROMIUM-$(command -v chromium || command -v chromium-browser)}
if [ -z "$chromium" ]; then
	for t in loads parses renders screenshot; do
		n=$((n + 1))
		skip=$((skip + 1))
		echo "ok $n report_browser: $t # SKIP chromium is not installed (scripts/setup-deps.sh)"
	done
	ktap_totals
	exit 0
fi

# browser ARGS...: headless Chromium, with at most a minute to finish.
browser() {
	timeout 60 "$chromium" --headless --no-sandbox --disable-gpu \
		--user-data-dir="$tmp/profile" "$@"
}

page=file://$tmp/a/index.html
browser --enable-logging=stderr --v=0 --dump-dom "$page" \
	>"$tmp/dom.html" 2>"$tmp/log"
st=$?
# A script error or any message the page logs is a console line.
detail=$(grep -E 'CONSOLE|Uncaught' "$tmp/log" | head -n 5)
[ $st = 0 ] && [ -z "$detail" ] && grep -q '</html>' "$tmp/dom.html"
ok "report_browser: loads without errors" $?

cp "$tmp/a/index.html" "$tmp/a/index.xhtml"
browser --dump-dom "file://$tmp/a/index.xhtml" >"$tmp/xdom.html" 2>/dev/null
detail=$(grep -o 'parsererror.\{0,200\}' "$tmp/xdom.html" | head -n 3)
[ -s "$tmp/xdom.html" ] && ! grep -q parsererror "$tmp/xdom.html"
ok "report_browser: parses as XHTML" $?

# The legend, a map and a chart per run; a cell per pageblock of each
# run's map, as many as its record says.
svgs=$(grep -o '<svg' "$tmp/dom.html" | wc -l)
cells=$(grep -o '<title>pageblock' "$tmp/dom.html" | wc -l)
bands=$(grep -o '<polygon' "$tmp/dom.html" | wc -l)
blocks=$(grep -o '^[0-9.]* @ map after [0-9]*' "$tmp/a/record-series-on.txt" |
	 awk '{ print $NF }')
detail="svg elements $svgs (want 5), cells $cells (want 2 x $blocks), bands $bands (want 6)"
[ "$svgs" = 5 ] && [ -n "$blocks" ] && [ "$cells" = $((2 * blocks)) ] &&
	[ "$bands" = 6 ]
ok "report_browser: renders the SVGs" $?

browser --screenshot="$tmp/shot.png" --window-size=1400,2000 "$page" \
	>/dev/null 2>&1
echo '<html><body></body></html>' >"$tmp/blank.html"
browser --screenshot="$tmp/blank.png" --window-size=1400,2000 \
	"file://$tmp/blank.html" >/dev/null 2>&1
size=$(stat -c %s "$tmp/shot.png" 2>/dev/null || echo 0)
blank=$(stat -c %s "$tmp/blank.png" 2>/dev/null || echo 0)
detail="screenshot $size bytes, a blank page's $blank"
[ "$(head -c 4 "$tmp/shot.png" 2>/dev/null | tail -c 3)" = PNG ] &&
	[ "$blank" -gt 0 ] && [ "$size" -gt $((4 * blank)) ]
ok "report_browser: the screenshot is not blank" $?

ktap_totals
