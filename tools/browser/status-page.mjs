// Usage: node status-page.mjs URL USER PASSWORD SERVICE SERVER SCREENSHOT
// Opens the status page in headless Chromium, checks that it shows the service and the server,
// clicks the server's "drain" button and waits until the page shows it drained. Then a page on
// another site (http://evil.example, served by the test) posts a form that would halt the server,
// in the same browser: it must be refused (403) and the page must still show the server drained.
// (A no-cors fetch from there is not tried: Chromium itself blocks a public page's fetch to a
// loopback address, so it would prove nothing about lbc.) Exit 0 on success; prints what it saw and exits 1 otherwise.
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

  const halt = new URL(
    `/api/services/${encodeURIComponent(service)}/servers/${encodeURIComponent(server)}/halt`,
    url).href;
  const evil = await context.newPage();
  await evil.route('http://evil.example/**', route => route.fulfill({
    contentType: 'text/html',
    body: `<form method="post" action="${halt}"><input name="x" value="1"></form>`
      + '<script>document.forms[0].submit()</script>',
  }));
  const [formAnswer] = await Promise.all([
    evil.waitForResponse(r => r.url() === halt, { timeout: 10000 }),
    evil.goto('http://evil.example/form'),
  ]);
  if (formAnswer.status() !== 403) {
    throw new Error(`a cross-site form POST was answered ${formAnswer.status()}, not 403`);
  }
  await page.reload();
  await row.waitFor({ timeout: 10000 });
  const after = await row.locator('td').nth(3).textContent();
  if (after !== 'drain') throw new Error(`after the cross-site form ${server} is ${after}`);
  console.log(`status page: a cross-site form was refused (403); ${server} still drained`);
} catch (e) {
  failed = true;
  console.log(`status page check failed: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
