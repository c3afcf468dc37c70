import { marked } from "marked";
import { describe, expect, it } from "vitest";
import { renderedMarkdownCache, renderMarkdown } from "~/lib/markdown.server";

// --- A small, parser-free checker of rendered HTML -------------------------------------------------

const ALLOWED_TAGS = new Set([
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
]);
const ALLOWED_ATTRIBUTES = new Set(["href", "title", "rel", "dir"]);
const FORBIDDEN_TAGS = [
  "script",
  "iframe",
  "object",
  "embed",
  "svg",
  "math",
  "img",
  "style",
  "form",
  "input",
  "base",
  "meta",
];

/** Decodes the character references a browser would decode in an attribute value. */
function decodeEntities(value: string): string {
  const named: Record<string, string> = {
    amp: "&",
    lt: "<",
    gt: ">",
    quot: '"',
    apos: "'",
    colon: ":",
    tab: "\t",
    newline: "\n",
    sol: "/",
  };
  return value.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));?/gi, (whole, hex?: string, dec?: string, name?: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(parseInt(dec, 10));
    return named[name!.toLowerCase()] ?? whole;
  });
}

/** Every href value in real tags (not in escaped text), decoded and stripped as a browser would. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/<[a-z][^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)].map((m) =>
    // eslint-disable-next-line no-control-regex -- browsers ignore control characters in URLs
    decodeEntities(m[1] ?? m[2] ?? m[3] ?? "").replace(/[\u0000-\u0020]/g, ""),
  );
}

/** What an attacker could use in `html`; empty when nothing executable or navigable-to-script remains. */
function problems(html: string): string[] {
  const found: string[] = [];
  for (const tag of FORBIDDEN_TAGS) if (new RegExp(`<\\s*${tag}\\b`, "i").test(html)) found.push(`<${tag}>`);
  if (/<[^>]*\son\w+\s*=/i.test(html)) found.push("on* handler");
  if (/<[^>]*\sstyle\s*=/i.test(html)) found.push("style attribute");
  for (const [, name] of html.matchAll(/<\s*\/?\s*([a-z][a-z0-9-]*)/gi)) {
    if (!ALLOWED_TAGS.has(name!.toLowerCase())) found.push(`tag ${name}`);
  }
  for (const [, attributes] of html.matchAll(/<[a-z][a-z0-9]*((?:\s[^>]*)?)>/gi)) {
    for (const [, name] of attributes!.matchAll(/([^\s="'/]+)\s*(?:=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      if (!ALLOWED_ATTRIBUTES.has(name!.toLowerCase())) found.push(`attribute ${name}`);
    }
  }
  for (const href of hrefs(html)) if (!/^(https?|mailto):/i.test(href)) found.push(`href ${href}`);
  return found;
}

// OWASP XSS filter evasion cheat sheet style, plus Markdown-specific vectors.
const PAYLOADS = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  "<iframe src=javascript:alert(1)></iframe>",
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  "[x](javascript:alert(1))",
  "[x](JAVASCRIPT:alert(1))",
  "[x](java&#x09;script:alert(1))",
  "[x](  javascript:alert(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[x](vbscript:msgbox(1))",
  "[x](//evil.example)",
  '<a href="javascript:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="  javascript:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="//evil.example">x</a>',
  '<a href="/\\evil.example">x</a>',
  '<a href="https://ok.example" onclick="alert(1)" style="color:red">x</a>',
  "<body onload=alert(1)>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<details open ontoggle=alert(1)>",
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  "<form action=javascript:alert(1)><button>go</button></form>",
  "<input autofocus onfocus=alert(1)>",
  '<base href="javascript:/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  "<style>@import 'https://evil.example/x.css';</style>",
  '<div style="background:url(javascript:alert(1))">x</div>',
  "![x](javascript:alert(1))",
  '![x"><img src=x onerror=alert(1)>](https://e.example/"onerror="alert(1))',
  "<javascript:alert(1)>",
  "[x][evil]\n\n[evil]: javascript:alert(1)",
  "[x][evil]\n\n[evil]: <data:text/html,<script>alert(1)</script>>",
  '<p dir="auto" onmouseover="alert(1)">hover</p>',
  "`code` <span onclick=alert(1)>x</span>",
];

// ---------------------------------------------------------------------------------------------------

describe("renderMarkdown", () => {
  it("renders ordinary Markdown: emphasis, single newlines as <br>, lists, rule and quote", () => {
    expect(renderMarkdown("Première ligne\nseconde *ligne* **forte** ~~barrée~~ `code`")).toBe(
      '<p dir="auto">Première ligne<br />seconde <em>ligne</em> <strong>forte</strong> <del>barrée</del> <code>code</code></p>',
    );
    expect(renderMarkdown("- un\n- deux\n\n1. premier\n\n---\n\n> cité")).toBe(
      '<ul>\n<li dir="auto">un</li>\n<li dir="auto">deux</li>\n</ul>\n<ol>\n<li dir="auto">premier</li>\n</ol>\n' +
        '<hr />\n<blockquote dir="auto">\n<p dir="auto">cité</p>\n</blockquote>',
    );
  });

  it("demotes headings so user text never competes with the page's h1 and h2", () => {
    expect(renderMarkdown("# Un\n## Deux\n### Trois\n#### Quatre")).toBe(
      '<h3 dir="auto">Un</h3>\n<h4 dir="auto">Deux</h4>\n<h3 dir="auto">Trois</h3>\n<h4 dir="auto">Quatre</h4>',
    );
  });

  it("gives every link rel=noopener noreferrer nofollow, replacing any rel the user wrote", () => {
    expect(renderMarkdown('[rapport](https://example.org/r "Le rapport")')).toBe(
      '<p dir="auto"><a href="https://example.org/r" title="Le rapport" rel="noopener noreferrer nofollow">rapport</a></p>',
    );
    expect(renderMarkdown('<a href="https://example.org" rel="opener" target="_blank">x</a>')).toBe(
      '<p dir="auto"><a href="https://example.org" rel="noopener noreferrer nofollow">x</a></p>',
    );
    expect(renderMarkdown("Écrire à contact@sofara.example")).toBe(
      '<p dir="auto">Écrire à <a href="mailto:contact@sofara.example" rel="noopener noreferrer nofollow">contact@sofara.example</a></p>',
    );
  });

  it("renders GFM tables without alignment styles", () => {
    expect(renderMarkdown("| Article | Quantité |\n|:--|--:|\n| Cartables | 325 |")).toBe(
      "<table>\n<thead>\n<tr>\n" +
        '<th dir="auto">Article</th>\n<th dir="auto">Quantité</th>\n</tr>\n</thead>\n<tbody><tr>\n' +
        '<td dir="auto">Cartables</td>\n<td dir="auto">325</td>\n</tr>\n</tbody></table>',
    );
  });

  it("renders task lists as ballot boxes and images as links, never as <input> or <img>", () => {
    expect(renderMarkdown("- [ ] livrer\n- [x] signer")).toBe(
      '<ul>\n<li dir="auto">☐ livrer</li>\n<li dir="auto">☑ signer</li>\n</ul>',
    );
    expect(renderMarkdown("![Salle informatique](https://example.org/salle.png)")).toBe(
      '<p dir="auto"><a href="https://example.org/salle.png" rel="noopener noreferrer nofollow">Salle informatique</a></p>',
    );
  });

  it("keeps code blocks as escaped text and drops their class", () => {
    expect(renderMarkdown("```html\n<b>x</b> & y\n```")).toBe("<pre><code>&lt;b&gt;x&lt;/b&gt; &amp; y\n</code></pre>");
  });

  it("keeps French accents and Arabic text exactly, and gives each block dir=auto", () => {
    const french = "Réunion du comité de suivi à Smara : déjà « validé », ça avance.";
    const arabic = "اجتماع لجنة التتبع المشتركة في السمارة: تم توزيع 325 محفظة مدرسية.";
    expect(renderMarkdown(`${french}\n\n${arabic}`)).toBe(`<p dir="auto">${french}</p>\n<p dir="auto">${arabic}</p>`);
    expect(renderMarkdown(`- ${arabic}`)).toBe(`<ul>\n<li dir="auto">${arabic}</li>\n</ul>`);
  });

  it("allows dir only as auto, overriding what the user wrote", () => {
    expect(renderMarkdown('<p dir="ltr">texte</p>')).toBe('<p dir="auto">texte</p>');
    expect(renderMarkdown('<h5 dir="rtl">عنوان</h5>')).toBe('<h5 dir="auto">عنوان</h5>');
  });

  it("shows plain text containing <script> as escaped text, never as a tag", () => {
    expect(renderMarkdown("Ne tapez pas <script>alert(1)</script> ici")).toBe(
      '<p dir="auto">Ne tapez pas &lt;script&gt;alert(1)&lt;/script&gt; ici</p>',
    );
    expect(renderMarkdown("<script>alert(1)</script>")).toBe("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("returns an empty string for empty or whitespace-only input", () => {
    expect(renderMarkdown("")).toBe("");
    expect(renderMarkdown("  \n\t\n ")).toBe("");
  });

  describe("nothing executable survives known XSS payloads", () => {
    it("the checker itself flags each danger it claims to find", () => {
      expect(problems('<a href="&#106;avascript:alert(1)">x</a>')).toContain("href javascript:alert(1)");
      expect(problems('<a href=" java\tscript:x">x</a>')).toContain("href javascript:x");
      expect(problems("<a href='//evil.example'>x</a>")).toContain("href //evil.example");
      expect(problems("<a href=data:text/html,x>x</a>")).toContain("href data:text/html,x");
      expect(problems('<p dir="auto" onclick="x">')).toEqual(["on* handler", "attribute onclick"]);
      expect(problems('<p style="x">')).toEqual(["style attribute", "attribute style"]);
      expect(problems("<IMG src=x>")).toEqual(["<img>", "tag IMG", "attribute src"]);
      expect(
        problems('<p dir="auto">&lt;script&gt;alert(1)&lt;/script&gt;</p><a href="https://ok.example" rel="x">ok</a>'),
      ).toEqual([]);
    });

    it.each(PAYLOADS)("%s", (payload) => {
      // Without the sanitizer each payload is dangerous, so the assertion below can fail.
      expect(problems(marked.parse(payload, { async: false, gfm: true, breaks: true }))).not.toEqual([]);
      expect(problems(renderMarkdown(payload))).toEqual([]);
    });

    it("covers at least 25 payloads", () => {
      expect(PAYLOADS.length).toBeGreaterThanOrEqual(25);
    });
  });
});

describe("rendered long texts are kept", () => {
  it("gives the same HTML again for the same text, and keeps at most 2 million characters of texts and HTML", () => {
    const long = (word: string) =>
      Array.from({ length: 400 }, (_, i) => `${word} **${i}**, procès-verbal du comité.`).join("\n\n");
    const first = renderMarkdown(long("Réunion"));
    expect(renderedMarkdownCache().entries).toBeGreaterThan(0);
    expect(renderMarkdown(long("Réunion"))).toBe(first);
    expect(first).toContain("<strong>399</strong>");
    // Many long texts: the oldest go, the total stays bounded.
    for (let i = 0; i < 150; i++) renderMarkdown(long(`Texte ${i}`));
    expect(renderedMarkdownCache().chars).toBeLessThanOrEqual(2_000_000);
    expect(renderedMarkdownCache().entries).toBeLessThan(151);
    // A short text is rendered each time, never kept.
    const before = renderedMarkdownCache().entries;
    renderMarkdown("*court*");
    expect(renderedMarkdownCache().entries).toBe(before);
  });
});
