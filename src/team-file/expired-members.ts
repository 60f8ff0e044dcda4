// Removing the members whose access has ended from a team file's text, for the pull request that the
// scheduled workflow opens (docs/ops.md, "Access that expires"). The YAML document locates the entries;
// the text is then cut around them, so that every other line (comments, alignment, quoting) stays as
// its authors wrote it. A recipient `{member: x}` of a removed person goes too, or becomes `team` when
// it was a rule's only recipient, so that the file stays valid.
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap, type YAMLSeq } from "yaml";
import { accessEnded, isCalendarDate } from "./expiry";

export interface EndedMember {
  /** The handle, or the explicit e-mail, as written. */
  who: string;
  until: string;
}

export interface ExpiredRemoval {
  text: string;
  removed: EndedMember[];
  /** How many alert recipients `{member: ...}` of removed people were removed or replaced by `team`. */
  recipients: number;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const sourceOf = (text: string, node: Node) => text.slice(node.range![0], node.range![1]).trimEnd();

function ended(item: unknown, today: string): EndedMember[] {
  if (!isMap(item)) return [];
  const until = item.get("until");
  const who = item.get("handle") ?? item.get("email");
  return typeof until === "string" && typeof who === "string" && isCalendarDate(until) && accessEnded(until, today)
    ? [{ who, until }]
    : [];
}

/** `text` without the members whose access has ended on `today`, or undefined when there are none. */
export function removeEndedMembers(text: string, today: string): ExpiredRemoval | undefined {
  const doc = parseDocument(text);
  const members = doc.get("members");
  if (!isSeq(members)) return undefined;
  const gone = members.items.filter((item) => ended(item, today).length > 0) as Node[];
  if (gone.length === 0) return undefined;
  const removed = gone.flatMap((item) => ended(item, today));
  const handles = new Set(removed.map((m) => m.who));

  const edits: Edit[] = [...removeItems(text, doc.contents as YAMLMap, "members", members, gone)];
  let recipients = 0;
  const projects = doc.get("projects");
  for (const project of isSeq(projects) ? projects.items : []) {
    for (const kind of ["alerts", "performance"]) {
      const rules = isMap(project) ? project.get(kind) : undefined;
      for (const rule of isSeq(rules) ? rules.items : []) {
        const notify = isMap(rule) ? rule.get("notify") : undefined;
        if (!isSeq(notify)) continue;
        const targets = notify.items.filter((target) => {
          const member = isMap(target) ? target.get("member") : undefined;
          return typeof member === "string" && handles.has(member);
        }) as Node[];
        if (targets.length === 0) continue;
        recipients += targets.length;
        edits.push(...removeItems(text, rule as YAMLMap, "notify", notify, targets, "team"));
      }
    }
  }
  return { text: applyEdits(text, edits), removed, recipients };
}

/**
 * Edits removing `gone` from the sequence under `key` of `parent`. When nothing would be left, the
 * sequence becomes `[]`, or `[lastResort]` (the first removed item is replaced by it in a block list).
 */
function removeItems(
  text: string,
  parent: YAMLMap,
  key: string,
  seq: YAMLSeq,
  gone: readonly Node[],
  lastResort?: string,
): Edit[] {
  const kept = seq.items.filter((item) => !gone.includes(item as Node)) as Node[];
  if (seq.flow) {
    const items = kept.length > 0 ? kept.map((item) => sourceOf(text, item)) : lastResort ? [lastResort] : [];
    return [{ start: seq.range![0], end: seq.range![1], text: `[${items.join(", ")}]` }];
  }
  if (kept.length === 0 && !lastResort) {
    // `members:` followed by its block: the value becomes `[]` on the key's line.
    const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Node, Node>;
    const colon = text.indexOf(":", pair.key.range![1]);
    return [{ start: colon + 1, end: lineEnd(text, seq.range![1] - 1) - 1, text: " []" }];
  }
  return gone.map((item, i) =>
    kept.length === 0 && i === 0
      ? { start: item.range![0], end: item.range![0] + sourceOf(text, item).length, text: lastResort! }
      : { start: lineStart(text, item.range![0]), end: lineEnd(text, item.range![1] - 1), text: "" },
  );
}

const lineStart = (text: string, offset: number) => text.lastIndexOf("\n", offset - 1) + 1;
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf("\n", offset);
  return newline === -1 ? text.length : newline + 1;
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}
