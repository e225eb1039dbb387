// Usage: node vdir-page.mjs URL USER PASSWORD SERVICE SERVER VDIR SCREENSHOT
// Opens the status page in headless Chromium. On the simulated SERVER it clicks "VDIR inactive"
// (as Set-ServerComponentState SERVER -Component OwaProxy -State Inactive would) and waits until
// the page shows, for SERVER in SERVICE, "VDIR DOWN (503), others UP" and the VDIR row DOWN. Then
// it drains SERVER everywhere (every service row shows drain, every vdir row DRAIN), answers
// "no" to the halt question (nothing changes), then "yes" (every row halt). Exit 0 on success;
// prints what it saw and exits 1 otherwise.
import { chromium } from 'playwright-core';

const [url, user, password, service, server, vdir, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failed = false;

// The admin state of SERVER in every service row, and its state in every vdir row.
function states(page) {
  return page.evaluate((server) => {
    const out = { admin: [], vdirs: [] };
    for (const row of document.querySelectorAll('tr[id]')) {
      const parts = row.id.split('/');
      if (parts.length === 2 && parts[1] === server) out.admin.push(row.cells[3].textContent);
      if (parts.length === 3 && parts[2] === server) out.vdirs.push(row.cells[3].textContent);
    }
    return out;
  }, server);
}

async function until(page, what, test) {
  const deadline = Date.now() + 15000;
  let last;
  while (Date.now() < deadline) {
    last = await states(page);
    if (test(last)) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`${what}: the page shows ${JSON.stringify(last)}`);
}

try {
  const context = await browser.newContext({ httpCredentials: { username: user, password } });
  const page = await context.newPage();
  await page.goto(url);
  const row = page.locator(`tr[id="${service}/${server}"]`);
  await row.waitFor({ timeout: 10000 });

  const sim = page.locator('#simulated p', { hasText: `${server}:` });
  await sim.locator('button', { hasText: new RegExp(`^${vdir} inactive$`) }).click();
  const expected = `${server}: ${vdir} DOWN (503), others UP`;
  await page.waitForFunction(([id, text]) => {
    const r = document.getElementById(id);
    return r && r.querySelector('td.vdirs') && r.querySelector('td.vdirs').textContent === text;
  }, [`${service}/${server}`, expected], { timeout: 15000 });
  const vdirState = await page.locator(`tr[id="${service}/${vdir}/${server}"] td`).nth(3).textContent();
  if (vdirState !== 'DOWN') throw new Error(`${vdir} row of ${server} shows ${vdirState}`);
  console.log(`status page: "${expected}"`);

  await page.locator(`p[id="server/${server}"] button`, { hasText: 'drain everywhere' }).click();
  const drained = await until(page, 'drain everywhere',
    // the vdir made inactive stays DOWN (a failing check outranks a drain, as in HAProxy)
    s => s.admin.length > 1 && s.admin.every(a => a === 'drain')
      && s.vdirs.filter(v => v === 'DOWN').length === 1
      && s.vdirs.filter(v => v === 'DRAIN').length === s.vdirs.length - 1);
  console.log(`status page: ${server} drained everywhere: ${JSON.stringify(drained)}`);
  await page.screenshot({ path: screenshot, fullPage: true });

  let asked = '';
  page.once('dialog', d => { asked = d.message(); d.dismiss(); });
  await page.locator(`p[id="server/${server}"] button`, { hasText: 'halt everywhere' }).click();
  await page.waitForTimeout(500);
  if (!asked.startsWith('Halt')) throw new Error(`halt asked no question (${asked})`);
  const still = await states(page);
  if (!still.admin.every(a => a === 'drain')) throw new Error(`halt answered no, yet ${JSON.stringify(still)}`);
  page.once('dialog', d => d.accept());
  await page.locator(`p[id="server/${server}"] button`, { hasText: 'halt everywhere' }).click();
  const halted = await until(page, 'halt everywhere',
    s => s.admin.every(a => a === 'halt') && s.vdirs.every(v => v === 'MAINT'));
  console.log(`status page: halt asked "${asked}"; after yes: ${JSON.stringify(halted)}`);
} catch (e) {
  failed = true;
  console.log(`status page check failed: ${e.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
