/**
 * Markdown as plain blocks of text, for documents that are not HTML (PDFs): paragraphs,
 * headings and list items, with inline markup removed and list markers kept as text.
 */
import { Lexer, type Token, type Tokens } from "marked";

export interface TextBlock {
  kind: "paragraph" | "heading" | "item";
  text: string;
}

function inline(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(.*?)\1/g, "$2")
    .replace(/(\*|_)(.*?)\1/g, "$2")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .trim();
}

function walk(tokens: Token[], out: TextBlock[]) {
  for (const token of tokens) {
    switch (token.type) {
      case "heading":
        out.push({ kind: "heading", text: inline((token as Tokens.Heading).text) });
        break;
      case "paragraph":
      case "text":
        for (const line of inline((token as Tokens.Paragraph).text).split("\n"))
          if (line.trim()) out.push({ kind: "paragraph", text: line.trim() });
        break;
      case "list": {
        const list = token as Tokens.List;
        list.items.forEach((item, i) => {
          const marker = list.ordered ? `${Number(list.start || 1) + i}.` : "•";
          out.push({ kind: "item", text: `${marker} ${inline(item.text.split("\n")[0] ?? "")}` });
          for (const rest of item.text.split("\n").slice(1))
            if (rest.trim()) out.push({ kind: "item", text: inline(rest) });
        });
        break;
      }
      case "blockquote":
        walk((token as Tokens.Blockquote).tokens, out);
        break;
      case "code":
        out.push({ kind: "paragraph", text: (token as Tokens.Code).text });
        break;
      case "table": {
        const table = token as Tokens.Table;
        out.push({ kind: "paragraph", text: table.header.map((h) => inline(h.text)).join(" | ") });
        for (const row of table.rows) out.push({ kind: "paragraph", text: row.map((c) => inline(c.text)).join(" | ") });
        break;
      }
      default:
        break;
    }
  }
}

export function markdownBlocks(markdown: string): TextBlock[] {
  const out: TextBlock[] = [];
  if (!markdown.trim()) return out;
  walk(new Lexer({ gfm: true }).lex(markdown), out);
  return out;
}
