<?php
/**
 * Plugin Name: Gazette preview
 * Description: WordPress's Preview button opens the draft as Gazette renders it, on Gazette's preview server.
 *
 * A must-use plug-in: copy it into wp-content/mu-plugins/ and define, in wp-config.php,
 *   define('GAZETTE_PREVIEW_URL', 'https://preview.news.example');   // where the preview server is reached
 *   define('GAZETTE_PREVIEW_SECRET', '…');                           // the server's GAZETTE_PREVIEW_SECRET
 * Without both, WordPress previews as before.
 *
 * A preview link names the post and an expiry an hour ahead, signed with
 * hash_hmac('sha256', "<post>.<expires>", GAZETTE_PREVIEW_SECRET); the server
 * checks the signature and reads the draft with its own editor's account.
 */

if (!defined('ABSPATH')) {
    exit;
}

/** The preview server's link for a post, or null when the plug-in is not configured. */
function gazette_preview_link(int $post_id): ?string
{
    if (!defined('GAZETTE_PREVIEW_URL') || !defined('GAZETTE_PREVIEW_SECRET')) {
        return null;
    }
    $expires = time() + HOUR_IN_SECONDS;
    $token = hash_hmac('sha256', $post_id . '.' . $expires, GAZETTE_PREVIEW_SECRET);
    return untrailingslashit(GAZETTE_PREVIEW_URL) . '/preview/' . $post_id
        . '?expires=' . $expires . '&token=' . $token;
}

// The classic editor and the admin's lists link to get_preview_post_link().
add_filter('preview_post_link', function ($link, $post) {
    if (!$post || $post->post_type !== 'post') {
        return $link;
    }
    return gazette_preview_link((int) $post->ID) ?? $link;
}, 10, 2);

// The block editor opens the post's own address with ?preview=true (and its
// autosave's with preview_id), which the filter above does not reach: that
// request, made by a logged-in user who may edit the post, is sent on.
add_action('template_redirect', function () {
    if (!is_preview()) {
        return;
    }
    $post = get_post();
    if (!$post || $post->post_type !== 'post' || !current_user_can('edit_post', $post->ID)) {
        return;
    }
    $link = gazette_preview_link((int) $post->ID);
    if ($link !== null) {
        nocache_headers();
        wp_redirect($link, 302, 'Gazette');
        exit;
    }
});
