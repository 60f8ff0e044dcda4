// The shared CLI shell in-process: how a command line is read, what the help says, and the progress
// line that only a terminal gets.
import { describe, expect, it } from "vitest";
import { progressLine } from "../src/cli/progress";
import { helpText, parseCommandLine, usageLine, UsageError, type CommandSpec, type OptionSpec } from "../src/cli/run";

const spec: CommandSpec<Record<string, OptionSpec>> = {
  script: "demo",
  summary: "Does a demo.",
  options: {
    dir: { type: "string", default: "teams", value: "DIR", help: "folder" },
    format: { type: "string", default: "text", choices: ["text", "json"], help: "output format" },
    preview: { type: "string", required: true, value: "FILE", help: "a preview" },
    check: { type: "boolean", help: "check only" },
    tag: { type: "string", multiple: true, value: "TAG", help: "a tag" },
  },
  exit: { ok: "done", findings: "found something" },
  run: () => ({ output: "", exitCode: 0 }),
};

const parse = (args: string[], s = spec) => parseCommandLine(s, args);
const usageError = (args: string[], s = spec) => {
  try {
    parse(args, s);
  } catch (error) {
    if (error instanceof UsageError) return error.text;
    throw error;
  }
  throw new Error("no usage error");
};

describe("parseCommandLine", () => {
  it("fills defaults, reads --x v and --x=v, repeats multiple options", () => {
    expect(parse(["--preview", "p.json", "--format=json", "--tag", "a", "--tag=b"])).toEqual({
      values: { dir: "teams", format: "json", preview: "p.json", check: false, tag: ["a", "b"], help: false },
      positionals: [],
    });
  });

  it("accepts a value that starts with - only when written --x=-v", () => {
    expect(parse(["--preview=-p"]).values.preview).toBe("-p");
  });

  it("--help wins over missing required options", () => {
    expect(parse(["--help"]).values.help).toBe(true);
    expect(parse(["-h"]).values.help).toBe(true);
  });

  it.each([
    [["--bogus"], "unknown option --bogus", "option inconnue --bogus"],
    [["-z"], "unknown option -z", "option inconnue -z"],
    [["--preview"], "--preview needs a value (--preview FILE)", "--preview attend une valeur (--preview FILE)"],
    [
      ["--preview", "--check"],
      "--preview needs a value (--preview FILE)",
      "--preview attend une valeur (--preview FILE)",
    ],
    [["--preview", "p", "--check=yes"], "--check takes no value", "--check ne prend pas de valeur"],
    [["--preview", "p", "stray"], 'unexpected argument "stray"', "argument inattendu « stray »"],
    [["--preview", "p", "--", "--stray"], 'unexpected argument "--stray"', "argument inattendu « --stray »"],
    [
      ["--preview", "p", "--format", "xml"],
      'unknown value "xml" for --format: use text or json',
      "valeur inconnue « xml » pour --format : text ou json",
    ],
    [[], "--preview FILE is required", "--preview FILE est obligatoire"],
  ])("%j is a usage error", (args, en, fr) => {
    expect(usageError(args)).toEqual({ en, fr });
  });

  it("takes positionals only when the command declares them", () => {
    const withFiles = { ...spec, positionals: { name: "FILE...", help: "files" } };
    expect(parse(["a.yaml", "--preview", "p", "b.yaml"], withFiles).positionals).toEqual(["a.yaml", "b.yaml"]);
  });

  it("adds --lang fr|en to a localized command, checked like any choice", () => {
    const localized = { ...spec, localized: true };
    expect(parse(["--preview", "p", "--lang", "en"], localized).values.lang).toBe("en");
    expect(parse(["--preview", "p"], localized).values.lang).toBeUndefined();
    expect(usageError(["--preview", "p", "--lang", "de"], localized)).toEqual({
      en: 'unknown value "de" for --lang: use fr or en',
      fr: "valeur inconnue « de » pour --lang : fr ou en",
    });
    expect(usageError(["--preview", "p", "--lang", "en"])).toEqual({
      en: "unknown option --lang",
      fr: "option inconnue --lang",
    });
  });
});

describe("the help", () => {
  it("is generated from the options: usage line, summary, one row per option with its default, exit codes", () => {
    expect(helpText(spec, "en")).toBe(
      [
        "usage: npm run demo -- [--dir DIR] [--format text|json] --preview FILE [--check] [--tag TAG]",
        "",
        "Does a demo.",
        "",
        "Options:",
        "  --dir DIR           folder (default teams)",
        "  --format text|json  output format (default text)",
        "  --preview FILE      a preview",
        "  --check             check only",
        "  --tag TAG           a tag",
        "  -h, --help          print this help",
        "",
        "Exit codes: 0 done; 1 found something; 2 usage or environment error.",
      ].join("\n"),
    );
  });

  it("says npm run -s for commands whose stdout is data, and has no exit 1 for commands without findings", () => {
    const silent = { ...spec, silent: true, exit: { ok: "done" } };
    expect(usageLine(silent, "en")).toMatch(/^usage: npm run -s demo -- /);
    expect(helpText(silent, "en")).toMatch(/\nExit codes: 0 done; 2 usage or environment error\.$/);
  });

  it("is in French for a localized command, --lang included", () => {
    const localized: CommandSpec<Record<string, OptionSpec>> = {
      ...spec,
      localized: true,
      summary: { fr: "Fait une démo.", en: "Does a demo." },
      options: { dir: { type: "string", value: { fr: "DOSSIER", en: "DIR" }, help: { fr: "dossier", en: "folder" } } },
      exit: { ok: { fr: "fait", en: "done" } },
    };
    expect(helpText(localized, "fr")).toBe(
      [
        "usage : npm run demo -- [--dir DOSSIER] [--lang fr|en]",
        "",
        "Fait une démo.",
        "",
        "Options :",
        "  --dir DOSSIER  dossier",
        "  --lang fr|en   langue des messages (par défaut celle de la stack, sinon fr)",
        "  -h, --help     affiche cette aide",
        "",
        "Codes de sortie : 0 fait ; 2 erreur d'utilisation ou d'environnement.",
      ].join("\n"),
    );
  });
});

describe("progressLine", () => {
  const stream = (isTTY: boolean, columns = 40) => {
    const written: string[] = [];
    return { written, isTTY, columns, write: (text: string) => written.push(text) };
  };

  it("rewrites one status line on a terminal, at most every 100 ms, cut to its width, and clears it", () => {
    const terminal = stream(true);
    let now = 0;
    const progress = progressLine(terminal, {}, () => now);
    progress.update("reading: 1 request");
    now = 50;
    progress.update("reading: 2 requests");
    now = 150;
    progress.update(`reading: ${"x".repeat(60)}`);
    progress.done();
    progress.done();
    expect(terminal.written).toEqual([
      "\r\u001b[2Kreading: 1 request",
      `\r\u001b[2Kreading: ${"x".repeat(29)}…`,
      "\r\u001b[2K",
    ]);
  });

  it.each([
    ["not a terminal", false, {}],
    ["in CI", true, { CI: "true" }],
  ])("writes nothing %s", (_label, isTTY, env) => {
    const out = stream(isTTY);
    const progress = progressLine(out, env, () => 1000);
    progress.update("reading");
    progress.done();
    expect(out.written).toEqual([]);
  });
});
