#!/usr/bin/env bash
# tests/bench/ssh.sh: the SSH benchmark of issue 4: tilsyn-scan against
# ssh-audit and nmap ssh2-enum-algos on the same loopback servers (sshd in
# three configurations, dropbear), per server and for a list of servers.
# Installs ssh-audit and nmap when missing; not run by tools/test.
# usage: tests/bench/ssh.sh [BUILD_DIR] [--list N] [--runs N]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
. tools/deps.sh

build=build
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
	build=$1
	shift
fi
install_packages $TILSYN_PACKAGES ssh-audit nmap
build_tree "$build" -Dwerror=true
[ -d /run/sshd ] || as_root mkdir -p /run/sshd
python3 tests/bench/ssh_bench.py "$build" "$@"
