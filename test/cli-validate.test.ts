// The validator as CI and startups run it: exit codes, arguments, languages, every output format, and
// nothing from a team file reaching the log, an annotation or the job summary unescaped.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { markdownText } from "../src/i18n/escape";
import { readTeamDirectory } from "../src/team-file/load";
import { ROOT } from "./helpers/team-files";

function run(args: string[]): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, ["--import", "tsx", "src/cli/validate.ts", ...args], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: "pipe",
    });
    return { status: 0, stdout, stderr: "" };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "teams-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

// Control characters other than the line feed that ends each line of output.
// eslint-disable-next-line no-control-regex -- the point is to find them
const CONTROL = new RegExp("[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f]");

const MEMBRES_FR =
  "[unknown-key] clé inconnue `membres` au premier niveau du fichier : vouliez-vous écrire `members` ?";
const MEMBRES_EN = "[unknown-key] unknown key `membres` at the top level: did you mean `members`?";

describe("npm run validate", () => {
  it("exits 0 on the repository's teams/, in French by the prod stack's setting", () => {
    const result = run([]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("3 fichier(s) d'équipe valide(s) dans teams.\n");
  });

  it("exits 1 and prints PATH:LINE:COL: [rule] message for every error of every file", () => {
    const dir = folder({
      "a.yaml": "name: A\nmembres: []\n",
      "b.yaml": "name: B\nmembers: [Bad]\n",
      "ok.yaml": "name: Ok\n",
    });
    const result = run(["--dir", dir]);
    expect(result.status).toBe(1);
    expect(result.stdout.trim().split("\n")).toEqual([
      `${dir}/a.yaml:2:1: ${MEMBRES_FR}`,
      `${dir}/b.yaml:2:11: [handle-format] le 1er membre : « Bad » n'est pas un identifiant beta.gouv.fr ; écrivez \`bad\``,
      "2 erreur(s) dans 2 des 3 fichier(s) d'équipe.",
    ]);
  });

  // The adoption file that `npm run import` writes next to the team files (src/adoption/adoption.ts).
  describe("also checks the folder's adoption.json, as the plan and the program read it", () => {
    const adoption = (organization: string) =>
      JSON.stringify({ organization, teams: { ok: { import: "betagouv/ok" } } }, null, 2) + "\n";
    it.each([
      [
        "fr",
        "l'organisation « elsewhere » n'est pas celle de la stack (« betagouv ») : importez depuis la bonne organisation",
        "1 erreur(s) dans 1 des 1 fichier(s) d'équipe.",
      ],
      [
        "en",
        'organization "elsewhere" is not this stack\'s organization "betagouv": import from the right organization',
        "1 error(s) in 1 of 1 team file(s).",
      ],
    ])("located errors, exit 1 (%s)", (lang, message, summary) => {
      const dir = folder({ "ok.yaml": "name: Ok\n", "adoption.json": adoption("elsewhere") });
      const result = run(["--dir", dir, "--lang", lang]);
      expect(result.status).toBe(1);
      expect(result.stdout.trim().split("\n")).toEqual([
        `${dir}/adoption.json:2:19: [adoption-organization] ${message}`,
        summary,
      ]);
    });

    it("as annotations on the file for a pull request", () => {
      const dir = folder({ "ok.yaml": "name: Ok\n", "adoption.json": '{\n  "organization": 1\n}\n' });
      const result = run(["--dir", dir, "--format", "github"]);
      expect(result.status).toBe(1);
      expect(result.stdout).toMatch(new RegExp(`^::error file=${dir}/adoption\\.json,line=2,col=\\d+,`, "m"));
    });

    it("valid with valid team files; not checked while a team file has errors, nor when given files", () => {
      expect(run(["--dir", folder({ "ok.yaml": "name: Ok\n", "adoption.json": adoption("betagouv") })]).status).toBe(0);
      const broken = folder({ "ok.yaml": "name: Ok\nmembres: []\n", "adoption.json": adoption("elsewhere") });
      expect(run(["--dir", broken]).stdout).not.toContain("adoption");
      const given = folder({ "ok.yaml": "name: Ok\n", "adoption.json": adoption("elsewhere") });
      expect(run([join(given, "ok.yaml")]).status).toBe(0);
    });
  });

  it("--lang en prints English", () => {
    const dir = folder({ "a.yaml": "name: A\nmembres: []\n" });
    const result = run(["--dir", dir, "--lang", "en"]);
    expect(result.stdout.trim().split("\n")).toEqual([
      `${dir}/a.yaml:2:1: ${MEMBRES_EN}`,
      "1 error(s) in 1 of 1 team file(s).",
    ]);
  });

  it("accepts team files as arguments, checked against the rest of their folder", () => {
    const dir = folder({
      "a.yaml": "name: A\nprojects:\n  - slug: shared\n",
      "b.yaml": "name: B\nprojects:\n  - slug: shared\n    sharedWith: [a]\n",
      "c.yaml": "name: C\nmembres: []\n",
    });
    const result = run([join(dir, "b.yaml"), "--lang", "en"]);
    expect(result.status).toBe(1);
    expect(result.stdout.trim().split("\n")).toEqual([
      `${dir}/b.yaml:3:11: [project-slug-taken] the project slug "shared" is already declared in "${dir}/a.yaml:3:11"; a slug is unique across the whole organization, pick another one`,
      "1 error(s) in 1 of 1 team file(s).",
    ]);
    expect(run([join(dir, "a.yaml")]).status).toBe(0);
  });

  it("--format github prints one annotation per error, titled with the rule id", () => {
    const dir = folder({ "a.yaml": "name: A\nmembres: []\n" });
    const result = run(["--dir", dir, "--format", "github"]);
    expect(result.status).toBe(1);
    expect(result.stdout.split("\n")[0]).toBe(
      `::error file=${dir}/a.yaml,line=2,col=1,title=unknown-key::${MEMBRES_FR.replace("[unknown-key] ", "")}`,
    );
  });

  it("--format json prints one document for tools", () => {
    const dir = folder({ "a.yaml": "name: A\nmembres: []\n", "b.yaml": "name: B\n" });
    const result = run(["--dir", dir, "--format", "json", "--lang", "en"]);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      valid: false,
      filesChecked: 2,
      language: "en",
      errors: [
        {
          file: `${dir}/a.yaml`,
          line: 2,
          col: 1,
          rule: "unknown-key",
          severity: "error",
          message: "unknown key `membres` at the top level: did you mean `members`?",
        },
      ],
      warnings: [],
    });
  });

  it("--summary appends every error as a Markdown table (GitHub shows only 10 annotations per step)", () => {
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`t${i}.yaml`, "name: T\nmembres: []\n"]));
    const dir = folder(files);
    const summary = join(dir, "summary.md");
    writeFileSync(summary, "earlier step\n");
    const result = run(["--dir", dir, "--format", "github", "--summary", summary]);
    expect(result.stdout.trim().split("\n")).toHaveLength(12 + 1);
    const table = readFileSync(summary, "utf8").split("\n");
    expect(table.slice(0, 5)).toEqual([
      "earlier step",
      "### Vérification des fichiers d'équipe",
      "",
      "| Fichier | Ligne | Colonne | Règle | Message |",
      "| --- | --- | --- | --- | --- |",
    ]);
    expect(table.filter((line) => line.startsWith(`| ${markdownText(dir)}`))).toHaveLength(12);
  });

  it("--help prints the usage and the exit codes, and exits 0", () => {
    const result = run(["--help", "--lang", "en"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("usage: npm run validate -- [FILE...] [--dir DIR]");
    expect(result.stdout).toContain("Exit codes: 0 valid files; 1 errors found; 2 usage or environment error.");
    expect(run(["--help"]).stdout).toContain(
      "Codes de sortie : 0 fichiers valides ; 1 erreurs trouvées ; 2 erreur d'utilisation ou d'environnement.",
    );
  });

  it.each([
    [
      ["--stack", "nope"],
      "erreur : pas de fichier de stack Pulumi.nope.yaml : donnez une stack existante avec --stack NOM",
    ],
    [
      ["--dir", "/nonexistent"],
      "erreur : impossible de lire le dossier d'équipes /nonexistent : donnez un dossier existant avec --dir DOSSIER",
    ],
    [
      ["teams/nope.yaml"],
      "erreur : pas de fichier d'équipe teams/nope.yaml : donnez le chemin d'un fichier .yaml d'un dossier d'équipes",
    ],
    [
      ["--dir", "/nonexistent", "--lang", "en"],
      "error: cannot read team folder /nonexistent: pass an existing folder with --dir DIR",
    ],
    [
      ["teams/nope.yaml", "--lang", "en"],
      "error: no team file teams/nope.yaml: give the path of a .yaml file of a team folder",
    ],
    [
      ["--dir", "teams", "teams/aides-jeunes.yaml"],
      "erreur : donnez soit --dir, soit des fichiers d'équipe, pas les deux",
    ],
    [["--format", "xml"], "erreur : valeur inconnue « xml » pour --format : text, github, json ou markdown"],
    [["--lang", "de"], "erreur : valeur inconnue « de » pour --lang : fr ou en"],
    [["--bogus"], "erreur : option inconnue --bogus"],
  ] as const)("%j is a usage or environment error: exit 2, one line, no stack trace", (args, line) => {
    const result = run([...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    const hint = line.startsWith("error:")
      ? "(help: npm run validate -- --help)"
      : "(aide : npm run validate -- --help)";
    expect(result.stderr).toBe(`${line} ${hint}\n`);
  });
});

describe("the team folder is read as data", () => {
  it("a link to /dev/zero, a link outside, a link loop, a folder named x.yaml and x.YAML: one error each, the rest still checked", () => {
    const outside = folder({ "secret.yaml": "name: TOP SECRET CONTENT\n" });
    const dir = folder({ "ok.yaml": "name: Ok\n", "bad.yaml": "name: Bad\nmembres: []\n", "upper.YAML": "name: Up\n" });
    symlinkSync("/dev/zero", join(dir, "zero.yaml"));
    symlinkSync(join(outside, "secret.yaml"), join(dir, "outside.yaml"));
    symlinkSync(join(dir, "loop.yaml"), join(dir, "loop.yaml"));
    mkdirSync(join(dir, "folder.yaml"));
    const started = Date.now();
    const result = run(["--dir", dir, "--lang", "en"]);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result.status).toBe(1);
    expect(result.stdout).not.toContain("TOP SECRET");
    expect(result.stdout.trim().split("\n")).toEqual([
      `${dir}/bad.yaml:2:1: ${MEMBRES_EN}`,
      `${dir}/folder.yaml:1:1: [file-not-regular] "folder.yaml" is a folder: the team folder holds only regular files, read without following links; put the file itself there, or remove this entry`,
      `${dir}/loop.yaml:1:1: [file-not-regular] "loop.yaml" is a symbolic link: the team folder holds only regular files, read without following links; put the file itself there, or remove this entry`,
      `${dir}/outside.yaml:1:1: [file-not-regular] "outside.yaml" is a symbolic link: the team folder holds only regular files, read without following links; put the file itself there, or remove this entry`,
      `${dir}/upper.YAML:1:1: [file-extension] team files end in .yaml: rename "upper.YAML" to "upper.yaml"`,
      `${dir}/zero.yaml:1:1: [file-not-regular] "zero.yaml" is a symbolic link: the team folder holds only regular files, read without following links; put the file itself there, or remove this entry`,
      "6 error(s) in 6 of 7 team file(s).",
    ]);
  });

  it("each file's bytes are its own, whatever was read before it (one read buffer serves every file)", () => {
    const files = { "a-long.yaml": `name: Long\n# ${"x".repeat(200_000)}\n`, "b.yaml": "name: B\n", "c.yaml": "" };
    const read = readTeamDirectory(folder(files), "/");
    expect(read.map((f) => Buffer.from(f.bytes).toString("utf8"))).toEqual(Object.values(files));
    expect(read.map((f) => f.bytes.buffer.byteLength)).not.toContain(256 * 1024 + 1);
  });

  it("a FIFO named x.yaml is refused without waiting on it", () => {
    const dir = folder({ "ok.yaml": "name: Ok\n" });
    execFileSync("mkfifo", [join(dir, "pipe.yaml")]);
    const result = run(["--dir", dir, "--lang", "en", "--format", "json"]);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).errors.map((e: { file: string; rule: string }) => [e.file, e.rule])).toEqual([
      [`${dir}/pipe.yaml`, "file-not-regular"],
    ]);
  });
});

describe("nothing from a team file is interpreted by CI", () => {
  // A value the validator quotes back (an unknown key, also refused for its control characters) and a
  // file name, crafted to act on each output: three errors.
  const hostileKey = "x\\n::error file=evil::injected\\u001b[31m<img src=x onerror=alert(1)>|**bold**";
  const dir = folder({ "a.yaml": `name: A\n"${hostileKey}": 1\n` });
  const name = "evil\n::warning::named\u001b[2J|*x*.yaml";
  writeFileSync(join(dir, name), "name: B\n");

  it("text: no control character, no line starting a workflow command", () => {
    const { stdout } = run(["--dir", dir]);
    expect(stdout).not.toMatch(CONTROL);
    expect(stdout.split("\n").filter((line) => line.startsWith("::"))).toEqual([]);
    expect(stdout).toContain("\\n::error file=evil::injected\\u001b[31m");
  });

  it("github: one annotation per error, each on one line (a command is only read at the start of a line)", () => {
    const { stdout } = run(["--dir", dir, "--format", "github"]);
    const lines = stdout.trim().split("\n").slice(0, -1);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).toMatch(/^::error file=[^:,]*,line=\d+,col=\d+,title=[a-z-]+::/);
    }
    expect(stdout).not.toMatch(CONTROL);
  });

  it("json: parseable, no raw control character", () => {
    const { stdout } = run(["--dir", dir, "--format", "json"]);
    expect(stdout).not.toMatch(CONTROL);
    const document = JSON.parse(stdout);
    expect(document.errors).toHaveLength(3);
  });

  it("markdown summary: no HTML, no Markdown, no table break", () => {
    const summary = join(dir, "summary.md");
    run(["--dir", dir, "--format", "markdown", "--summary", summary]);
    const rows = readFileSync(summary, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("| ") && !line.startsWith("| ---") && !line.startsWith("| Fichier"));
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).not.toMatch(/<|>/);
      expect(row).not.toMatch(CONTROL);
      expect(row.split(/(?<!\\)\|/)).toHaveLength(7);
      expect(row).not.toMatch(/(?<!\\)\*\*/);
    }
  });
});
