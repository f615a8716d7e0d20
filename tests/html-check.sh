#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The page of `ffa-sim run --html` in a real browser, as make test runs it
# once per run: Debian's chromium, headless, loads the page from a file,
# and the test reads back the DOM the browser built and what the page
# logged to its console.  The page has no script at all (test_sim_html.c
# checks that, and that nothing in it fetches or runs anything), so it
# reads the same with scripts off; chromium cannot dump a DOM with them
# off, so it is loaded the ordinary way.
#
#  - the fixture tests/cli plus tests/explain/flow.yaml: one section per
#    scenario with the verdict as its class, an <svg> per section that
#    names the participants, and flow.yaml's page map (tx and rx shared
#    with the hyp, buf left shared with FF-A by the refused unshare);
#  - the whole suite: it loads, and every section has its diagram.
#
# Usage: tests/html-check.sh FFA_SIM_BIN
set -euo pipefail

bin=${1:?usage: tests/html-check.sh FFA_SIM_BIN}
die() { printf 'html-check: FAIL: %s\n' "$*" >&2; exit 1; }

browser=$(command -v chromium || command -v chromium-browser) ||
	die "chromium is not installed (make test installs it: apt-get install chromium)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Load @1 in the browser; its DOM to @1.dom, its log to @1.log.
load() {
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--no-first-run --user-data-dir="$tmp/profile" \
		--enable-logging=stderr --v=0 \
		--dump-dom "file://$1" > "$1.dom" 2> "$1.log" ||
		die "chromium could not load $1: $(tail -n 5 "$1.log")"
	grep -q '</html>' "$1.dom" || die "$1: chromium gave no document"
	if grep -E ':CONSOLE|Uncaught' "$1.log" > "$1.console"; then
		die "$1: the page logged to the console: $(head -n 5 "$1.console")"
	fi
}

# The DOM cut at each section: $dir/NNN holds one scenario's section.
split_sections() {
	mkdir -p "$2"
	awk -v dir="$2" '/<section class="scenario /{ n++ } n { print > (dir "/" sprintf("%03d", n)) }' "$1"
}

# The section whose id is @2, in the split folder @1.
section_of() {
	grep -l -F "<span class=\"id\">$2</span>" "$1"/* | head -n 1
}

count() {
	grep -o -F -- "$2" "$1" | wc -l
}

# --- the fixture ---------------------------------------------------------

page=$tmp/fixture.html
status=0
"$bin" run --html "$page" tests/cli tests/explain/flow.yaml > "$tmp/run.txt" ||
	status=$?
[ "$status" = 1 ] || die "the fixture's run exited $status, expected 1 (it has failures)"
load "$page"
split_sections "$page.dom" "$tmp/fixture"

page_kb=$("$bin" --version | sed -n 's/^page size: \([0-9]*\)K$/\1/p')
only_64k=skip
[ "$page_kb" = 64 ] && only_64k=pass
expected="explain-flow=pass cli-id-get=pass cli-id-get-before-version=pass
	  cli-version=pass cli-wrong-register=fail cli-known-failure=known
	  cli-listed-but-passes=xpass cli-only-64k=$only_64k"

n=$(ls "$tmp/fixture" | wc -l)
[ "$n" = 8 ] || die "$n sections, expected 8 (one per scenario)"
for pair in $expected; do
	id=${pair%=*} want=${pair#*=}
	sec=$(section_of "$tmp/fixture" "$id") || true
	[ -n "$sec" ] || die "no section for $id"
	grep -q "<section class=\"scenario $want\"" "$sec" ||
		die "$id: $(grep -o '<section class="[^"]*"' "$sec"), expected class $want"
	[ "$(count "$sec" '<svg ')" = 1 ] || die "$id: not exactly one <svg>"
	for who in Host 'EL2 proxy' SPMC; do
		# A box at the top and one at the bottom of the diagram.
		[ "$(count "$sec" ">$who</text>")" = 2 ] ||
			die "$id: the diagram does not name $who twice"
	done
done

flow=$(section_of "$tmp/fixture" explain-flow)
for who in 'sp1 (0x8001)' 'sp2 (0x8002)'; do
	grep -q -F ">$who</text>" "$flow" || die "explain-flow: no participant $who"
done
[ "$(count "$page.dom" '<table class="pagemap">')" = 1 ] ||
	die "expected one page map, explain-flow's (the others name no page)"
# Each row: the name, then the state classes of its before and after cells.
rows=$(tr -d '\n' < "$flow" | grep -o '<table class="pagemap">.*</tbody>' |
	sed 's|<tr>|\n<tr>|g' |
	sed -n 's|^<tr><th>\([a-z]*\)</th>.*<td class="cells"><span class="pg \([a-z-]*\)[^<]*</span></td><td class="cells"><span class="pg \([a-z-]*\)\( changed\)\?".*|\1 \2 \3\4|p')
want_rows="tx owned-by-host shared-with-hyp changed
rx owned-by-host shared-with-hyp changed
buf owned-by-host shared-with-ffa changed"
[ "$rows" = "$want_rows" ] ||
	die "explain-flow's page map:"$'\n'"$rows"$'\n'"expected:"$'\n'"$want_rows"
# The diagram's arrows lead to the decoded registers.
grep -q '<a href="#s[0-9]*-h[0-9]*">' "$flow" || die "explain-flow: the arrows link nowhere"
grep -q '<table class="regs">' "$flow" || die "explain-flow: no decoded registers"

# --- the whole suite ------------------------------------------------------

page=$tmp/suite.html
"$bin" run -j 2 --html "$page" scenarios > "$tmp/suite.txt" ||
	die "the suite failed: $(tail -n 3 "$tmp/suite.txt")"
load "$page"
split_sections "$page.dom" "$tmp/suite"
scenarios=$(grep -c -E '^(PASS|FAIL|KNOWN|SKIP|XPASS|CRASH) ' "$tmp/suite.txt")
n=$(ls "$tmp/suite" | wc -l)
[ "$n" = "$scenarios" ] || die "the suite's page has $n sections for $scenarios scenarios"
for sec in "$tmp"/suite/*; do
	[ "$(count "$sec" '<svg ')" = 1 ] ||
		die "$(grep -o '<span class="id">[^<]*' "$sec" | head -n 1): no diagram"
done
echo "html-check: the report page loads in $("$browser" --version 2>/dev/null | head -n 1) with the expected sections, diagrams and page maps"
