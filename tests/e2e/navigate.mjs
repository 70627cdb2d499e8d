// Client-side navigation as a reader's click would do it, to any address:
// a temporary link outside the app's views, clicked and removed.
export async function clientNavigate(page, href) {
  await page.evaluate((to) => {
    const a = document.createElement('a');
    a.href = to;
    document.body.append(a);
    a.click();
    a.remove();
  }, href);
}
