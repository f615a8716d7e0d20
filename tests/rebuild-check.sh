#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The edit-build-run loop rebuilds only what changed, and says so quietly:
# an edit of a KERNEL=/path tree's ffa.c gives the variant a new ffa.c
# and nothing else new; a build after it compiles ffa.o, archives and links
# ffa-sim (no unit test), one Kbuild-style line each; V=1 shows the
# command lines.  Uses a built variant's folder and a scratch copy of its
# kernel files; nothing is timed.
#
# Usage: tests/rebuild-check.sh VARIANT_DIR
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 VARIANT_DIR" >&2; exit 2; }
vdir=$1
make=${MAKE:-make}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "rebuild-check: $*" >&2; exit 1; }

# A KERNEL=/path tree: after an edit of its ffa.c only that copy is new.
cp -R "$vdir/kernel" "$tmp/linux"
rm -f "$tmp/linux/.stamp"
scratch=$(proxy/prepare-variant.sh "$tmp/build" "$tmp/linux" 4K)
sleep 1
echo '/* an edit */' >> "$tmp/linux/arch/arm64/kvm/hyp/nvhe/ffa.c"
proxy/prepare-variant.sh "$tmp/build" "$tmp/linux" 4K > /dev/null
newer=$(cd "$scratch/kernel" &&
	find . -type f ! -name .stamp -newer "$scratch/variant.mk" | sort)
[ "$newer" = ./arch/arm64/kvm/hyp/nvhe/ffa.c ] ||
	fail "after an edit of ffa.c the variant's new kernel files are '$newer', expected only ffa.c (others would rebuild for nothing)"
grep -q '^/\* an edit \*/$' "$scratch/kernel/arch/arm64/kvm/hyp/nvhe/ffa.c" ||
	fail "the edit of ffa.c did not reach the variant's copy"

# A build after ffa.c changed: ffa.o, the library and ffa-sim, quietly.
build() { $make --no-print-directory -f proxy/variant.mk VDIR="$vdir" "$@" all 2>&1; }
build > /dev/null
touch "$vdir/kernel/arch/arm64/kvm/hyp/nvhe/ffa.c"
got=$(build)
want=$(printf '  %-7s %s\n' CC obj/kernel/ffa.o AR obj/libffasim.a LD obj/ffa-sim)
[ "$got" = "$want" ] || fail "after ffa.c changed the build printed
$got
expected exactly
$want
(only what changed is rebuilt, no unit test is linked, one short line each)"
[ -z "$(build)" ] || fail "a build with nothing to do printed: $(build)"
touch "$vdir/kernel/arch/arm64/kvm/hyp/nvhe/ffa.c"
got=$(build V=1)
[ "$(grep -c -- ' -c .*ffa\.c -o .*/obj/kernel/ffa\.o' <<<"$got")" = 1 ] ||
	fail "V=1 did not print the compiler's command line for ffa.c: $got"
echo "rebuild-check: an ffa.c edit rebuilds ffa.o, the library and ffa-sim only; quiet by default, V=1 shows the commands"
