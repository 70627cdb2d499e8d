<?php
// Installs WordPress with no questions asked (Debian ships no wp-cli).
$_SERVER['WORDPRESS_CONFIG'] = 'wptest';
$_SERVER['HTTP_HOST'] = parse_url(getenv('WPT_URL'), PHP_URL_HOST);
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
function wp_new_blog_notification() {} // the real one calls sendmail, which is absent
require ABSPATH . 'wp-admin/includes/upgrade.php';
if (is_blog_installed()) { echo "already installed\n"; exit(0); }
$r = wp_install('Gazette test', 'admin', 'admin@example.test', true, '', 'admin-pass');
update_option('permalink_structure', '/%year%/%monthnum%/%postname%/');
flush_rewrite_rules(false);
echo json_encode(['user_id' => $r['user_id'], 'version' => $GLOBALS['wp_version']]), "\n";
