// Hostile or broken input: each gets one located error, in bounded time and memory, never a crash.
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

const TOO_DEEP =
  "[yaml-too-deep] lists or blocks are nested more than 16 levels deep: a team file never needs that, start again from the guide's example";

const cases: { input: string; content: string | Uint8Array; expected: string }[] = [
  {
    input: "empty file",
    content: "",
    expected: `${F}:1:1: [file-empty] the file is empty: a team file needs at least \`name: <team display name>\``,
  },
  {
    input: "only comments",
    content: "# nothing\n\n",
    expected: `${F}:1:1: [file-empty] the file is empty: a team file needs at least \`name: <team display name>\``,
  },
  {
    input: "invalid UTF-8",
    content: Buffer.concat([Buffer.from("name: Demo\nstartup: caf"), Buffer.from([0xe9]), Buffer.from("\n")]),
    expected: `${F}:2:13: [file-encoding] the file is not UTF-8: save it as UTF-8 (accented letters are fine, other encodings are not)`,
  },
  {
    input: "duplicate keys",
    content: "name: Demo\nname: Other\n",
    expected: `${F}:2:1: [yaml-duplicate-key] the key "name" appears twice in the same place: keep one and merge their values`,
  },
  {
    input: "top level is a list",
    content: "- name: Demo\n",
    expected: `${F}:1:1: [yaml-top-level] the file must start with keys (\`name:\`, \`members:\`, \`projects:\`...), not with a list (\`- ...\`) or a single value`,
  },
  {
    input: "top level is a scalar",
    content: "just text\n",
    expected: `${F}:1:1: [yaml-top-level] the file must start with keys (\`name:\`, \`members:\`, \`projects:\`...), not with a list (\`- ...\`) or a single value`,
  },
  {
    input: "several documents",
    content: "name: A\n---\nname: B\n",
    expected: `${F}:2:1: [yaml-several-documents] several documents (\`---\`) in one file: one team per file, remove the \`---\` and what follows or move it to its own file`,
  },
  {
    input: "alias bomb",
    content: billionLaughs,
    expected: `${F}:2:8: [yaml-aliases] too many uses of YAML anchors (\`*name\`, limit 50): write the values out instead of using anchors`,
  },
  {
    input: "multi-megabyte file",
    content: `name: Demo\nstartup: ${"x".repeat(5 * 1024 * 1024)}\n`,
    expected: `${F}:1:1: [file-too-large] the file is 5242901 bytes, over the 256 KiB limit of a team file: keep one team per file and remove generated content`,
  },
  {
    input: "unclosed list",
    content: "name: Demo\nmembers: [lea.durand\n",
    expected: `${F}:3:1: [yaml-syntax] the file cannot be read from here on: a list opened with \`[\` or \`{\` is not closed; add the missing \`]\` or \`}\`, on the same line`,
  },
  {
    input: "unclosed quotes",
    content: 'name: "Demo\nstartup: x\n',
    expected: `${F}:3:1: [yaml-syntax] the file cannot be read from here on: quotes are not closed; close them, or remove them`,
  },
  {
    input: "brackets nested 5,000 deep",
    content: `name: Demo\nx: ${"[".repeat(5000)}${"]".repeat(5000)}\n`,
    expected: `${F}:2:20: ${TOO_DEEP}`,
  },
  {
    input: "20,000 nested lists on one line",
    content: `name: Demo\nx: ${"- ".repeat(20000)}a\n`,
    expected: `${F}:2:34: ${TOO_DEEP}`,
  },
  {
    input: "200 levels of indentation",
    content: `name: Demo\nx:\n${Array.from({ length: 200 }, (_, i) => `${" ".repeat(i + 1)}- a:`).join("\n")}\n`,
    expected: `${F}:67:65: ${TOO_DEEP}`,
  },
  {
    input: "a key that is a list",
    content: "name: Demo\n? [a, b]\n: c\n",
    expected: `${F}:2:3: [yaml-complex-key] this key is a list or a block: a key is a plain word followed by \`:\` (\`name:\`, \`members:\`...)`,
  },
  {
    input: "a line made of 4,000 keys",
    content: `name: Demo\nx: ${"a: ".repeat(4000)}b\n`,
    expected: `${F}:2:50: ${TOO_DEEP}`,
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

describe("__proto__ and constructor are plain data", () => {
  it("as keys: unknown keys like any other, no prototype touched", () => {
    const result = validate({ [F]: "name: Demo\n__proto__: {polluted: true}\nconstructor: x\n" });
    expect(result.diagnostics.map((d) => [d.rule, d.line])).toEqual([
      ["unknown-key", 2],
      ["unknown-key", 3],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("as team, project and member names: valid slugs and handles, kept as data", () => {
    const result = validate({
      "teams/__proto__.yaml":
        "name: Proto\nmembers: [constructor]\nprojects:\n  - slug: __proto__\n  - slug: constructor\n    sharedWith: [constructor]\n",
      "teams/constructor.yaml": "name: Constructor\nprojects:\n  - slug: hasownproperty\n    sharedWith: [__proto__]\n",
    });
    expect(messages(result)).toEqual([]);
    expect(result.teams.map((t) => [t.slug, (t.team.projects ?? []).map((p) => p.slug)])).toEqual([
      ["__proto__", ["__proto__", "constructor"]],
      ["constructor", ["hasownproperty"]],
    ]);
  });

  it("in the words that place an error: a list under `constructor` is a list like any other", () => {
    const result = validate({ [F]: 'name: Demo\nconstructor: ["\\u001b"]\n' });
    expect(messages(result)).toEqual([
      'teams/demo.yaml:2:15: [control-characters] the 1st item of `constructor` holds a control or invisible character ("\\u001b"): write this text again on one line, without pasting special characters',
      "teams/demo.yaml:2:1: [unknown-key] unknown key `constructor` at the top level: remove it (possible keys: `name`, `startup`, `owners`, `members`, `projects` or `repositories`)",
    ]);
  });

  it("a project slug __proto__ declared twice is still caught", () => {
    const result = validate({
      "teams/a.yaml": "name: A\nprojects:\n  - slug: __proto__\n",
      "teams/b.yaml": "name: B\nprojects:\n  - slug: __proto__\n",
    });
    expect(result.diagnostics.map((d) => [d.file, d.rule])).toEqual([["teams/b.yaml", "project-slug-taken"]]);
  });
});
