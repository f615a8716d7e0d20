#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A variant built with DRIVER=no (make test runs this): no object of
# Linux's FF-A driver or its host glue is linked; --version says so; the
# unit tests pass, test_host_driver not built; every scenario with a
# driver: step is skipped with the reason, and every other scenario ends
# as it does on the variant with the driver.  Which scenarios have a
# driver: step is read from the YAML here, not from either run.
#
# The variant with the driver (KERNEL at 4K) must be built first: the
# objects that do not depend on the driver or on anything of the variant
# (the engine, the mock SPMC, hw/) are copied from it, so that only the
# rest is compiled.  Their dependency files are moved to the new folder
# and every file of that folder is made newer than them, so make still
# rebuilds each object that includes a generated header or a kernel file.
#
# Usage: tests/no-driver-check.sh KERNEL BUILD_ROOT
set -euo pipefail

kernel=${1:-debian:7.3}
build=${2:-build}
make=${MAKE:-make}
die() { printf 'no-driver-check: FAIL: %s\n' "$*" >&2; exit 1; }

with=$(DRIVER=yes proxy/prepare-variant.sh "$build" "$kernel" 4K)
[ -f "$with/obj/libffasim.a" ] || die "$with is not built: build it first"
# A build root of its own: a variant of the same name that a developer
# built is left alone.
own=$build/no-driver-check
without=$(DRIVER=no proxy/prepare-variant.sh "$own" "$kernel" 4K)
[ "$(basename "$without")" = "$(basename "$with")-nodriver" ] ||
	die "the variant without the driver is $(basename "$without"), expected $(basename "$with")-nodriver: its name must say it has no driver"

reason="built with DRIVER=no: Linux's FF-A driver of this tree was not compiled"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$own"' EXIT

# The objects of the variant with the driver that are neither the
# driver's, nor its glue's, nor linked outputs.
rm -rf "$without/obj"
cp -a "$with/obj" "$without/obj"
rm -rf "$without/obj/kernel/arm_ffa" "$without/obj/host" \
	"$without/obj/tests/test_host_"* "$without/obj/ffa-sim" \
	"$without/obj/libffasim.a"
find "$without/obj/tests" -type f ! -name '*.o' ! -name '*.d' -delete
find "$without/obj" -name '*.d' -exec sed -i "s#$with/#$without/#g" {} +
find "$without/gen" "$without/kernel" "$without/variant.mk" -type f \
	-exec touch {} +
$make --no-print-directory -f proxy/variant.mk VDIR="$without" all tests \
	> "$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; die "the build failed"; }

bin=$without/obj/ffa-sim
for sym in ffa_bus_type host_initcall_driver host_clients_reset; do
	! nm "$bin" | grep -qw "$sym" ||
		die "$bin holds $sym: the driver or its glue was linked"
done
"$bin" --version | grep -qx "host: without Linux's FF-A driver (built with DRIVER=no): driver: scenarios are skipped" ||
	die "--version does not say the variant has no driver: $("$bin" --version)"
[ ! -e "$without/obj/tests/test_host_driver" ] ||
	die "test_host_driver was built for a variant without the driver"
$make --no-print-directory -f proxy/variant.mk VDIR="$without" unit \
	> "$tmp/unit.log" 2>&1 || { tail -n 30 "$tmp/unit.log"; die "the unit tests failed"; }

# The names of the scenarios with a driver: step, in a concurrently:
# group or not.
python3 - scenarios > "$tmp/driver-names" <<'EOF'
import pathlib, sys, yaml

def has_driver(node):
    if isinstance(node, dict):
        return 'driver' in node or any(has_driver(v) for v in node.values())
    if isinstance(node, list):
        return any(has_driver(v) for v in node)
    return False

for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.yaml')):
    if 'expectations' in path.parts:
        continue
    for doc in yaml.safe_load_all(path.read_text()):
        if isinstance(doc, dict) and has_driver(doc.get('steps')):
            print(doc['name'])
EOF
[ -s "$tmp/driver-names" ] || die "no scenario of the suite has a driver: step: nothing to check"

"$with/obj/ffa-sim" run -j 2 --results "$tmp/with.txt" scenarios > "$tmp/with.out" 2>&1 ||
	die "the suite is not green with the driver: $(tail -n 1 "$tmp/with.out")"
status=0
"$bin" run -j 2 --color=never --results "$tmp/without.txt" scenarios \
	> "$tmp/without.out" 2>&1 || status=$?
[ $status = 0 ] || die "the suite is not green without the driver (exit $status): $(tail -n 1 "$tmp/without.out")"

# Each scenario: skipped with the reason if it has a driver: step, else
# the same status as with the driver.
awk -F'\t' -v names="$tmp/driver-names" '
	BEGIN { while ((getline n < names) > 0) drv[n] = 1 }
	FNR == NR { if ($1 == "result") with[$2] = $3; next }
	$1 != "result" { next }
	{ name = $2; sub(/\[.*/, "", name) }
	name in drv { skipped++; if ($3 != "skip") print $2 ": " $3 ", expected skip"; next }
	{ rest++; if ($3 != with[$2]) print $2 ": " $3 " without the driver, " with[$2] " with it" }
	END { print "checked " skipped + 0 " " rest + 0 > "/dev/stderr" }
' "$tmp/with.txt" "$tmp/without.txt" > "$tmp/diff" 2> "$tmp/counts"
[ ! -s "$tmp/diff" ] || die "outcomes differ from what they must be:
$(head -n 20 "$tmp/diff")"
read -r _ skipped rest < "$tmp/counts"
[ "$skipped" -gt 0 ] && [ "$rest" -gt 0 ] ||
	die "$skipped driver scenarios and $rest others in the run: both must be there"
driver_skips=$(grep -c "^SKIP  .*: $reason\$" "$tmp/without.out" || true)
[ "$driver_skips" = "$skipped" ] ||
	die "$driver_skips scenarios say '$reason', expected the $skipped with a driver: step"
echo "no-driver-check: $(basename "$without"): $skipped driver scenarios skipped with the reason, $rest others as with the driver ($(tail -n 1 "$tmp/without.out"))"
