// Usage: node status-page.mjs URL USER PASSWORD SERVICE SERVER SCREENSHOT
// Opens the status page in headless Chromium, checks that it shows the service and the server,
// clicks the server's "drain" button and waits until the page shows it drained. Exit 0 on
// success; prints what it saw and exits 1 otherwise.
import { chromium } from 'playwright-core';

const [url, user, password, service, server, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const context = await browser.newContext({ httpCredentials: { username: user, password } });
  const page = await context.newPage();
  await page.goto(url);
  const row = page.locator(`tr[id="${service}/${server}"]`);
  await row.waitFor({ timeout: 10000 });
  const heading = await page.locator('h2').first().textContent();
  if (!heading.includes(service)) throw new Error(`no ${service} heading: ${heading}`);
  const before = await row.locator('td').nth(3).textContent();
  if (before !== 'online') throw new Error(`${server} should start online, was ${before}`);
  await row.locator('button', { hasText: 'drain' }).click();
  await page.waitForFunction(([s, m]) => {
    const r = document.getElementById(`${s}/${m}`);
    return r && r.cells[3].textContent === 'drain';
  }, [service, server], { timeout: 10000 });
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`status page: ${service}/${server} shown online, drained by a click`);
} catch (e) {
  failed = true;
  console.log(`status page check failed: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
