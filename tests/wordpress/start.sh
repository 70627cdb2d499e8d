#!/bin/sh
# Starts a throwaway WordPress 6.1 with its own MariaDB in a temp dir and
# prints that dir: T=$(tests/wordpress/start.sh 18089). Stop it with
# tests/wordpress/stop.sh "$T". Needs Debian's wordpress, mariadb-server,
# php8.2-cli/-mysql/-gd (scripts/setup --browsers installs them) and
# config-wptest.php in /etc/wordpress (installed here when missing).
set -eu
PORT=${1:-8089}
KIT=$(cd "$(dirname "$0")" && pwd)
cmp -s "$KIT/config-wptest.php" /etc/wordpress/config-wptest.php 2>/dev/null \
  || install -D -m 644 "$KIT/config-wptest.php" /etc/wordpress/config-wptest.php
T=$(mktemp -d "${TMPDIR:-/tmp}/wpt.XXXXXX")
export WPT_DIR="$T" WPT_URL="http://127.0.0.1:$PORT"
fail() { cat "$1" >&2; "$KIT/stop.sh" "$T"; exit 1; }
mariadb-install-db --no-defaults --datadir="$T/db" --user=root --auth-root-authentication-method=normal \
  --skip-test-db --skip-name-resolve --innodb-log-file-size=16M >"$T/install-db.log" 2>&1 || fail "$T/install-db.log"
mariadbd --no-defaults --datadir="$T/db" --socket="$T/mysqld.sock" --pid-file="$T/mysqld.pid" \
  --skip-networking --user=root --skip-log-bin --innodb-log-file-size=16M \
  --innodb-flush-log-at-trx-commit=2 --log-error="$T/mysqld.err" >/dev/null 2>&1 &
echo $! >"$T/mysqld.bgpid"
i=0; until mariadb-admin --no-defaults -S "$T/mysqld.sock" -u root ping >/dev/null 2>&1; do
  i=$((i+1)); [ $i -lt 100 ] || fail "$T/mysqld.err"; sleep 0.1; done
mariadb --no-defaults -S "$T/mysqld.sock" -u root \
  -e "CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
mkdir -p "$T/wp-content/mu-plugins"
cp "$KIT/offline-oembed.php" "$T/wp-content/mu-plugins/"
php "$KIT/install.php" >"$T/install.log" 2>&1 || fail "$T/install.log"
echo "$PORT" >"$T/port"
"$KIT/serve.sh" "$T"
echo "$T"
