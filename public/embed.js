// Gazette embed host script: sizes Gazette iframes to their content, and
// passes each embed's page view on as a `gazette:pageview` event on this
// window (detail: path, title, type, slug, and embedded: true).
// Include it once on the page that embeds a chart or an article:
//   <script src="https://<gazette-host>/<base>/embed.js" async></script>
// It accepts only messages from the origin it was loaded from, matches each
// message to its iframe by the sending window, and ignores anything malformed.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__gazetteEmbedHost) return;
  window.__gazetteEmbedHost = true;
  var origin = new URL(script.src, location.href).origin;
  var MAX_HEIGHT = 20000;

  window.addEventListener('message', function (event) {
    if (event.origin !== origin) return;
    var data = event.data;
    if (!data || typeof data !== 'object') return;
    if (data.type === 'gazette:pageview') return pageview(data.detail, event.source);
    if (data.type !== 'gazette:height') return;
    var height = data.height;
    if (typeof height !== 'number' || !isFinite(height) || height <= 0 || height > MAX_HEIGHT) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].height = String(Math.ceil(height));
        return;
      }
    }
  });

  function pageview(detail, source) {
    if (!detail || typeof detail !== 'object') return;
    var text = function (v) { return typeof v === 'string' ? v.slice(0, 2000) : null; };
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow !== source) continue;
      window.dispatchEvent(new CustomEvent('gazette:pageview', {
        detail: { path: text(detail.path), title: text(detail.title), type: text(detail.type), slug: text(detail.slug), embedded: true },
      }));
      return;
    }
  }
})();
