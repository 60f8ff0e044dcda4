// Team file bytes -> YAML document with positions. Every failure is a located Diagnostic; hostile
// input (huge files, invalid UTF-8, alias bombs, several documents) is refused in bounded time.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { Diagnostic } from "./diagnostics";

export const MAX_FILE_BYTES = 256 * 1024;
const MAX_ALIAS_COUNT = 50;

export type PathSegment = string | number;

export interface ParsedTeamFile {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  data: unknown;
}

export type ParseResult = { ok: true; parsed: ParsedTeamFile } | { ok: false; errors: Diagnostic[] };

export function parseTeamFile(file: string, bytes: Uint8Array): ParseResult {
  const fail = (line: number, col: number, message: string): ParseResult => ({
    ok: false,
    errors: [{ file, line, col, message }],
  });

  if (bytes.length > MAX_FILE_BYTES) {
    return fail(
      1,
      1,
      `file is ${bytes.length} bytes, over the ${MAX_FILE_BYTES / 1024} KiB limit for a team file: keep one team per file and remove generated content`,
    );
  }
  const text = Buffer.from(bytes).toString("utf8");
  if (!Buffer.from(text, "utf8").equals(Buffer.from(bytes))) {
    const at = positionOfOffset(text, text.indexOf("\uFFFD"));
    return fail(
      at.line,
      at.col,
      "file is not valid UTF-8: save it as UTF-8 (accented letters are fine, other encodings are not)",
    );
  }
  if (text.trim() === "" || /^\s*(#.*\s*)*$/.test(text)) {
    return fail(1, 1, "file is empty: a team file needs at least `name: <team display name>`");
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const errors: Diagnostic[] = doc.errors.map((error) => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { file, line, col, message: yamlErrorMessage(error.code, error.message) };
  });
  if (errors.length > 0) return { ok: false, errors };

  if (!isMap(doc.contents)) {
    const offset = doc.contents?.range?.[0] ?? 0;
    const { line, col } = lineCounter.linePos(offset);
    return fail(
      line,
      col,
      "the top level must be a mapping of keys (`name:`, `members:`, `projects:`...), not a list or a single value",
    );
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const anchor = /anchor|alias/i.test(String(error)) ? firstAliasOffset(text) : 0;
    const { line, col } = lineCounter.linePos(anchor);
    return fail(
      line,
      col,
      `too many YAML alias expansions (limit ${MAX_ALIAS_COUNT}): write the values out instead of using anchors and aliases`,
    );
  }
  return { ok: true, parsed: { file, doc, lineCounter, data } };
}

function yamlErrorMessage(code: string, message: string): string {
  const first = message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  switch (code) {
    case "DUPLICATE_KEY":
      return "duplicate key: each key may appear only once in a mapping; merge the two entries";
    case "TAB_AS_INDENT":
      return "tab character used for indentation: indent with spaces only";
    case "MULTIPLE_DOCS":
      return "several YAML documents (`---`) in one file: keep a single team per file";
    default:
      return `invalid YAML: ${first}`;
  }
}

function firstAliasOffset(text: string): number {
  const match = /(^|[\s[{,:-])\*[^\s,\]}]+/m.exec(text);
  return match ? match.index + match[1].length : 0;
}

function positionOfOffset(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split("\n");
  return { line: lines.length, col: lines[lines.length - 1].length + 1 };
}

/** Position of the value at `path`, or of its key when `key` is set; falls back to the nearest parent. */
export function locate(
  parsed: ParsedTeamFile,
  path: readonly PathSegment[],
  key?: string,
): { line: number; col: number } {
  let node: unknown = parsed.doc.contents;
  let offset = (node as Node | null)?.range?.[0] ?? 0;
  for (const segment of path) {
    const next = childOf(node, segment);
    if (!next) break;
    node = next.value;
    offset = next.value?.range?.[0] ?? next.keyOffset ?? offset;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    const keyOffset = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    if (keyOffset !== undefined) offset = keyOffset;
  }
  return parsed.lineCounter.linePos(offset);
}

function childOf(node: unknown, segment: PathSegment): { value: Node | null; keyOffset?: number } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
    if (!pair) return undefined;
    return {
      value: (pair.value as Node | null) ?? null,
      keyOffset: isScalar(pair.key) ? pair.key.range?.[0] : undefined,
    };
  }
  if (isSeq(node) && typeof segment === "number") {
    const item = node.items[segment] as Node | undefined;
    return item ? { value: item } : undefined;
  }
  return undefined;
}
