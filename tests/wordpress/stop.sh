#!/bin/sh
# Stops the WordPress in $1 and removes it.
T=$1
if [ -f "$T/php.pid" ]; then
  P=$(cat "$T/php.pid")
  pkill -TERM -P "$P" 2>/dev/null
  kill "$P" 2>/dev/null
fi
mariadb-admin --no-defaults -S "$T/mysqld.sock" -u root shutdown 2>/dev/null
rm -rf "$T"
