// Targeted previews: the URNs computed from the model are exactly those the program registers.
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { declaredUrns, needsFullPreview, targetUrns } from "../src/delivery/targets";
import { buildDesiredOrganization } from "../src/model/organization";
import { runUnderMocks } from "../src/plan/mock-engine";
import { runProgram } from "../src/pulumi/program";
import { PULUMI_PROJECT } from "../src/stack/policy";
import { loadStackPolicy, readStackConfig } from "../src/stack/stack-file";
import { realisticTeamFiles } from "./fixtures/realistic-teams";
import { inputs, ROOT } from "./helpers/team-files";
import { validateTeamFiles } from "../src/team-file/validate";

/**
 * URNs as the real engine computes them, rebuilt from the registrations the mock monitor receives
 * (test-only use of SDK internals). The mock monitor itself keeps only the parent's own type in a
 * child's URN, while the engine (and the SDK's createUrn) keeps the parent's whole type chain.
 */
async function registeredUrns(files: Record<string, string>, stack: string) {
  const policy = loadStackPolicy(stack, ROOT);
  const { teams, diagnostics } = validateTeamFiles(inputs(files), policy);
  expect(diagnostics).toEqual([]);
  const engineUrnOf = new Map<string, string>();
  const config = readStackConfig(stack, ROOT);
  await runUnderMocks({
    project: PULUMI_PROJECT,
    stack,
    config,
    load: async () => {
      const monitor = pulumi.runtime.getMonitor() as unknown as {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- internal protobuf request and response
        registerResource: (req: any, cb: (err: unknown, resp: any) => void) => unknown;
      };
      const original = monitor.registerResource.bind(monitor);
      monitor.registerResource = (req, cb) =>
        original(req, (err, resp) => {
          if (resp) {
            const parent = req.getParent() ? engineUrnOf.get(req.getParent())! : undefined;
            const prefix = parent
              ? `${parent.slice(0, parent.lastIndexOf("::"))}$`
              : `urn:pulumi:${stack}::${PULUMI_PROJECT}::`;
            engineUrnOf.set(resp.getUrn(), `${prefix}${req.getType()}::${req.getName()}`);
          }
          cb(err, resp);
        });
      return runProgram(ROOT, { teams });
    },
  });
  return { urns: [...engineUrnOf.values()], model: buildDesiredOrganization(teams, policy) };
}

const SHARED = /::(pulumi:providers:[a-z]+|sentry-incubateur:index:(Members|RepositoryLinks))::/;

describe("declaredUrns", () => {
  it.each([
    [
      "the 662 realistic teams",
      Object.fromEntries(realisticTeamFiles().map((f) => [f.file.replace("teams/", ""), f.text])),
      "prod",
    ],
    [
      "a team with Mattermost, a notified member and an admin",
      {
        "chat.yaml":
          "name: Chat\nmembers: [{handle: lea.durand, teamRole: admin}]\nprojects:\n  - slug: chat\n    repository: betagouv/chat\n    alerts:\n      - name: A\n        when: [new-issue]\n        notify: [{mattermost: chat-sentry}, {member: lea.durand}]\n",
      },
      "test-mattermost",
    ],
  ])(
    "match what the program registers for %s",
    async (_label, files, stack) => {
      const { urns, model } = await registeredUrns(files, stack);
      const computed = declaredUrns(model, stack).map((u) => u.urn);
      expect(computed.sort()).toEqual(urns.filter((u) => !SHARED.test(u)).sort());
    },
    120_000,
  );
});

describe("targetUrns", () => {
  const policy = loadStackPolicy("prod", ROOT);
  const model = (files: Record<string, string>) =>
    buildDesiredOrganization(validateTeamFiles(inputs(files), policy).teams, policy);
  const alpha = "name: Alpha\nmembers: [lea.durand]\nprojects:\n  - slug: alpha\n";
  const beta = "name: Beta\nmembers: [lea.durand, noa.petit]\nrepositories: [betagouv/beta]\n";

  it("takes the changed team's resources, its members and repositories, not the other teams'", () => {
    const urns = targetUrns(new Set(["beta"]), "prod", model({ "alpha.yaml": alpha, "beta.yaml": beta }));
    expect(urns.map((u) => u.split("::").slice(2).join("::"))).toEqual([
      "sentry-incubateur:index:Members$sentry:index/sentryOrganizationMember:SentryOrganizationMember::lea.durand@beta.gouv.fr",
      "sentry-incubateur:index:Members$sentry:index/sentryOrganizationMember:SentryOrganizationMember::noa.petit@beta.gouv.fr",
      "sentry-incubateur:index:RepositoryLinks$github:index/appInstallationRepository:AppInstallationRepository::51044792/betagouv/beta",
      "sentry-incubateur:index:RepositoryLinks$sentry:index/sentryOrganizationRepositoryGithub:SentryOrganizationRepositoryGithub::betagouv/beta",
      "sentry-incubateur:index:Team$pulumi-nodejs:dynamic/sentry-incubateur:TeamDefaults::beta/sentry-defaults",
      "sentry-incubateur:index:Team$sentry:index/sentryTeam:SentryTeam::beta",
      "sentry-incubateur:index:Team::beta",
    ]);
  });

  it("includes what a removed file declared, so that the removal is previewed", () => {
    const urns = targetUrns(
      new Set(["alpha"]),
      "prod",
      model({ "beta.yaml": beta }),
      model({ "alpha.yaml": alpha, "beta.yaml": beta }),
    );
    expect(urns).toContain(
      "urn:pulumi:prod::sentry-incubateur::sentry-incubateur:index:Team$sentry-incubateur:index:Project$sentry:index/sentryProject:SentryProject::alpha",
    );
    expect(urns).toContain(
      "urn:pulumi:prod::sentry-incubateur::sentry-incubateur:index:Members$sentry:index/sentryOrganizationMember:SentryOrganizationMember::lea.durand@beta.gouv.fr",
    );
  });

  it.each([
    [["teams/a.yaml", "docs/guide-equipes.md", "README.md", "test/x.test.ts"], []],
    [["teams/a.yaml", "src/pulumi/project.ts"], ["src/pulumi/project.ts"]],
    [["Pulumi.prod.yaml"], ["Pulumi.prod.yaml"]],
    [
      ["package-lock.json", "index.ts"],
      ["package-lock.json", "index.ts"],
    ],
  ])("full preview when %j changed -> %j", (paths, wide) => {
    expect(needsFullPreview(paths)).toEqual(wide);
  });
});
