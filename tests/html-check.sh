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
#    names the participants, flow.yaml's page map after each step that
#    changed it (tx and rx shared with the hyp, buf shared with FF-A and
#    left so by the refused unshare), and its share's descriptor;
#  - the index: the failures first, then every scenario by folder, each
#    folder and each section's body closed until opened (<details>);
#  - the whole suite: it loads, every section has its diagram, and a
#    scenario of two host CPUs draws a lane for each.
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
	  cli-fails-differently=fail cli-listed-but-passes=xpass
	  cli-only-64k=$only_64k"

n=$(ls "$tmp/fixture" | wc -l)
[ "$n" = 9 ] || die "$n sections, expected 9 (one per scenario)"
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

# The index: the failures first (a FAIL and an XPASS), then a closed
# folder per folder with its counts; each section's body closed too.
nav=$(tr -d '\n' < "$page.dom" | grep -o '<nav>.*</nav>')
grep -q '^<nav><h2 class="failures">2 failures</h2><table class="index failures"><tbody><tr class="xpass">.*cli-listed-but-passes.*<tr class="fail">.*cli-wrong-register.*</tbody></table><details class="folder">' <<<"$nav" ||
	die "the index does not start with the two failures"
folders=$(grep -o '<summary><span class="folder">[^<]*</span>: [^<]*</summary>' <<<"$nav" |
	sed 's|<summary><span class="folder">||; s|</span>||; s|</summary>||')
case "$folders" in
"tests/cli/calls: 3 pass"$'\n'"tests/cli/outcomes: "*$'\n'"tests/explain: 1 pass") ;;
*) die "the index's folders:"$'\n'"$folders" ;;
esac
grep -q '<details class="folder"><summary>' "$page.dom" || die "the folders are not closed until opened"
for sec in "$tmp"/fixture/*; do
	grep -q '<details class="body"><summary>' "$sec" ||
		die "$(grep -o '<span class="id">[^<]*' "$sec" | head -n 1): the body is not closed until opened"
done

flow=$(section_of "$tmp/fixture" explain-flow)
for who in 'sp1 (0x8001)' 'sp2 (0x8002)'; do
	grep -q -F ">$who</text>" "$flow" || die "explain-flow: no participant $who"
done
[ "$(count "$page.dom" '<table class="pagemap">')" = 1 ] ||
	die "expected one page map, explain-flow's (the others name no page)"
# Each row: the name, then the state class of each column's first cell,
# "!" where it changed: before the first step, then after each step that
# changed a state (RXTX_MAP, the share; the refused reclaim changes none).
rows=$(python3 - "$flow" <<'PY'
import re, sys
text = open(sys.argv[1]).read().replace("\n", "")
body = re.search(r'<table class="pagemap">.*?<tbody>(.*?)</tbody>', text).group(1)
for tr in re.findall(r"<tr>(.*?)</tr>", body):
    name = re.match(r"<th>([a-z]*)</th>", tr).group(1)
    cols = re.findall(r'<td class="cells"><span class="pg ([a-z-]*)( changed)?', tr)
    print(name, " ".join(c + ("!" if ch else "") for c, ch in cols))
PY
)
want_rows="tx owned-by-host shared-with-hyp! shared-with-hyp
rx owned-by-host shared-with-hyp! shared-with-hyp
buf owned-by-host owned-by-host shared-with-ffa!"
[ "$rows" = "$want_rows" ] ||
	die "explain-flow's page map:"$'\n'"$rows"$'\n'"expected:"$'\n'"$want_rows"
grep -q '<th class="moment">after step 4 (share)</th>' "$flow" ||
	die "explain-flow's page map has no column after the share"
# The share's descriptor at its hops: a line that opens onto its fields
# and its bytes in xxd's layout.
[ "$(count "$flow" '<li class="note desc">')" -ge 2 ] ||
	die "explain-flow: the share's descriptor is not shown at the host's hop and EL2's"
tr -d '\n' < "$flow" | grep -q '<li class="note desc"><details><summary><span class="who">EL2</span> descriptor, 96 bytes: from 0x0000, normal memory, write-back, inner shareable, to 0x8001 read-write' ||
	die "explain-flow: the host's descriptor line is not as expected"
grep -q '^  @80   address           0x80002000$' "$flow" ||
	die "explain-flow: the descriptor's range is not decoded"
grep -q '<pre class="bytes">00000000: 0000 2f00 ' "$flow" ||
	die "explain-flow: the descriptor's bytes are not shown as xxd prints them"
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
# Two host CPUs, two lanes: each named in the diagram.
sec=$(section_of "$tmp/suite" concurrent-partition-info) || true
[ -n "$sec" ] || die "no section for concurrent-partition-info"
for who in 'Host CPU 0' 'Host CPU 1'; do
	[ "$(count "$sec" ">$who</text>")" = 2 ] ||
		die "concurrent-partition-info: the diagram has no lane $who"
done
echo "html-check: the report page loads in $("$browser" --version 2>/dev/null | head -n 1) with the expected sections, diagrams and page maps"
