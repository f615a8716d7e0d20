#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Lay out one variant's folder: copy the kernel files the build reads from
# the tree, generate the headers that carry the tree's own values and API
# generation, and write variant.mk for the compile step.
#
# Usage: prepare-variant.sh BUILD_ROOT KERNEL PAGE_SIZE [PATCHES]
# The EL3 is SPMC=mock (the default) or SPMC=tf-a[:2.8|:2.12|:/path], from
# the environment; DRIVER=no (also from the environment) leaves Linux's
# FF-A driver out of the host.  Prints the variant's folder on stdout.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
die() { printf 'ffa-sim: error: %s\n' "$*" >&2; exit 1; }

[ $# -ge 3 ] || die "usage: $0 BUILD_ROOT KERNEL PAGE_SIZE [PATCHES]"
build_root=$1 kernel=$2 page_size=$3 patches=${4:-}

# A git tree's commit (KERNEL=~/linux@REF) or commits (PATCHES=A..B).
{ read -r kernel; read -r patches; } < <("$here/git-tree.sh" "$build_root" "$kernel" "$patches")
[ -n "$kernel" ] || exit 1

case "$page_size" in
4K | 4k) shift_bits=12 ps=4k ;;
16K | 16k) shift_bits=14 ps=16k ;;
64K | 64k) shift_bits=16 ps=64k ;;
*) die "PAGE_SIZE=$page_size: expected 4K, 16K or 64K" ;;
esac

# Assigned first: a failed resolve must stop the script here.
ksrc=$("$here/kernel-src.sh" resolve "$kernel")
eval "$ksrc"

spmc=${SPMC:-mock}
# A tree given by path is a TF-A tree.
case "$spmc" in
/* | ./* | ../*) spmc=tf-a:$spmc ;;
esac
TFA_SRC='' TFA_VERSION='' TFA_ORIGIN=''
case "$spmc" in
mock) ;;
tf-a | tf-a:*)
	# Assigned first: a failed resolve must stop the script here.
	tfa=$("$here/../spmc_tfa/tfa-src.sh" resolve "$spmc")
	eval "$tfa"
	;;
*) die "SPMC=$spmc: expected mock, tf-a, tf-a:2.8, tf-a:2.12 or the path of a TF-A tree" ;;
esac

# Linux's FF-A driver as the host (host/), or none: a tree whose driver
# does not fit the host fakes still has a proxy to test.
driver=${DRIVER:-yes}
case "$driver" in
yes | no) ;;
*) die "DRIVER=$driver: expected yes (Linux's FF-A driver as the host) or no (without it)" ;;
esac

npatches=0 patch_hash=
if [ -n "$patches" ]; then
	[ -x "$here/patches.sh" ] || die "PATCHES= is not supported by this version of ffa-sim"
	npatches=$("$here/patches.sh" count "$patches")
	patch_hash=$("$here/patches.sh" hash "$patches")
fi
name=linux-$KVERSION
# A tree given by path must not share a folder with the Debian build of the
# same version: name it after the tree too.
case "$kernel" in
debian:*) ;;
*) name=$name-$(basename "$KSRC" | tr -c 'A-Za-z0-9._\n' '_')-$(printf '%s' "$KSRC" | sha256sum | cut -c1-6) ;;
esac
# Two series never share a folder: the name carries a hash of the patches.
[ "$npatches" -eq 0 ] || name=$name+${npatches}p-$patch_hash
name=$name-$ps
# The mock is the default EL3; any other names itself, as a tree does.
case "$spmc" in
mock) ;;
tf-a:/* | tf-a:.*) name=$name-tfa-$TFA_VERSION-$(printf '%s' "$TFA_SRC" | sha256sum | cut -c1-6) ;;
*) name=$name-tfa-$TFA_VERSION ;;
esac
[ "$driver" = yes ] || name=$name-nodriver
dir=$build_root/$name
mkdir -p "$dir/gen/generated"

# Make @to hold what @from holds, touching only the files whose contents
# differ: a one-line edit of ffa.c then rebuilds ffa.o and nothing else.
sync_changed() {
	local from=$1 to=$2 f
	mkdir -p "$to"
	(cd "$to" && find . -type f ! -name .stamp) | while read -r f; do
		[ -f "$from/$f" ] || rm -f "$to/$f"
	done
	(cd "$from" && find . -type f) | while read -r f; do
		cmp -s "$from/$f" "$to/$f" && continue
		mkdir -p "$(dirname "$to/$f")"
		cp "$from/$f" "$to/$f"
	done
}

# Copy afresh only when the source changed, so make sees stable timestamps.
# The files' contents count: an edit in a KERNEL=/path tree must be rebuilt.
tree_sum=$(for f in $(awk '!/^#/ { print $1 }' "$here/kernel-files.txt"); do
	if [ -f "$KSRC/$f" ]; then sha256sum "$KSRC/$f"; fi
done | sha256sum | cut -d' ' -f1)
stamp="$KSRC|$tree_sum|$patches|$(cat "$here/kernel-files.txt" "$here/read-files.txt" | sha256sum | cut -d' ' -f1)"
if [ -n "$patches" ]; then
	stamp="$stamp|$(find "$patches" -type f -exec sha256sum {} + | sort | sha256sum)"
fi
if [ ! -f "$dir/kernel/.stamp" ] || [ "$(cat "$dir/kernel/.stamp")" != "$stamp" ]; then
	rm -rf "$dir/kernel.new"
	mkdir -p "$dir/kernel.new"
	for f in $(awk '!/^#/ { print $1 }' "$here/kernel-files.txt"); do
		[ -f "$KSRC/$f" ] || continue
		mkdir -p "$dir/kernel.new/$(dirname "$f")"
		cp "$KSRC/$f" "$dir/kernel.new/$f"
	done
	: > "$dir/not-modelled.txt"
	if [ -n "$patches" ]; then
		"$here/patches.sh" apply "$patches" "$dir/kernel.new" "$dir/not-modelled.txt"
	fi
	sync_changed "$dir/kernel.new" "$dir/kernel"
	rm -rf "$dir/kernel.new"
	echo "$stamp" > "$dir/kernel/.stamp"
fi

k=$dir/kernel
gen=$dir/gen/generated

# SG_MAX_SEGMENTS sizes the proxy's descriptor buffer: take the tree's block.
awk '/^#define SG_CHUNK_SIZE/ { on = 1 }
     on { print }
     on && /^#endif/ { exit }' "$k/include/linux/scatterlist.h" > "$gen/sg_limits.h.new"
grep -q 'SG_MAX_SEGMENTS' "$gen/sg_limits.h.new" ||
	die "cannot find SG_MAX_SEGMENTS in the tree's include/linux/scatterlist.h"

# Which generation of the handler and host SMC path this tree has.
ffa_h=$k/arch/arm64/kvm/hyp/include/nvhe/ffa.h
if grep -qE 'kvm_host_ffa_handler\(struct kvm_cpu_context \*[a-z_]*\);' "$ffa_h"; then
	handler_args=1
else
	handler_args=2
fi
upper_check=0
grep -q 'upper_32_bits(func_id)' "$k/arch/arm64/kvm/hyp/nvhe/hyp-main.c" && upper_check=1
# The proxy's generation, which expectations files may be shared within:
# the call it reaches EL3 with, and the FF-A version it asks EL3 for.
ffa_c=$k/arch/arm64/kvm/hyp/nvhe/ffa.c
smc_call=$(grep -oE '\<(hyp|arm)_smccc_1_[12]_smc\(' "$ffa_c" | sort | uniq -c |
	sort -rn | awk 'NR == 1 { sub(/\(/, "", $2); print $2 }')
ffa_version=$(grep -oE '(\.a1 = |FFA_VERSION, )FFA_VERSION_1_[0-9]+' "$ffa_c" |
	head -n1 | sed 's/.*FFA_VERSION_1_/1./')
[ -n "$smc_call" ] && [ -n "$ffa_version" ] ||
	die "cannot tell how $ffa_c calls EL3 or which FF-A version it asks for"

{
	echo "/* Generated by proxy/prepare-variant.sh for $name: do not edit. */"
	echo "#define SIM_VARIANT_NAME \"$name\""
	echo "#define SIM_KERNEL_VERSION \"$KVERSION\""
	echo "#define SIM_KERNEL_ORIGIN \"$KORIGIN\""
	echo "#define SIM_PATCH_COUNT $npatches"
	echo "#define SIM_SMC_CALL \"$smc_call\""
	echo "#define SIM_FFA_VERSION \"$ffa_version\""
	echo "#define SIM_HANDLER_ARGS $handler_args"
	echo "#define SIM_HOST_SMC_REJECTS_UPPER_BITS $upper_check"
	if [ "$spmc" = mock ]; then
		echo "#define SIM_SPMC_TFA 0"
		echo "#define SIM_SPMC_SERIES \"\""
		echo "#define SIM_SPMC_NAME \"mock\""
	else
		echo "#define SIM_SPMC_TFA 1"
		echo "#define SIM_SPMC_SERIES \"$(echo "$TFA_VERSION" | cut -d. -f1-2)\""
		echo "#define SIM_SPMC_NAME \"TF-A $TFA_VERSION EL3 SPMC ($TFA_ORIGIN)\""
	fi
} > "$gen/sim_variant.h.new"

# Which generation of the FF-A driver's client API the tree has (host/).
send2_uuid=0
grep -q 'sync_send_receive2)(struct ffa_device \*dev, const uuid_t' \
	"$k/include/linux/arm_ffa.h" && send2_uuid=1
{
	echo "/* Generated by proxy/prepare-variant.sh for $name: do not edit. */"
	echo "#define HOST_SEND2_TAKES_UUID $send2_uuid"
} > "$gen/host_variant.h.new"

# The series' subjects, for --version and ffa-sim variants.
{
	echo "/* Generated by proxy/prepare-variant.sh for $name: do not edit. */"
	echo "static const char *const sim_patches[] = {"
	[ -z "$patches" ] || "$here/patches.sh" subjects "$patches" |
		sed 's/\\/\\\\/g; s/"/\\"/g; s/^/\t"/; s/$/",/'
	echo "	NULL"
	echo "};"
} > "$gen/sim_patches.h.new"

# Hunks of the series in files ffa-sim does not compile: run and compare
# list them, so a reviewer sees what the simulation leaves out.
[ -f "$dir/not-modelled.txt" ] || : > "$dir/not-modelled.txt"
{
	echo "/* Generated by proxy/prepare-variant.sh for $name: do not edit. */"
	echo "static const char *const sim_not_modelled[] = {"
	sed 's/\\/\\\\/g; s/"/\\"/g; s/^/\t"/; s/$/",/' "$dir/not-modelled.txt"
	echo "	NULL"
	echo "};"
} > "$gen/sim_not_modelled.h.new"

for f in sg_limits.h sim_variant.h sim_not_modelled.h sim_patches.h host_variant.h; do
	if cmp -s "$gen/$f.new" "$gen/$f"; then
		rm "$gen/$f.new"
	else
		mv "$gen/$f.new" "$gen/$f"
	fi
done

cat > "$dir/variant.mk.new" <<EOF
VARIANT_NAME := $name
KERNEL_VERSION := $KVERSION
PAGE_SHIFT_BITS := $shift_bits
SPMC_KIND := $( [ "$spmc" = mock ] && echo mock || echo tfa )
TFA_SRC := $TFA_SRC
TFA_VERSION := $TFA_VERSION
HOST_DRIVER := $driver
EOF
if cmp -s "$dir/variant.mk.new" "$dir/variant.mk"; then
	rm "$dir/variant.mk.new"
else
	mv "$dir/variant.mk.new" "$dir/variant.mk"
fi
echo "$dir"
