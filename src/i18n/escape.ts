// Text from team files or servers, made inert for where it is shown. GitHub renders comments and job summaries
// as GitHub-flavoured Markdown with HTML, and reads `::command::` lines from logs: a name must stay
// a name in each of them.

/**
 * C0 and C1 controls (ESC starts ANSI sequences), DEL, the Unicode line and paragraph separators, the
 * bidirectional marks, overrides and isolates that make text read differently, and the zero-width
 * spaces and byte-order marks that hide inside a word.
 */
export const CONTROL_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/gu;
/** The same, but line feeds and tabs, which a code block may hold. */
const CONTROL_BUT_LINES =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/gu;

/** A control character as a visible escape (`\n`, `\u001b`): no line break, no terminal sequence. */
const escapeControl = (c: string) =>
  c === "\n" ? "\\n" : c === "\r" ? "\\r" : c === "\t" ? "\\t" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

/** For logs and plain-text outputs: one line, no control character, so no workflow command or ANSI sequence. */
export function plainText(text: string): string {
  return text.replace(CONTROL_CHARACTERS, escapeControl);
}

/** Whether the text holds a control or invisible formatting character. */
export function hasInvisible(text: string): boolean {
  return text.search(CONTROL_CHARACTERS) >= 0;
}

/**
 * For Markdown text and table cells, never at the start of a line: the characters that act inline
 * are backslash-escaped (CommonMark allows it for any ASCII punctuation): emphasis, links, code,
 * table pipes, strikethrough, and `:` and `.` so that GFM does not autolink `https://...` or
 * `www.`; `<`, `>` and `&` become entities (no HTML); a zero-width space follows `@` so that a name
 * never mentions a GitHub user or team.
 */
export function markdownText(text: string): string {
  return plainText(text)
    .replace(/[\\`*_[\]|~:.]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@/g, "@\u200b");
}

/**
 * An inline code span that holds `text` whatever backticks it contains (CommonMark: a longer fence).
 * In a table cell GFM splits on `|` even inside code, unless it is written `\|`.
 */
export function markdownCode(text: string, { inTable = false } = {}): string {
  const safe = inTable ? plainText(text).replace(/\|/g, "\\|") : plainText(text);
  const longest = Math.max(0, ...(safe.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = safe.startsWith("`") || safe.endsWith("`") || safe === "" ? " " : "";
  return `${fence}${pad}${safe}${pad}${fence}`;
}

/** A fenced code block that holds `text` (several lines allowed) whatever fences it contains. */
export function markdownBlock(text: string, language = ""): string {
  const safe = text.replace(CONTROL_BUT_LINES, escapeControl);
  const longest = Math.max(2, ...(safe.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${safe}\n${fence}`;
}

/** For HTML text and quoted attribute values: no tag, no entity, no way out of the quotes. */
export function htmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}
const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
