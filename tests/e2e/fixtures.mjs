// Hostile article documents, shared by every engine's tests: the Chromium
// suite serves them with page.route (network.spec.mjs), the fault server
// serves them to Firefox and WebKit (fault-server.mjs, /api/v1/articles/
// hostile-<name>.json). Each says what the reader must see: the headline
// rendered as text ('h1'), or an error naming the reason ('error').

const HOSTILE = {
  xss: (a) => {
    a.headline = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
    a.standfirst = '<svg onload="window.__pwned=3"></svg> expression(alert(1)) "quoted" \'single\'';
    a.body = [
      { type: 'paragraph', content: [{ text: '<iframe src="javascript:window.__pwned=4"></iframe>' }, { text: ' safe link', link: 'https://example.org/?q=<script>' }] },
      { type: 'quote', text: '</blockquote><script>window.__pwned=5</script>', attribution: '<b onmouseover=alert(1)>x</b>' },
      { type: 'list', items: [[{ text: '<style>body{display:none}</style>' }]] },
      { type: 'image', src: '/images/roadblock.svg', alt: '" onerror="window.__pwned=6', credit: '<script>x</script>', width: 10, height: 10 },
      // A block type this reader does not know (a CMS's raw HTML block): a notice, never markup.
      { type: 'html', html: '<script>window.__pwned=7</script>' },
    ];
    return { doc: a, expect: 'h1', text: '<script>window.__pwned=1</script>' };
  },
  'javascript-link': (a) => {
    a.body = [{ type: 'paragraph', content: [{ text: 'click', link: 'javascript:window.__pwned=8' }] }];
    return { doc: a, expect: 'error', text: 'not an allowed URL' };
  },
  'data-image': (a) => {
    a.lead_image.src = 'data:image/svg+xml,<svg onload="window.__pwned=9">';
    return { doc: a, expect: 'error', text: 'not an allowed URL' };
  },
  'rtl-zero-width-emoji': (a) => {
    a.headline = '\u202Eevil\u202C \u200B\u200D\uFEFF KFOR 👩‍👩‍👧‍👦 🇽🇰 مرحبا';
    return { doc: a, expect: 'h1', text: '👩‍👩‍👧‍👦' };
  },
  'unknown-version': (a) => { a.version = 2; return { doc: a, expect: 'error', text: 'contract version 2' }; },
  'wrong-types': (a) => { a.tags = 'kfor'; return { doc: a, expect: 'error', text: 'invalid type' }; },
  'missing-field': (a) => { delete a.headline; return { doc: a, expect: 'error', text: 'missing field `headline`' }; },
};

/** Every hostile document, built from a real article `base`: { slug: { body, expect, text } }. */
export function hostileDocuments(base) {
  const bodies = {};
  for (const [name, make] of Object.entries(HOSTILE)) {
    const c = make(structuredClone(base));
    bodies[`hostile-${name}`] = { body: JSON.stringify(c.doc), ...c };
  }
  // Documents no JSON.stringify of a real article could be.
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  bodies['hostile-deep'] = { body: deep, expect: 'error', text: 'could not be read' };
  bodies['hostile-ten-mb'] = { body: JSON.stringify({ ...base, headline: 'x'.repeat(10 * 1024 * 1024) }), expect: 'error', text: 'too large' };
  const million = `{"version":1,"body":[${'{"type":"subheading","text":"x"},'.repeat(1_000_000)}{}]}`;
  bodies['hostile-million-blocks'] = { body: million, expect: 'error', text: 'too large' };
  // Structure bombs just under the byte cap: refused while parsing, by cap.
  const bomb = (body) => JSON.stringify({ ...base, body: 'BOMB' }).replace('"BOMB"', () => body);
  const emptyItems = `[${'[],'.repeat(1_300_000)}[]]`;
  bodies['hostile-million-items'] = { body: bomb(`[{"type":"list","items":${emptyItems}}]`), expect: 'error', text: 'more than 1000 list items' };
  const list = `{"type":"list","items":[${'[],'.repeat(999)}[]]}`;
  bodies['hostile-many-lists'] = { body: bomb(`[${`${list},`.repeat(1_200)}${list}]`), expect: 'error', text: 'in all' };
  const spans = `[{"type":"paragraph","content":[${'{"text":""},'.repeat(300_000)}{"text":""}]}]`;
  bodies['hostile-many-spans'] = { body: bomb(spans), expect: 'error', text: 'more than 1000 spans' };
  const points = Array.from({ length: 60_000 }, (_, i) => `{"date":"${String(1000 + Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}","value":${i}}`).join(',');
  const chart = `[{"type":"chart","id":"c","title":"T","unit":"u","source":{"name":"S"},"series":[${points}]}]`;
  bodies['hostile-long-series'] = { body: bomb(chart), expect: 'error', text: 'more than 5000 chart points' };
  bodies['hostile-many-blocks'] = { body: bomb(`[${'{"type":"subheading","text":"x"},'.repeat(110_000)}{"type":"subheading","text":"x"}]`), expect: 'error', text: 'more than 5000 blocks' };
  bodies['hostile-long-text'] = { body: JSON.stringify({ ...base, headline: 'x'.repeat(1_000_000) }), expect: 'error', text: 'longer than 10000 characters' };
  for (const [slug, b] of Object.entries(bodies)) {
    if (slug.startsWith('hostile-m') || slug.startsWith('hostile-long')) {
      if (b.body.length >= 4 * 1024 * 1024 && b.text !== 'too large') throw new Error(`${slug} is over the byte cap: ${b.body.length}`);
    }
  }
  return bodies;
}
