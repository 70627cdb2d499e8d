// Client-side navigation as a reader's click would do it, to any address:
// a temporary link outside the app's views, clicked and removed.
export async function clientNavigate(page, href) {
  await page.locator('html[data-app=live]').waitFor({ state: 'attached' });
  await page.evaluate((to) => {
    const a = document.createElement('a');
    a.href = to;
    document.body.append(a);
    a.click();
    a.remove();
  }, href);
}

// Opens a page and waits until the app has taken it over: the prerendered
// page is readable at once, but the app starts after the page has loaded
// (docs/loading.md), and buttons and client-side links need it.
export async function openLive(page, url) {
  await page.goto(url);
  await page.locator('html[data-app=live]').waitFor({ state: 'attached' });
}
