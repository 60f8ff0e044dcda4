// Hostile or broken input: each gets a located error, in bounded time and memory, never a crash.
import { describe, expect, it } from "vitest";
import { messages, validate } from "./helpers/team-files";

const F = "teams/demo.yaml";

const billionLaughs = [
  "a: &a [x, x, x, x, x, x, x, x, x, x]",
  "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
  "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
  "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
  "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]",
  "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]",
  "name: Demo",
].join("\n");

const cases: { input: string; content: string | Uint8Array; expected: string }[] = [
  {
    input: "empty file",
    content: "",
    expected: `${F}:1:1: file is empty: a team file needs at least \`name: <team display name>\``,
  },
  {
    input: "only comments",
    content: "# nothing\n\n",
    expected: `${F}:1:1: file is empty: a team file needs at least \`name: <team display name>\``,
  },
  {
    input: "invalid UTF-8",
    content: Buffer.concat([Buffer.from("name: Demo\nstartup: caf"), Buffer.from([0xe9]), Buffer.from("\n")]),
    expected: `${F}:2:13: file is not valid UTF-8: save it as UTF-8 (accented letters are fine, other encodings are not)`,
  },
  {
    input: "tab indentation",
    content: "name: Demo\nmembers:\n\t- lea.durand\n",
    expected: `${F}:3:1: tab character used for indentation: indent with spaces only`,
  },
  {
    input: "duplicate keys",
    content: "name: Demo\nname: Other\n",
    expected: `${F}:2:1: duplicate key: each key may appear only once in a mapping; merge the two entries`,
  },
  {
    input: "top level is a list",
    content: "- name: Demo\n",
    expected: `${F}:1:1: the top level must be a mapping of keys (\`name:\`, \`members:\`, \`projects:\`...), not a list or a single value`,
  },
  {
    input: "top level is a scalar",
    content: "just text\n",
    expected: `${F}:1:1: the top level must be a mapping of keys (\`name:\`, \`members:\`, \`projects:\`...), not a list or a single value`,
  },
  {
    input: "several documents",
    content: "name: A\n---\nname: B\n",
    expected: `${F}:2:1: several YAML documents (\`---\`) in one file: keep a single team per file`,
  },
  {
    input: "alias bomb",
    content: billionLaughs,
    expected: `${F}:2:8: too many YAML alias expansions (limit 50): write the values out instead of using anchors and aliases`,
  },
  {
    input: "multi-megabyte file",
    content: `name: Demo\nstartup: ${"x".repeat(5 * 1024 * 1024)}\n`,
    expected: `${F}:1:1: file is 5242901 bytes, over the 256 KiB limit for a team file: keep one team per file and remove generated content`,
  },
  {
    input: "unclosed flow sequence",
    content: "name: Demo\nmembers: [lea.durand\n",
    expected: `${F}:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
  },
];

describe("hostile or broken input", () => {
  it.each(cases)("$input", ({ content, expected }) => {
    const started = performance.now();
    const result = validate({ [F]: content });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(messages(result)).toEqual([expected]);
    expect(result.teams).toEqual([]);
  });

  it("a broken file does not hide the errors of the other files", () => {
    const result = validate({ "teams/a.yaml": "", "teams/b.yaml": "name: B\nplatform: x\n" });
    expect(result.diagnostics.map((d) => d.file).sort()).toEqual(["teams/a.yaml", "teams/b.yaml"]);
  });
});
