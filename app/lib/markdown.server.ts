/**
 * Markdown → HTML for everything users write (clauses, minutes, comments, deliverable notes).
 *
 * SECURITY BOUNDARY. This is the only place that turns user text into HTML, and
 * `components/markdown.tsx` is the only place that injects HTML into the page. `marked` does not
 * sanitize, so its output is treated as hostile and passed through `sanitize-html` with a strict
 * allowlist: any tag or attribute not listed below never reaches the page. Loosen nothing here without adding a payload to
 * tests/unit/markdown.test.ts that proves the change safe.
 *
 * Synchronous and pure: no I/O, and a private `Marked` instance so that no `marked.use()` elsewhere
 * can change what this function produces.
 */
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const markdown = new Marked({
  async: false,
  gfm: true,
  breaks: true, // a single newline becomes <br>, as people expect when typing minutes
  renderer: {
    // GFM task lists ("- [ ] send the bags") would render as <input>, which the sanitizer escapes
    // into visible markup; render them as plain ballot-box characters instead.
    checkbox: ({ checked }) => (checked ? "☑ " : "☐ "),
    // Images are not allowed (tracking pixels, spoofed content), and an escaped <img> would be noise:
    // a Markdown image becomes a link to it, labelled by its alt text or else its address.
    image(token) {
      const label = token.text ? token.tokens : [{ type: "text" as const, raw: token.href, text: token.href }];
      return this.link({ ...token, type: "link", tokens: label });
    },
  },
});

/** Block elements that take their own text direction, so an Arabic paragraph after a French one reads right-to-left. */
const DIRECTIONAL = ["p", "li", "h3", "h4", "h5", "h6", "blockquote", "td", "th"] as const;
const autoDir = { name: "dir", values: ["auto"] }; // `dir` is allowed, but only with the value "auto"
const withAutoDir = (tag: string) => sanitizeHtml.simpleTransform(tag, { dir: "auto" }); // overrides any user-supplied dir
const REL = "noopener noreferrer nofollow";

const OPTIONS: sanitizeHtml.IOptions = {
  // h1 and h2 are absent: they are demoted below, so user headings never compete with the page's own.
  allowedTags: [
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
  ],
  // No style, class, id or on* attribute anywhere; `dir` only as "auto"; `rel` only as set below.
  allowedAttributes: {
    a: ["href", "title", { name: "rel", values: [REL] }],
    ...Object.fromEntries(DIRECTIONAL.map((tag) => [tag, [autoDir]])),
  },
  // Applied to href after stripping the whitespace and control characters browsers ignore, case-insensitively,
  // so "JAVASCRIPT:", " javascript:" and "java\tscript:" are all caught; entities are decoded by the parser first.
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false, // "//evil.example" and "\\evil.example" lose their href
  transformTags: {
    h1: withAutoDir("h3"),
    h2: withAutoDir("h4"),
    ...Object.fromEntries(DIRECTIONAL.map((tag) => [tag, withAutoDir(tag)])),
    a: sanitizeHtml.simpleTransform("a", { rel: REL }),
  },
  // 'escape' rather than 'discard': a disallowed tag is shown as inert text, as typed but without
  // its attributes (`<script>alert(1)</script>` reads as exactly that), so nothing silently vanishes
  // from a record such as minutes and an attempt stays visible to reviewers. Never a live tag.
  disallowedTagsMode: "escape",
};

/**
 * The HTML of long texts recently rendered, by their source: minutes are read far more often than
 * written, and 40 KB of Markdown takes 5–8 ms to render and sanitize on every view. The output is a
 * pure function of the source, so a kept one is exactly what rendering again would give. Short
 * texts render in microseconds and are not kept; the kept ones are bounded in characters, least
 * recently used out first.
 */
const KEEP_FROM_CHARS = 2_000;
const KEEP_AT_MOST_CHARS = 2_000_000;
const rendered = new Map<string, string>();
let renderedChars = 0;

/** What the cache of rendered texts holds (for tests). */
export function renderedMarkdownCache(): { entries: number; chars: number } {
  return { entries: rendered.size, chars: renderedChars };
}

export function renderMarkdown(source: string): string {
  if (source.trim() === "") return "";
  if (source.length < KEEP_FROM_CHARS) return render(source);
  const kept = rendered.get(source);
  if (kept !== undefined) {
    rendered.delete(source);
    rendered.set(source, kept); // most recently used last
    return kept;
  }
  const html = render(source);
  const size = source.length + html.length;
  if (size > KEEP_AT_MOST_CHARS) return html;
  rendered.set(source, html);
  renderedChars += size;
  for (const [oldest, oldHtml] of rendered) {
    if (renderedChars <= KEEP_AT_MOST_CHARS) break;
    rendered.delete(oldest);
    renderedChars -= oldest.length + oldHtml.length;
  }
  return html;
}

function render(source: string): string {
  return sanitizeHtml(markdown.parse(source, { async: false }), OPTIONS).trim();
}
