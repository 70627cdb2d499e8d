#!/bin/sh
# (Re)starts PHP's server for the instance in $1; WPT_REST_OFF=401 makes it
# answer every REST request with that status (a site with the API disabled),
# WPT_NOTICE=1 prints a PHP notice before every answer, WPT_NO_REWRITE=1
# answers only files and / (a server without WordPress's rewrite rules).
set -eu
T=$1
KIT=$(cd "$(dirname "$0")" && pwd)
PORT=$(cat "$T/port")
[ ! -f "$T/php.pid" ] || { pkill -TERM -P "$(cat "$T/php.pid")" 2>/dev/null || true; kill "$(cat "$T/php.pid")" 2>/dev/null || true; sleep 0.2; }
export WPT_DIR="$T" WPT_URL="http://127.0.0.1:$PORT" PHP_CLI_SERVER_WORKERS=4
: >"$T/php.log"
php -S "127.0.0.1:$PORT" -t /usr/share/wordpress "$KIT/router.php" >"$T/php.log" 2>&1 &
echo $! >"$T/php.pid"
i=0; until grep -q 'Development Server .* started' "$T/php.log"; do
  kill -0 "$(cat "$T/php.pid")" 2>/dev/null && [ $i -lt 100 ] || { cat "$T/php.log" >&2; exit 1; }; i=$((i+1)); sleep 0.05; done
[ -n "${WPT_REST_OFF:-}${WPT_NOTICE:-}" ] || curl -sf -o /dev/null "$WPT_URL/?rest_route=/" || { cat "$T/php.log" >&2; exit 1; }
