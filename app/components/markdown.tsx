/**
 * Shows user-written Markdown that the server has already turned into safe HTML.
 *
 * This is the ONLY dangerouslySetInnerHTML in the app. `html` must come from `renderMarkdown`
 * (app/lib/markdown.server.ts), called in a loader — never from user input, the database or a string
 * built by hand. Render elsewhere and you bypass the sanitizer.
 *
 * Prose styles use logical properties (ps-, border-s) so lists and quotes mirror in Arabic.
 */
const PROSE = [
  "break-words",
  "[&_p]:my-2 [&_pre]:my-2 [&_ul]:my-2 [&_ol]:my-2 [&_blockquote]:my-2 [&_table]:my-2",
  "[&_ul]:list-disc [&_ul]:ps-6 [&_ol]:list-decimal [&_ol]:ps-6 [&_li]:my-0.5",
  "[&_a]:text-brand-700 [&_a]:underline hover:[&_a]:text-brand-900",
  "[&_h3]:mt-4 [&_h3]:text-lg [&_h3]:font-semibold [&_h4]:mt-3 [&_h4]:font-semibold [&_h5]:font-semibold [&_h6]:font-semibold",
  "[&_blockquote]:border-s-4 [&_blockquote]:border-slate-300 [&_blockquote]:ps-3 [&_blockquote]:text-slate-700",
  "[&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:text-sm",
  "[&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-100 [&_pre]:p-3 [&_pre_code]:bg-transparent [&_pre_code]:p-0",
  "[&_hr]:my-4 [&_hr]:border-slate-200",
  "[&_table]:w-full [&_table]:border-collapse [&_th]:border [&_th]:border-slate-300 [&_th]:bg-slate-50 [&_th]:px-2 [&_th]:py-1 [&_th]:text-start [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_td]:py-1",
].join(" ");

export function Markdown({ html, className }: { html: string; className?: string }) {
  return <div className={`markdown ${PROSE} ${className ?? ""}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
