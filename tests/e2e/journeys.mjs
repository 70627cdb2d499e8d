// The core journeys every reader's engine must pass, written once against
// the small browser interface of adapters.mjs: Chromium runs them through
// Playwright (engines.spec.mjs, beside its full suite), Firefox ESR and
// WebKitGTK through WebDriver (tests/engines/run.mjs). Same servers
// (tests/e2e/servers.mjs), same fixtures (fixtures.mjs), same assertions.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { reachForLink } from './navigate.mjs';

export const SITE = 'http://127.0.0.1:4173';
export const FAULTY = 'http://127.0.0.1:4178';
export const PORTAL = 'http://127.0.0.1:4175/';
/** The Serbian sample site, checking for news every 5 s (tests/e2e/nginx.mjs). */
export const LIVE_SITE = 'http://127.0.0.1:4184';
const MAIN = '/articles/kfor-refrain-from-provocations';
const MAIN_HEADLINE = 'KFOR: refrain from provocations and seek solutions through dialogue';
const RELATED = '/articles/kfor-clears-last-barricades';
const RELATED_HEADLINE = 'KFOR clears the last roadblocks in northern Kosovo';
const SECTION_ARTICLE = '/articles/nato-reexamines-ksf-engagement';
const SECTION_ARTICLE_HEADLINE = 'NATO re-examines its engagement with the Kosovo Security Force';
export const LABELS = [
  '1999: about 50,000 troops',
  'February 2002: about 39,000 troops',
  'June 2003: 26,000 troops',
  'December 2003: 17,500 troops',
  'January 2023: about 3,800 troops',
];
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Polls `fn` in the page until it returns something truthy; returns it. */
export async function waitFor(b, fn, arg, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await b.eval(fn, arg);
      if (last) return last;
    } catch (error) {
      last = `${error.name}: ${error.message}`; // a page between two documents
    }
    if (Date.now() > end) throw new assert.AssertionError({ message: `${b.engine}: timed out waiting for ${what} (last: ${JSON.stringify(last)})` });
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Polls an async check made from outside the page (a frame, the URL). */
async function until(check, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (!(await check().catch(() => false))) {
    if (Date.now() > end) throw new assert.AssertionError({ message: `timed out waiting for ${what}` });
    await new Promise((r) => setTimeout(r, 100));
  }
}

const text = (b, selector) => b.eval((s) => document.querySelector(s)?.textContent?.trim() ?? null, selector);
const h1Is = (b, expected) => waitFor(b, (e) => document.querySelector('main h1')?.textContent.trim() === e, expected, `main h1 "${expected}"`);

/** Opens a page and waits for the app to take it over (a pointer over a link). */
export async function openLive(b, url) {
  await b.goto(url);
  await goLive(b);
}

export async function goLive(b) {
  await b.eval(reachForLink);
  await waitFor(b, () => document.documentElement.dataset.app === 'live', null, 'the app to go live', 20_000);
}

async function noErrors(b, allowed = () => false) {
  const errors = (await b.errors()).filter((e) => !allowed(e));
  assert.deepEqual(errors, [], `${b.engine}: page errors`);
}

/** Front page → article → related post (client-side) → back (scroll restored) → forward → reload → tag → sections → not found. */
export async function reader(b) {
  await openLive(b, `${SITE}/`);
  await h1Is(b, 'Latest news');
  assert.equal(await b.eval(() => document.title), 'Latest news · Gazette');
  assert.equal(await b.eval(() => document.querySelectorAll('.front .teaser').length), 5);
  await b.eval(() => { window.__spa = 'still here'; });

  await b.click(`.front a[href="${MAIN}"]`);
  await h1Is(b, MAIN_HEADLINE);
  assert.equal(new URL(await b.url()).pathname, MAIN);
  assert.equal(await b.eval(() => document.title), `${MAIN_HEADLINE} · Gazette`);
  assert.equal(await b.eval(() => window.__spa), 'still here', 'client-side, not a page load');
  assert.equal(await text(b, '.dateline time'), '20 January 2023');
  assert.equal(await b.eval(() => document.querySelectorAll('.chart circle.point').length), 5);
  assert.deepEqual(await b.eval(() => [...document.querySelectorAll('.tags a')].map((a) => a.textContent)),
    ['KFOR', 'Kosovo', 'NATO', 'Belgrade–Pristina dialogue']);
  // Focus moves to the new page's heading, for screen readers and keyboards.
  await waitFor(b, () => document.activeElement === document.querySelector('main h1'), null, 'focus on the heading');

  // Down to the related posts, and on to one of them.
  const scrolledTo = await b.eval(() => {
    document.querySelector('.related').scrollIntoView();
    return window.scrollY;
  });
  assert.ok(scrolledTo > 1000, `scrolled to ${scrolledTo}`);
  await b.click(`.related a[href="${RELATED}"]`);
  await h1Is(b, RELATED_HEADLINE);
  assert.equal(await b.eval(() => window.scrollY), 0);
  assert.equal(await b.eval(() => window.__spa), 'still here');

  // Back: the previous article, where the reader left it.
  await b.back();
  await h1Is(b, MAIN_HEADLINE);
  await waitFor(b, (y) => Math.abs(window.scrollY - y) < 5, scrolledTo, `scroll restored to ${scrolledTo}`);
  await b.forward();
  await h1Is(b, RELATED_HEADLINE);

  // A deep link survives a reload.
  await b.reload();
  await h1Is(b, RELATED_HEADLINE);
  assert.equal(await b.eval(() => window.__spa ?? null), null, 'a reload is a page load');
  await goLive(b);
  await b.click('.tags a[href="/tags/eulex"]');
  await h1Is(b, 'EULEX');
  assert.equal(await b.eval(() => document.title), 'EULEX: articles · Gazette');
  assert.equal(await b.eval(() => document.querySelectorAll('.tag-page .teaser').length), 1);

  // The header's sections, biggest first: to one, marked current, then to
  // an article of it and back through its kicker, all client-side.
  await b.eval(() => { window.__spa = 'sections'; });
  assert.deepEqual(await b.eval(() => [...document.querySelectorAll('.section-nav a')].map((a) => a.textContent)), ['Security', 'Data']);
  await b.click('.section-nav a[href="/sections/security"]');
  await h1Is(b, 'Security');
  assert.equal(await b.eval(() => document.title), 'Security: latest articles · Gazette');
  assert.equal(await b.eval(() => document.querySelector('.section-nav [aria-current="page"]')?.textContent), 'Security');
  assert.equal(await b.eval(() => document.querySelectorAll('.section-page .teaser').length), 4);
  await b.click(`.section-page a[href="${SECTION_ARTICLE}"]`);
  await h1Is(b, SECTION_ARTICLE_HEADLINE);
  assert.equal(await b.eval(() => document.querySelector('.section-nav [aria-current]')), null, 'no section page is current');
  assert.deepEqual(await b.eval(() => [...document.querySelectorAll('.more-in-section .teaser a')].map((a) => a.getAttribute('href'))),
    ['/articles/kfor-answers-serbian-request', '/articles/kfor-clears-last-barricades']);
  await b.click('.article-header .kicker a[href="/sections/security"]');
  await h1Is(b, 'Security');
  await b.click('.section-nav a[href="/sections/data"]');
  await h1Is(b, 'Data');
  assert.equal(await b.eval(() => document.querySelector('.section-nav [aria-current="page"]')?.textContent), 'Data');
  assert.equal(await b.eval(() => window.__spa), 'sections', 'client-side, not a page load');

  // An unknown address: a real not-found page with a way home.
  await openLive(b, `${SITE}/no/such/page`);
  await h1Is(b, 'Page not found');
  await b.click('main a[href="/"]');
  await h1Is(b, 'Latest news');
  await noErrors(b, (e) => e.includes('404'));
}

/** Search: nothing loads until the box is used; a query typed without
 * diacritics or in Cyrillic finds the Latin articles' Vučić, marked; the
 * address follows typing, back and forward bring queries back, and an
 * address with a query loads the app at once. */
export async function search(b) {
  await openLive(b, `${SITE}/`);
  const searchFiles = () => performance.getEntriesByType('resource').filter((e) => /\/api\/v1\/search\/|search-(engine|worker)/.test(e.name)).map((e) => e.name);
  assert.deepEqual(await b.eval(searchFiles), [], 'nothing of search before the box is used');
  await b.click('#search-q');
  await b.type('#search-q', 'Vucic');
  await b.key('Enter');
  await h1Is(b, 'Search');
  assert.equal(new URL(await b.url()).search, '?q=Vucic');
  await b.eval(() => { window.__spa = 'still here'; });
  // The results, once they are in, and the words marked in them.
  const found = (typed) => waitFor(b, (t) => {
    const status = document.querySelector('.search-status')?.textContent ?? '';
    const heads = [...document.querySelectorAll('.search-result h2')].map((h) => h.textContent);
    return status.includes(`for “${t}”`) && heads.length > 0 && !document.querySelector('[aria-busy]')
      && { status, heads: heads.sort(), marks: [...new Set([...document.querySelectorAll('.search-result mark')].map((m) => m.textContent))] };
  }, typed, `results for ${typed}`);
  const vucic = ['KFOR: refrain from provocations and seek solutions through dialogue', 'KFOR: “all the necessary resources” to protect every community'];
  const latin = await found('Vucic');
  assert.deepEqual(latin, { status: '2 results for “Vucic”', heads: vucic, marks: ['Vučić'] });
  // Typed in Cyrillic: the same articles, and the address follows.
  await b.fill('#search-q', 'Вучић');
  const cyrillic = await found('Вучић');
  assert.deepEqual(cyrillic, { ...latin, status: '2 results for “Вучић”' });
  await until(async () => new URL(await b.url()).search === `?q=${encodeURIComponent('Вучић')}`, 'the address to follow typing');
  assert.equal(await b.eval(() => window.__spa), 'still here', 'client-side throughout');
  // Back to the front page, forward to the last query.
  await b.back();
  await h1Is(b, 'Latest news');
  await b.forward();
  await found('Вучић');
  assert.equal(await b.eval(() => document.querySelector('#search-q').value), 'Вучић');
  // An address with a query asks for the app at once; a prefix finds words it begins.
  await b.goto(`${SITE}/search?q=barric`);
  const prefix = await found('barric');
  assert.deepEqual(prefix.marks, ['barricades']);
  assert.equal(prefix.heads.length, 2);
  // One has the word in its standfirst: its lead is enough; the other in
  // its body alone: its whole fragment.
  const fragments = (await b.eval(searchFiles)).map((f) => new URL(f).pathname).filter((f) => /\/(leads|articles)\//.test(f)).sort();
  assert.equal(fragments.length, 2, String(fragments));
  assert.match(fragments[0], /\/api\/v1\/search\/articles\/\d+\.json$/);
  assert.match(fragments[1], /\/api\/v1\/search\/leads\/\d+\.json$/);
  await noErrors(b);
}

/** The chart: its points by keyboard with their values, the data table, the CSV. */
export async function chart(b) {
  await openLive(b, `${SITE}${MAIN}`);
  await waitFor(b, () => document.querySelectorAll('.chart circle.point').length === 5, null, 'five points');
  assert.deepEqual(await b.eval(() => [...document.querySelectorAll('.chart .point')].map((p) => p.getAttribute('aria-label'))), LABELS);
  // From the link just before the chart in reading order, Tab through it.
  await b.eval(() => [...document.querySelectorAll('a')].find((a) => a.textContent.includes("Read more on the KSF's mandate")).focus());
  for (const label of LABELS) {
    await b.key('Tab');
    assert.equal(await b.eval(() => document.activeElement?.getAttribute('aria-label')), label, `${b.engine}: focus order`);
    await waitFor(b, (value) => document.querySelector('.chart .tooltip')?.textContent.includes(value), label.split(': ')[1], `tooltip ${label}`);
  }
  await b.key('Tab');
  assert.equal(await b.eval(() => document.activeElement?.textContent), 'Show data');
  await b.key('Enter');
  await waitFor(b, () => document.querySelectorAll('.chart-table tbody tr').length === 5, null, 'the data table');
  assert.equal(await b.eval(() => document.activeElement?.textContent), 'Hide data');
  // The CSV holds the same figures as the article's JSON.
  const csv = await b.eval(() => decodeURIComponent(document.querySelector('.chart a[download]').getAttribute('href').split(',').slice(1).join(',')));
  const rows = csv.trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 2).join(','));
  assert.deepEqual(rows, ['1999,50000', '2002-02,39000', '2003-06,26000', '2003-12,17500', '2023-01,3800']);
  await noErrors(b);
}

/** A chart embed on a portal of another origin: it sizes its frame, both ways. */
export async function embed(b) {
  await b.goto(PORTAL);
  await b.eval((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.title = 'KFOR troop levels';
    frame.width = '100%';
    frame.height = '2000';
    document.getElementById('embed').append(frame);
    const script = document.createElement('script');
    script.src = 'http://127.0.0.1:4173/embed.js';
    document.body.append(script);
  }, `${SITE}/embed/charts/kfor-refrain-from-provocations/kfor-troops`);
  const height = () => b.eval(() => Number(document.querySelector('iframe').getAttribute('height')));
  await waitFor(b, () => Number(document.querySelector('iframe').getAttribute('height')) < 1000, null, 'the frame to shrink to its chart');
  const content = () => b.frameEval(0, () => Math.ceil(document.body.getBoundingClientRect().height));
  await until(async () => Math.abs(await height() - await content()) <= 1, `${b.engine}: the frame to fit its content`);
  const closed = await height();
  // The table opened: the frame grows; closed: it shrinks back. (A reader's
  // pointer over the chart loads the embed's app first.)
  await b.frameEval(0, reachForLink);
  await until(() => b.frameEval(0, () => document.documentElement.dataset.app === 'live'), `${b.engine}: the embed's app to go live`, 20_000);
  await b.frameEval(0, () => [...document.querySelectorAll('button')].find((x) => x.textContent === 'Show data').click());
  await waitFor(b, (h) => Number(document.querySelector('iframe').getAttribute('height')) > h + 100, closed, 'the frame to grow');
  await b.frameEval(0, () => [...document.querySelectorAll('button')].find((x) => x.textContent === 'Hide data').click());
  await waitFor(b, (h) => Number(document.querySelector('iframe').getAttribute('height')) <= h + 1, closed, 'the frame to shrink back');
  await noErrors(b);
}

/** Hostile documents: rendered as text or refused with a reason; nothing runs; the tab stays responsive. */
export async function hostile(b) {
  const cases = {
    'hostile-xss': ['h1', '<script>window.__pwned=1</script>'],
    'hostile-javascript-link': ['error', 'not an allowed URL'],
    'hostile-data-image': ['error', 'not an allowed URL'],
    'hostile-rtl-zero-width-emoji': ['h1', 'KFOR'],
    'hostile-deep': ['error', 'could not be read'],
    'hostile-million-items': ['error', 'more than 1000 list items'],
    'hostile-many-lists': ['error', 'in all'],
    'hostile-long-text': ['error', 'longer than 10000 characters'],
  };
  for (const [slug, [where, expected]] of Object.entries(cases)) {
    await b.goto(`${FAULTY}/articles/${slug}`);
    const selector = where === 'h1' ? 'main h1' : '.error-state';
    await waitFor(b, ([s, t]) => document.querySelector(s)?.textContent.includes(t), [selector, expected], `${slug}: ${expected}`, 20_000);
    const t0 = Date.now();
    await b.eval(() => 1);
    assert.ok(Date.now() - t0 < 1000, `${b.engine} ${slug}: responsive`);
    assert.equal(await b.eval(() => window.__pwned ?? null), null, `${slug}: nothing ran`);
    assert.equal(await b.eval(() => document.querySelectorAll('main script, main iframe, main style').length), 0);
  }
  await noErrors(b, (e) => e.includes('404'));
}

/** Network faults that depend on the engine's own fetch: a reset, a body cut short, an endless body, an HTML page, a 500. */
export async function faults(b) {
  const cases = {
    'fault-reset': 'could not reach the server',
    'fault-truncated': 'arrived incomplete',
    'fault-endless': 'too large',
    'fault-html': 'something other than an article',
    'fault-500': 'error 500',
  };
  for (const [slug, message] of Object.entries(cases)) {
    await b.goto(`${FAULTY}/articles/${slug}`);
    await waitFor(b, (m) => document.querySelector('.error-state')?.textContent.includes(m), message, `${slug}: "${message}"`, 20_000);
    assert.ok(await b.eval(() => !!document.querySelector('main a[href="/"]')), `${slug}: a way home`);
  }
  await noErrors(b, (e) => /404|500|network|fetch|NetworkError|Load failed|ERR_/i.test(e));
}

/** axe-core on every kind of page, light scheme, at a desktop width and the narrowest the engine's window allows. */
export async function axe(b) {
  const pages = ['/', MAIN, '/tags/kfor', '/no-such-page', '/embed/charts/kfor-refrain-from-provocations/kfor-troops',
    '/embed/articles/kfor-troop-levels-since-1999', '/search', '/search?q=kfor'];
  for (const width of [375, 1280]) {
    await b.viewport(width, 900);
    for (const path of pages) {
      await openLive(b, `${SITE}${path}`);
      // A search's results are part of its page.
      if (path.includes('?q=')) await waitFor(b, () => document.querySelector('.search-result mark'), null, 'search results');
      const violations = await b.axe(AXE_TAGS);
      const actual = await b.eval(() => window.innerWidth);
      assert.deepEqual(violations, [], `${b.engine} ${actual} px ${path}`);
    }
  }
  await b.viewport(1280, 900);
}

/**
 * Screenshots of the front page and an article at desktop width (the
 * window) and phone width (a 375 x 700 frame on the portal page: Firefox's
 * and MiniBrowser's windows cannot be that narrow; media queries follow the
 * frame). The frame shows the build as the fault server serves it, without
 * the frame-refusing headers of nginx.
 */
export async function screenshots(b, dir) {
  await b.viewport(1280, 900);
  for (const [name, path, heading] of [['front', '/', 'Latest news'], ['article', MAIN, MAIN_HEADLINE]]) {
    await openLive(b, `${SITE}${path}`);
    await b.eval(() => window.scrollTo(0, 0));
    await b.screenshot(`${dir}/${b.engine}-${name}-1280.png`);
    await b.viewport(1280, 1000);
    await b.goto(PORTAL);
    await b.eval((src) => {
      document.body.replaceChildren();
      Object.assign(document.body.style, { margin: '0' });
      const frame = Object.assign(document.createElement('iframe'), { src, title: 'phone', width: '375', height: '700' });
      frame.style.border = '0';
      frame.style.display = 'block';
      document.body.append(frame);
    }, `${FAULTY}${path}`);
    // The fault server answers every page with the front page's HTML, so
    // wait for the app to show this one, with its eager images drawn.
    await until(() => b.frameEval(0, (h) => document.querySelector('main h1')?.textContent === h
      && [...document.images].every((i) => (i.complete && i.naturalWidth > 0) || i.loading === 'lazy'), heading),
    `${b.engine}: ${name} in a phone-width frame`, 20_000);
    await new Promise((r) => setTimeout(r, 300)); // a frame or two to paint
    await b.screenshotOf('iframe', `${dir}/${b.engine}-${name}-375.png`);
    await b.viewport(1280, 900);
  }
}

/** Replaces a served document as a publish would (its .br and .gz copies
 * too), runs `then`, and puts the old bytes back. */
async function publishing(file, edit, then) {
  const full = path.resolve('target/nginx/live-site', file);
  const copies = ['', '.br', '.gz'].filter((ext) => fs.existsSync(full + ext));
  const before = copies.map((ext) => [ext, fs.readFileSync(full + ext)]);
  try {
    const now = JSON.stringify(edit(JSON.parse(fs.readFileSync(full, 'utf8'))));
    for (const ext of copies.filter(Boolean)) fs.rmSync(full + ext);
    fs.writeFileSync(`${full}.tmp`, now);
    fs.renameSync(`${full}.tmp`, full);
    await then();
  } finally {
    for (const [ext, bytes] of before) fs.writeFileSync(full + ext, bytes);
  }
}

/** Open pages learn of news: a story published while the front page is open, an article updated while it is read. */
export async function live(b) {
  await openLive(b, `${LIVE_SITE}/`);
  const first = await text(b, '.teaser-headline');
  const headline = 'Nova vest o KFOR-u, objavljena dok je stranica otvorena';
  await publishing('api/v1/index.json', (listing) => {
    const newest = listing.articles[0];
    listing.articles.unshift({ ...newest, slug: 'live-journey-story', headline, published: '2032-01-01T09:00:00Z' });
    listing.articles.pop();
    return listing;
  }, async () => {
    await waitFor(b, () => document.querySelector('.live-notice button')?.textContent.trim(), null, 'the new story\'s notice', 15_000);
    assert.equal(await text(b, '.live-notice button'), '1 nova vest');
    assert.equal(await text(b, '.teaser-headline'), first, `${b.engine}: announced, not inserted`);
    assert.equal(await b.eval(() => document.querySelector('.live-notice').getAttribute('role')), 'status');
    await b.click('.live-notice button');
    await waitFor(b, (h) => document.querySelector('.teaser-headline')?.textContent.trim() === h, headline, 'the new story on top');
    await waitFor(b, () => document.activeElement?.closest('.teaser') !== null, null, 'focus on the new story');
  });
  const article = '/articles/kfor-clears-last-barricades';
  await openLive(b, `${LIVE_SITE}${article}`);
  await publishing(`api/v1${article}.json`, (doc) => ({ ...doc, headline: 'KFOR je uklonio poslednje barikade (ispravljeno)', updated: '2032-02-03T10:05:00Z' }), async () => {
    await waitFor(b, () => /^Ažurirano u \d\d:\d\d — prikaži najnoviju verziju$/.test(document.querySelector('.live-notice button')?.textContent.trim() ?? ''), null, 'the update\'s notice', 15_000);
    await b.click('.live-notice button');
    await h1Is(b, 'KFOR je uklonio poslednje barikade (ispravljeno)');
  });
  await noErrors(b);
}

export const JOURNEYS = { reader, search, chart, embed, hostile, faults, axe, live };
