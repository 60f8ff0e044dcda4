// A live organization -> one team file per team, the adoption file (Pulumi import IDs of what already
// exists), and a report of everything that cannot be expressed in team files (never dropped silently).
import {
  DEFAULT_RULE_NAME,
  fileThreshold,
  notifyOfAction,
  performanceOfMetricAlert,
  whenOfCondition,
  writtenThreshold,
  type LiveTargets,
} from "../model/alert-rules";
import { byteOrder } from "../model/organization";
import { alertBodyKey } from "../team-file/alert-body";
import {
  hasKeyRateLimitOverride,
  integrationForOwner,
  keyRateLimitOf,
  PULUMI_PROJECT,
  type StackPolicy,
} from "../stack/policy";
import { EVERY_MAX_MINUTES, EVERY_MIN_MINUTES } from "../team-file/rules/every-range";
import {
  HANDLE_PATTERN,
  PRIVACY_SWITCHES,
  PROJECT_SLUG_PATTERN,
  TEAM_SLUG_PATTERN,
  type TeamFile,
  type TeamFileAlert,
  type TeamFileMember,
  type TeamFileNotify,
  type TeamFilePerformanceAlert,
  type TeamFilePerformanceNotify,
  type TeamFileProject,
  type TeamFileWhen,
} from "../team-file/schema";
import {
  DURATION_THRESHOLD_PATTERN,
  inRange,
  METRICS,
  PERCENTAGE_PATTERN,
  platformSends,
} from "../team-file/performance";
import { SENTRY_PLATFORMS } from "../team-file/platforms";
import type { AdoptedTeamEntry, AdoptionFile } from "./adoption";
import type { LiveMetricAlert, LiveOrganization, LivePrivacy, LiveProject, LiveRule } from "./live";

export interface ImportResult {
  /** Team slug -> team file content. */
  files: Map<string, TeamFile>;
  adoption: AdoptionFile;
  /** What could not be expressed, one instruction per line. */
  report: string[];
}

const PLATFORMS = new Set(SENTRY_PLATFORMS);

/** `every` for a frequency in minutes, in the largest unit that divides it. */
export function everyOf(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

/** The friendly form of a Sentry rule, or why there is none. */
export function friendlyAlert(rule: LiveRule, live: LiveTargets): { alert: TeamFileAlert } | { reason: string } {
  if (rule.filters.length > 0) return { reason: "it has filters" };
  if (rule.actionMatch !== "any" && rule.conditions.length > 1)
    return { reason: `it fires only when all its conditions match (actionMatch ${rule.actionMatch})` };
  if (Buffer.byteLength(rule.name) > 64) return { reason: "its name is longer than 64 bytes" };
  const when: TeamFileWhen[] = [];
  for (const condition of rule.conditions) {
    const trigger = whenOfCondition(condition);
    if (typeof trigger === "object" && "reason" in trigger) return trigger;
    when.push(trigger);
  }
  if (when.length === 0) return { reason: "it has no condition" };
  const notify: TeamFileNotify[] = [];
  for (const action of rule.actions) {
    const target = notifyOfAction(action, live);
    if (target === "webhooks")
      return { reason: "it notifies the Webhooks plugin, whose channels team files cannot read back" };
    if (typeof target === "object" && "reason" in target) return target;
    notify.push(target);
  }
  if (rule.frequency < EVERY_MIN_MINUTES || rule.frequency > EVERY_MAX_MINUTES)
    return { reason: `its frequency ${rule.frequency} is outside 5m..30d` };
  return {
    alert: {
      name: rule.name,
      when,
      ...(rule.environment ? { environment: rule.environment } : {}),
      notify,
      every: everyOf(rule.frequency),
    },
  };
}

/**
 * The `performance:` form of a live metric alert of a project of `platform`, or why there is none: the
 * file the importer writes must pass the validator (src/team-file/rules/performance-*.ts).
 */
export function friendlyPerformance(
  alert: LiveMetricAlert,
  live: LiveTargets,
  platform: string | undefined,
): { alert: TeamFilePerformanceAlert } | { reason: string } {
  const form = performanceOfMetricAlert(alert);
  if ("reason" in form) return form;
  const { metric, per } = form;
  if (alert.name.length > 64) return { reason: "its name is longer than 64 characters" };
  if (alert.triggers.length !== 1) return { reason: "it has a warning trigger besides the critical one" };
  const [trigger] = alert.triggers;
  const threshold = writtenThreshold(metric, trigger.alertThreshold);
  const value = fileThreshold(metric, trigger.alertThreshold);
  const pattern = new RegExp(METRICS[metric].unit === "ms" ? DURATION_THRESHOLD_PATTERN : PERCENTAGE_PATTERN);
  if (!pattern.test(threshold)) return { reason: `its threshold ${threshold} has no team-file form` };
  if (!inRange(metric, value)) return { reason: `its threshold ${threshold} can never be crossed` };
  if (platform && METRICS[metric].reads === "transactions" && platformSends(metric, platform) === false)
    return { reason: `its project's platform ${platform} sends no transactions` };
  const resolve = alert.resolveThreshold === null ? undefined : fileThreshold(metric, alert.resolveThreshold);
  if (
    resolve !== undefined &&
    !(METRICS[metric].alertsWhen === "above" ? resolve > 0 && resolve < value : resolve > value && resolve < 100)
  )
    return {
      reason: `its resolve threshold ${writtenThreshold(metric, alert.resolveThreshold!)} is on the wrong side of ${threshold}`,
    };
  const notify: TeamFilePerformanceNotify[] = [];
  for (const action of trigger.actions) {
    const id = String(action.targetIdentifier);
    const handle = live.handleOfUser.get(id);
    if (action.type === "email" && action.targetType === "team" && id === live.teamId) notify.push("team");
    else if (action.type === "email" && action.targetType === "user" && handle) notify.push({ member: handle });
    else return { reason: `it notifies ${action.type} ${action.targetType} ${id}, which team files cannot say` };
  }
  if (notify.length === 0) return { reason: "it notifies no one" };
  return {
    alert: {
      name: alert.name,
      [metric]: threshold,
      per,
      ...(alert.environment ? { environment: alert.environment } : {}),
      notify,
      ...(resolve !== undefined ? { resolve: writtenThreshold(metric, alert.resolveThreshold!) } : {}),
    } as TeamFilePerformanceAlert,
  };
}

function isManagedDefault(alert: TeamFileAlert, policy: StackPolicy): boolean {
  return (
    alert.name === DEFAULT_RULE_NAME &&
    alertBodyKey(alert, policy.defaults.alertEvery) ===
      alertBodyKey({ when: ["new-issue", "regression"], notify: ["team"] }, policy.defaults.alertEvery)
  );
}

/**
 * The project's live scrubbing as team-file additions to the stack's: fields the stack lacks are
 * carried, so adoption never weakens a project's scrubbing; what the stack's policy refuses is
 * reported instead (switches it keeps on, safe fields that would exempt a field it scrubs).
 */
function carriedPrivacy(
  slug: string,
  live: LivePrivacy,
  policy: StackPolicy,
  report: string[],
  turnedOn: Map<string, string[]>,
): TeamFileProject["privacy"] | undefined {
  const stack = policy.privacy;
  const privacy: NonNullable<TeamFileProject["privacy"]> = {};
  for (const key of PRIVACY_SWITCHES) {
    if (live[key] || !stack[key]) continue;
    if (stack.teamsMayDisable) privacy[key] = false;
    else turnedOn.set(key, [...(turnedOn.get(key) ?? []), slug]);
  }
  const fieldOk = (field: string) => field.length >= 1 && field.length <= 200;
  const stackSensitive = new Set(stack.sensitiveFields.map((f) => f.toLowerCase()));
  const sensitive = [...new Set(live.sensitiveFields)]
    .filter((f) => fieldOk(f) && !stack.sensitiveFields.includes(f))
    .sort();
  const safe: string[] = [];
  for (const field of [...new Set(live.safeFields)].sort()) {
    if (!fieldOk(field) || stack.safeFields.includes(field)) continue;
    if (field.includes("*") || stackSensitive.has(field.toLowerCase()))
      report.push(
        `project "${slug}" has the safe field "${field}" in Sentry, which would exempt a field the stack scrubs: not carried, the stack's scrubbing applies`,
      );
    else safe.push(field);
  }
  if (sensitive.length > 0) privacy.sensitiveFields = sensitive;
  if (safe.length > 0) privacy.safeFields = safe;
  return Object.keys(privacy).length > 0 ? privacy : undefined;
}

/**
 * The report line of a project whose live DSN key allows more than the program would apply: the
 * program keeps that limit (ProjectDefaults) until an override of the stack says otherwise. A key
 * without any limit (Sentry's default) simply gets the stack's: `unlimited` collects them.
 */
function keptKeyRateLimit(project: LiveProject, policy: StackPolicy, unlimited: string[]): string | undefined {
  const applied = keyRateLimitOf(policy, project.slug);
  const live = project.keyRateLimit;
  if (live === null) {
    unlimited.push(project.slug);
    return undefined;
  }
  // Events per second compared without rounding: count / window > applied.count / applied.window.
  if (hasKeyRateLimitOverride(policy, project.slug) || live.count * applied.window <= applied.count * live.window)
    return undefined;
  return `project "${project.slug}": its DSN key allows ${live.count} events / ${live.window} s in Sentry, more than the stack's ${applied.count} / ${applied.window} s; the program keeps it (a busy project is never throttled silently): to decide another limit, add \`${project.slug}: {count: N, window: S}\` under \`${PULUMI_PROJECT}:defaults\` → \`keyRateLimitOverrides\` in the stack file`;
}

/**
 * Sets `object[key]` as an own entry: slugs, e-mails and rule names such as `__proto__` are data, and
 * an assignment would change the object's prototype instead (and the entry would vanish from the JSON).
 */
function setEntry<T>(object: Record<string, T>, key: string, value: NoInfer<T>): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

export function importOrganization(live: LiveOrganization, policy: StackPolicy): ImportResult {
  const report: string[] = [];
  const org = live.organization;
  const adoption: AdoptionFile = { organization: org, teams: {} };
  const handleDomain = `@${policy.members.handleDomain}`.toLowerCase();
  const allowedDomains = new Set(policy.members.allowedEmailDomains.map((d) => d.toLowerCase()));
  const memberById = new Map(live.members.map((m) => [m.id, m]));
  const handleOf = (email: string) => {
    const lower = email.toLowerCase();
    const local = lower.slice(0, -handleDomain.length);
    return lower.endsWith(handleDomain) && new RegExp(HANDLE_PATTERN).test(local) ? local : undefined;
  };

  // Owning team of each project: its first team that team files can name; the others share it.
  const nameable = (slug: string) => new RegExp(TEAM_SLUG_PATTERN).test(slug);
  const projectsByTeam = new Map<string, LiveProject[]>();
  for (const project of live.projects) {
    const [owner] = project.teams.filter((t) => nameable(t.slug));
    if (!owner) {
      report.push(
        `project "${project.slug}" belongs to no team a file can name: add it to a team file by hand, or give it a team in Sentry`,
      );
      continue;
    }
    projectsByTeam.set(owner.slug, [...(projectsByTeam.get(owner.slug) ?? []), project]);
  }

  // Metric alerts by their one project; those of several projects cannot live in one team file.
  const metricAlertsByProject = new Map<string, LiveMetricAlert[]>();
  for (const alert of live.metricAlerts) {
    if (alert.projects.length !== 1) {
      report.push(
        `metric alert "${alert.name}" (id ${alert.id}) watches ${alert.projects.length} projects, which a team file cannot say: it stays in Sentry, unmanaged`,
      );
      continue;
    }
    const [slug] = alert.projects;
    metricAlertsByProject.set(slug, [...(metricAlertsByProject.get(slug) ?? []), alert]);
  }

  const repositoryById = new Map(live.repositories.map((r) => [r.id, r]));
  const mappingsByProject = new Map<string, typeof live.codeMappings>();
  for (const mapping of live.codeMappings)
    mappingsByProject.set(mapping.projectId, [...(mappingsByProject.get(mapping.projectId) ?? []), mapping]);
  /** Projects whose DSN key has no rate limit in Sentry: the stack's applies. */
  const unlimited: string[] = [];
  /** Scrubbing switch -> projects that have it off in Sentry, which the stack's policy turns on. */
  const turnedOn = new Map<string, string[]>();
  /** Repository id -> the teams whose projects map it. */
  const mappedBy = new Map<string, Set<string>>();

  const files = new Map<string, TeamFile>();
  const membersInTeams = new Set<string>();
  for (const team of [...live.teams].sort((a, b) => byteOrder(a.slug, b.slug))) {
    if (!new RegExp(TEAM_SLUG_PATTERN).test(team.slug)) {
      report.push(`team "${team.slug}" has a slug team files cannot have: rename it in Sentry, then import again`);
      continue;
    }
    const entry: AdoptedTeamEntry = { import: `${org}/${team.slug}` };

    const members: TeamFileMember[] = [];
    const handleOfUser = new Map<string, string>();
    for (const { id, teamRole } of live.teamMembers.get(team.slug) ?? []) {
      const member = memberById.get(id);
      if (!member) continue;
      membersInTeams.add(member.id);
      const email = member.email.toLowerCase();
      const handle = handleOf(email);
      if (!handle && !allowedDomains.has(email.split("@")[1])) {
        report.push(
          `member ${member.email} of team "${team.slug}" has an e-mail domain the stack does not allow: left out of the file (allow the domain, or keep managing this member by hand)`,
        );
        continue;
      }
      if (member.orgRole !== "member")
        report.push(
          `member ${member.email} has the org role "${member.orgRole}", which team files cannot grant: they keep it (the program never changes an org role; updating this member's teams needs a token of a user who may assign "${member.orgRole}")`,
        );
      const role = teamRole === "admin" ? "admin" : undefined;
      members.push(
        handle ? (role ? { handle, teamRole: role } : handle) : { email, ...(role ? { teamRole: role } : {}) },
      );
      setEntry((entry.members ??= {}), email, `${org}/${member.id}`);
      if (handle && member.userId) handleOfUser.set(member.userId, handle);
    }

    const projects: TeamFileProject[] = [];
    for (const project of projectsByTeam.get(team.slug) ?? []) {
      if (!new RegExp(PROJECT_SLUG_PATTERN).test(project.slug)) {
        report.push(
          `project "${project.slug}" has a slug team files cannot have (at most 50 characters): rename it in Sentry, then import again`,
        );
        continue;
      }
      const adopted: NonNullable<AdoptedTeamEntry["projects"]>[string] = { import: `${org}/${project.slug}` };
      const file: TeamFileProject = { slug: project.slug };
      if (project.name !== project.slug) file.name = project.name.slice(0, 50);
      const sharedWith = project.teams.map((t) => t.slug).filter((t) => t !== team.slug && nameable(t));
      if (sharedWith.length > 0) file.sharedWith = [...new Set(sharedWith)].sort(byteOrder);
      if (project.platform && PLATFORMS.has(project.platform)) file.platform = project.platform;
      else if (project.platform)
        report.push(
          `project "${project.slug}" has the platform "${project.platform}", unknown to team files: left out`,
        );

      const [mapping, ...extraMappings] = mappingsByProject.get(project.id) ?? [];
      const repository = mapping ? repositoryById.get(mapping.repoId) : undefined;
      if (mapping && repository && integrationForOwner(policy, repository.name.split("/")[0])) {
        file.repository = repository.name;
        // What the live mapping says, where it differs from what a file without `codeMapping:` declares.
        const codeMapping: NonNullable<TeamFileProject["codeMapping"]> = {
          ...(mapping.defaultBranch && mapping.defaultBranch !== policy.github.defaultBranch
            ? { branch: mapping.defaultBranch }
            : {}),
          ...(mapping.stackRoot ? { stackRoot: mapping.stackRoot } : {}),
          ...(mapping.sourceRoot ? { sourceRoot: mapping.sourceRoot } : {}),
        };
        if (Object.keys(codeMapping).length > 0) file.codeMapping = codeMapping;
        // No adoption entry: the program's code mapping adopts the live one of the project and stack root.
        mappedBy.set(repository.id, (mappedBy.get(repository.id) ?? new Set()).add(team.slug));
      }
      for (const extra of extraMappings)
        report.push(
          `project "${project.slug}" has more than one code mapping: only the first is managed (mapping ${extra.id} stays unmanaged)`,
        );

      const alerts: TeamFileAlert[] = [];
      const bodies = new Set<string>();
      for (const rule of live.rules.get(project.slug) ?? []) {
        const result = friendlyAlert(rule, { teamId: team.id, handleOfUser });
        if ("reason" in result) {
          report.push(
            `alert rule "${rule.name}" (id ${rule.id}) of project "${project.slug}" is not imported because ${result.reason}: it stays in Sentry, unmanaged`,
          );
          continue;
        }
        const body = alertBodyKey(result.alert, policy.defaults.alertEvery);
        if (alerts.some((a) => a.name === result.alert.name) || bodies.has(body)) {
          report.push(
            `alert rule "${rule.name}" (id ${rule.id}) of project "${project.slug}" repeats the name or the conditions and actions of another rule: it stays in Sentry, unmanaged`,
          );
          continue;
        }
        alerts.push(result.alert);
        bodies.add(body);
        setEntry((adopted.rules ??= {}), rule.name, `${org}/${project.slug}/${rule.id}`);
      }
      const performance: TeamFilePerformanceAlert[] = [];
      for (const alert of metricAlertsByProject.get(project.slug) ?? []) {
        const result = friendlyPerformance(alert, { teamId: team.id, handleOfUser }, file.platform);
        const what = `metric alert "${alert.name}" (id ${alert.id}) of project "${project.slug}"`;
        if ("reason" in result) {
          report.push(`${what} is not imported because ${result.reason}: it stays in Sentry, unmanaged`);
          continue;
        }
        if (performance.some((a) => a.name === alert.name)) {
          report.push(`${what} repeats the name of another one: it stays in Sentry, unmanaged`);
          continue;
        }
        performance.push(result.alert);
        setEntry((adopted.performance ??= {}), alert.name, `${org}/${project.slug}/${alert.id}`);
      }
      if (performance.length > 0) file.performance = performance;
      // One rule equal to the managed default: the file leaves `alerts` out, which declares exactly it.
      if (!(alerts.length === 1 && isManagedDefault(alerts[0], policy))) file.alerts = alerts;
      const kept = keptKeyRateLimit(project, policy, unlimited);
      if (kept) report.push(kept);
      const privacy = carriedPrivacy(project.slug, project.privacy, policy, report, turnedOn);
      if (privacy) file.privacy = privacy;
      projects.push(file);
      setEntry((entry.projects ??= {}), project.slug, adopted);
    }

    files.set(team.slug, {
      name: team.name.slice(0, 64),
      ...(members.length > 0 ? { members } : {}),
      ...(projects.length > 0 ? { projects } : {}),
    });
    setEntry(adoption.teams, team.slug, entry);
  }

  // Repositories: adopted under each team whose projects map them; those no project maps are
  // reported so that a team claims them.
  for (const repository of live.repositories) {
    const [owner, name] = repository.name.split("/");
    const integration = integrationForOwner(policy, owner);
    if (!integration) {
      report.push(
        `repository ${repository.name} belongs to GitHub owner "${owner}", which has no integration in this stack: stays unmanaged`,
      );
      continue;
    }
    const teams = mappedBy.get(repository.id);
    if (!teams) {
      report.push(
        `repository ${repository.name} is linked in Sentry but no project maps it: add it under \`repositories:\` of the team that owns it`,
      );
      continue;
    }
    for (const team of teams)
      setEntry((adoption.teams[team].repositories ??= {}), repository.name.toLowerCase(), {
        link: `${org}/${repository.name}`,
        installation: `${integration.installationId}:${name}`,
      });
  }
  if (unlimited.length > 0)
    report.push(
      `${unlimited.length} project(s) have no DSN key rate limit in Sentry; the stack's ${policy.defaults.keyRateLimit.count} events / ${policy.defaults.keyRateLimit.window} s applies to them (or an override of \`keyRateLimitOverrides\`): ${unlimited.sort(byteOrder).join(", ")}`,
    );
  for (const [key, slugs] of turnedOn)
    report.push(
      `${slugs.length} project(s) have \`${key}\` off in Sentry; the stack's policy turns it on: ${slugs.sort(byteOrder).join(", ")}`,
    );
  for (const member of live.members) {
    if (!membersInTeams.has(member.id))
      report.push(
        `member ${member.email} is in no team: no file declares them (add them to a team file, or remove them in Sentry)`,
      );
  }
  return { files, adoption, report };
}
