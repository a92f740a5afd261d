// The main navigation has one table (web/common/nav.js). Its static
// entries are also written in the header partial, for pages read without
// JavaScript: the two must agree, entry for entry and in order.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { NAV, navFor } from '../../web/common/nav.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('main navigation', () => {
  it('writes the static entries of nav.js in the header, in order', () => {
    const html = readFileSync(join(root, 'web/common/_header.html'), 'utf8');
    const nav = html.slice(html.indexOf('<nav'), html.indexOf('</nav>'));
    const links = [...nav.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)]
      .map((m) => [m[1], m[2]]);
    const want = NAV.filter((e) => e.static).map((e) => [e.href, e.text]);
    assert.deepEqual(links, want);
  });

  it('shows each role only the pages it can use', () => {
    const hrefs = (u) => navFor(u).map((e) => e.href);
    assert.deepEqual(hrefs(null), ['/', '/directory', '/bodies', '/gaps',
      '/account']);
    assert.ok(hrefs({ role: 'rifc_analyst' }).includes('/clusters'));
    assert.ok(!hrefs({ role: 'rifc_analyst', state_code: 'JM' })
      .includes('/clusters'));
    assert.ok(!hrefs({ role: 'partner' }).includes('/queue'));
    assert.ok(hrefs({ role: 'coordinator' }).includes('/review'));
    assert.ok(!hrefs({ role: 'ncpoc', state_code: 'JM' }).includes('/review'));
    for (const u of [null, { role: 'ncpoc' }, { role: 'rifc_analyst' }]) {
      assert.equal(new Set(hrefs(u)).size, hrefs(u).length);
    }
  });
});
