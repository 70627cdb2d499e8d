<?php
// php -S router: names the config (php -S drops WORDPRESS_CONFIG from
// $_SERVER) and serves uploads from the instance's temp dir.
$_SERVER['WORDPRESS_CONFIG'] = 'wptest';
$path = urldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if (getenv('WPT_REST_OFF') && (strpos($path, '/wp-json') === 0 || isset($_GET['rest_route']))) {
    http_response_code(intval(getenv('WPT_REST_OFF'))); header('Content-Type: application/json');
    echo '{"code":"rest_disabled","message":"The REST API is disabled on this site."}'; return true;
}
// WPT_NOTICE=1: a PHP notice printed into every answer, as a careless
// plug-in on a site with display_errors on does (the JSON is then broken).
if (getenv('WPT_NOTICE')) echo "<br />\n<b>Notice</b>:  Undefined index: gazette in <b>/plugin.php</b> on line <b>7</b><br />\n";
// WPT_NO_REWRITE=1: a server without WordPress's rewrite rules (Apache with
// no .htaccess): only files and / answer; /wp-json/ is a 404.
if (getenv('WPT_NO_REWRITE') && $path !== '/' && !is_file('/usr/share/wordpress' . $path)
    && strncmp($path, '/wp-content/', 12) !== 0) { http_response_code(404); echo "Not Found\n"; return true; }
// redirects.json (written by seed.php hostile-media): uploads that redirect elsewhere.
$redirects = @json_decode(@file_get_contents(getenv('WPT_DIR') . '/redirects.json'), true) ?: [];
if (isset($redirects[$path])) { header('Location: ' . $redirects[$path], true, 302); return true; }
if (strncmp($path, '/wp-content/', 12) === 0 && strpos($path, '..') === false) {
    $f = getenv('WPT_DIR') . $path;
    if (!is_file($f)) { http_response_code(404); return true; }
    header('Content-Type: ' . (mime_content_type($f) ?: 'application/octet-stream'));
    readfile($f);
    return true;
}
$f = '/usr/share/wordpress' . $path;
if ($path !== '/' && is_file($f) && substr($f, -4) !== '.php') return false;
if (is_file($f)) { chdir(dirname($f)); require $f; return true; }
require '/usr/share/wordpress/index.php';
