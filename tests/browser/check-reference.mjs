// Checks the synthesized API reference pages in a real headless Chromium (Debian's `chromium`),
// as a person meets them: opened from disk, with JavaScript off, on a wide and a narrow screen.
// For every example output directory given (each holds `openapi.json` and `api.html`):
//   - the title, and every operation of openapi.json with its method, path, summary and the
//     integration that serves it (the expected words derived here from the integration object);
//   - a row for every parameter (required ones marked) and every response status, in order;
//   - every schema of components/schemas; every in-page link lands on an element; ids are unique;
//   - no request leaves the page (anything but file: or data: fails the check);
//   - no script element, and no sideways scrolling on a 390 px wide phone screen;
//   - axe-core finds no accessibility violation (WCAG 2.1 A/AA and best-practice rules);
//   - screenshots into the screenshot directory, for a person to look at.
//
// Usage: node check-reference.mjs [--screenshots DIR] out/petstore out/s3 ...
// Environment: CHROMIUM (default /usr/bin/chromium).

import { readFileSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Chromium's flags: no network of its own (updates, sync, QUIC), no GPU, no sandbox (root). */
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const METHODS = {
  get: 'GET', put: 'PUT', post: 'POST', delete: 'DELETE', options: 'OPTIONS',
  head: 'HEAD', patch: 'PATCH', trace: 'TRACE', 'x-amazon-apigateway-any-method': 'ANY',
};

/** The text of a CloudFormation value as the page shows it (`Fn::Sub` strings). */
const cfn = (v) => (typeof v === 'string' ? v : typeof v?.['Fn::Sub'] === 'string' ? v['Fn::Sub'] : JSON.stringify(v));

/**
 * Words the "served by" text must hold, derived from the integration object on its own (not from
 * the renderer's code), so each checks the other.
 */
function expectedServedBy(integration) {
  if (!integration) return ['No integration'];
  const uri = integration.uri === undefined ? '' : cfn(integration.uri);
  const service = /:apigateway:(?:\$\{[^}]*\}|[^:]*):([^:]+):/.exec(uri)?.[1];
  switch (integration.type) {
    case 'mock': {
      const statuses = Object.values(integration.responses ?? {}).map((r) => r.statusCode);
      return ['Mock', ...(statuses.length === 1 ? [`answers ${statuses[0]} itself`] : [])];
    }
    case 'aws_proxy':
    case 'aws':
      if (service === 'lambda') {
        const fn = /functions\/\$\{([A-Za-z0-9]+)/.exec(uri)?.[1];
        return [integration.type === 'aws_proxy' ? 'Lambda proxy' : 'Lambda, custom integration', `function ${fn}`];
      }
      if (service === 's3') {
        const path = /s3:path\/(.*)$/.exec(uri)?.[1];
        if (path === undefined) return ['S3 '];
        // `${Bucket}/key`, `{bucket}/key` (the request names it), `bucket` alone, or `/` (the service).
        const named = /^\$\{([A-Za-z0-9]+)\}\/?(.*)$/.exec(path);
        const [bucket, key] = named ? [named[1], named[2]] : [path.split('/')[0], path.split('/').slice(1).join('/')];
        if (bucket === '') return ['S3 ', "the account's buckets"];
        const words = ['S3 ', /^\{.*\}$/.test(bucket) ? 'the bucket named by' : `bucket ${bucket}`];
        if (key !== '') words.push(`key ${key}`);
        return words;
      }
      return [/action\/(\w+)/.exec(uri)?.[1] ?? 'calls the service itself'];
    case 'http':
    case 'http_proxy': {
      const out = [integration.type === 'http' ? 'HTTP:' : 'HTTP proxy:', `${integration.httpMethod} ${uri}`];
      if (integration.connectionType === 'VPC_LINK') out.push('over VPC link');
      return out;
    }
    default:
      return [String(integration.type)];
  }
}

/** Opens the page in a fresh browser context, logging every request the page makes. */
async function open(browser, file, options) {
  const context = await browser.newContext({ serviceWorkers: 'block', ...options });
  const close = () => context.close();
  try {
    const page = await context.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const response = await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    if (!response || !response.ok()) throw new Error(`cannot load ${file}`);
    return { close, page, requests, errors };
  } catch (e) {
    await close();
    throw e;
  }
}

async function checkExample(browser, dir, screenshots) {
  const example = basename(resolve(dir));
  const doc = JSON.parse(readFileSync(join(dir, 'openapi.json'), 'utf8'));
  const file = resolve(dir, 'api.html');
  let assertions = 0;
  const expect = (condition, message) => {
    assertions++;
    if (!condition) throw new Error(`${example}: ${message}`);
  };
  const noRequestsOut = (requests) => {
    const outside = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'));
    expect(outside.length === 0, `the page requested ${outside.join(', ')}`);
  };

  // Pass 1: JavaScript disabled, a laptop screen. Everything must be readable like this.
  const wide = await open(browser, file, { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  try {
    const { page } = wide;
    const title = doc.info?.title ?? '';
    expect((await page.title()).includes(title), `<title> lacks "${title}"`);
    expect((await page.locator('h1').innerText()).includes(title), `<h1> lacks "${title}"`);
    expect((await page.locator('main').count()) === 1, 'not one <main> landmark');

    const ops = [];
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const [key, op] of Object.entries(item)) {
        if (METHODS[key]) ops.push({ method: METHODS[key], path, op });
      }
    }
    const articles = await page.$$eval('article.op', (els) =>
      els.map((el) => ({
        id: el.id,
        method: el.dataset.method,
        path: el.dataset.path,
        badge: el.querySelector('h3 .method')?.textContent,
        heading: el.querySelector('h3')?.textContent ?? '',
        summary: el.querySelector('.summary')?.textContent ?? '',
        served: (el.querySelector('.served-by')?.textContent ?? '').replace(/\s+/g, ' '),
        params: [...el.querySelectorAll('table.params tbody tr')].map((tr) => [...tr.cells].map((c) => c.textContent.trim())),
        statuses: [...el.querySelectorAll('table.responses tbody tr td:first-child')].map((td) => td.textContent.trim()),
      })),
    );
    expect(articles.length === ops.length, `${articles.length} operations on the page, ${ops.length} in the document`);
    const routes = await page.$$eval('table.routes tbody tr', (rows) =>
      rows.map((tr) => ({ text: tr.textContent, href: tr.querySelector('a')?.getAttribute('href') })),
    );
    expect(routes.length === ops.length, `${routes.length} rows in the route table, ${ops.length} operations`);
    let paramRows = 0;
    for (const { method, path, op } of ops) {
      const what = `${method} ${path}`;
      const a = articles.find((x) => x.method === method && x.path === path);
      expect(a, `no operation ${what}`);
      expect(a.badge === method && a.heading.includes(path), `${what}: the heading is "${a.heading}"`);
      expect(
        routes.some((r) => r.href === `#${a.id}` && r.text.includes(method) && r.text.includes(path)),
        `${what}: no route table row linking to it`,
      );
      if (op.summary) expect(a.summary.length > 0, `${what}: no summary`);
      for (const text of expectedServedBy(op['x-amazon-apigateway-integration'])) {
        expect(a.served.includes(text), `${what}: "served by" lacks "${text}": ${a.served}`);
      }
      for (const p of op.parameters ?? []) {
        const row = a.params.find((cells) => cells[0].split(/\s/)[0] === p.name && cells[1] === p.in);
        expect(row, `${what}: no parameter row for ${p.in} ${p.name}`);
        expect(!p.required || row[0].includes('required'), `${what}: ${p.name} is not marked required`);
        paramRows++;
      }
      const statuses = Object.keys(op.responses ?? {});
      expect(JSON.stringify(a.statuses) === JSON.stringify(statuses), `${what}: statuses ${a.statuses} != ${statuses}`);
    }
    const ids = await page.$$eval('[id]', (els) => els.map((e) => e.id));
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates.length === 0, `duplicate ids: ${duplicates.join(', ')}`);
    const links = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
    const broken = links.filter((href) => !href.startsWith('#') || !ids.includes(href.slice(1)));
    expect(broken.length === 0, `links that do not land on this page: ${broken.join(', ')}`);
    const schemaTitles = await page.$$eval('section.schema h3', (hs) => hs.map((h) => h.textContent));
    for (const name of Object.keys(doc.components?.schemas ?? {})) {
      expect(schemaTitles.includes(name), `no schema ${name}`);
    }
    await page.screenshot({ path: join(screenshots, `${example}-wide.png`), fullPage: true });
    expect(wide.errors.length === 0, `page errors: ${wide.errors}`);
    noRequestsOut(wide.requests);

    // Pass 2: a phone, JavaScript on only to run axe-core (the page itself has no script).
    const narrow = await open(browser, file, { javaScriptEnabled: true, viewport: { width: 390, height: 844 } });
    try {
      const p = narrow.page;
      const scripts = await p.$$eval('script', (s) => s.length);
      expect(scripts === 0, `the page has ${scripts} script elements`);
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow <= 0, `the page scrolls sideways by ${overflow}px at 390px wide`);
      await p.screenshot({ path: join(screenshots, `${example}-narrow.png`), fullPage: true });
      noRequestsOut(narrow.requests);
      await p.addScriptTag({ content: AXE });
      const violations = await p.evaluate(async () => {
        const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
        const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
        return result.violations.map(
          (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`,
        );
      });
      expect(violations.length === 0, `accessibility violations:\n  ${violations.join('\n  ')}`);
      noRequestsOut(narrow.requests);
    } finally {
      await narrow.close();
    }
    return { example, operations: ops.length, paramRows, assertions };
  } finally {
    await wide.close();
  }
}

const args = process.argv.slice(2);
let screenshots = 'out/screenshots';
const dirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--screenshots') screenshots = args[++i];
  else dirs.push(args[i]);
}
if (dirs.length === 0) {
  console.error('usage: node check-reference.mjs [--screenshots DIR] EXAMPLE_OUT_DIR...');
  process.exit(2);
}
mkdirSync(screenshots, { recursive: true });
// Playwright gives every launch a fresh, temporary profile (its own `--user-data-dir`; passing one
// in `args` is refused) and deletes it on close.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
});
let passed = 0;
let failed = 0;
try {
  for (const dir of dirs) {
    const started = Date.now();
    try {
      const r = await checkExample(browser, dir, screenshots);
      passed++;
      console.log(
        `ok ${r.example}: ${r.operations} operations, ${r.paramRows} parameter rows, ${r.assertions} assertions (${Date.now() - started} ms)`,
      );
    } catch (e) {
      failed++;
      console.log(`FAILED ${e.message}`);
    }
  }
} finally {
  await browser.close();
}
console.log(`screenshots in ${screenshots}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
