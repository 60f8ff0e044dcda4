// Cost at the real scale: a deploy against the real instance is bound by API requests, not CPU.
// requests per resource and operation × resources of the 662-team plan ÷ throughput, where
// - the bridged provider's requests are read from its source (terraform-provider-sentry v0.11.2 in
//   ../shared/reference, integrations/terraform-provider-github for the installation), cited below;
// - our dynamic resources' requests are MEASURED: each provider's create/read/diff/update runs
//   against the emulator, which logs every request;
// - throughput: Pulumi runs GOMAXPROCS×4 operations at once (`defaultParallel`, pulumi/pulumi
//   pkg/cmd/pulumi/operations/up.go; 16 on GitHub's 4-vCPU runners), each taking the emulator's
//   MEASURED time per request with a realistic network delay, capped by Sentry's rate limit
//   (40 requests/s seen on a real instance, ../shared/reference/field-notes.md feature row 31).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { codeMappingProvider } from "../src/pulumi/dynamic/code-mapping";
import { memberUserProvider } from "../src/pulumi/dynamic/member-user";
import { projectDefaultsProvider } from "../src/pulumi/dynamic/project-defaults";
import { projectGuardrailsProvider } from "../src/pulumi/dynamic/project-guardrails";
import { memberTeamRolesProvider } from "../src/pulumi/dynamic/member-team-roles";
import { teamDefaultsProvider } from "../src/pulumi/dynamic/team-defaults";
import { SentryEmulator } from "../src/emulator/server";
import { seedFromModel, seedIntegrations } from "../src/emulator/seed";
import { buildDesiredOrganization } from "../src/model/organization";
import type { RecordedResource } from "../src/plan/mock-engine";
import { planTeams } from "../src/plan/plan";
import { TYPES } from "../src/pulumi/names";
import { SentryClient } from "../src/sentry/client";
import { validateTeamFiles } from "../src/team-file/validate";
import { realisticTeamFiles } from "../test/fixtures/realistic-teams";
import { prodPolicy, ROOT } from "../test/helpers/team-files";
import { report } from "./measure";

/** Requests of one operation on one resource; `pages(n)` for lists read page by page. */
export interface Requests {
  read: number | ((index: number) => number);
  create: number;
  update: number;
  /** Made by `check` in every preview, to a host other than Sentry. */
  check?: number;
}

const PAGE = 100;
const pagesUpTo = (position: number) => Math.ceil((position + 1) / PAGE);

/** The bridged providers, from their source (file:line in ../shared/reference/terraform-provider-sentry-v0.11.2). */
export const PROVIDER_REQUESTS: Record<string, Requests & { source: string }> = {
  // Create POSTs then reads (Create → Read), update PUTs then reads.
  [TYPES.team]: { read: 1, create: 2, update: 2, source: "resource_sentry_team.go:82,88,98,134,140" },
  // Create POSTs, then runs Update (PUT, then Read); each check fetches docs.sentry.io for the platform.
  [TYPES.project]: {
    read: 1,
    create: 3,
    update: 2,
    check: 1,
    source: "resource_sentry_project.go:161,173,186,258,328,359-367",
  },
  [TYPES.member]: { read: 1, create: 2, update: 2, source: "resource_sentry_organization_member.go:89,95,107,157,163" },
  [TYPES.issueAlert]: { read: 1, create: 2, update: 2, source: "resource_sentry_issue_alert.go:195,201,213,266,270" },
  // An e-mail-only rule is created at once (no 202 task to poll, metric_alerts.go:118-124).
  [TYPES.metricAlert]: { read: 1, create: 2, update: 2, source: "resource_sentry_metric_alert.go:213,219,235,289,295" },
  // Enable, then configure, then read.
  [TYPES.plugin]: { read: 1, create: 3, update: 2, source: "resource_sentry_project_plugin.go:62,75,79,94,137,147" },
  // Read lists the organization's repositories filtered by name: one page.
  [TYPES.repositoryLink]: {
    read: 1,
    create: 2,
    update: 0,
    source: "resource_sentry_organization_repository_github.go:72,89,111",
  },
  // Read lists the installation's repositories page by page until it finds its own
  // (integrations/terraform-provider-github resource_github_app_installation_repository.go Read).
  [TYPES.installationRepository]: {
    read: pagesUpTo,
    create: 2,
    update: 0,
    source: "resource_github_app_installation_repository.go",
  },
};

interface Measured {
  create: number;
  read: number;
  diff: number;
  update: number;
}

/** Requests the emulator logs for one call. */
async function count(emulator: SentryEmulator, call: () => Promise<unknown>): Promise<number> {
  const before = emulator.requests.length;
  await call();
  return emulator.requests.length - before;
}

async function measureDynamic(emulator: SentryEmulator): Promise<Record<string, Measured>> {
  const s = emulator.state;
  const project = [...s.projects.values()][0];
  const member = [...s.members.values()].find((m) => m.teamRoles.size > 0)!;
  const team = [...s.teams.values()].find((t) => member.teamRoles.has(t.id))!;
  const base = { baseUrl: emulator.baseUrl, organization: "betagouv" };
  const measure = async <I, O>(
    provider: {
      create: (i: I) => Promise<{ id: string; outs?: O }>;
      read?: (id: string, p?: O) => Promise<unknown>;
      diff?: (id: string, o: O, n: I) => Promise<unknown>;
      update?: (id: string, o: O, n: I) => Promise<unknown>;
    },
    inputs: I,
    changed: I,
  ): Promise<Measured> => {
    let created: { id: string; outs?: O } = { id: "" };
    const create = await count(emulator, async () => (created = await provider.create(inputs)));
    const outs = created.outs as O;
    return {
      create,
      read: await count(emulator, async () => provider.read?.(created.id, outs)),
      diff: await count(emulator, async () => provider.diff?.(created.id, outs, inputs)),
      update: await count(emulator, async () => provider.update?.(created.id, outs, changed)),
    };
  };
  const defaults = {
    ...base,
    project: project.slug,
    rateLimitCount: 600,
    rateLimitWindow: 60,
    rateLimitIsOverride: false,
    adopted: false,
  };
  const guardrails = {
    ...base,
    project: project.slug,
    dataScrubber: true,
    dataScrubberDefaults: true,
    scrubIPAddresses: true,
    sensitiveFields: ["email"],
    safeFields: [],
    inboundFilters: { localhost: true, "browser-extensions": true, "web-crawlers": true, "legacy-browsers": true },
  };
  const roles = { ...base, memberId: member.id, teams: [team.slug], adminTeams: [team.slug] };
  const teamDefaults = { ...base, team: team.slug, removeTokenUser: false };
  const mapped = [...s.codeMappings.values()][0];
  const mapping = {
    ...base,
    projectId: mapped.projectId,
    integrationId: mapped.integrationId,
    repositoryId: mapped.repoId,
    defaultBranch: mapped.defaultBranch,
    stackRoot: mapped.stackRoot,
    sourceRoot: mapped.sourceRoot,
  };
  return {
    [TYPES.projectDefaults]: await measure(projectDefaultsProvider, defaults, { ...defaults, rateLimitCount: 300 }),
    [TYPES.projectGuardrails]: await measure(projectGuardrailsProvider, guardrails, {
      ...guardrails,
      scrubIPAddresses: false,
    }),
    [TYPES.memberTeamRoles]: await measure(memberTeamRolesProvider, roles, { ...roles, adminTeams: [] }),
    [TYPES.teamDefaults]: await measure(teamDefaultsProvider, teamDefaults, { ...teamDefaults }),
    // Its create and read list the integration's mappings: one page here, `pages` at scale (below).
    [TYPES.codeMapping]: await measure(codeMappingProvider, mapping, { ...mapping, defaultBranch: "release" }),
    [TYPES.memberUser]: await measure(
      memberUserProvider,
      { ...base, memberId: member.id },
      { ...base, memberId: member.id },
    ),
  };
}

/** Median time of one request through our client to the emulator answering after `delayMs`. */
async function measureLatency(delayMs: number): Promise<number> {
  const emulator = new SentryEmulator({ organization: "betagouv", tokens: "bench", latencyMs: delayMs });
  await emulator.listen();
  try {
    const client = new SentryClient({ baseUrl: emulator.baseUrl, token: "bench", concurrency: 1 });
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const started = performance.now();
      await client.get("organizations/betagouv/");
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[7];
  } finally {
    await emulator.close();
  }
}

export interface Scenario {
  label: string;
  requests: number;
  /** Requests to other hosts (docs.sentry.io, api.github.com): counted apart from Sentry's rate limit. */
  elsewhere: number;
}

const DELAY_MS = 100;
const PARALLEL = 16;
const RATE_LIMIT_PER_S = 40;

export async function benchCost(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), "bench-cost-"));
  for (const file of realisticTeamFiles()) writeFileSync(join(dir, file.file.replace("teams/", "")), file.text);
  const planned = await planTeams({ dir, stack: "prod", projectDir: ROOT });
  if (!planned.ok) throw new Error("benchmark input must be valid");
  const plan = planned.plan.resources;
  const inputs = realisticTeamFiles().map((f) => ({ file: f.file, bytes: Buffer.from(f.text) }));
  const model = buildDesiredOrganization(validateTeamFiles(inputs, prodPolicy).teams, prodPolicy);
  const emulator = new SentryEmulator({ organization: "betagouv", tokens: "bench" });
  seedIntegrations(emulator.state, prodPolicy);
  seedFromModel(emulator.state, model);
  await emulator.listen();
  process.env.SENTRY_AUTH_TOKEN = "bench";
  let dynamic: Record<string, Measured>;
  try {
    dynamic = await measureDynamic(emulator);
  } finally {
    delete process.env.SENTRY_AUTH_TOKEN;
    await emulator.close();
  }
  const latencyMs = await measureLatency(DELAY_MS);
  const perSecond = Math.min(PARALLEL / (latencyMs / 1000), RATE_LIMIT_PER_S);

  const custom = plan.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
  const codeMappings = custom.filter((r) => r.type === TYPES.codeMapping).length;
  /** Requests to refresh (read) these resources, in the order of the plan. */
  const refresh = (resources: RecordedResource[]) => {
    let sentry = 0;
    let github = 0;
    let position = 0;
    for (const r of resources) {
      if (r.type === TYPES.codeMapping) sentry += Math.ceil(codeMappings / PAGE);
      else if (r.type === TYPES.installationRepository) github += pagesUpTo(position++);
      else if (dynamic[r.type]) sentry += dynamic[r.type].read;
      else {
        const read = PROVIDER_REQUESTS[r.type].read;
        sentry += typeof read === "number" ? read : read(0);
      }
    }
    return { sentry, github };
  };
  /** Requests of a preview without refresh: `check` and our providers' `diff`. */
  const previewOnly = (resources: RecordedResource[]) => ({
    sentry: resources.reduce((sum, r) => sum + (dynamic[r.type]?.diff ?? 0), 0),
    docs: resources.reduce((sum, r) => sum + (PROVIDER_REQUESTS[r.type]?.check ?? 0), 0),
  });

  // (a) The largest team file: what `npm run -s targets` would target for it (its team component's
  // descendants, its members, their team roles and user lookups).
  const byUrn = new Map(plan.map((r) => [r.urn, r]));
  const teamOf = (r: RecordedResource): string | undefined => {
    for (let at: RecordedResource | undefined = r; at; at = at.parent ? byUrn.get(at.parent) : undefined)
      if (at.type === TYPES.teamComponent) return at.name;
    return undefined;
  };
  const byTeam = new Map<string, RecordedResource[]>();
  for (const r of custom) {
    const team = teamOf(r);
    if (team) byTeam.set(team, [...(byTeam.get(team) ?? []), r]);
  }
  const [slug, owned] = [...byTeam].sort((a, b) => b[1].length - a[1].length)[0];
  const members = custom.filter((r) => r.type === TYPES.member && (r.inputs.teams as string[]).includes(slug));
  const emails = new Set(members.map((m) => m.name));
  const largest = [
    ...owned,
    ...members,
    ...custom.filter(
      (r) =>
        (r.type === TYPES.memberTeamRoles && emails.has(r.name.replace(/\/team-roles$/, ""))) ||
        (r.type === TYPES.memberUser && emails.has(r.name.replace(/\/user$/, ""))),
    ),
  ];
  const targeted = previewOnly(largest);
  const full = refresh(custom);
  const fullPreview = previewOnly(custom);

  const seconds = (n: number) => n / perSecond;
  const minutes = (n: number) => (seconds(n) / 60).toFixed(1);
  const oneTeamPreview = targeted.sentry;
  const refreshedPreview = full.sentry + fullPreview.sentry;
  // A deploy on merge of a team-file change is targeted (deploy.yml): a refreshed preview of the
  // targets for the guard, `up --refresh` of the same targets, and the change itself (every target
  // updated: an upper bound). The nightly remediation refreshes and updates everything.
  const refreshedTargets = refresh(largest).sentry + targeted.sentry;
  const writes = largest.reduce(
    (sum, r) => sum + (dynamic[r.type]?.update ?? PROVIDER_REQUESTS[r.type]?.update ?? 0),
    0,
  );
  const oneTeamDeploy = 2 * refreshedTargets + writes;
  const remediation = 2 * refreshedPreview;

  const counts = new Map<string, number>();
  for (const r of custom) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  const lines = [
    `throughput: ${PARALLEL} operations at once × ${latencyMs.toFixed(0)} ms per request (emulator with ${DELAY_MS} ms delay, measured), capped at ${RATE_LIMIT_PER_S} requests/s -> ${perSecond.toFixed(1)} requests/s`,
    "requests per resource (read / create / update), provider from its source, ours measured against the emulator:",
    ...Object.entries(PROVIDER_REQUESTS).map(
      ([type, r]) =>
        `  ${type.split(":").pop()}: ${typeof r.read === "number" ? r.read : "pages"} / ${r.create} / ${r.update}${r.check ? ` (+${r.check} docs.sentry.io per check)` : ""}  [${r.source}]`,
    ),
    ...Object.entries(dynamic).map(
      ([type, m]) => `  ${type.split(":").pop()} (measured): ${m.read} / ${m.create} / ${m.update}, diff ${m.diff}`,
    ),
    `resources at 662 teams: ${[...counts].map(([t, n]) => `${n} ${t.split(":").pop()}`).join(", ")}`,
    `code mappings read the whole list each: ${codeMappings} × ${Math.ceil(codeMappings / PAGE)} pages = ${codeMappings * Math.ceil(codeMappings / PAGE)} requests`,
    `(a) one-team change (largest file, ${largest.length} resources), targeted preview: ${oneTeamPreview} Sentry requests (+${targeted.docs} docs.sentry.io) -> ${seconds(oneTeamPreview).toFixed(1)} s of API time`,
    `(a) its deploy on merge (targeted: refreshed preview for the guard + up --refresh, every target updated): ${oneTeamDeploy} requests -> ${seconds(oneTeamDeploy).toFixed(1)} s of API time`,
    `    the same deploy untargeted (a refreshed preview and up of everything) would take ${minutes(2 * refreshedPreview + writes)} min: why merges are targeted`,
    `(b) full refreshed preview at 662 teams: ${refreshedPreview} Sentry requests (+${full.github} GitHub, +${fullPreview.docs} docs.sentry.io) -> ${minutes(refreshedPreview)} min`,
    `(b) nightly remediation (refreshed preview + up --refresh of everything, no change): ${remediation} requests -> ${minutes(remediation)} min`,
    "API time only: the CLI's start, plugin downloads and the program's run (about a minute) come on top.",
  ];
  return report(`cost model: API requests at the real scale`, lines, [
    {
      label: `one-team change previewed in < 2 min (${seconds(oneTeamPreview).toFixed(0)} s)`,
      met: seconds(oneTeamPreview) < 120,
    },
    { label: `one-team change deployed in < 5 min (${minutes(oneTeamDeploy)} min)`, met: seconds(oneTeamDeploy) < 300 },
    {
      label: `nightly full refresh in < 30 min (${minutes(refreshedPreview)} min)`,
      met: seconds(refreshedPreview) < 1800,
    },
    { label: `nightly remediation in < 30 min (${minutes(remediation)} min)`, met: seconds(remediation) < 1800 },
  ]);
}
