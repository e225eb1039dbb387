// Usage: node status-page.mjs URL USER PASSWORD SERVICE SERVER SCREENSHOT VIP NO_SERVER
// Opens the status page in headless Chromium, checks that it shows the service and the server,
// the VIP listening, with no keepalived role and NO_SERVER connections refused for want of a
// server, and when the server was last checked; clicks the server's "drain" button and waits
// until the page shows it drained. Opened with the credentials in its address, the page must say
// so instead of waiting for ever. Then a page on
// another site (http://evil.example, served by the test) posts a form that would halt the server,
// in the same browser: it must be refused (403) and the page must still show the server drained.
// (A no-cors fetch from there is not tried: Chromium itself blocks a public page's fetch to a
// loopback address, so it would prove nothing about lbc.) Exit 0 on success; prints what it saw and exits 1 otherwise.
import { chromium } from 'playwright-core';

const [url, user, password, service, server, screenshot, vip, noServer] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;
let shown = null; // the page whose text is printed when a check fails
const pageErrors = [];
try {
  const context = await browser.newContext({ httpCredentials: { username: user, password } });
  const page = await context.newPage();
  shown = page;
  page.on('pageerror', e => pageErrors.push(e.message));
  await page.goto(url);
  const row = page.locator(`tr[id="${service}/${server}"]`);
  await row.waitFor({ timeout: 10000 });
  const heading = await page.locator('h2').first().textContent();
  if (!heading.includes(service)) throw new Error(`no ${service} heading: ${heading}`);
  const vipRow = page.locator(`tr[id="vip/${vip}"]`);
  await vipRow.waitFor({ timeout: 10000 });
  const vipCells = await vipRow.locator('td').allTextContents();
  // VIP, bound at, state, listeners, role, refused, lockdown, no server, over limit
  if (vipCells[2] !== 'listening') throw new Error(`VIP ${vip} is ${vipCells[2]}: ${vipCells}`);
  if (vipCells[4] !== 'no keepalived') throw new Error(`VIP ${vip} role ${vipCells[4]}`);
  if (vipCells[7] !== noServer || Number(vipCells[5]) < Number(noServer)) {
    throw new Error(`VIP ${vip} should show ${noServer} refused for no server: ${vipCells}`);
  }
  if (!vipCells[3].includes(service)) throw new Error(`VIP ${vip} listeners: ${vipCells[3]}`);
  console.log(`status page: VIP ${vip} ${vipCells[2]}, ${vipCells[4]}, refused ${vipCells[5]} (no server ${vipCells[7]})`);
  // the check column: a time of day, with the check's full time on hover
  await page.waitForFunction(([s, m]) => {
    const c = document.getElementById(`${s}/${m}`).cells[8];
    return c.textContent !== 'never' && !isNaN(Date.parse(c.title));
  }, [service, server], { timeout: 10000 });
  console.log(`status page: ${server} last checked at ${await row.locator('td').nth(8).textContent()}`);
  const before = await row.locator('td').nth(3).textContent();
  if (before !== 'online') throw new Error(`${server} should start online, was ${before}`);
  await row.locator('button', { hasText: 'drain' }).click();
  await page.waitForFunction(([s, m]) => {
    const r = document.getElementById(`${s}/${m}`);
    return r && r.cells[3].textContent === 'drain';
  }, [service, server], { timeout: 10000 });
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`status page: ${service}/${server} shown online, drained by a click`);

  // Credentials in the address: browsers refuse fetch() from such a page; it must say so.
  const bare = await browser.newContext();
  const withCredentials = new URL(url);
  withCredentials.username = user;
  withCredentials.password = password;
  const credPage = await bare.newPage();
  shown = credPage;
  credPage.on('pageerror', e => pageErrors.push(e.message));
  await credPage.goto(withCredentials.href);
  await credPage.waitForFunction(
    () => document.getElementById('problem').textContent.includes('without credentials in the address'),
    null, { timeout: 10000 });
  const services = await credPage.locator('#services').textContent();
  if (services.includes('loading')) throw new Error(`with credentials in the address: ${services}`);
  console.log(`status page: with credentials in the address it says: ${await credPage.locator('#problem').textContent()}`);
  await bare.close();
  shown = page;

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
  if (shown) {
    const text = await shown.evaluate(() => document.body.innerText).catch(x => `(${x.message})`);
    console.log(`the page showed: ${text.slice(0, 2000)}`);
  }
  if (pageErrors.length) console.log(`script errors on the page: ${pageErrors.join('; ')}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
