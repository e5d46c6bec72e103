#!/usr/bin/env node
// The Welcome Center's case pages in headless Chromium, through the real forms, with axe-core
// (WCAG 2.0/2.1 A + AA), <html lang>, exactly one <h1> and reflow at 320 px on every state:
//   1. Set-up with the `bleibe` binary on the server's data dir: a verified welcome center and
//      an admin of it with a password (`org add --verified`, `user add`, `org grant`).
//   2. Signed out: the intake form /beraten, sent once without the consent tick (HTTP 400, an
//      error summary linking to the box) and then with it (the thank-you page).
//   3. Sign in on /login, set up two-factor sign-in on /account/two-factor (the secret read from
//      the page, the code computed here: RFC 6238, SHA-1, 30 s, 6 digits), which makes the
//      session count as signed in with two factors — case work needs that.
//   4. /cases?view=requests lists the request; "Annehmen" accepts it. Then every work view
//      (mine, overdue, week, board, requests, search, shared), the case page, a step's page,
//      the step form with a note that is too long (400), the appointment form with the end
//      before the start (400) and then right, the person's page, the person form, the
//      export and the erasure confirmation, "Mein Fall" (this user has none), the case
//      templates and one template with its editor (and the editor with broken JSON: 400) —
//      in German and in English.
//   5. A request sent while signed in shows on "Mein Fall" (with a consent to withdraw);
//      the first person is erased (the notice; their page is 404 afterwards).
//
// Usage: BLEIBE_DATA_DIR=<the server's --data-dir> node tests/browser/cases.mjs BASE_URL
// Exit code: 0 = all passed, 1 = a check failed, 2 = setup error.
//
// Environment: BLEIBE_DATA_DIR (required), BLEIBE_BIN (default <repo>/target/debug/bleibe),
// CHROMIUM_PATH (default /usr/bin/chromium).

import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import axe from 'axe-core';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const REFLOW_WIDTH = 320;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

class CheckFailed extends Error {}

function fatal(msg) {
  console.error(`cases: ${msg}`);
  process.exit(2);
}
function fail(msg) {
  throw new CheckFailed(msg);
}

const base = (process.argv[2] || process.env.BLEIBE_URL || '').replace(/\/+$/, '');
if (!/^https?:\/\/[^/]+$/.test(base)) fatal('usage: node cases.mjs BASE_URL (e.g. http://127.0.0.1:18089)');
const origin = new URL(base).origin;
const dataDir = process.env.BLEIBE_DATA_DIR;
if (!dataDir) fatal('BLEIBE_DATA_DIR must name the server\'s data dir');
const here = dirname(fileURLToPath(import.meta.url));
const bin = process.env.BLEIBE_BIN || join(here, '..', '..', 'target', 'debug', 'bleibe');

const uniq = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const centerName = `Welcome Center Browser ${uniq}`;
const email = `fallarbeit-${uniq}@example.org`;
const password = `correct horse ${uniq}`;
const asker = `Lena Schulz ${uniq}`;

let failures = 0;

/** Runs the `bleibe` binary on the server's data dir; returns its first stdout line. */
function bleibe(args, input) {
  try {
    const out = execFileSync(bin, args, {
      env: { ...process.env, BLEIBE_DATA_DIR: dataDir },
      input: input ?? '',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return out.toString().trim().split('\n')[0];
  } catch (e) {
    fatal(`${bin} ${args.join(' ')} failed: ${e.stderr?.toString() || e.message}`);
  }
}

/** RFC 4648 base32 (the secret as the page shows it, spaces allowed). */
function base32(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of s.replace(/[\s=]/g, '').toUpperCase()) {
    const v = alphabet.indexOf(c);
    if (v < 0) fail(`the two-factor secret has a character that is not base32: ${c}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The TOTP code of `secret` now (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits). */
function totp(secret) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30)));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return n.toString().padStart(6, '0');
}

/** The error texts a form page shows, for messages. */
async function formErrors(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.error-summary li, .field-error, [role=alert]')]
      .map((e) => e.textContent.trim().replace(/\s+/g, ' '))
      .filter(Boolean)
      .slice(0, 8)
      .join(' | '),
  );
}

/** axe, <html lang>, one <h1> and reflow on the page as it is now; prints PASS/FAIL. */
async function check(page, label, lang) {
  const problems = [];
  await page.evaluate(axe.source); // page.evaluate is not subject to the page's CSP
  const results = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    TAGS,
  );
  for (const v of results.violations) {
    problems.push(`${v.id} [${v.impact ?? 'n/a'}] ${v.help} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }
  const { htmlLang, h1s } = await page.evaluate(() => ({
    htmlLang: document.documentElement.getAttribute('lang'),
    h1s: document.querySelectorAll('h1').length,
  }));
  if (htmlLang !== lang) problems.push(`<html lang="${htmlLang}">, expected "${lang}"`);
  if (h1s !== 1) problems.push(`${h1s} <h1> elements, expected exactly one`);
  const size = page.viewportSize();
  await page.setViewportSize({ width: REFLOW_WIDTH, height: 640 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  await page.setViewportSize(size);
  if (width > REFLOW_WIDTH + 1) problems.push(`WCAG 1.4.10 Reflow: ${width}px wide at ${REFLOW_WIDTH}px`);
  if (problems.length === 0) {
    console.log(`PASS [${lang}] ${label}`);
    return;
  }
  failures += 1;
  console.log(`FAIL [${lang}] ${label} (${problems.length})`);
  for (const p of problems) console.log(`  - ${p}`);
}

/** Appends lang=en to a path that may already have a query. */
function withLang(path, lang) {
  if (lang === 'de') return path;
  return `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
}

/** Goes to a path, insists on `status`, checks the page. */
async function visit(page, path, { status = 200, lang = 'de' } = {}) {
  const res = await page.goto(base + withLang(path, lang), { waitUntil: 'load' });
  const got = res ? res.status() : 0;
  if (got !== status) fail(`GET ${path} answered HTTP ${got} (expected ${status}); ${await formErrors(page)}`);
  await check(page, path, lang);
}

/** Clicks and waits for the page it leads to; returns its status and path. */
async function submit(page, locator) {
  const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
  return { status: res ? res.status() : 0, path: new URL(page.url()).pathname + new URL(page.url()).search };
}

async function journey(browser) {
  // --- 1. Set-up ---------------------------------------------------------------------------
  const org = bleibe(['org', 'add', '--name', centerName, '--kind', 'welcome_center', '--verified']);
  if (!/^\d+$/.test(org)) fatal(`org add printed ${org}, not an id`);
  bleibe(['user', 'add', '--email', email, '--name', 'Fallarbeit Test'], `${password}\n`);
  bleibe(['org', 'grant', '--org', org, '--email', email, '--role', 'admin']);
  console.log(`ok   welcome center ${org} and its admin ${email}`);

  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
  await context.route('**/*', (route) =>
    new URL(route.request().url()).origin === origin ? route.continue() : route.abort(),
  );
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  try {
    // --- 2. The intake form, signed out ------------------------------------------------------
    await visit(page, '/beraten');
    await visit(page, '/beraten', { lang: 'en' });
    await page.goto(`${base}/beraten`, { waitUntil: 'load' });
    await page.selectOption('#org', org);
    await page.check('#situation-rueckkehr');
    await page.fill('#name', asker);
    await page.fill('#email', `lena-${uniq}@example.org`);
    await page.fill('#languages', 'de, pl');
    await page.fill('#message', 'Wir ziehen im Sommer zurück nach Cottbus.');
    let r = await submit(page, page.locator('form[action="/beraten"] button[type=submit]'));
    if (r.status !== 400) fail(`the intake form without consent answered HTTP ${r.status}, expected 400`);
    if ((await page.locator('.error-summary a[href="#consent-yes"]').count()) !== 1) {
      fail(`no error summary linking to #consent-yes: ${await formErrors(page)}`);
    }
    await check(page, '/beraten (400, no consent)', 'de');
    await page.check('#consent-yes');
    r = await submit(page, page.locator('form[action="/beraten"] button[type=submit]'));
    if (r.status !== 200) fail(`the intake form answered HTTP ${r.status}: ${await formErrors(page)}`);
    await check(page, '/beraten (thank you)', 'de');
    console.log('ok   request sent through /beraten');

    // --- 3. Sign in, set up the second factor ----------------------------------------------
    await page.goto(`${base}/login`, { waitUntil: 'load' });
    await page.fill('#email', email);
    await page.fill('#password', password);
    r = await submit(page, page.locator('form[action="/login"] button[type=submit]'));
    if (r.status >= 400) fail(`signing in answered HTTP ${r.status}`);
    await page.goto(`${base}/account/two-factor`, { waitUntil: 'load' });
    r = await submit(page, page.locator('form[action="/account/two-factor/setup"] button'));
    if (r.status >= 400) fail(`setting up two-factor sign-in answered HTTP ${r.status}`);
    const secret = await page.locator('#totp-secret').textContent();
    await page.fill('#code', totp(secret));
    r = await submit(page, page.locator('form[action="/account/two-factor/confirm"] button'));
    if (r.status >= 400) fail(`confirming two-factor sign-in answered HTTP ${r.status}: ${await formErrors(page)}`);
    console.log('ok   signed in with two factors');

    // --- 4. The work views and a case ----------------------------------------------------
    await visit(page, '/cases?view=requests');
    const row = page.locator('tr', { hasText: asker });
    if ((await row.count()) !== 1) fail(`/cases?view=requests does not list "${asker}"`);
    const caseHref = await row.locator('a[href^="/cases/"]').first().getAttribute('href');
    r = await submit(page, row.getByRole('button', { name: /^Annehmen/ }));
    if (r.status !== 200 || r.path !== '/cases?view=requests') fail(`accepting led to ${r.path} (HTTP ${r.status})`);
    console.log(`ok   request accepted: ${caseHref}`);
    const caseId = caseHref.split('/')[2];

    for (const lang of ['de', 'en']) {
      for (const view of ['mine', 'overdue', 'week', 'board', 'requests', 'shared']) {
        await visit(page, `/cases?view=${view}`, { lang });
      }
      await visit(page, `/cases?view=search&q=${encodeURIComponent('Lena Schulz')}`, { lang });
      await visit(page, caseHref, { lang });
    }
    await page.goto(base + caseHref, { waitUntil: 'load' });
    if (!(await page.locator('body').textContent()).includes(asker)) fail(`${caseHref} does not name the person`);
    const stepHref = await page.locator('a[href*="/steps/"]').first().getAttribute('href');
    const personHref = await page.locator('a[href^="/persons/"]').first().getAttribute('href');
    for (const lang of ['de', 'en']) {
      await visit(page, stepHref, { lang });
      await visit(page, personHref, { lang });
      await visit(page, `${personHref}/edit`, { lang });
      await visit(page, `${personHref}/export`, { lang });
      await visit(page, `${personHref}/erase`, { lang });
      await visit(page, `/persons/new?org=${org}`, { lang });
      await visit(page, '/me/case', { lang });
      await visit(page, '/cases/templates', { lang });
      await visit(page, `/cases/templates/fachkraft-drittstaat?org=${org}`, { lang });
    }

    // The template editor (this user is the welcome center's admin) with broken JSON.
    await page.goto(base + `/cases/templates/rueckkehr?org=${org}`, { waitUntil: 'load' });
    await page.fill('#template', '{ kein json');
    r = await submit(page, page.locator('form[action^="/cases/templates/"] button[type=submit]'));
    if (r.status !== 400) fail(`the template editor with broken JSON answered HTTP ${r.status}, expected 400`);
    if ((await page.locator('.error-summary a[href="#template"]').count()) !== 1) {
      fail(`no error summary linking to #template: ${await formErrors(page)}`);
    }
    await check(page, '/cases/templates/rueckkehr (400, broken JSON)', 'de');

    // A step saved with a note longer than allowed: the form again with its summary.
    await page.goto(base + stepHref, { waitUntil: 'load' });
    await page.fill('#note', 'x'.repeat(10_001));
    r = await submit(page, page.locator(`form[action="${stepHref}"] button[type=submit]`));
    if (r.status !== 400) fail(`the step form with a too long note answered HTTP ${r.status}, expected 400`);
    if ((await page.locator('.error-summary a[href="#note"]').count()) !== 1) {
      fail(`no error summary linking to #note: ${await formErrors(page)}`);
    }
    await check(page, `${stepHref} (400, note too long)`, 'de');
    // The appointment form with the end before the start: the case page again, 400.
    await page.goto(base + caseHref, { waitUntil: 'load' });
    await page.fill('#title', 'Beratung');
    await page.fill('#date', new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
    await page.fill('#start', '10:00');
    await page.fill('#end', '09:00');
    r = await submit(page, page.locator(`form[action="/cases/${caseId}/appointments"] button[type=submit]`));
    if (r.status !== 400) fail(`the appointment form with the end first answered HTTP ${r.status}, expected 400`);
    await check(page, `/cases/${caseId} (400, appointment)`, 'de');
    await page.fill('#end', '11:00');
    r = await submit(page, page.locator(`form[action="/cases/${caseId}/appointments"] button[type=submit]`));
    if (r.status !== 200) fail(`setting the appointment answered HTTP ${r.status}: ${await formErrors(page)}`);
    await check(page, `/cases/${caseId} (with an appointment)`, 'de');
    console.log('ok   forms answer with their problems and save');

    // --- 5. Mein Fall with a case, and erasure ---------------------------------------------
    // Asking while signed in links the request to this account.
    await page.goto(`${base}/beraten`, { waitUntil: 'load' });
    await page.selectOption('#org', org);
    await page.check('#situation-eu-grenzpendler');
    await page.fill('#name', `Fallarbeit ${uniq}`);
    await page.fill('#email', email);
    await page.check('#consent-yes');
    r = await submit(page, page.locator('form[action="/beraten"] button[type=submit]'));
    if (r.status !== 200) fail(`the signed-in request answered HTTP ${r.status}: ${await formErrors(page)}`);
    for (const lang of ['de', 'en']) await visit(page, '/me/case', { lang });
    if ((await page.locator('form[action^="/me/case/consents/"]').count()) < 1) {
      fail('/me/case offers no consent to withdraw');
    }
    await page.goto(base + `${personHref}/erase`, { waitUntil: 'load' });
    await page.check('#confirm-yes');
    r = await submit(page, page.locator(`form[action="${personHref}/erase"] button[type=submit]`));
    if (r.status !== 200) fail(`erasing answered HTTP ${r.status}: ${await formErrors(page)}`);
    await check(page, `${personHref}/erase (erased)`, 'de');
    const gone = await page.goto(base + personHref, { waitUntil: 'load' });
    if (!gone || gone.status() !== 404) fail(`${personHref} after erasure answered HTTP ${gone ? gone.status() : 0}, expected 404`);
    console.log('ok   "Mein Fall" shows the signed-in request; erasure removes the person');
  } finally {
    await context.close();
  }
}

async function main() {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const browser = await chromium
    .launch({ executablePath, headless: true, chromiumSandbox: false, args: CHROMIUM_ARGS, timeout: 60_000 })
    .catch((e) => fatal(`cannot start Chromium at ${executablePath}: ${e.message}`));
  console.log(`case pages: axe-core ${axe.version}, ${browser.version()}, ${base}`);
  let ok = true;
  try {
    await journey(browser);
  } catch (e) {
    ok = false;
    if (e instanceof CheckFailed) console.log(`FAIL ${e.message}`);
    else console.log(`FAIL unexpected error: ${e.stack || e}`);
  } finally {
    await browser.close();
  }
  if (failures > 0) ok = false;
  console.log(ok ? 'case pages passed' : `case pages FAILED${failures ? ` (${failures} page(s) with problems)` : ''}`);
  process.exitCode = ok ? 0 : 1;
}

main().catch((e) => fatal(e.stack || String(e)));
