// The deletion guard over preview documents (test/fixtures/previews, in `pulumi preview --json` shape).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guardPreview, parsePreview, PreviewFormatError } from "../src/delivery/guard";
import { ROOT } from "./helpers/team-files";

const fixture = (name: string) => join(ROOT, "test", "fixtures", "previews", name);
const P = "urn:pulumi:prod::sentry-incubateur::";

describe("guardPreview", () => {
  it.each([
    ["add-team.json", []],
    [
      "remove-team-file.json",
      [
        `would stop managing (retained in Sentry) Sentry team "ancienne" (${P}sentry-incubateur:index:Team$sentry:index/sentryTeam:SentryTeam::ancienne)`,
        `would stop managing (retained in Sentry) Sentry project "ancienne-front" (${P}sentry-incubateur:index:Team$sentry-incubateur:index:Project$sentry:index/sentryProject:SentryProject::ancienne-front)`,
      ],
    ],
    [
      "rename-project.json",
      [
        `would replace Sentry project "demo" (${P}sentry-incubateur:index:Team$sentry-incubateur:index:Project$sentry:index/sentryProject:SentryProject::demo)`,
      ],
    ],
    [
      "remove-many-members.json",
      [
        "would remove 3 of 8 organization members (38%, more than 25% at once): person5@beta.gouv.fr, person6@beta.gouv.fr, person7@beta.gouv.fr",
      ],
    ],
    ["remove-one-member.json", []],
  ])("%s", (name, offenders) => {
    expect(guardPreview(parsePreview(readFileSync(fixture(name), "utf8"))).offenders).toEqual(offenders);
  });

  it("counts a member deletion against the members the preview shows, so that missing steps only make it stricter", () => {
    const steps = [
      {
        op: "delete",
        urn: `${P}sentry-incubateur:index:Members$sentry:index/sentryOrganizationMember:SentryOrganizationMember::a@beta.gouv.fr`,
      },
      {
        op: "same",
        urn: `${P}sentry-incubateur:index:Members$sentry:index/sentryOrganizationMember:SentryOrganizationMember::b@beta.gouv.fr`,
      },
    ];
    expect(guardPreview(steps).offenders).toHaveLength(1);
    expect(guardPreview(steps, 0.5).offenders).toEqual([]);
  });

  it.each([
    ["not json", "the preview file is not JSON: produce it with `pulumi preview --json`"],
    ['{"steps": [{"urn": 1}]}', "the preview file has no valid `steps` list: produce it with `pulumi preview --json`"],
  ])("refuses %j", (text, message) => {
    expect(() => parsePreview(text)).toThrow(new PreviewFormatError(message));
  });

  it("accepts a preview with no change (no steps)", () => {
    expect(guardPreview(parsePreview('{"changeSummary": {}}')).offenders).toEqual([]);
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
    const result = guard(["--preview", fixture("rename-project.json")]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('would replace Sentry project "demo"');
    expect(result.stdout).toContain("add the `allow-deletions` label");
  });

  it("lets a reviewed deletion through with --allow-deletions", () => {
    const result = guard(["--preview", fixture("remove-team-file.json"), "--allow-deletions"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Sentry team "ancienne"');
  });

  it("exits 0 when nothing is removed", () => {
    expect(guard(["--preview", fixture("add-team.json")])).toMatchObject({
      status: 0,
      stdout: "deletion guard: nothing to refuse.\n",
    });
  });

  it.each([
    [[], 2, /--preview FILE is required/],
    [["--preview", "/nonexistent.json"], 1, /cannot read \/nonexistent.json/],
    [["--preview", fixture("add-team.json"), "--max-member-removal", "2"], 2, /fraction between 0 and 1/],
  ])("%j -> exit %i", (args, status, message) => {
    const result = guard(args);
    expect(result.status).toBe(status);
    expect(result.stderr).toMatch(message);
  });
});
