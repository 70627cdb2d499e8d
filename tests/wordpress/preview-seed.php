<?php
// Seeds a WordPress for the preview's end-to-end test (tests/e2e/preview.spec.mjs):
// an editor with an application password, two drafts by the admin (one with a
// chart, one hostile) and a published post. Fictional content only.
// WPT_DIR=… WPT_URL=… php tests/wordpress/preview-seed.php  → JSON of ids and the password.
$_SERVER['WORDPRESS_CONFIG'] = 'wptest';
$_SERVER['HTTP_HOST'] = parse_url(getenv('WPT_URL'), PHP_URL_HOST) . ':' . parse_url(getenv('WPT_URL'), PHP_URL_PORT);
require '/usr/share/wordpress/wp-load.php';
wp_set_current_user(1);
function post(array $a): int {
    $id = wp_insert_post(wp_slash($a + ['post_type' => 'post']), true);
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
    return $id;
}
$editor = wp_insert_user(['user_login' => 'edna', 'user_pass' => 'edna-pass', 'user_email' => 'edna@example.test',
    'display_name' => 'Edna Urednik', 'role' => 'editor']);
if (is_wp_error($editor)) { fwrite(STDERR, $editor->get_error_message() . "\n"); exit(1); }
[$password] = WP_Application_Passwords::create_new_application_password($editor, ['name' => 'gazette-preview']);
// The block editor's first-run guide stays closed: it opens a moment after the
// editor does, over the title the test types into (WordPress 6.1 keeps it here).
global $wpdb;
update_user_meta($editor, $wpdb->get_blog_prefix() . 'persisted_preferences',
    ['core/edit-post' => ['welcomeGuide' => false], '_modified' => gmdate('c')]);
$section = wp_insert_term('Lokalno', 'category', ['slug' => 'lokalno'])['term_id'];
$chart = <<<HTML
<!-- wp:paragraph -->
<p>Opština Dolinovac broji stanovnike svake pete godine.</p>
<!-- /wp:paragraph -->

<!-- wp:table {"className":"gazette-chart"} -->
<figure class="wp-block-table gazette-chart"><table><thead><tr><th>Godina</th><th>Stanovnici</th></tr></thead><tbody><tr><td>2005</td><td>12,400</td></tr><tr><td>2010</td><td>11,900</td></tr><tr><td>2015</td><td>~11,000</td></tr><tr><td>2020</td><td>10,300</td></tr></tbody></table><figcaption class="wp-element-caption">Stanovnici Dolinovca, 2005–2020. Source: Opštinski zavod</figcaption></figure>
<!-- /wp:table -->
HTML;
$hostile = '<p onclick="alert(1)">Nacrt sa zamkama</p><script>alert("xss")</script>'
    . '<img src="x" onerror="alert(2)"><a href="javascript:alert(3)">js link</a><iframe src="https://evil.example/"></iframe>';
$ids = ['editor' => $editor, 'password' => $password];
$ids['draft'] = post(['post_title' => 'Nacrt: Dolinovac broji stanovnike', 'post_status' => 'draft',
    'post_author' => 1, 'post_content' => $chart, 'post_excerpt' => 'Popis u izmišljenoj opštini.',
    'post_category' => [$section]]);
$ids['hostile'] = post(['post_title' => 'Nacrt sa zamkama', 'post_status' => 'draft', 'post_author' => 1,
    'post_content' => $hostile]);
$ids['published'] = post(['post_title' => 'Objavljeno: Dolinovac dobija most', 'post_status' => 'publish',
    'post_author' => 1, 'post_content' => '<p>Most preko reke Tihe je otvoren.</p>', 'post_category' => [$section],
    'post_date' => '2024-03-01 10:00:00']);
$ids['preview_link'] = get_preview_post_link($ids['draft']);
echo json_encode($ids), "\n";
