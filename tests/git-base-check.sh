#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The kernel developer's workflow from a git tree, as make test runs it: a
# temporary git repository holding only the kernel files a built variant
# extracted (the repository holds no kernel code), a commit on top that
# changes ffa.c, then `make KERNEL=<repo> BASE=HEAD~1`, which must build
# the base and the series from the repository's own history (git
# format-patch), and `ffa-sim compare` between the two must show what the
# commit changes; scripts/kernel-tree-run.sh --base, run from inside the
# tree, must show the same.  A range that holds no commit is refused.
#
# Usage: tests/git-base-check.sh VARIANT_DIR BUILD_ROOT
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 VARIANT_DIR BUILD_ROOT" >&2; exit 2; }
vdir=$1 build=$2
top=$(cd "$(dirname "$0")/.." && pwd)
ffa=arch/arm64/kvm/hyp/nvhe/ffa.c
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "git-base-check: $*" >&2; exit 1; }

repo=$tmp/linux
cp -R "$vdir/kernel" "$repo"
rm -f "$repo/.stamp"
git() { command git -C "$repo" -c user.name=ffa-sim -c user.email=test@invalid "$@"; }
git init --quiet
git add -A
git commit --quiet -m "the base"
grep -q 'case FFA_MSG_SEND_DIRECT_REQ2:' "$repo/$ffa" ||
	fail "$ffa does not list FFA_MSG_SEND_DIRECT_REQ2: pick another change"
sed -i '/case FFA_MSG_SEND_DIRECT_REQ2:/d; /case FFA_MSG_SEND_DIRECT_RESP2:/d' "$repo/$ffa"
git commit --quiet -am "KVM: arm64: ffa: let the host send DIRECT_REQ2"
# An edit left in the working tree is no part of either side.
echo '#error the working tree must not be built' >> "$repo/$ffa"

make --no-print-directory KERNEL="$repo" BASE=HEAD~1 BUILD="$build" > "$tmp/make.txt" 2>&1 ||
	fail "make KERNEL=$repo BASE=HEAD~1 failed: $(tail -n 5 "$tmp/make.txt")"
base=$(sed -n 's/^base: //p' "$tmp/make.txt")
series=$(sed -n 's/^series: //p' "$tmp/make.txt")
[ -n "$base" ] && [ -n "$series" ] ||
	fail "make did not name the base and the series variants: $(tail -n 5 "$tmp/make.txt")"
# The repository is gone after the test: so are its variants.
trap 'rm -rf "$tmp" "${build:?}/$base" "${build:?}/$series"' EXIT
case "$series" in
*+1p-*) ;;
*) fail "a one-commit series should build as ...+1p-..., not $series" ;;
esac
status=0
"$build/$base/obj/ffa-sim" compare --variant "$base" --variant "$series" \
	scenarios/direct > "$tmp/compare.txt" || status=$?
[ "$status" = 1 ] || fail "compare exited $status, expected 1: the commit changes outcomes"
grep -qE '^direct-req2-reaches-partition +fail +pass' "$tmp/compare.txt" ||
	fail "the commit should make direct-req2-reaches-partition pass: $(cat "$tmp/compare.txt")"

# The one-liner from inside the tree: the same two sides, compared.
status=0
(cd "$repo/arch" && "$top/scripts/kernel-tree-run.sh" --base HEAD~1) \
	> "$tmp/oneliner.txt" 2>&1 || status=$?
[ "$status" = 1 ] || fail "scripts/kernel-tree-run.sh --base HEAD~1 exited $status, expected 1: $(tail -n 5 "$tmp/oneliner.txt")"
grep -qE '^direct-req2-reaches-partition +fail +pass' "$tmp/oneliner.txt" ||
	fail "the one-liner's compare does not show the commit's effect"

# PATCHES=A..B names the same two sides; an empty range is refused.
if make --no-print-directory KERNEL="$repo" PATCHES=HEAD..HEAD BUILD="$build" \
		> "$tmp/empty.txt" 2>&1; then
	fail "an empty range should be refused"
fi
grep -q 'PATCHES=HEAD..HEAD: no commits between HEAD and HEAD' "$tmp/empty.txt" ||
	fail "the empty range's message: $(cat "$tmp/empty.txt")"
echo "git-base-check: make KERNEL=<git tree> BASE=HEAD~1 builds base and series from the history; compare shows the commit's effect"
