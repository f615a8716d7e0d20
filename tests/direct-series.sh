#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A reviewer's verdicts on a real series, end to end (make test runs it).
# The direct-messaging series for the proxy ("Support FF-A direct
# messaging interfaces") was reviewed because it checked a local variable
# instead of the sender ID the receiver sees in w1[31:16].  This script
# writes two versions of that series against the extracted 7.x tree, in
# its own words (the repository holds no kernel code, so the patches are
# made here): v1 as reviewed, without the sender check, and v2 with it.
# It then checks that:
#
#  - on v1, the sender-ID scenario is reported as failing differently
#    with the series (both outcomes shown), not as a known failure, and
#    what the series fixes is counted as fixed, not failed;
#  - v2 builds beside v1 (a variant name carries a hash of the patches),
#    and compare between the two shows exactly the sender rows (REQ,
#    its 64-bit form and REQ2);
#  - --version and variants list each patch's subject;
#  - a hunk that needs fuzz is refused with the patch, file and hunk, and
#    a hunk to hyp-main.c (read, never compiled) is listed as not modelled.
#
# Usage: tests/direct-series.sh KERNEL BUILD_ROOT
set -euo pipefail

kernel=${1:-debian:7.3}
build=${2:-build}
die() { printf 'direct-series: FAIL: %s\n' "$*" >&2; exit 1; }

eval "$(proxy/kernel-src.sh resolve "$kernel")"
ffa=arch/arm64/kvm/hyp/nvhe/ffa.c
main=arch/arm64/kvm/hyp/nvhe/hyp-main.c
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

grep -q 'hyp_smccc_1_2_smc' "$KSRC/$ffa" ||
	die "$KSRC/$ffa does not call EL3 with hyp_smccc_1_2_smc: this script writes the series for the 7.x generation"

# Edit a copy of ffa.c: the direct request handler, with or without the
# sender check (patch 1), then FFA_MSG_SEND_DIRECT_REQ2 (patch 2).
write_series() {
	local check_sender=$1 out=$2
	python3 - "$KSRC/$ffa" "$tmp/p1.c" "$tmp/p2.c" "$check_sender" <<'EOF'
import sys
src, p1, p2, check = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
text = open(src).read()

endpoints = "\tDECLARE_REG(u32, endpoints, ctxt, 1);\n" if check else ""
sender = """
	if ((endpoints >> 16) != HOST_FFA_ID) {
		ffa_to_smccc_error(res, FFA_RET_INVALID_PARAMETERS);
		return;
	}
""" if check else ""
handler = """static void do_host_direct_req(struct arm_smccc_1_2_regs *res,
			      struct kvm_cpu_context *ctxt)
{
	DECLARE_REG(u64, func_id, ctxt, 0);
""" + endpoints + """	DECLARE_REG(u32, flags, ctxt, 2);
	struct arm_smccc_1_2_regs args;
	int i;
""" + sender + """
	/* No framework messages from the host; REQ2 has no flags. */
	if (func_id != FFA_MSG_SEND_DIRECT_REQ2 && flags) {
		ffa_to_smccc_error(res, FFA_RET_INVALID_PARAMETERS);
		return;
	}
	for (i = 0; i < 18; i++)
		((u64 *)&args)[i] = cpu_reg(ctxt, i);
	hyp_smccc_1_2_smc(&args, res);
}

"""
anchor = "bool kvm_host_ffa_handler("
case_anchor = "\t\tdo_ffa_part_get(&res, host_ctxt);\n\t\tgoto out_handled;\n"
assert anchor in text and case_anchor in text, "7.x handler layout not found"
text = text.replace(anchor, handler + anchor, 1)
text = text.replace(case_anchor, case_anchor +
	"\tcase FFA_MSG_SEND_DIRECT_REQ:\n"
	"\tcase FFA_FN64_MSG_SEND_DIRECT_REQ:\n"
	"\t\tdo_host_direct_req(&res, host_ctxt);\n"
	"\t\tgoto out_handled;\n", 1)
open(p1, "w").write(text)

listed = "\tcase FFA_MSG_SEND_DIRECT_REQ2:"
line = next(l for l in text.split("\n") if l.startswith(listed))
text = text.replace(line + "\n", "", 1)
text = text.replace("\t\treturn false;\n\t}\n\n\treturn true;\n}",
	"\t\treturn false;\n\tcase FFA_MSG_SEND_DIRECT_REQ2:\n"
	"\t\treturn hyp_ffa_version >= FFA_VERSION_1_2;\n\t}\n\n\treturn true;\n}", 1)
text = text.replace("\tcase FFA_MSG_SEND_DIRECT_REQ:\n\tcase FFA_FN64_MSG_SEND_DIRECT_REQ:\n\t\tdo_host_direct_req",
	"\tcase FFA_MSG_SEND_DIRECT_REQ2:\n"
	"\t\tif (!ffa_call_supported(func_id))\n\t\t\tbreak;\n"
	"\t\tfallthrough;\n"
	"\tcase FFA_MSG_SEND_DIRECT_REQ:\n\tcase FFA_FN64_MSG_SEND_DIRECT_REQ:\n\t\tdo_host_direct_req", 1)
open(p2, "w").write(text)
EOF
	{
		echo "From 0000000000000000000000000000000000000001 Mon Sep 17 00:00:00 2001"
		echo "Subject: [PATCH v$((check_sender + 1)) 1/2] KVM: arm64: ffa: handle FFA_MSG_SEND_DIRECT_REQ from the host"
		echo
		echo "---"
		diff -u --label "a/$ffa" --label "b/$ffa" "$KSRC/$ffa" "$tmp/p1.c" || true
		echo "From 0000000000000000000000000000000000000002 Mon Sep 17 00:00:00 2001"
		echo "Subject: [PATCH v$((check_sender + 1)) 2/2] KVM: arm64: ffa: handle FFA_MSG_SEND_DIRECT_REQ2 from the host"
		echo
		echo "---"
		diff -u --label "a/$ffa" --label "b/$ffa" "$tmp/p1.c" "$tmp/p2.c" || true
	} > "$out"
}

write_series 0 "$tmp/v1.mbox"
write_series 1 "$tmp/v2.mbox"

build_bin() {
	MAKE='make' proxy/build-variant.sh "$build" "$kernel" 4K "$1" 0 \
		"$(proxy/prepare-variant.sh "$build" "$kernel" 4K "$1")/obj/ffa-sim" >/dev/null
	proxy/prepare-variant.sh "$build" "$kernel" 4K "$1"
}
base=$(build_bin "")
v1=$(build_bin "$tmp/v1.mbox")
v2=$(build_bin "$tmp/v2.mbox")
[ "$v1" != "$v2" ] || die "two versions of a series share the folder $v1"
case "$(basename "$v1")" in
*+2p-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-4k) ;;
*) die "a two-patch series should build as ...+2p-HASH-4k, not $(basename "$v1")" ;;
esac
[ -x "$v1/obj/ffa-sim" ] && [ -x "$v2/obj/ffa-sim" ] ||
	die "both versions must stay built side by side"

# --version and variants name the patches.
"$v1/obj/ffa-sim" --version > "$tmp/version.txt"
grep -qx '  patch 1: \[PATCH v1 1/2\] KVM: arm64: ffa: handle FFA_MSG_SEND_DIRECT_REQ from the host' \
	"$tmp/version.txt" || die "--version does not list patch 1's subject: $(cat "$tmp/version.txt")"
"$base/obj/ffa-sim" variants > "$tmp/variants.txt"
grep -A2 -x "$(basename "$v2")" "$tmp/variants.txt" |
	grep -q '  patch 2: \[PATCH v2 2/2\]' || die "variants does not list v2's subjects: $(cat "$tmp/variants.txt")"

# v1 on the suite: the sender check is missing, and the run says so.
status=0
"$v1/obj/ffa-sim" run -j 2 --color=never scenarios > "$tmp/v1.txt" || status=$?
[ "$status" = 1 ] || die "v1 lacks the sender check: its run must fail, not exit $status"
for fn in FFA_MSG_SEND_DIRECT_REQ FFA_FN64_MSG_SEND_DIRECT_REQ; do
	id="direct-request-sender-must-be-host[fn=$fn]"
	grep -qF "FAIL  $id (" "$tmp/v1.txt" ||
		die "v1: $id should fail, not: $(grep -F "$id" "$tmp/v1.txt")"
	grep -A3 -F "FAIL  $id (" "$tmp/v1.txt" > "$tmp/sender.txt"
	grep -q '^      fails differently with the series than recorded' "$tmp/sender.txt" ||
		die "v1: $id should say it fails differently with the series: $(cat "$tmp/sender.txt")"
	grep -q '^        on the base: step 2 .*path: expected the call handled by the proxy, it was forwarded to EL3' "$tmp/sender.txt" ||
		die "v1: $id should show the base's outcome: $(cat "$tmp/sender.txt")"
	grep -q "^        now: step 2 (call $fn): x0: expected FFA_ERROR" "$tmp/sender.txt" ||
		die "v1: $id should show the series' outcome: $(cat "$tmp/sender.txt")"
done
grep -q '^FIXED direct-request-framework-message-filtered\[mbz-bit-set\]: fixed by the series' "$tmp/v1.txt" ||
	die "v1 filters framework messages: that scenario should be FIXED"
grep -q '^FIXED direct-req2-reaches-partition: fixed by the series' "$tmp/v1.txt" ||
	die "v1 lets REQ2 through: direct-req2-reaches-partition should be FIXED"
# Linux's FF-A driver asks FFA_FEATURES before it offers REQ2: with the
# series the proxy lets that through, and a REQ2 client (a TPM's) works.
grep -q '^FIXED driver-direct-req2: fixed by the series' "$tmp/v1.txt" ||
	die "v1 lets REQ2 through: the driver's REQ2 client, driver-direct-req2, should be FIXED"
fixed=$(grep -c '^FIXED ' "$tmp/v1.txt")
grep -qE "^[0-9]+ passed, [0-9]+ failed, $fixed fixed(, [0-9]+ skipped)?, [0-9]+ known failures$" "$tmp/v1.txt" ||
	die "v1's summary should count $fixed fixed apart from failed: $(tail -n1 "$tmp/v1.txt")"

# v2 checks the sender: better than v1, and its summary says so.
status=0
"$v2/obj/ffa-sim" run -j 2 --color=never scenarios > "$tmp/v2.txt" || status=$?
f1=$(tail -n1 "$tmp/v1.txt" | sed -n 's/^[0-9]* passed, \([0-9]*\) failed.*/\1/p')
f2=$(tail -n1 "$tmp/v2.txt" | sed -n 's/^[0-9]* passed, \([0-9]*\) failed.*/\1/p')
[ "$f2" -lt "$f1" ] || die "v2 fixes the sender check: fewer failures than v1's $f1, not $f2"
grep -q '^FIXED direct-request-sender-must-be-host\[fn=FFA_MSG_SEND_DIRECT_REQ\]' "$tmp/v2.txt" ||
	die "v2: the sender-ID scenario should be fixed by the series"

# compare v1 against v2: the sender rows and nothing else.
status=0
"$base/obj/ffa-sim" compare --variant "$(basename "$v1")" \
	--variant "$(basename "$v2")" scenarios > "$tmp/compare.txt" || status=$?
cat "$tmp/compare.txt"
[ "$status" = 1 ] || die "compare v1 v2 should exit 1, not $status"
rows=$(grep -cE '^[a-z].* (pass|fail|crash|skip|absent) +(pass|fail|crash|skip|absent) *$' "$tmp/compare.txt" || true)
sender=$(grep -cE '^direct-(request|req2)-sender-must-be-host(\[fn=FFA_(FN64_)?MSG_SEND_DIRECT_REQ\])? +fail +pass *$' "$tmp/compare.txt" || true)
[ "$sender" = 3 ] && [ "$rows" = 3 ] ||
	die "compare v1 v2 should show exactly the three sender rows (REQ, FN64 REQ, REQ2), shows $rows rows ($sender sender rows)"

# A hunk whose context lines do not match is refused, even when patch's
# fuzz would take it; a hunk to hyp-main.c is applied and listed.
awk 'BEGIN { done = 0 }
     !done && /^ .*if \(ffa_call_supported\(func_id\)\)/ { sub(/func_id/, "fid"); done = 1 }
     { print }' "$tmp/v1.mbox" > "$tmp/fuzz.mbox"
cmp -s "$tmp/fuzz.mbox" "$tmp/v1.mbox" && die "could not make a context line differ"
if proxy/prepare-variant.sh "$build" "$kernel" 4K "$tmp/fuzz.mbox" > /dev/null 2> "$tmp/err.txt"; then
	die "a hunk that needs fuzz was accepted"
fi
rm -rf "$build/$(basename "$v1" | sed "s/-[0-9a-f]*-4k\$//")-$(proxy/patches.sh hash "$tmp/fuzz.mbox")-4k"
grep -q 'handle FFA_MSG_SEND_DIRECT_REQ from the host.*ffa.c: hunk #[0-9]* @@ -[0-9,]* +[0-9,]* @@ applies only with fuzz [0-9]' "$tmp/err.txt" ||
	die "unexpected error for a hunk that needs fuzz: $(cat "$tmp/err.txt")"

line=$(grep -n 'upper_32_bits(func_id)' "$KSRC/$main" | head -n1 | cut -d: -f1)
[ -n "$line" ] || die "$KSRC/$main has no upper_32_bits(func_id) check to touch"
sed "${line}s/\$/ \/* a comment *\//" "$KSRC/$main" > "$tmp/hyp-main.c"
{
	echo "From 0000000000000000000000000000000000000003 Mon Sep 17 00:00:00 2001"
	echo "Subject: [PATCH] KVM: arm64: a change in the host SMC path"
	echo
	echo "---"
	diff -u --label "a/$main" --label "b/$main" "$KSRC/$main" "$tmp/hyp-main.c" || true
} > "$tmp/main.mbox"
dir=$(proxy/prepare-variant.sh "$build" "$kernel" 4K "$tmp/main.mbox")
grep -q "a change in the host SMC path: $main @@ -[0-9,]* +[0-9,]* @@ (applied, but ffa-sim does not compile this file: only whether handle_host_smc() refuses" \
	"$dir/not-modelled.txt" || die "the hyp-main.c hunk should be listed as not modelled: $(cat "$dir/not-modelled.txt")"
grep -q 'a comment' "$dir/kernel/$main" || die "the hyp-main.c hunk should still be applied"
rm -rf "$dir"
echo "direct-series: v1 fails the sender check differently, v2 fixes it, compare shows the three sender rows"
