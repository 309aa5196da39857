import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, html, page, table, trusted } from '../harness/reports/html.ts';

test('escapeHtml escapes markup and quotes, and replaces control characters', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  assert.equal(escapeHtml('a\u0000b\nc'), 'a\uFFFDb\nc');
});

test('html keeps its literal markup and escapes what it interpolates', () => {
  const evil = '<script>alert(1)</script>';
  const out = html`<p title="${evil}">${evil} ${42} ${null}${undefined}</p>`.toString();
  assert.equal(out, '<p title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt; 42 </p>');
});

test('html nests markup and lists without escaping them twice', () => {
  const items = ['a&b', 'c'].map((x) => html`<li>${x}</li>`);
  assert.equal(html`<ul>${items}</ul>`.toString(), '<ul><li>a&amp;b</li><li>c</li></ul>');
  assert.equal(html`${trusted('<svg></svg>')}`.toString(), '<svg></svg>');
});

test('table escapes its headers and cells and marks highlighted rows', () => {
  const out = table(['<h>'], [{ cells: ['<c>'], className: 'bad' }, { cells: [html`<b>ok</b>`] }]).toString();
  assert.match(out, /<th>&lt;h&gt;<\/th>/);
  assert.match(out, /<tr class="bad"><td>&lt;c&gt;<\/td><\/tr>/);
  assert.match(out, /<tr><td><b>ok<\/b><\/td><\/tr>/);
});

test('a page is self-contained: no script, no external resource, a policy forbidding both', () => {
  const out = page({ title: '<x>', body: html`<p>${'<script src="https://cdn.example/x.js"></script>'}</p>` });
  assert.match(out, /^<!DOCTYPE html>/);
  assert.match(out, /<title>&lt;x&gt;<\/title>/);
  assert.match(out, /Content-Security-Policy" content="default-src 'none'/);
  assert.doesNotMatch(out, /<script/i);
  assert.doesNotMatch(out, /(src|href)="https?:/);
});
