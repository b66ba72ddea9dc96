// Builds Storybook and opens every story in Chromium: each must render without errors or
// console errors, and axe must find no violations. One test per story in the summary.
import {createServer} from 'node:http';
import {createReadStream, existsSync, readFileSync, statSync} from 'node:fs';
import {createRequire} from 'node:module';
import {extname, join, normalize} from 'node:path';
import {CHROME_FLAGS, root} from './ensure-deps.mjs';

const TYPES = {'.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.png': 'image/png'};

/** Serves a folder on 127.0.0.1; resolves with the server and its origin. */
export function serveStatic(dir) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream'});
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({server, origin: `http://127.0.0.1:${server.address().port}`})));
}

export async function storybookSuite({ensureChrome, run}) {
  const out = join(root, 'storybook-static');
  if ((await run(join(root, 'node_modules/.bin/storybook'), ['build', '-o', out, '--quiet'])) !== 0) return {passed: 0, failed: 1};
  const {chromium} = await import('playwright-core');
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const stories = Object.values(JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')).entries).filter((entry) => entry.type === 'story');
  const {server, origin} = await serveStatic(out);
  const browser = await chromium.launch({executablePath: ensureChrome(), headless: true, args: CHROME_FLAGS});
  const counts = {passed: 0, failed: 0};
  try {
    for (const story of stories) {
      const page = await browser.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        // A failed load is reported with its URL below; the console line alone doesn't say which.
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console error: ${message.text()}`);
      });
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
      });
      try {
        await page.goto(`${origin}/iframe.html?id=${story.id}&viewMode=story`);
        await page.waitForFunction(() => /sb-show-(main|errordisplay|nopreview)/.test(document.body.className), null, {timeout: 20000});
        const shown = await page.evaluate(() => document.body.className);
        if (!shown.includes('sb-show-main')) problems.push(`story did not render (${shown})`);
        // Let the story's first data arrive before judging its accessibility.
        await page.waitForTimeout(500);
        await page.addScriptTag({content: axeSource});
        // The a11y addon runs axe on the story too, and axe runs one check at a time: wait for its turn.
        const violations = await page.evaluate(async () => {
          for (let attempt = 0; ; attempt++) {
            try {
              const result = await globalThis.axe.run('#storybook-root', {resultTypes: ['violations']});
              return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
            } catch (error) {
              if (attempt >= 40 || !String(error?.message).includes('already running')) throw error;
              await new Promise((resolve) => setTimeout(resolve, 250));
            }
          }
        });
        problems.push(...violations.map((v) => `axe ${v}`));
      } catch (error) {
        problems.push(error.message);
      } finally {
        await page.close();
      }
      if (problems.length) {
        counts.failed++;
        console.log(`  ✗ ${story.title} › ${story.name}\n${problems.map((p) => `      ${p}`).join('\n')}`);
      } else {
        counts.passed++;
        console.log(`  ✓ ${story.title} › ${story.name}`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return counts;
}
