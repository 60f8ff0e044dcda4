// Targeted previews: the URNs are those the program registers, as the real engine names them, for
// the changed team files at the pull request's head and at the merge base.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import * as sentry from "@pulumiverse/sentry";
import { describe, expect, it } from "vitest";
import { alertBodyKey } from "../src/team-file/alert-body";
import { InvalidTeamFilesError, targetUrns } from "../src/delivery/targets";
import { planTeams } from "../src/plan/plan";
import { TYPES } from "../src/pulumi/names";
import { PULUMI_PROJECT } from "../src/stack/policy";
import { GitRepo } from "./helpers/git-repo";
import { teamDir } from "./helpers/plan-harness";
import { ROOT } from "./helpers/team-files";

const P = "urn:pulumi:prod::sentry-incubateur::";
/** The type token an SDK class registers (a static member its typings keep internal). */
const tokenOf = (sdkClass: object) => (sdkClass as { __pulumiType: string }).__pulumiType;
const resolve = <T>(output: pulumi.Output<T>) => new Promise<T>((done) => output.apply(done));

describe("the mock engine's URNs", () => {
  it("are the engine's: the SDK's own createUrn of each registration's type, name and parent", async () => {
    const result = await planTeams({
      dir: teamDir({
        "chat.yaml":
          "name: Chat\nmembers: [{handle: lea.durand, teamRole: admin}]\nprojects:\n  - slug: chat\n    repository: betagouv/chat\n    alerts:\n      - name: Pic, prod\n        when: [new-issue]\n        notify: [{mattermost: chat-sentry}, {member: lea.durand}]\n",
      }),
      stack: "test-mattermost",
      projectDir: ROOT,
    });
    if (!result.ok) throw new Error("valid input expected");
    const { resources } = result.plan;
    expect(resources.length).toBeGreaterThan(15);
    for (const r of resources) {
      expect(r.urn).toBe(await resolve(pulumi.createUrn(r.name, r.type, r.parent, PULUMI_PROJECT, "test-mattermost")));
    }
    const alert = resources.find((r) => r.type === TYPES.issueAlert)!;
    // Alert rules are named by their body (src/team-file/alert-body.ts), never by their name.
    expect(alert.urn).toMatch(
      /^urn:pulumi:test-mattermost::sentry-incubateur::sentry-incubateur:index:Team\$sentry-incubateur:index:Project\$sentry:index\/sentryIssueAlert:SentryIssueAlert::chat\/alert\/[0-9a-f]{12}$/,
    );
  });

  it("names each type token once: names.ts TYPES are the SDK classes' own tokens", () => {
    expect({
      team: TYPES.team,
      project: TYPES.project,
      issueAlert: TYPES.issueAlert,
      plugin: TYPES.plugin,
      member: TYPES.member,
      repositoryLink: TYPES.repositoryLink,
      installationRepository: TYPES.installationRepository,
    }).toEqual({
      team: tokenOf(sentry.SentryTeam),
      project: tokenOf(sentry.SentryProject),
      issueAlert: tokenOf(sentry.SentryIssueAlert),
      plugin: tokenOf(sentry.SentryPlugin),
      member: tokenOf(sentry.SentryOrganizationMember),
      repositoryLink: tokenOf(sentry.SentryOrganizationRepositoryGithub),
      installationRepository: tokenOf(github.AppInstallationRepository),
    });
  });
});

describe("targetUrns", () => {
  const team = `${P}sentry-incubateur:index:Team::a`;
  it("leaves out providers and what every plan declares, and sorts", () => {
    expect(
      targetUrns(
        [
          [team, `${P}pulumi:providers:github::github-betagouv`, `${P}sentry-incubateur:index:Members::members`],
          [team],
        ],
        new Set([`${P}sentry-incubateur:index:Members::members`]),
      ),
    ).toEqual([team]);
  });

  it.each(["a\nb", "a\u0000b", "a\u001b[31mb", "a\u2028b"])("refuses a name with a control character %j", (name) => {
    expect(() => targetUrns([[`${P}x:y:Z::${name}`]], new Set())).toThrow(InvalidTeamFilesError);
  });
});

describe("npm run -s targets", () => {
  const alpha = "name: Alpha\nmembers: [lea.durand]\nprojects:\n  - slug: alpha\n";
  const beta = "name: Beta\nmembers: [lea.durand, noa.petit]\nrepositories: [betagouv/beta]\n";
  const run = (repo: GitRepo, base: string, head: string) => {
    const out = join(repo.dir, "targets.txt");
    const stdout = execFileSync(
      process.execPath,
      [
        "--import",
        require.resolve("tsx"),
        join(ROOT, "src/cli/targets.ts"),
        "--base",
        base,
        "--head",
        head,
        "--out",
        out,
      ],
      { cwd: repo.dir, encoding: "utf8", stdio: "pipe" },
    );
    return { stdout, urns: readFileSync(out, "utf8").split("\n").filter(Boolean) };
  };

  it("previews what the changed file declares at head and at the merge base, and prints counts only", () => {
    const repo = new GitRepo();
    const base = repo.commit({ "teams/alpha.yaml": alpha, "teams/beta.yaml": beta, "README.md": "x" });
    const head = repo.commit({
      "teams/beta.yaml":
        "name: 'Beta ::error::x'\nmembers: [lea.durand]\nprojects:\n  - slug: beta\n    alerts:\n      - name: Pic, prod\n        when: [new-issue]\n",
      "README.md": "y",
      "src/x.ts": "z",
    });
    const { stdout, urns } = run(repo, base, head);
    expect(stdout).toBe("team-files=1\ntargets=12\nother-files=2\nmembers-before=2\n");
    expect(urns).toContain(
      `${P}sentry-incubateur:index:Team$sentry-incubateur:index:Project$sentry:index/sentryIssueAlert:SentryIssueAlert::beta/alert/${alertBodyKey({ when: ["new-issue"] }, "30m")}`,
    );
    // noa.petit left the file: the removal is previewed; the repository link too.
    expect(urns).toContain(
      `${P}sentry-incubateur:index:Members$sentry:index/sentryOrganizationMember:SentryOrganizationMember::noa.petit@beta.gouv.fr`,
    );
    expect(urns).toContain(
      `${P}sentry-incubateur:index:RepositoryLinks$sentry:index/sentryOrganizationRepositoryGithub:SentryOrganizationRepositoryGithub::betagouv/beta`,
    );
    expect(urns.filter((u) => u.includes("::alpha"))).toEqual([]);
    expect(urns.filter((u) => /pulumi:providers:|index:(Members|RepositoryLinks)::/.test(u))).toEqual([]);
  }, 120_000);

  it("prints zero targets when no team file changed", () => {
    const repo = new GitRepo();
    const base = repo.commit({ "teams/alpha.yaml": alpha });
    const head = repo.commit({ "docs/guide.md": "x" });
    expect(run(repo, base, head)).toEqual({
      stdout: "team-files=0\ntargets=0\nother-files=1\nmembers-before=1\n",
      urns: [],
    });
  }, 60_000);
});
