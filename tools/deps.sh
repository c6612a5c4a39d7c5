# tools/deps.sh: sourced by tools/test, tools/quickstart and tests/bench/run.
# Installs the Debian packages tilsyn needs when they are missing, and builds
# the tree.  Idempotent: a second run installs and rebuilds nothing that is
# already there.

# Build, test and demo dependencies.  Servers are started by the tests
# themselves on loopback; their system services are kept from starting.
# chromium renders the inspection report to PNG and PDF in the report
# test (headless, offline, a private profile in the test's directory);
# it starts no service.  slapd, postgresql and mariadb-server are the
# private directory and database servers of tests/integration/
# test_starttls_db.c; their system daemons are kept from starting too.
TILSYN_PACKAGES="meson ninja-build pkg-config gcc clang libclang-rt-14-dev
 libssl-dev libssh2-1-dev libsqlite3-dev libxml2-dev libxslt1-dev
 libjansson-dev libcmocka-dev mandoc openssl gnutls-bin nginx-light
 openssh-server openssh-client dropbear-bin sqlite3 xsltproc libxml2-utils
 python3 procps iproute2 util-linux postfix dovecot-imapd dovecot-pop3d
 python3-cryptography
 vsftpd chromium
 slapd postgresql mariadb-server
 dovecot-lmtpd dovecot-managesieved prosody inspircd"

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	else
		sudo "$@"
	fi
}

# install_packages PKG...: installs those not yet installed.
install_packages() {
	local missing="" p created=0
	for p in "$@"; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		    grep -q 'install ok installed'; then
			missing="$missing $p"
		fi
	done
	if [ -z "$missing" ]; then
		echo "tilsyn: all $# packages already installed"
		return 0
	fi
	echo "tilsyn: installing:$missing"
	# Installing nginx, openssh-server, postfix, dovecot, vsftpd, prosody
	# or inspircd would start system daemons on :80, :22, :25, :143,
	# :110, :21, :5222/:5269 and :6667;
	# policy-rc.d exit 101 keeps them stopped (see TEST-SERVERS.md).  The
	# tests run private instances with their own configuration.
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
		as_root chmod 755 /usr/sbin/policy-rc.d
		created=1
	fi
	# Postfix gets no system configuration (no main.cf, nothing listening).
	echo 'postfix postfix/main_mailer_type select No configuration' |
	    as_root debconf-set-selections
	# slapd gets no system configuration either (no database, no slapd.d).
	echo 'slapd slapd/no_configuration boolean true' |
	    as_root debconf-set-selections
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	# Wait for a concurrent apt (another test run) rather than fail.
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y \
	    -o DPkg::Lock::Timeout=300 --no-install-recommends $missing
	local rc=$?
	[ "$created" -eq 1 ] && as_root rm -f /usr/sbin/policy-rc.d
	# PostgreSQL's and MariaDB's packages start a system instance unless
	# policy-rc.d stops them: say so if one runs now (its pid file is there).
	for p in /run/postgresql/*.pid /run/mysqld/mysqld.pid /run/slapd/slapd.pid; do
		[ -e "$p" ] && echo "tilsyn: warning: a system daemon runs ($p): stop it" >&2
	done
	return $rc
}

# build_tree DIR [-Dopt=value...]: configures DIR (once; later runs only
# reapply the options), then builds it.
build_tree() {
	local dir=$1
	shift
	if [ ! -f "$dir/build.ninja" ]; then
		meson setup "$dir" "$@"
	elif [ $# -gt 0 ]; then
		# --reconfigure, not "meson configure": a tree set up before an
		# option was added knows the option only once regenerated.
		meson setup --reconfigure "$dir" "$@" >/dev/null
	fi
	ninja -C "$dir"
}
