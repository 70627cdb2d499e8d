<?php
// Seeds the test WordPress: WPT_DIR=$T WPT_URL=http://127.0.0.1:PORT php seed.php
//   (no argument)  the fixtures: every supported block, an author and tags
//                  with diacritics, a featured image, a table marked as a
//                  chart, an embed, hostile HTML, and posts the public must
//                  never see (draft, private, scheduled, password-protected)
//   bulk N         N more posts (the import benchmark)
//   untitled       one published post with no title (a post that cannot be
//                  converted); prints its id
//   delete ID      deletes a post for good
//   edit ID TITLE  gives a post a new title (its modified date moves on)
//   unpublish ID   turns a published post back into a draft
//   new TITLE      publishes a new post, tagged and with a body; prints its id
//   went-out TITLE [CATEGORY]  a post scheduled long ago (in Security, or
//                  CATEGORY) that WordPress's cron has just published: its
//                  modified date stays where it was; prints its id
//   hostile-media URL  posts an editor or a compromised host could make:
//                  uploads that are not images (HTML, SVG, .htaccess, HTML
//                  named .png), an upload deleted from the library, one that
//                  redirects off the host (to URL), a featured image named
//                  logo@2x.png, a video-only post with no excerpt, 200,000
//                  nested divs; prints their ids as JSON
// The articles state only facts from the interview the product was
// specified from (../shared/reference/source-article.txt), in our words.
$_SERVER['WORDPRESS_CONFIG'] = 'wptest';
$_SERVER['HTTP_HOST'] = parse_url(getenv('WPT_URL'), PHP_URL_HOST);
require '/usr/share/wordpress/wp-load.php';
foreach (['image', 'file', 'media'] as $f) require_once ABSPATH . "wp-admin/includes/$f.php";
wp_set_current_user(1); // admin has unfiltered_html: kses leaves saved content alone
function post(array $a): int {  // wp_insert_post unslashes its input: always wp_slash()
    $id = wp_insert_post(wp_slash($a + ['post_status' => 'publish', 'post_type' => 'post']), true);
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
    return $id;
}
function category(string $name): int {
    $t = term_exists($name, 'category') ?: wp_insert_term($name, 'category');
    return (int)$t['term_id'];
}
$mode = $argv[1] ?? '';
if ($mode === 'bulk') {
    wp_defer_term_counting(true);
    $cat = category('Bulk');
    $n = (int)($argv[2] ?? 1000);
    for ($i = 1; $i <= $n; $i++)
        post(['post_title' => "Bulk post $i", 'post_author' => 1, 'post_category' => [$cat],
              'post_excerpt' => "Synthetic post $i for the import benchmark.",
              'tags_input' => ['bulk-' . ($i % 50)],
              'post_content' => "<!-- wp:paragraph -->\n<p>Body of bulk post $i, with <strong>some</strong> <em>formatting</em>.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:heading -->\n<h2>A heading</h2>\n<!-- /wp:heading -->\n\n<!-- wp:list -->\n<ul><li>One</li><li>Two</li></ul>\n<!-- /wp:list -->",
              'post_date' => gmdate('Y-m-d H:i:s', 1700000000 + $i * 60)]);
    wp_defer_term_counting(false);
    exit(0);
}
if ($mode === 'untitled') {
    echo post(['post_title' => '', 'post_name' => 'no-title-here', 'post_author' => 1,
               'post_content' => '<p>A post with no title.</p>', 'post_date' => '2023-01-10 10:00:00']), "\n";
    exit(0);
}
if ($mode === 'delete') { wp_delete_post((int)$argv[2], true); exit(0); }
if ($mode === 'edit') {
    $r = wp_update_post(wp_slash(['ID' => (int)$argv[2], 'post_title' => $argv[3]]), true);
    if (is_wp_error($r)) { fwrite(STDERR, $r->get_error_message() . "\n"); exit(1); }
    exit(0);
}
if ($mode === 'unpublish') { wp_update_post(['ID' => (int)$argv[2], 'post_status' => 'draft']); exit(0); }
if ($mode === 'went-out') {
    // As wp_publish_post leaves it when the time comes: the status changed
    // in the table, the modified date that of the editor's last save,
    // months before.
    $id = post(['post_title' => $argv[2], 'post_status' => 'future', 'post_author' => 1,
                'post_category' => [category($argv[3] ?? 'Security')], 'post_excerpt' => 'A post scheduled months before it went out.',
                'post_content' => "<!-- wp:paragraph -->\n<p>Scheduled long before, published by the cron.</p>\n<!-- /wp:paragraph -->",
                'post_date' => '2099-01-01 10:00:00']);
    global $wpdb;
    $wpdb->update($wpdb->posts, ['post_date' => current_time('mysql'), 'post_date_gmt' => current_time('mysql', true),
        'post_modified' => '2022-11-01 10:00:00', 'post_modified_gmt' => '2022-11-01 09:00:00'], ['ID' => $id]);
    clean_post_cache($id);
    wp_publish_post($id);
    $p = get_post($id);
    if ($p->post_status !== 'publish' || $p->post_modified !== '2022-11-01 10:00:00') { fwrite(STDERR, "went-out: $p->post_status $p->post_modified\n"); exit(1); }
    echo $id, "\n";
    exit(0);
}
if ($mode === 'new') {
    echo post(['post_title' => $argv[2], 'post_author' => 1, 'post_category' => [category('Security')],
               'tags_input' => ['KFOR'], 'post_excerpt' => 'A post published after the site was built.',
               'post_content' => "<!-- wp:paragraph -->\n<p>Published after the build, to be brought in by a publish.</p>\n<!-- /wp:paragraph -->"]), "\n";
    exit(0);
}

if ($mode === 'hostile-media') {
    $up = wp_upload_dir();
    $dir = $up['basedir'] . '/2023/01';
    $url = $up['baseurl'] . '/2023/01';
    @mkdir($dir, 0777, true);
    // Files an editor with unfiltered_upload, or a compromised host, can put there.
    file_put_contents("$dir/evil.html", "<!doctype html><script>alert('EVIL-HTML')</script>");
    file_put_contents("$dir/evil.svg", "<svg xmlns='http://www.w3.org/2000/svg' onload=\"alert('EVIL-SVG')\"/>");
    file_put_contents("$dir/evil.js", "alert('EVIL-JS')");
    file_put_contents("$dir/.htaccess", "AddType text/html .png");
    file_put_contents("$dir/fake.png", "<!doctype html><script>alert('EVIL-FAKE-PNG')</script>");
    // The router answers this one with a redirect to another host.
    file_put_contents(getenv('WPT_DIR') . '/redirects.json', json_encode(['/wp-content/uploads/2023/01/moved.png' => $argv[2] ?? 'http://127.0.0.1:1/']));
    $img = fn($f) => "<!-- wp:image -->\n<figure class=\"wp-block-image\"><img src=\"$url/$f\" width=\"10\" height=\"10\" alt=\"$f\"/></figure>\n<!-- /wp:image -->";
    $cat = category('Security');
    $ids = [];
    $ids['uploads'] = post(['post_title' => 'Uploads that are not images', 'post_author' => 1, 'post_category' => [$cat],
        'post_excerpt' => 'Every file here is refused; the text stays.',
        'post_content' => "<!-- wp:paragraph -->\n<p>The text of a post with hostile uploads.</p>\n<!-- /wp:paragraph -->\n\n"
            . implode("\n\n", array_map($img, ['evil.html', 'evil.svg', 'evil.js', '.htaccess', 'fake.png', 'deleted.png', 'moved.png'])),
        'post_date' => '2023-01-11 10:00:00']);
    // A featured image named as retina images are (WordPress keeps the @).
    $png = sys_get_temp_dir() . '/gazette-logo-' . getmypid() . '.png';
    $im = imagecreatetruecolor(200, 100);
    imagefill($im, 0, 0, imagecolorallocate($im, 20, 60, 120));
    imagepng($im, $png);
    $logo = media_handle_sideload(['name' => 'logo@2x.png', 'tmp_name' => $png], 0, 'Logo');
    if (is_wp_error($logo)) { fwrite(STDERR, $logo->get_error_message() . "\n"); exit(1); }
    $ids['logo'] = post(['post_title' => 'A post with a retina featured image', 'post_author' => 1, 'post_category' => [$cat],
        'post_excerpt' => 'Its featured image is named logo@2x.png.',
        'post_content' => "<!-- wp:paragraph -->\n<p>Featured image with an at sign.</p>\n<!-- /wp:paragraph -->",
        'post_date' => '2023-01-12 10:00:00']);
    set_post_thumbnail($ids['logo'], $logo);
    $ids['logo_file'] = basename(get_attached_file($logo));
    // A featured image whose file was deleted from the disk.
    $gone = media_handle_sideload(['name' => 'gone.png', 'tmp_name' => (function () { $p = sys_get_temp_dir() . '/gazette-gone-' . getmypid() . '.png'; $i = imagecreatetruecolor(100, 50); imagepng($i, $p); return $p; })()], 0, 'Gone');
    $ids['gone_featured'] = post(['post_title' => 'A post whose featured image file is gone', 'post_author' => 1, 'post_category' => [$cat],
        'post_excerpt' => 'Published without its image.',
        'post_content' => "<!-- wp:paragraph -->\n<p>The image was deleted on disk.</p>\n<!-- /wp:paragraph -->",
        'post_date' => '2023-01-13 10:00:00']);
    set_post_thumbnail($ids['gone_featured'], $gone);
    foreach (glob(dirname(get_attached_file($gone)) . '/gone*') as $f) unlink($f);
    // A video and nothing else: no excerpt, no text.
    $ids['video'] = post(['post_title' => 'Video only', 'post_author' => 1, 'post_category' => [$cat],
        'post_content' => "<!-- wp:embed {\"url\":\"https://www.youtube.com/watch?v=M7lc1UVf-VE\",\"type\":\"video\",\"providerNameSlug\":\"youtube\"} -->\n<figure class=\"wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube\"><div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=M7lc1UVf-VE\n</div></figure>\n<!-- /wp:embed -->",
        'post_date' => '2023-01-14 10:00:00']);
    // 200,000 nested divs (1.2 MB), which WordPress keeps.
    $ids['nested'] = post(['post_title' => 'Nested two hundred thousand deep', 'post_author' => 1, 'post_category' => [$cat],
        'post_excerpt' => 'Deeply nested markup.',
        'post_content' => str_repeat('<div>', 200000) . 'Text at the bottom of the nest.' . str_repeat('</div>', 200000),
        'post_date' => '2023-01-15 10:00:00']);
    echo json_encode($ids), "\n";
    exit(0);
}
wp_delete_post(1, true);  // "Hello world!"
update_option('timezone_string', 'Europe/Belgrade');  // dates carry +01:00 / +02:00
$security = category('Security');
$politics = category('Politics');
$ana = wp_insert_user(['user_login' => 'ana', 'user_pass' => 'ana-pass', 'user_email' => 'ana@example.test',
    'first_name' => 'Ana', 'last_name' => 'Đorđević', 'display_name' => 'Ana Đorđević',
    'user_nicename' => 'ana-dordevic', 'role' => 'author',
    'description' => 'Ana Đorđević is a fictional reporter of this test site, writing on security.']);

// A featured image: bars falling from left to right, drawn here.
$png = sys_get_temp_dir() . '/gazette-wp-' . getmypid() . '.png';
$im = imagecreatetruecolor(1200, 800);
imagefill($im, 0, 0, imagecolorallocate($im, 241, 238, 231));
$bar = imagecolorallocate($im, 138, 28, 28);
foreach ([50000, 39000, 26000, 17500, 3800] as $i => $v)
    imagefilledrectangle($im, 120 + $i * 200, 720 - (int)($v / 80), 260 + $i * 200, 720, $bar);
imagepng($im, $png);
$att = media_handle_sideload(['name' => 'troop-levels.png', 'tmp_name' => $png], 0, 'KFOR troop levels',
    ['post_excerpt' => 'Troop levels from 1999 to 2023, as bars.',      // excerpt = caption
     'post_content' => 'Illustration: Gazette', 'post_author' => $ana]);   // content = description: the credit
if (is_wp_error($att)) { fwrite(STDERR, $att->get_error_message() . "\n"); exit(1); }
update_post_meta($att, '_wp_attachment_image_alt', 'Five bars, each lower than the one before.');
$img = wp_get_attachment_image_url($att, 'large');

$blocks = <<<HTML
<!-- wp:paragraph -->
<p>NATO has run its mission in Kosovo for almost <strong>24 years</strong>. KFOR started with <em>about 50,000</em> troops; today it has about 3,800, according to <a href="https://europeanwesternbalkans.com/">European Western Balkans</a>.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2>How the force shrank</h2>
<!-- /wp:heading -->

<!-- wp:table {"className":"gazette-chart"} -->
<figure class="wp-block-table gazette-chart"><table><thead><tr><th>Date</th><th>Troops</th></tr></thead><tbody><tr><td>1999</td><td>~50,000</td></tr><tr><td>2002-02</td><td>~39,000</td></tr><tr><td>2003-06</td><td>26,000</td></tr><tr><td>2003-12</td><td>17,500</td></tr><tr><td>2023-01</td><td>~3,800</td></tr></tbody></table><figcaption class="wp-element-caption">KFOR troop levels, 1999–2023. Source: KFOR officials, statement to European Western Balkans</figcaption></figure>
<!-- /wp:table -->

<!-- wp:paragraph -->
<p>KFOR says each cut followed better security on the ground.</p>
<!-- /wp:paragraph -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>Any change in the position of KFOR forces remains condition-based and is not driven by a timetable.</p>
<!-- /wp:paragraph --><cite>KFOR officials</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:heading {"level":3} -->
<h3>What the mission does</h3>
<!-- /wp:heading -->

<!-- wp:list -->
<ul><!-- wp:list-item -->
<li>Keeps a safe and secure environment</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>Protects <strong>freedom of movement</strong> for all communities</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:list {"ordered":true} -->
<ol><!-- wp:list-item -->
<li>28 December 2022: the decision to remove the barricades</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>5 January 2023: the blocking vehicles removed</li>
<!-- /wp:list-item --></ol>
<!-- /wp:list -->

<!-- wp:image {"id":$att,"sizeSlug":"large","linkDestination":"none"} -->
<figure class="wp-block-image size-large"><img src="$img" alt="Five bars, each lower than the one before." class="wp-image-$att"/><figcaption class="wp-element-caption">The same figures as bars.</figcaption></figure>
<!-- /wp:image -->

<!-- wp:table -->
<figure class="wp-block-table"><table><thead><tr><th>Date</th><th>Event</th></tr></thead><tbody><tr><td>28 December 2022</td><td>Decision to remove the barricades in northern Kosovo</td></tr><tr><td>5 January 2023</td><td>KFOR removes vehicles blocking roads</td></tr></tbody></table><figcaption class="wp-element-caption">Removing the barricades</figcaption></figure>
<!-- /wp:table -->

<!-- wp:pullquote -->
<figure class="wp-block-pullquote"><blockquote><p>What is now important is that all sides refrain from provocative actions.</p><cite>KFOR officials</cite></blockquote></figure>
<!-- /wp:pullquote -->

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=M7lc1UVf-VE","type":"video","providerNameSlug":"youtube","responsive":true,"className":"wp-embed-aspect-16-9 wp-has-aspect-ratio"} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=M7lc1UVf-VE
</div></figure>
<!-- /wp:embed -->
HTML;

$hostile = '<p style="color:red" onclick="alert(1)">Styled text stays, its style and handler go.</p>'
    . '<script>alert("xss")</script>'
    . '<p>Before <img src="x" onerror="alert(2)"><a href="javascript:alert(3)">js link</a> after.</p>'
    . '<iframe src="https://evil.example/"></iframe>'
    . '<form action="https://evil.example/"><input name="q"><button>Go</button></form>'
    . '<style>body{display:none}</style>'
    . '<p><a href="data:text/html,<script>alert(4)</script>">data link</a> and <marquee>moving text</marquee>.</p>'
    . '<svg onload="alert(5)"><circle r="5"/></svg>'
    . '<p><img src="javascript:alert(6)" width="10" height="10" alt="x"></p>';

$ids = ['attachment' => $att];
$ids['blocks'] = post(['post_title' => 'KFOR&#8217;s troop levels, 1999 to 2023', 'post_author' => $ana,
    'post_content' => $blocks, 'post_excerpt' => 'From about 50,000 troops to about 3,800: how NATO’s force in Kosovo shrank.',
    'post_category' => [$security], 'tags_input' => ['KFOR', 'Priština', 'Oružane snage Srbije'],
    'post_date' => '2023-01-20 09:00:00']);
set_post_thumbnail($ids['blocks'], $att);
$ids['barricades'] = post(['post_title' => 'KFOR removes the last barricades in northern Kosovo', 'post_author' => $ana,
    'post_content' => "<!-- wp:paragraph -->\n<p>On 5 January 2023 KFOR removed vehicles blocking roads in northern Kosovo, after the decision of 28 December 2022 to remove the barricades.</p>\n<!-- /wp:paragraph -->",
    'post_category' => [$security], 'tags_input' => ['KFOR', 'Priština'], 'post_date' => '2023-01-05 15:00:00']);
$ids['request'] = post(['post_title' => 'KFOR answers Serbia’s request', 'post_author' => $ana,
    'post_content' => "<!-- wp:paragraph -->\n<p>Serbia asked KFOR to allow up to 1,000 members of its armed forces and police to return to the north of Kosovo. KFOR said it has all the resources it needs to fulfil its mission.</p>\n<!-- /wp:paragraph -->",
    'post_excerpt' => 'KFOR says it has the resources its mission needs.',
    'post_category' => [$politics], 'tags_input' => ['KFOR', 'Vučić', 'Oružane snage Srbije'], 'post_date' => '2022-12-20 12:00:00']);
$ids['cyrillic'] = post(['post_title' => 'Мисија КФОР-а на Косову', 'post_author' => $ana,
    'post_content' => "<!-- wp:paragraph -->\n<p>НАТО води мисију на Косову скоро 24 године.</p>\n<!-- /wp:paragraph -->",
    'post_excerpt' => 'Скоро 24 године на Косову.',
    'post_category' => [$politics], 'tags_input' => ['KFOR'], 'post_date' => '2023-01-18 08:00:00']);
$ids['hostile_admin'] = post(['post_title' => 'Hostile markup (saved by an administrator)', 'post_author' => 1,
    'post_content' => $hostile, 'post_excerpt' => 'Markup that must never reach a page.', 'post_date' => '2022-12-01 10:00:00']);
$ids['protected'] = post(['post_title' => 'Password-protected: must not appear', 'post_author' => 1,
    'post_content' => '<p>Secret text.</p>', 'post_password' => 'secret', 'post_date' => '2022-12-02 10:00:00']);
$ids['draft'] = post(['post_title' => 'Draft: must not appear', 'post_status' => 'draft', 'post_author' => 1,
    'post_content' => '<p>Draft text.</p>']);
$ids['private'] = post(['post_title' => 'Private: must not appear', 'post_status' => 'private', 'post_author' => 1,
    'post_content' => '<p>Private text.</p>']);
$ids['scheduled'] = post(['post_title' => 'Scheduled: must not appear', 'post_status' => 'future', 'post_author' => 1,
    'post_content' => '<p>Scheduled text.</p>', 'post_date' => '2099-01-01 10:00:00']);
wp_set_current_user($ana);                     // author role: kses filters on save
$ids['hostile_author'] = post(['post_title' => 'Hostile markup (saved by an author)', 'post_author' => $ana,
    'post_content' => $hostile, 'post_excerpt' => 'Markup that must never reach a page.', 'post_date' => '2022-12-03 10:00:00']);
echo json_encode($ids), "\n";
