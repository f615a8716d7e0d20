#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Install the Debian packages named on the command line that are missing:
# with apt-get when run as root, else print the command to run and fail.
#
# Usage: scripts/install-packages.sh PACKAGE...
set -euo pipefail

missing=()
for p in "$@"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -gt 0 ] || exit 0

if [ "$(id -u)" = 0 ]; then
	echo "installing: ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
	echo "ffa-sim needs these packages; run:"
	echo "  sudo apt-get install -y ${missing[*]}"
	exit 1
fi
