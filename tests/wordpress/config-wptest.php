<?php
// Debian's /usr/share/wordpress/wp-config.php loads /etc/wordpress/config-<X>.php;
// router.php sets X = wptest. Everything else comes from the environment, so
// one file serves every throwaway instance (tests/wordpress/start.sh).
$wpt_dir = getenv('WPT_DIR');   // temp dir: mysqld.sock, wp-content/
$wpt_url = getenv('WPT_URL');   // http://127.0.0.1:PORT
if (!$wpt_dir || !$wpt_url) { http_response_code(500); die("WPT_DIR/WPT_URL not set\n"); }
define('DB_NAME', 'wordpress'); define('DB_USER', 'root'); define('DB_PASSWORD', '');
define('DB_HOST', "localhost:$wpt_dir/mysqld.sock");
define('DB_CHARSET', 'utf8mb4'); define('DB_COLLATE', '');
foreach (['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT',
          'LOGGED_IN_SALT', 'NONCE_SALT'] as $k) define($k, "test-$k");
$table_prefix = 'wp_';
define('WP_HOME', $wpt_url); define('WP_SITEURL', $wpt_url);
define('WP_CONTENT_DIR', "$wpt_dir/wp-content"); define('WP_CONTENT_URL', "$wpt_url/wp-content");
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DISABLE_FATAL_ERROR_HANDLER', true);
