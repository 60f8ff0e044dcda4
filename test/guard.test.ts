// The deletion guard over preview documents in the real `pulumi preview --json` shape
// (test/fixtures/previews/README.md), with and without `same` steps.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guardPreview, parsePreview, PreviewFormatError } from "../src/delivery/guard";
import { ROOT } from "./helpers/team-files";

const fixture = (name: string) => join(ROOT, "test", "fixtures", "previews", name);
const read = (name: string) => parsePreview(readFileSync(fixture(name), "utf8"));
const P = "urn:pulumi:prod::sentry-incubateur::";
const MEMBER = `${P}sentry-incubateur:index:Members$sentry:index/sentryOrganizationMember:SentryOrganizationMember::`;
const STACK_STEP = { op: "same", urn: `${P}pulumi:pulumi:Stack::sentry-incubateur-prod` };

describe("guardPreview", () => {
  it.each([
    ["add-team.with-sames.json", []],
    ["remove-one-member.with-sames.json", []],
    [
      "remove-one-member.without-sames.json",
      [
        "would remove 1 of 1 organization members (100%, more than 25% at once): person7@beta.gouv.fr (the preview shows no unchanged resource: was it made with --show-sames?)",
      ],
    ],
    [
      "remove-many-members.with-sames.json",
      [
        "would remove 3 of 8 organization members (38%, more than 25% at once): person5@beta.gouv.fr, person6@beta.gouv.fr, person7@beta.gouv.fr",
      ],
    ],
    [
      "replace-members.with-sames.json",
      [
        "would remove 2 of 5 organization members (40%, more than 25% at once): person3@beta.gouv.fr, person4@beta.gouv.fr",
      ],
    ],
    [
      "remove-team-file.with-sames.json",
      [
        `would stop managing (retained in Sentry) Sentry team "ancienne" (${P}sentry-incubateur:index:Team$sentry:index/sentryTeam:SentryTeam::ancienne)`,
        `would stop managing (retained in Sentry) Sentry project "ancienne-front" (${P}sentry-incubateur:index:Team$sentry-incubateur:index:Project$sentry:index/sentryProject:SentryProject::ancienne-front)`,
      ],
    ],
    [
      "rename-project.with-sames.json",
      [
        `would replace Sentry project "demo" (${P}sentry-incubateur:index:Team$sentry-incubateur:index:Project$sentry:index/sentryProject:SentryProject::demo)`,
      ],
    ],
  ])("%s", (name, offenders) => {
    expect(guardPreview(read(name)).offenders).toEqual(offenders);
  });

  it("counts members against those known before a targeted preview, when more than it shows", () => {
    const document = read("remove-one-member.without-sames.json");
    expect(guardPreview(document, { membersBefore: 8 }).offenders).toEqual([]);
    expect(guardPreview(document, { membersBefore: 3 }).offenders).toHaveLength(1);
  });

  it("a deletion of a team or project without retainOnDelete is a deletion", () => {
    const document = read("remove-team-file.with-sames.json");
    for (const step of document.steps) delete step.oldState?.retainOnDelete;
    expect(guardPreview(document).offenders[0]).toMatch(/^would delete Sentry team "ancienne"/);
  });

  it("never lets team-file text through as a line break or a control sequence", () => {
    const steps = [STACK_STEP, { op: "delete", urn: `${MEMBER}x\n::error::pwned\u001b[31m@beta.gouv.fr` }];
    const [offender] = guardPreview({ steps, diagnostics: [] }).offenders;
    expect(offender).toContain("x\\n::error::pwned\\u001b[31m@beta.gouv.fr");
    expect(offender).not.toContain("\n");
    expect(offender).not.toContain("\u001b");
  });

  it.each([
    ["not json", "the preview file is not JSON: produce it with `pulumi preview --json --show-sames`"],
    ["{}", "the preview file has no valid `steps` list: produce it with `pulumi preview --json --show-sames`"],
    ["null", "the preview file is not a preview document: produce it with `pulumi preview --json --show-sames`"],
    ["[]", "the preview file is not a preview document: produce it with `pulumi preview --json --show-sames`"],
    ["42", "the preview file is not a preview document: produce it with `pulumi preview --json --show-sames`"],
    [
      '{"steps": [{"urn": 1}]}',
      "the preview file has no valid `steps` list: produce it with `pulumi preview --json --show-sames`",
    ],
    [
      '{"steps": [], "changeSummary": {}}',
      "the preview file has no step for the stack itself, so it is not a whole preview: produce it with `pulumi preview --json --show-sames`",
    ],
  ])("refuses %j", (text, message) => {
    expect(() => parsePreview(text)).toThrow(new PreviewFormatError(message));
  });

  it.each([
    ["failed.json", "the preview failed (1 error(s)): nothing can be judged from it"],
    ["unknown-operation.with-sames.json", 'unknown operation(s) "teleport": refused until the guard knows them'],
  ])("refuses %s whatever the label says", (name, message) => {
    expect(() => read(name)).toThrow(new PreviewFormatError(message));
  });
});

function guard(args: string[]): { status: number; stdout: string; stderr: string } {
  try {
    return {
      status: 0,
      stdout: execFileSync(process.execPath, ["--import", "tsx", "src/cli/guard.ts", ...args], {
        cwd: ROOT,
        encoding: "utf8",
        stdio: "pipe",
      }),
      stderr: "",
    };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("npm run guard", () => {
  it("exits 1 and names each offender", () => {
    const result = guard(["--preview", fixture("rename-project.with-sames.json")]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('would replace Sentry project "demo"');
    expect(result.stdout).toContain("add the `allow-deletions` label");
  });

  it("lets a reviewed deletion through with --allow-deletions", () => {
    const result = guard(["--preview", fixture("remove-team-file.with-sames.json"), "--allow-deletions"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Sentry team "ancienne"');
  });

  it("does not let --allow-deletions pass a failed preview: refused (exit 1), saying why", () => {
    const result = guard(["--preview", fixture("failed.json"), "--allow-deletions"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^deletion guard: refusing to deploy: the preview failed/);
  });

  it("exits 0 when nothing is removed", () => {
    expect(guard(["--preview", fixture("add-team.with-sames.json")])).toMatchObject({
      status: 0,
      stdout: "deletion guard: nothing to refuse.\n",
    });
  });

  it.each([
    [[], 2, /--preview FILE is required/],
    [["--preview", "/nonexistent.json"], 2, /^error: cannot read \/nonexistent.json\n$/],
    [["--preview", fixture("add-team.with-sames.json"), "--max-member-removal", "2"], 2, /fraction between 0 and 1/],
    [["--preview", fixture("add-team.with-sames.json"), "--members-before=1.5"], 2, /whole number/],
  ])("%j -> exit %i", (args, status, message) => {
    const result = guard(args);
    expect(result.status).toBe(status);
    expect(result.stderr).toMatch(message);
  });
});
