#!/bin/bash
# Fails on an #include that points up the layers.  The layers, bottom first;
# a file may include its own folder and any folder listed before it.  Tests,
# the fuzzer and the benchmarks sit above everything and are not checked.
set -euo pipefail
cd "$(dirname "$0")/.."

layers=(
	hw
	"proxy spmc_mock spmc_tfa"
	host
	sim/lang
	sim/decode
	sim/sched
	sim/exec
	sim/view
	sim/run
	sim/cli
)

# rank FOLDER: the index of the layer that holds FOLDER, or nothing.
rank() {
	local i folder
	for i in "${!layers[@]}"; do
		for folder in ${layers[$i]}; do
			case "$1/" in "$folder"/*) echo "$i"; return ;; esac
		done
	done
}

status=0
while IFS=: read -r file line text; do
	target=$(sed -n 's/^#include "\([^"]*\)".*/\1/p' <<<"$text")
	[ -n "$target" ] || continue
	from=$(rank "$(dirname "$file")")
	to=$(rank "$(dirname "$target")")
	[ -n "$from" ] && [ -n "$to" ] || continue
	# Peers in one layer (proxy and spmc_mock) meet only through hw.
	if [ "$to" -gt "$from" ] ||
	   { [ "$to" = "$from" ] && [ "${file%%/*}" != "${target%%/*}" ] &&
	     [ "${file%/*}" != "${target%/*}" ] && [ "${file%%/*}" != sim ]; }; then
		echo "$file:$line: includes $target, a layer above its own" \
		     "(${layers[$from]} may use only what is listed before it" \
		     "in tests/check-layers.sh)"
		status=1
	fi
done < <(git ls-files '*.c' '*.h' | grep -v -E '^(tests|fuzz|bench)/' |
	 xargs grep -n '^#include "' /dev/null)

[ $status = 0 ] && echo "layers: every include points down"
exit $status
