#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Install one built variant and what goes with it, so that ffa-sim works
# from any folder:
#
#   PREFIX/lib/ffa-sim/VARIANT/ffa-sim       the binary (several variants
#                                             can sit side by side, for compare)
#   PREFIX/bin/ffa-sim                        -> the variant installed last
#   PREFIX/share/ffa-sim/scenarios            the suite and its expectations
#   PREFIX/share/ffa-sim/docs, README.md      the reference and tutorials
#   PREFIX/share/man/man1/ffa-sim*.1          a page per command
#   PREFIX/share/bash-completion/completions/ffa-sim
#
# Usage: install.sh VARIANT_DIR PREFIX [DESTDIR]
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 VARIANT_DIR PREFIX [DESTDIR]" >&2; exit 2; }
vdir=$1 prefix=$2 destdir=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
bin=$vdir/obj/ffa-sim
variant=$(basename "$vdir")

[ -x "$bin" ] || { echo "ffa-sim: $bin is not built" >&2; exit 1; }
case $prefix in
/*) ;;
*) echo "ffa-sim: PREFIX=$prefix must be an absolute path" >&2; exit 1 ;;
esac

root=$destdir$prefix
share=$root/share/ffa-sim

install -d "$root/bin" "$root/lib/ffa-sim/$variant" "$share" \
	"$root/share/man/man1" "$root/share/bash-completion/completions"
install -m 755 "$bin" "$root/lib/ffa-sim/$variant/ffa-sim"
ln -sfn "../lib/ffa-sim/$variant/ffa-sim" "$root/bin/ffa-sim"

# The suite and docs are replaced whole, so a file removed from the
# checkout does not linger in an older install.
rm -rf "$share/scenarios" "$share/docs"
cp -R "$top/scenarios" "$share/scenarios"
cp -R "$top/docs" "$share/docs"
install -m 644 "$top/README.md" "$share/README.md"

"$here/man.sh" "$bin" "$root/share/man/man1"
install -m 644 "$here/ffa-sim.bash" \
	"$root/share/bash-completion/completions/ffa-sim"
echo "installed $variant into $root (bin/ffa-sim, lib/ffa-sim, share/ffa-sim, man pages, bash completion)"
