#!/usr/bin/env node
// The employer journey in headless Chromium, through the real forms (no fetch shortcuts):
//   sign up → verification mail (.eml in $BLEIBE_DATA_DIR/outbox) → follow its link (signs in,
//   lands on /account) → found an organisation (kind employer, place Cottbus) → create and
//   publish a job with a unique title containing "<script>" → /jobs?q=<title> lists it within
//   1 s (polled every 100 ms; the measured time is printed) → the job page shows the title as
//   text and has no injected <script> (only a JSON-LD block that parses).
// axe-core (WCAG 2.0/2.1 A + AA) runs on /signup, /login, /account, the workspace page and the
// job form; every violation fails the run.
//
// Usage: BLEIBE_DATA_DIR=… node tests/browser/employer.mjs BASE_URL
// The server should run with --public-url BASE_URL; if it does not, the link's origin is
// replaced with BASE_URL anyway.
// Exit code: 0 = all passed, 1 = a check failed, 2 = setup error.
//
// Environment: BLEIBE_DATA_DIR (required: the server's --data-dir), CHROMIUM_PATH
// (default /usr/bin/chromium).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import axe from 'axe-core';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SEARCH_DEADLINE_MS = 1000;
const SEARCH_POLL_MS = 100;
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
  console.error(`employer: ${msg}`);
  process.exit(2);
}
function fail(msg) {
  throw new CheckFailed(msg);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const base = (process.argv[2] || process.env.BLEIBE_URL || '').replace(/\/+$/, '');
if (!/^https?:\/\/[^/]+$/.test(base)) fatal('usage: node employer.mjs BASE_URL (e.g. http://127.0.0.1:18089)');
const origin = new URL(base).origin;
const dataDir = process.env.BLEIBE_DATA_DIR;
if (!dataDir) fatal('set BLEIBE_DATA_DIR to the server\'s --data-dir (the outbox is read from there)');
const outbox = join(dataDir, 'outbox');

const uniq = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const email = `employer-${uniq}@example.org`;
const password = `correct horse ${uniq}`;
const orgName = `Testbetrieb ${uniq}`;
const title = `Elektroniker <script>x</script> 4711 ${uniq}`;

let axeFailures = 0;

/** axe-core on the page as it is now; prints PASS/FAIL, counts failures. */
async function axeCheck(page, label) {
  await page.evaluate(axe.source); // page.evaluate is not subject to the page's CSP
  const results = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    TAGS,
  );
  const v = results.violations;
  if (v.length === 0) {
    console.log(`PASS axe ${label} (0 violations)`);
    return;
  }
  axeFailures += 1;
  console.log(`FAIL axe ${label} (${v.length} violation${v.length === 1 ? '' : 's'})`);
  for (const x of v) {
    console.log(`  - ${x.id} [${x.impact ?? 'n/a'}] ${x.help} (${x.nodes.length} element${x.nodes.length === 1 ? '' : 's'})`);
    for (const n of x.nodes.slice(0, 3)) console.log(`      ${n.target.join(' ')}`);
  }
}

/** Goes to a path, insists on HTTP 200, runs axe. */
async function visit(page, path, { a11y = true } = {}) {
  const res = await page.goto(base + path, { waitUntil: 'load' });
  const status = res ? res.status() : 0;
  if (status !== 200) fail(`GET ${path} answered HTTP ${status} (expected 200)`);
  if (a11y) await axeCheck(page, path);
  return res;
}

/** Clicks a submit button and waits for the resulting page; insists on a non-error status. */
async function submit(page, selector, what) {
  const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
  const status = res ? res.status() : 0;
  const path = new URL(page.url()).pathname;
  if (status >= 400) {
    const errs = await formErrors(page);
    fail(`${what}: HTTP ${status} at ${path}${errs ? `; the page says: ${errs}` : ''}`);
  }
  return { status, path };
}

/** The error texts a form page shows (summary and per-field), for messages. */
async function formErrors(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.error-summary li, .field-error, .form-error, [role=alert]')]
      .map((e) => e.textContent.trim().replace(/\s+/g, ' '))
      .filter(Boolean)
      .slice(0, 8)
      .join(' | '),
  );
}

/** The verification link from the newest .eml in the outbox (waits up to 5 s for it). */
async function verificationLink(notBefore) {
  const deadline = Date.now() + 5000;
  for (;;) {
    let files = [];
    try {
      files = readdirSync(outbox)
        .filter((f) => f.endsWith('.eml'))
        .map((f) => ({ f, t: statSync(join(outbox, f)).mtimeMs }))
        .filter((x) => x.t >= notBefore - 1000)
        .sort((a, b) => b.t - a.t);
    } catch {
      // no outbox yet
    }
    for (const { f } of files) {
      const raw = readFileSync(join(outbox, f), 'utf8');
      if (!raw.includes(email) && !raw.toLowerCase().includes(email.toLowerCase())) continue;
      // Quoted-printable: soft line breaks, then =XX escapes (=3D is "=").
      const text = raw
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
      const m = text.match(/https?:\/\/[^\s"'<>]+\/verify\/[A-Za-z0-9._~%-]+/);
      if (!m) fail(`${join(outbox, f)} has no /verify/<token> link`);
      const u = new URL(m[0]);
      return { link: origin + u.pathname + u.search, file: join(outbox, f), original: m[0] };
    }
    if (Date.now() > deadline) fail(`no .eml for ${email} in ${outbox} within 5 s after signing up`);
    await sleep(100);
  }
}

/**
 * What is wrong with the page's <script> elements, or null: the pages have no scripts, only a
 * JSON-LD data block (which must parse, so the title cannot have broken out of it), and none
 * may be the title's injected <script>x</script>.
 */
async function injectedScript(page) {
  return page.evaluate(() => {
    for (const s of document.querySelectorAll('script')) {
      if (s.textContent.trim() === 'x') return 'a <script> element with the text "x" (from the job title)';
      if (s.type !== 'application/ld+json') return `a <script type="${s.type}"> element: ${s.outerHTML.slice(0, 80)}`;
      try {
        JSON.parse(s.textContent);
      } catch (e) {
        return `a JSON-LD block that does not parse (${e.message}): ${s.textContent.slice(0, 80)}`;
      }
    }
    return null;
  });
}
async function noInjectedScript(page, where) {
  const bad = await injectedScript(page);
  if (bad) fail(`${where} has ${bad}`);
}

async function journey(browser) {
  const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 } });
  // Nothing may leave the server under test.
  await context.route('**/*', (route) =>
    new URL(route.request().url()).origin === origin ? route.continue() : route.abort(),
  );
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  try {
    // --- Signed out: /login and /signup ---------------------------------------------------
    await visit(page, '/login');
    await visit(page, '/signup');

    // --- Sign up --------------------------------------------------------------------------
    await page.type('#email', email);
    await page.type('#display_name', `Erika ${uniq}`);
    await page.type('#password', password);
    await page.selectOption('#language', 'de');
    const signedUpAt = Date.now();
    const signup = await submit(page, 'form[action="/signup"] button[type=submit]', 'sign-up');
    console.log(`ok   signed up as ${email} (now at ${signup.path}, HTTP ${signup.status})`);

    // --- Verification mail → link → /account ----------------------------------------------
    const mail = await verificationLink(signedUpAt);
    console.log(`ok   verification mail ${mail.file}: ${mail.original}`);
    const vres = await page.goto(mail.link, { waitUntil: 'load' });
    const vpath = new URL(page.url()).pathname;
    if (!vres || vres.status() !== 200 || vpath !== '/account') {
      fail(`following the verification link ended at ${vpath} with HTTP ${vres ? vres.status() : 0} (expected 200 at /account)`);
    }
    console.log('ok   verification link signed in and led to /account');
    await axeCheck(page, '/account');

    // --- Found an organisation --------------------------------------------------------------
    await visit(page, '/orgs/new', { a11y: false });
    await page.type('#name', orgName);
    await page.selectOption('#kind', 'employer');
    await page.type('#place', 'Cottbus');
    await page.type('#description', 'Ein Testbetrieb für den Browser-Test.');
    await page.type('#website', 'https://example.org/');
    const org = await submit(page, 'form.ws-org-form button[type=submit]', 'founding the organisation');
    const orgMatch = org.path.match(/^\/orgs\/(\d+)\/?$/);
    if (!orgMatch) {
      const errs = await formErrors(page);
      fail(`after founding the organisation the browser is at ${org.path}, not /orgs/<id>${errs ? `; the page says: ${errs}` : ''}`);
    }
    const orgId = orgMatch[1];
    console.log(`ok   organisation ${orgId} founded (employer, Cottbus)`);
    await axeCheck(page, `/orgs/${orgId} (workspace)`);

    // --- Create and publish a job ----------------------------------------------------------
    await visit(page, `/orgs/${orgId}/jobs/new`);
    await page.type('#title', title);
    const kinds = await page.$$eval('#kind option', (os) => os.map((o) => o.value));
    if (kinds.includes('job')) await page.selectOption('#kind', 'job');
    // An occupation code from the form's own suggestion list (prefer an electrician's).
    const codes = await page.$$eval('#occupations option', (os) => os.map((o) => [o.value, o.textContent]));
    if (codes.length === 0) fail('the job form\'s occupation list (#occupations) is empty');
    const code = (codes.find(([, n]) => /elektr/i.test(n)) || codes[0])[0];
    await page.type('#occupation', code);
    await page.type('#description', 'Wir suchen Verstärkung. <b>fett</b> und <script>x</script> bleiben Text.');
    await page.type('#place', 'Cottbus');
    await page.type('#apply_email', `jobs-${uniq}@example.org`); // a page or an address is required
    const publishedAt = Date.now();
    const pub = await submit(page, 'form.ws-job-form button[name=action][value=publish]', 'publishing the job');
    const submitMs = Date.now() - publishedAt;
    if (pub.path !== `/orgs/${orgId}`) {
      const errs = await formErrors(page);
      fail(`after publishing the browser is at ${pub.path}, not /orgs/${orgId}${errs ? `; the page says: ${errs}` : ''}`);
    }
    console.log(`ok   job published (occupation ${code}; submit + redirect took ${submitMs} ms)`);
    await noInjectedScript(page, `the workspace /orgs/${orgId}`);

    // --- Search lists it within 1 s ----------------------------------------------------------
    const searchPath = `/jobs?q=${encodeURIComponent(title)}`;
    const t0 = Date.now();
    let found = null;
    let polls = 0;
    for (;;) {
      polls += 1;
      const res = await page.goto(base + searchPath, { waitUntil: 'load' });
      if (!res || res.status() !== 200) fail(`GET ${searchPath} answered HTTP ${res ? res.status() : 0}`);
      found = await page.evaluate(
        (t) => [...document.querySelectorAll('a[href*="/jobs/"]')].find((a) => a.textContent.includes(t))?.getAttribute('href') ?? null,
        title,
      );
      if (found || Date.now() - t0 >= SEARCH_DEADLINE_MS) break;
      await sleep(SEARCH_POLL_MS);
    }
    const searchMs = Date.now() - t0;
    if (!found) fail(`${searchPath} did not list "${title}" within ${SEARCH_DEADLINE_MS} ms (${polls} polls)`);
    console.log(`ok   time-to-search: ${searchMs} ms after the publish redirect (${searchMs + submitMs} ms after the click; ${polls} poll${polls === 1 ? '' : 's'})`);
    await noInjectedScript(page, searchPath);

    // --- The job page shows the title as text ---------------------------------------------
    await visit(page, new URL(found, base).pathname, { a11y: false });
    const shown = await page.evaluate((t) => {
      const h1 = document.querySelector('h1');
      return { h1: h1 ? h1.textContent.trim() : null, visible: document.body.innerText.includes(t) };
    }, title);
    if (!shown.visible) fail(`the job page ${found} does not show the title "${title}" as text (h1: ${JSON.stringify(shown.h1)})`);
    await noInjectedScript(page, `the job page ${found}`);
    console.log(`ok   job page ${found} shows the title as text (h1: ${JSON.stringify(shown.h1)}), no injected <script>`);
  } finally {
    await context.close();
  }
}

async function main() {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const browser = await chromium
    .launch({ executablePath, headless: true, chromiumSandbox: false, args: CHROMIUM_ARGS, timeout: 60_000 })
    .catch((e) => fatal(`cannot start Chromium at ${executablePath}: ${e.message}`));
  console.log(`employer journey: axe-core ${axe.version}, ${browser.version()}, ${base}`);
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
  if (axeFailures > 0) ok = false;
  console.log(ok ? 'employer journey passed' : `employer journey FAILED${axeFailures ? ` (${axeFailures} page(s) with axe violations)` : ''}`);
  process.exitCode = ok ? 0 : 1;
}

main().catch((e) => fatal(e.stack || String(e)));
