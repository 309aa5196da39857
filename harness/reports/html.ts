/**
 * HTML building blocks shared by the report pages. Every value interpolated into markup is escaped
 * unless it already is `Html`, so payload strings recorded on the wire can never become markup.
 */

/**
 * Markup that may go into a page as is: built by {@link html} or vouched for with {@link trusted}.
 * Only the type is exported, so no other module can wrap a raw string without saying so.
 */
class Html {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}
export type { Html };

/** What may be interpolated into `html`: text (escaped), numbers, markup, lists of these; nothing for null/undefined. */
export type HtmlValue = Html | string | number | null | undefined | readonly HtmlValue[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text made safe for HTML and XML text and quoted attributes. Control characters become U+FFFD
 * because XML (an SVG saved on its own) refuses them.
 */
export function escapeHtml(text: string): string {
  return (
    text
      .replace(/[&<>"']/g, (c) => ENTITIES[c])
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this replaces (invalid in XML/HTML text).
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\uFFFD')
  );
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Html) return value.markup;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
}

/** Tagged template: the literal parts are markup, every interpolated value is escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let markup = strings[0];
  values.forEach((value, i) => {
    markup += render(value) + strings[i + 1];
  });
  return new Html(markup);
}

/** Markup produced by one of the project's own renderers (e.g. the SVG diagram), taken as is. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** One table row; `className` lets a page highlight a row (e.g. an invalid exchange). */
export interface TableRow {
  readonly cells: readonly HtmlValue[];
  readonly className?: string;
}

/** A plain data table with a header row. */
export function table(headers: readonly string[], rows: readonly TableRow[]): Html {
  return html`<table>
<thead><tr>${headers.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>
${rows.map((row) => html`<tr${row.className ? html` class="${row.className}"` : ''}>${row.cells.map((c) => html`<td>${c}</td>`)}</tr>\n`)}</tbody>
</table>`;
}

/** Layout of a report page. */
export interface PageOptions {
  readonly title: string;
  readonly body: Html;
  /** Extra CSS of this page, after the shared rules. */
  readonly style?: string;
}

const BASE_STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5rem; color: #1f2328; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
table { border-collapse: collapse; font-size: 0.85rem; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
tr.bad td { background: #ffebe9; }
pre { background: #f6f8fa; padding: 0.75rem; overflow-x: auto; font-size: 0.8rem; }
.ok { color: #1a7f37; } .ko { color: #c62828; }
a { color: #0969da; }
`;

/**
 * A complete, self-contained page. The Content-Security-Policy forbids scripts and every external
 * resource: the page works offline and stays inert even if some text were ever left unescaped.
 */
export function page({ title, body, style = '' }: PageOptions): string {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${trusted(BASE_STYLE + style)}</style>
</head>
<body>
${body}
</body>
</html>
`.markup;
}
