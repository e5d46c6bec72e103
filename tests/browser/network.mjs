#!/usr/bin/env node
// The network-workspace journey in headless Chromium with JavaScript switched off (the pages
// must work without it), through the real links and forms, against a fresh demo installation:
//   1. / → the main navigation's "Netzwerke" → the first network on /networks → its
//      "Veranstaltungskalender" → an upcoming event with free places and no slots (chosen with
//      GET /api/v1/events?network=<id>: capacity set, slot_minutes null, registered < capacity,
//      registration open), opened by clicking its link on the calendar.
//   2. Register (name, e-mail, organisation, filled by their labels): the confirmation says
//      "angemeldet" and shows the cancellation link; GET /api/v1/events/<id> counts one more.
//   3. Register again with an address the browser accepts but the server does not
//      ("…@beispiel", no dot): HTTP 400, an error summary (role=alert) linking to #email, the
//      e-mail field has aria-invalid="true" and is described by its error; nothing registered.
//   4. Follow the cancellation link, press "Anmeldung absagen": the page says "abgesagt", the
//      button is gone, and the API's count is back where it was.
//   5. The first consultation day with slots and a free slot (the network's own, else any
//      network's, from /api/v1/networks and /api/v1/events?network=<id>), opened from its
//      network's calendar: pick the first free slot's radio by its label, register; the
//      confirmation names that slot's time, and GET /api/v1/events/<id>/slots says it is taken.
// axe-core (WCAG 2.0/2.1 A + AA) runs in a separate, JavaScript-enabled context (axe needs JS)
// on the event page, the form with its errors, the confirmation, the registration page before
// and after cancelling, the slot event and its confirmation; answers to a POST are replayed
// there at their own URL exactly as the server sent them. Every violation fails the run.
// Prints the time each step took (and the API and axe time within it).
//
// Usage: node tests/browser/network.mjs BASE_URL
// Exit code: 0 = all passed, 1 = a check failed, 2 = setup error.
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium).

import { chromium } from 'playwright-core';
import axe from 'axe-core';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
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
  console.error(`network: ${msg}`);
  process.exit(2);
}
function fail(msg) {
  throw new CheckFailed(msg);
}

const base = (process.argv[2] || process.env.BLEIBE_URL || '').replace(/\/+$/, '');
if (!/^https?:\/\/[^/]+$/.test(base)) fatal('usage: node network.mjs BASE_URL (e.g. http://127.0.0.1:18089)');
const origin = new URL(base).origin;

const uniq = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const person = { name: `Erika Muster ${uniq}`, email: `erika-${uniq}@example.org`, organisation: `Testverein ${uniq}` };
// type=email lets this through (so the browser submits it); the server wants a dot in the domain.
const badEmail = `erika-${uniq}@beispiel`;

let axeFailures = 0;
const timings = [];
let stepApiMs = 0;
let stepAxeMs = 0;

/** Runs a numbered step, prints its time (with the API and axe time inside it). */
async function step(n, what, fn) {
  stepApiMs = 0;
  stepAxeMs = 0;
  const t0 = performance.now();
  const note = await fn();
  const ms = Math.round(performance.now() - t0);
  timings.push([n, what, ms]);
  console.log(
    `ok   step ${n} ${what}: ${ms} ms (API ${Math.round(stepApiMs)} ms, axe ${Math.round(stepAxeMs)} ms)${note ? `; ${note}` : ''}`,
  );
}

/** GET a JSON API path; a failure to reach the server is a setup error, a bad answer a failure. */
async function api(path) {
  const t0 = performance.now();
  let res;
  try {
    res = await fetch(base + path, { headers: { accept: 'application/json' } });
  } catch (e) {
    fatal(`GET ${path} failed: ${e.message}`);
  }
  if (!res.ok) fail(`GET ${path} answered HTTP ${res.status}`);
  const body = await res.json();
  stepApiMs += performance.now() - t0;
  return body;
}

/** All items of a paged API list. */
async function apiAll(path) {
  const out = [];
  for (let page = 1; page <= 50; page += 1) {
    const body = await api(`${path}${path.includes('?') ? '&' : '?'}per_page=100&page=${page}`);
    out.push(...body.items);
    if (out.length >= body.total || body.items.length === 0) break;
  }
  return out;
}

const count = async (eventId) => (await api(`/api/v1/events/${eventId}`)).registered;

/** axe-core on the JS-enabled page as it is now; prints PASS/FAIL, counts failures. */
async function axeRun(page, label) {
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

/**
 * axe on the journey page's URL in the JS-enabled context: loaded afresh (a GET page), or, with
 * `html`, the server's answer to a POST replayed at that URL with its status, so the markup the
 * journey saw is checked.
 */
async function axeCheck(page, axePage, label, { html = null, status = 200 } = {}) {
  const t0 = performance.now();
  const url = page.url();
  const handler = (route) => route.fulfill({ status, contentType: 'text/html; charset=utf-8', body: html });
  if (html !== null) await axePage.route(url, handler);
  try {
    const res = await axePage.goto(url, { waitUntil: 'load' });
    if (!res || res.status() !== status) fail(`axe: GET ${url} answered HTTP ${res ? res.status() : 0} (expected ${status})`);
    // The same page as the journey's (the same <title>).
    const [seen, checked] = [await page.title(), await axePage.title()];
    if (seen !== checked) fail(`axe: ${url} has the title "${checked}" in the JS context but "${seen}" in the journey`);
    await axeRun(axePage, label);
  } finally {
    if (html !== null) await axePage.unroute(url, handler);
  }
  stepAxeMs += performance.now() - t0;
}

/** Clicks (a locator) and waits for the page it leads to; returns the main response. */
async function follow(page, locator) {
  const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
  if (!res) fail(`clicking ${locator} led to no new page`);
  return res;
}

/** Like follow, but insists on HTTP 200. */
async function follow200(page, locator, what) {
  const res = await follow(page, locator);
  if (res.status() !== 200) fail(`${what}: HTTP ${res.status()} at ${new URL(page.url()).pathname}`);
  return res;
}

/** The texts of the page's error summary and field errors, for messages. */
async function formErrors(page) {
  const texts = await page.locator('.error-summary li, .field-error').allTextContents();
  return texts.map((t) => t.trim().replace(/\s+/g, ' ')).filter(Boolean).slice(0, 8).join(' | ');
}

/** One element's text, whitespace folded. */
async function text(locator) {
  return ((await locator.textContent()) ?? '').trim().replace(/\s+/g, ' ');
}

/** Fills the registration form by its labels and presses "Anmelden". */
async function fillAndRegister(page, { name, email, organisation }) {
  await page.getByLabel(/^Name\b/).fill(name);
  await page.getByLabel(/^E-Mail-Adresse\b/).fill(email);
  await page.getByLabel(/^Organisation\b/).fill(organisation);
  return follow(page, page.getByRole('button', { name: 'Anmelden', exact: true }));
}

/** The first network's events with open registration (API), oldest first. */
const openEvents = async (networkId) =>
  (await apiAll(`/api/v1/events?network=${networkId}`)).filter(
    (e) => e.registration_open && new Date(e.ends_at) > new Date(),
  );

async function journey(browser) {
  const newContext = async (javaScriptEnabled) => {
    const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 900 }, javaScriptEnabled });
    // Nothing may leave the server under test.
    await context.route('**/*', (route) =>
      new URL(route.request().url()).origin === origin ? route.continue() : route.abort(),
    );
    return context;
  };
  const context = await newContext(false); // the journey: no JavaScript
  const axeContext = await newContext(true); // axe needs it
  const page = await context.newPage();
  const axePage = await axeContext.newPage();
  page.setDefaultTimeout(30_000);
  axePage.setDefaultTimeout(30_000);

  let network; // { id, name }
  let event; // the chosen event (API)
  let registeredBefore;
  let registeredAfter;
  let cancelHref;

  try {
    // --- 1. / → Netzwerke → the first network → its calendar → an event --------------------
    await step(1, 'home → networks → calendar → event', async () => {
      const home = await page.goto(`${base}/`, { waitUntil: 'load' });
      if (!home || home.status() !== 200) fail(`GET / answered HTTP ${home ? home.status() : 0}`);
      const mainNav = page.getByRole('navigation', { name: 'Hauptnavigation' });
      await follow200(page, mainNav.getByRole('link', { name: 'Netzwerke', exact: true }), 'the nav link "Netzwerke"');
      if (new URL(page.url()).pathname !== '/networks') fail(`the nav link "Netzwerke" led to ${page.url()}, not /networks`);
      if ((await mainNav.getByRole('link', { name: 'Netzwerke', exact: true }).getAttribute('aria-current')) !== 'page') {
        fail('on /networks the nav link "Netzwerke" is not marked aria-current="page"');
      }

      const first = page.locator('main ul.cards > li.card h2 a').first();
      if ((await first.count()) === 0) fail('/networks lists no network');
      const name = await text(first);
      await follow200(page, page.getByRole('link', { name, exact: true }), `the network link "${name}"`);
      const m = new URL(page.url()).pathname.match(/^\/networks\/(\d+)$/);
      if (!m) fail(`the first network's link "${name}" led to ${page.url()}, not /networks/<id>`);
      network = { id: Number(m[1]), name };
      const h1 = await text(page.locator('h1'));
      if (!h1.startsWith(name)) fail(`/networks/${network.id} has the heading "${h1}", not "${name}"`);

      await follow200(page, page.getByRole('link', { name: 'Veranstaltungskalender', exact: true }), 'the link to the calendar');
      if (new URL(page.url()).pathname !== `/networks/${network.id}/events`) {
        fail(`the calendar link led to ${page.url()}, not /networks/${network.id}/events`);
      }

      const candidates = (await openEvents(network.id)).filter(
        (e) => e.capacity !== null && e.slot_minutes === null && e.registered < e.capacity && e.visibility === 'public',
      );
      if (candidates.length === 0) {
        fail(`network ${network.id} (${name}) has no upcoming public event with free places and no slots (GET /api/v1/events?network=${network.id})`);
      }
      event = candidates[0];
      const link = page.locator(`a[href="/events/${event.id}"]`);
      if ((await link.count()) !== 1) fail(`the calendar has ${await link.count()} links to /events/${event.id} ("${event.title}"), expected 1`);
      if ((await text(link)) !== event.title) fail(`the calendar's link to /events/${event.id} says "${await text(link)}", not "${event.title}"`);
      await follow200(page, page.getByRole('link', { name: event.title, exact: true }), `the calendar link "${event.title}"`);
      if (new URL(page.url()).pathname !== `/events/${event.id}`) fail(`the event link led to ${page.url()}, not /events/${event.id}`);
      const eh1 = await text(page.locator('h1'));
      if (!eh1.startsWith(event.title)) fail(`/events/${event.id} has the heading "${eh1}", not "${event.title}"`);
      if ((await page.locator(`form[action="/events/${event.id}/register"]`).count()) !== 1) {
        fail(`/events/${event.id} has no registration form`);
      }
      await axeCheck(page, axePage, `/events/${event.id}`);
      return `network ${network.id} "${name}", event ${event.id} "${event.title}" (${event.registered}/${event.capacity} registered)`;
    });

    // --- 2. Register ----------------------------------------------------------------------
    await step(2, 'register', async () => {
      registeredBefore = await count(event.id);
      const res = await fillAndRegister(page, person);
      if (res.status() !== 200) {
        const errs = await formErrors(page);
        fail(`registering answered HTTP ${res.status()}${errs ? `; the page says: ${errs}` : ''}`);
      }
      const status = await text(page.getByRole('status'));
      if (!/angemeldet/i.test(status)) fail(`the confirmation's status says "${status}", not "angemeldet"`);
      if (/warteliste/i.test(status)) fail(`registered on the waiting list although places were free: "${status}"`);
      const cancel = page.locator('a[href^="/registrations/"]');
      if ((await cancel.count()) !== 1) fail(`the confirmation shows ${await cancel.count()} cancellation links, expected 1`);
      cancelHref = await cancel.getAttribute('href');
      const shown = await text(cancel);
      if (!shown.endsWith(cancelHref)) fail(`the cancellation link's text "${shown}" does not end with its target ${cancelHref}`);
      const facts = await text(page.locator('dl.facts'));
      for (const v of [person.name, person.email, person.organisation, event.title]) {
        if (!facts.includes(v)) fail(`the confirmation does not show "${v}"`);
      }
      await axeCheck(page, axePage, `${new URL(page.url()).pathname} (confirmation)`, { html: await res.text() });
      registeredAfter = await count(event.id);
      if (registeredAfter !== registeredBefore + 1) {
        fail(`GET /api/v1/events/${event.id}: registered went from ${registeredBefore} to ${registeredAfter}, expected ${registeredBefore + 1}`);
      }
      return `"${status}", cancellation link ${shown}; registered ${registeredBefore} → ${registeredAfter}`;
    });

    // --- 3. An invalid address: 400, error summary, aria-invalid, nothing registered --------
    await step(3, 'invalid e-mail', async () => {
      await follow200(page, page.locator('dl.facts').getByRole('link', { name: event.title, exact: true }), 'the confirmation\'s link to the event');
      const res = await fillAndRegister(page, { ...person, email: badEmail });
      if (res.status() !== 400) fail(`registering with "${badEmail}" answered HTTP ${res.status()}, expected 400`);
      const summary = page.locator('.error-summary');
      if ((await summary.count()) !== 1) fail(`the answer to "${badEmail}" has ${await summary.count()} error summaries, expected 1`);
      if ((await summary.getAttribute('role')) !== 'alert') fail('the error summary has no role="alert"');
      const toEmail = summary.locator('a[href="#email"]');
      if ((await toEmail.count()) !== 1) fail(`the error summary does not link to #email; it says: ${await formErrors(page)}`);
      const summaryLinks = await summary.locator('a').count();
      if (summaryLinks !== 1) fail(`the error summary has ${summaryLinks} links, expected only the one to #email: ${await formErrors(page)}`);
      const field = page.locator('#email');
      if ((await field.getAttribute('aria-invalid')) !== 'true') fail('the e-mail field #email has no aria-invalid="true"');
      const describedBy = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
      const errorIds = await page.locator('.field.invalid .field-error').evaluateAll((els) => els.map((e) => e.id));
      if (!errorIds.some((id) => describedBy.includes(id))) {
        fail(`#email's aria-describedby (${describedBy.join(' ') || 'none'}) does not name its error message (${errorIds.join(' ') || 'none'})`);
      }
      if ((await field.inputValue()) !== badEmail) fail(`#email lost what was typed: "${await field.inputValue()}"`);
      if ((await page.getByLabel(/^Name\b/).inputValue()) !== person.name) fail('the name field lost what was typed');
      for (const other of ['#name', '#organisation']) {
        if ((await page.locator(other).getAttribute('aria-invalid')) !== null) fail(`${other} is marked aria-invalid although it is fine`);
      }
      if ((await page.locator('a[href^="/registrations/"]').count()) !== 0) fail('the error page shows a cancellation link');
      const message = await text(toEmail);
      await axeCheck(page, axePage, `${new URL(page.url()).pathname} (HTTP 400, errors)`, { html: await res.text(), status: 400 });
      const now = await count(event.id);
      if (now !== registeredAfter) fail(`GET /api/v1/events/${event.id}: registered went from ${registeredAfter} to ${now} after an invalid registration`);
      return `HTTP 400, summary "${message}"; registered stays ${now}`;
    });

    // --- 4. Cancel ------------------------------------------------------------------------
    await step(4, 'cancel', async () => {
      const res = await page.goto(base + cancelHref, { waitUntil: 'load' });
      if (!res || res.status() !== 200) fail(`GET ${cancelHref} answered HTTP ${res ? res.status() : 0}`);
      const before = await text(page.getByRole('status'));
      if (!/angemeldet/i.test(before)) fail(`the registration page says "${before}", not "angemeldet"`);
      await axeCheck(page, axePage, '/registrations/<token>');
      await follow200(page, page.getByRole('button', { name: 'Anmeldung absagen', exact: true }), 'cancelling');
      if (new URL(page.url()).pathname !== cancelHref) fail(`after cancelling the browser is at ${page.url()}, not ${cancelHref}`);
      const after = await text(page.getByRole('status'));
      if (!/abgesagt/i.test(after)) fail(`after cancelling the page says "${after}", not "abgesagt"`);
      if ((await page.getByRole('button', { name: 'Anmeldung absagen' }).count()) !== 0) fail('the cancelled registration still has a cancel button');
      await axeCheck(page, axePage, '/registrations/<token> (cancelled)');
      const now = await count(event.id);
      if (now !== registeredBefore) fail(`GET /api/v1/events/${event.id}: registered is ${now} after cancelling, expected ${registeredBefore}`);
      return `"${after}"; registered ${registeredAfter} → ${now}`;
    });

    // --- 5. Book a slot of a consultation day ------------------------------------------------
    await step(5, 'book a slot', async () => {
      const networks = await api('/api/v1/networks');
      const order = [network.id, ...networks.map((n) => n.id).filter((id) => id !== network.id)];
      let slotted = null;
      let freeSlots = [];
      for (const nid of order) {
        for (const e of await openEvents(nid)) {
          if (e.slot_minutes === null || e.visibility !== 'public') continue;
          const slots = await api(`/api/v1/events/${e.id}/slots`);
          const free = slots.filter((s) => s.free);
          if (free.length > 0) {
            slotted = e;
            freeSlots = free;
            break;
          }
        }
        if (slotted) break;
      }
      if (!slotted) fail('no network has an upcoming public event with slots and a free slot');

      // From its network's calendar, as a visitor gets there.
      const calendar = `/networks/${slotted.network_id}/events`;
      const cres = await page.goto(base + calendar, { waitUntil: 'load' });
      if (!cres || cres.status() !== 200) fail(`GET ${calendar} answered HTTP ${cres ? cres.status() : 0}`);
      await follow200(page, page.getByRole('link', { name: slotted.title, exact: true }), `the calendar link "${slotted.title}"`);
      if (new URL(page.url()).pathname !== `/events/${slotted.id}`) fail(`the event link led to ${page.url()}, not /events/${slotted.id}`);
      await axeCheck(page, axePage, `/events/${slotted.id} (slots)`);

      const group = page.getByRole('group', { name: /^Termin\b/ });
      if ((await group.count()) !== 1) fail(`/events/${slotted.id} has no fieldset "Termin …" with the slots`);
      const firstRadio = group.getByRole('radio').first();
      const radioId = await firstRadio.getAttribute('id');
      const label = await text(page.locator(`label[for="${radioId}"]`));
      const value = await firstRadio.getAttribute('value');
      if (new Date(value).getTime() !== new Date(freeSlots[0].start).getTime()) {
        fail(`the first slot offered (${value}, "${label}") is not the API's first free slot (${freeSlots[0].start})`);
      }
      await page.getByLabel(label, { exact: true }).check();
      const before = await count(slotted.id);
      const res = await fillAndRegister(page, person);
      if (res.status() !== 200) {
        const errs = await formErrors(page);
        fail(`booking the slot "${label}" answered HTTP ${res.status()}${errs ? `; the page says: ${errs}` : ''}`);
      }
      const status = await text(page.getByRole('status'));
      if (!/angemeldet/i.test(status)) fail(`the slot confirmation says "${status}", not "angemeldet"`);
      const slotFact = await text(page.locator('dl.facts dt', { hasText: 'Ihr Termin' }).locator('xpath=following-sibling::dd[1]'));
      if (!slotFact.includes(label)) fail(`the confirmation's "Ihr Termin" says "${slotFact}", not the slot "${label}"`);
      await axeCheck(page, axePage, `${new URL(page.url()).pathname} (slot confirmation)`, { html: await res.text() });
      const slots = await api(`/api/v1/events/${slotted.id}/slots`);
      const booked = slots.find((s) => new Date(s.start).getTime() === new Date(value).getTime());
      if (!booked) fail(`GET /api/v1/events/${slotted.id}/slots does not list the slot ${value}`);
      if (booked.free) fail(`GET /api/v1/events/${slotted.id}/slots still shows the booked slot ${value} as free`);
      const after = await count(slotted.id);
      if (after !== before + 1) fail(`GET /api/v1/events/${slotted.id}: registered went from ${before} to ${after}, expected ${before + 1}`);
      return `event ${slotted.id} "${slotted.title}" (network ${slotted.network_id}), slot "${slotFact}" (${value}) now taken; registered ${before} → ${after}`;
    });
  } finally {
    await context.close();
    await axeContext.close();
  }
}

async function main() {
  // Setup: the server answers (else exit 2, not a failed check).
  try {
    const res = await fetch(`${base}/api/v1/networks`, { headers: { accept: 'application/json' } });
    if (!res.ok) fatal(`GET ${base}/api/v1/networks answered HTTP ${res.status}; is bleibe running there?`);
  } catch (e) {
    fatal(`GET ${base}/api/v1/networks failed: ${e.message}; is bleibe running there?`);
  }
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const browser = await chromium
    .launch({ executablePath, headless: true, chromiumSandbox: false, args: CHROMIUM_ARGS, timeout: 60_000 })
    .catch((e) => fatal(`cannot start Chromium at ${executablePath}: ${e.message}`));
  console.log(`network journey: axe-core ${axe.version}, ${browser.version()}, ${base}, JavaScript off`);
  let ok = true;
  const t0 = performance.now();
  try {
    await journey(browser);
  } catch (e) {
    ok = false;
    if (e instanceof CheckFailed) console.log(`FAIL ${e.message}`);
    else console.log(`FAIL unexpected error: ${e.stack || e}`);
  } finally {
    await browser.close();
  }
  const total = Math.round(performance.now() - t0);
  console.log(`timings: ${timings.map(([n, , ms]) => `step ${n} ${ms} ms`).join(', ')}${timings.length ? ', ' : ''}total ${total} ms`);
  if (axeFailures > 0) ok = false;
  console.log(ok ? 'network journey passed' : `network journey FAILED${axeFailures ? ` (${axeFailures} page(s) with axe violations)` : ''}`);
  process.exitCode = ok ? 0 : 1;
}

main().catch((e) => fatal(e.stack || String(e)));
