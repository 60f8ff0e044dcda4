// Team file bytes -> YAML document with positions. Every failure is one located Diagnostic; hostile
// input (huge files, invalid UTF-8, deep nesting, alias bombs, several documents) is refused in
// bounded time, and a broken file gets one message about its first problem rather than the parser's
// cascade of follow-on errors.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { Diagnostic } from "./diagnostics";
import type { PathSegment } from "./path";
import { diagnosticOf, type Rule } from "./rules/rule";
import { fileEmpty } from "./rules/file-empty";
import { fileEncoding } from "./rules/file-encoding";
import { fileTooLarge } from "./rules/file-too-large";
import { yamlAliases } from "./rules/yaml-aliases";
import { yamlComplexKey } from "./rules/yaml-complex-key";
import { yamlDuplicateKey } from "./rules/yaml-duplicate-key";
import { yamlIndentation } from "./rules/yaml-indentation";
import { yamlItemForm } from "./rules/yaml-item-form";
import { yamlSeveralDocuments } from "./rules/yaml-several-documents";
import { yamlSyntax, type SyntaxProblem } from "./rules/yaml-syntax";
import { yamlTab } from "./rules/yaml-tab";
import { yamlTooDeep } from "./rules/yaml-too-deep";
import { yamlTopLevel } from "./rules/yaml-top-level";

export const MAX_FILE_BYTES = 256 * 1024;
const MAX_ALIAS_COUNT = 50;
/** Nesting levels a file may use (a team file needs 7), and the indentation that allows at 4 spaces a level. */
export const MAX_NESTING = 16;
const MAX_INDENT = MAX_NESTING * 4;

export interface ParsedTeamFile {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  data: unknown;
}

export type ParseResult = { ok: true; parsed: ParsedTeamFile } | { ok: false; errors: Diagnostic[] };

interface Position {
  line: number;
  col: number;
}

export function parseTeamFile(file: string, bytes: Uint8Array): ParseResult {
  const fail = <P>(rule: Rule<P>, params: P, at: Position = { line: 1, col: 1 }): ParseResult => ({
    ok: false,
    errors: [diagnosticOf(rule, params, file, at)],
  });

  if (bytes.length > MAX_FILE_BYTES) {
    return fail(fileTooLarge, { bytes: bytes.length, limitKiB: MAX_FILE_BYTES / 1024 });
  }
  const text = Buffer.from(bytes).toString("utf8");
  if (!Buffer.from(text, "utf8").equals(Buffer.from(bytes))) {
    return fail(fileEncoding, undefined, positionOfOffset(text, text.indexOf("\uFFFD")));
  }
  const lines = text.split(/\r?\n/);
  if (lines.every((line) => /^\s*(#.*)?$/.test(line))) return fail(fileEmpty, undefined);

  const tabs = lines
    .map((line, i) => ({ line: i + 1, col: (/^[ \t]*/.exec(line)?.[0] ?? "").indexOf("\t") + 1 }))
    .filter((at) => at.col > 0);
  if (tabs.length > 0) return fail(yamlTab, { otherLines: tabs.length - 1 }, tabs[0]);

  const deep = tooDeep(lines);
  if (deep) return fail(yamlTooDeep, { limit: MAX_NESTING }, deep);

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    // "error" keeps the parser quiet on stderr and still reports several documents.
    logLevel: "error",
  });
  if (doc.errors.length > 0) {
    return { ok: false, errors: yamlErrors(file, text, lines, doc, lineCounter) };
  }

  if (!isMap(doc.contents)) {
    return fail(yamlTopLevel, undefined, lineCounter.linePos(doc.contents?.range?.[0] ?? 0));
  }
  const complexKey = firstComplexKey(doc.contents);
  if (complexKey !== undefined) return fail(yamlComplexKey, undefined, lineCounter.linePos(complexKey));

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return fail(yamlAliases, { limit: MAX_ALIAS_COUNT }, lineCounter.linePos(firstAliasOffset(text)));
  }
  return { ok: true, parsed: { file, doc, lineCounter, data } };
}

/**
 * Where the file nests deeper than any team file needs: indentation past MAX_INDENT columns, more
 * than MAX_NESTING block indicators (`- `, `key: `) on one line, or brackets open MAX_NESTING deep.
 * Checked before parsing so that the parser never recurses that deep.
 */
function tooDeep(lines: readonly string[]): Position | undefined {
  let flowDepth = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    if (indent > MAX_INDENT) return { line: i + 1, col: MAX_INDENT + 1 };
    let indicators = 0;
    let quote: string | undefined;
    for (let c = 0; c < line.length; c++) {
      const char = line[c];
      if (quote) {
        if (char === quote) quote = undefined;
      } else if (char === '"' || char === "'") quote = char;
      else if (char === "#" && (c === 0 || /\s/.test(line[c - 1]))) break;
      else if (char === "[" || char === "{") {
        flowDepth++;
        if (flowDepth > MAX_NESTING) return { line: i + 1, col: c + 1 };
      } else if ((char === "]" || char === "}") && flowDepth > 0) flowDepth--;
      else if (flowDepth === 0 && "-?:".includes(char) && (c + 1 === line.length || line[c + 1] === " ")) {
        indicators++;
        if (indicators > MAX_NESTING) return { line: i + 1, col: c + 1 };
      }
    }
  }
  return undefined;
}

/** One message for a file the parser refused: its first problem, said the way a person fixes it. */
function yamlErrors(
  file: string,
  text: string,
  lines: readonly string[],
  doc: Document.Parsed,
  lineCounter: LineCounter,
): Diagnostic[] {
  const at = (offset: number) => lineCounter.linePos(offset);
  const errors = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const duplicates = errors.filter((e) => e.code === "DUPLICATE_KEY");
  if (duplicates.length === errors.length) {
    return duplicates.map((e) => diagnosticOf(yamlDuplicateKey, { key: keyAt(text, e.pos[0]) }, file, at(e.pos[0])));
  }
  const several = errors.find((e) => e.code === "MULTIPLE_DOCS");
  if (several) return [diagnosticOf(yamlSeveralDocuments, undefined, file, at(several.pos[0]))];
  const exhausted = errors.find((e) => e.code === "RESOURCE_EXHAUSTION");
  if (exhausted) return [diagnosticOf(yamlTooDeep, { limit: MAX_NESTING }, file, at(exhausted.pos[0]))];

  // The parser stumbles on the line of the item or key before the mistake, or on the mistake itself.
  const first = errors[0];
  const firstLine = at(first.pos[0]).line;
  const near = (line: number) => line === firstLine || line === firstLine + 1;
  const item = bareItemsWithKeys(lines).find((found) => near(found.at.line));
  if (item) return [diagnosticOf(yamlItemForm, item.params, file, item.at)];
  const misaligned = misalignedKeys(lines).find((found) => near(found.at.line));
  if (misaligned) return [diagnosticOf(yamlIndentation, misaligned.params, file, misaligned.at)];

  return [diagnosticOf(yamlSyntax, { problem: syntaxProblem(first.code, first.message) }, file, at(first.pos[0]))];
}

function syntaxProblem(code: string, message: string): SyntaxProblem {
  if (/quote|quoted/i.test(message) || code === "BAD_DQ_ESCAPE") return "quote";
  if (/flow (sequence|mapping|collection)|end with a [\]}]/i.test(message) || code === "MISSING_CHAR") {
    return "unclosed";
  }
  if (code === "MULTILINE_IMPLICIT_KEY" || code === "BLOCK_AS_IMPLICIT_KEY") return "key-line";
  if (code === "BAD_INDENT") return "alignment";
  // `owners: [@octocat]`: YAML reserves `@` and a backquote at the start of an unquoted value.
  if (code === "BAD_SCALAR_START") return "reserved-start";
  return "other";
}

const KEY_LINE = /^( *)(- +)?([A-Za-z_][\w-]*) *:(?: +(\S.*))?$/;
const BARE_ITEM = /^( *)- +([^\s:#'"[{][^:#]*?) *$/;

/** Each `- marc.lefevre` followed by an indented `teamRole: admin`: the item needs the `handle:` form. */
function bareItemsWithKeys(lines: readonly string[]): { params: { item: string; entry: string }; at: Position }[] {
  const found: { params: { item: string; entry: string }; at: Position }[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const item = BARE_ITEM.exec(lines[i]);
    const next = KEY_LINE.exec(lines[i + 1]);
    if (item && next && !next[2] && next[1].length > item[1].length) {
      const entry = `${next[3]}: ${next[4] ?? ""}`.trim();
      found.push({ params: { item: item[2], entry }, at: { line: i + 2, col: next[1].length + 1 } });
    }
  }
  return found;
}

/**
 * Each key one or two columns off the key of the line above, when that key already has its value (so
 * the line cannot be its child): the usual cause of the parser's cascades.
 */
function misalignedKeys(
  lines: readonly string[],
): { params: { key: string; sibling: string; by: number; column: number }; at: Position }[] {
  const found: { params: { key: string; sibling: string; by: number; column: number }; at: Position }[] = [];
  let previous: { key: string; col: number; hasValue: boolean } | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*(#.*)?$/.test(lines[i])) continue;
    const match = KEY_LINE.exec(lines[i]);
    if (!match) {
      previous = undefined;
      continue;
    }
    const col = match[1].length + (match[2]?.length ?? 0);
    if (previous?.hasValue && !match[2] && col !== previous.col && Math.abs(col - previous.col) <= 2) {
      found.push({
        params: { key: match[3], sibling: previous.key, by: col - previous.col, column: previous.col + 1 },
        at: { line: i + 1, col: col + 1 },
      });
    }
    previous = { key: match[3], col, hasValue: match[4] !== undefined };
  }
  return found;
}

function keyAt(text: string, offset: number): string {
  return (
    /^[^:\n]*/
      .exec(text.slice(offset))?.[0]
      .trim()
      .replace(/^["']|["']$/g, "") ?? ""
  );
}

/** Offset of the first key that is a list or a block (`? [a]: b`, `[a]: b`), if any. */
function firstComplexKey(root: Node): number | undefined {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isPair(pair) && pair.key !== null && !isScalar(pair.key)) return (pair.key as Node).range?.[0] ?? 0;
        stack.push(pair.value);
      }
    } else if (isSeq(node)) stack.push(...node.items);
  }
  return undefined;
}

function firstAliasOffset(text: string): number {
  const match = /(^|[\s[{,:-])\*[^\s,\]}]+/m.exec(text);
  return match ? match.index + match[1].length : 0;
}

function positionOfOffset(text: string, offset: number): Position {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split("\n");
  return { line: lines.length, col: lines[lines.length - 1].length + 1 };
}

/** Position of the value at `path`, or of its key when `key` is set; falls back to the nearest parent. */
export function locate(parsed: ParsedTeamFile, path: readonly PathSegment[], key?: string): Position {
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
