// Targeted previews: the URNs of every resource a set of team files declares, so that a pull request
// that changes one file previews its resources (and, with target-dependents, what depends on them)
// instead of refreshing all 660 teams.
import type { DesiredOrganization } from "../model/organization";
import { NAMES, TYPES } from "../pulumi/names";
import { PULUMI_PROJECT } from "../stack/policy";

/** A URN and the team files whose content decides it. */
export interface DeclaredUrn {
  urn: string;
  teamSlugs: string[];
}

export function urnOf(stack: string, typeChain: readonly string[], name: string): string {
  return `urn:pulumi:${stack}::${PULUMI_PROJECT}::${typeChain.join("$")}::${name}`;
}

/** Every URN the program declares for this model (providers and the two shared components aside). */
export function declaredUrns(model: DesiredOrganization, stack: string): DeclaredUrn[] {
  const urns: DeclaredUrn[] = [];
  const add = (typeChain: readonly string[], name: string, teamSlugs: string[]) =>
    urns.push({ urn: urnOf(stack, typeChain, name), teamSlugs });

  for (const team of model.teams) {
    add([TYPES.teamComponent], NAMES.team(team.slug), [team.slug]);
    add([TYPES.teamComponent, TYPES.team], NAMES.team(team.slug), [team.slug]);
    add([TYPES.teamComponent, TYPES.teamDefaults], NAMES.teamDefaults(team.slug), [team.slug]);
  }
  for (const project of model.projects) {
    const owners = [project.teamSlug];
    const component = [TYPES.teamComponent, TYPES.projectComponent];
    add(component, NAMES.project(project.slug), owners);
    add([...component, TYPES.project], NAMES.project(project.slug), owners);
    add([...component, TYPES.projectDefaults], NAMES.projectDefaults(project.slug), owners);
    add([...component, TYPES.projectGuardrails], NAMES.projectGuardrails(project.slug), owners);
    for (const rule of project.alertRules)
      add([...component, TYPES.issueAlert], NAMES.alert(project.slug, rule.bodyKey), owners);
    if (project.mattermostChannels.length > 0 && model.mattermostWebhookUrl)
      add([...component, TYPES.plugin], NAMES.webhooks(project.slug), owners);
    if (project.repository) add([...component, TYPES.codeMapping], NAMES.codeMapping(project.slug), owners);
  }
  const notified = new Set(
    model.projects.flatMap((p) =>
      p.alertRules.flatMap((r) => r.actions.flatMap((a) => (a.kind === "member" ? [a.email] : []))),
    ),
  );
  for (const member of model.members) {
    const teams = member.teams.map((t) => t.teamSlug);
    add([TYPES.membersComponent, TYPES.member], NAMES.member(member.email), teams);
    const adminTeams = member.teams.filter((t) => t.role === "admin").map((t) => t.teamSlug);
    if (adminTeams.length > 0)
      add([TYPES.membersComponent, TYPES.memberTeamRoles], NAMES.memberTeamRoles(member.email), teams);
    if (notified.has(member.email))
      add([TYPES.membersComponent, TYPES.memberUser], NAMES.memberUser(member.email), teams);
  }
  for (const repository of model.repositories) {
    add(
      [TYPES.repositoryLinksComponent, TYPES.installationRepository],
      NAMES.installationRepository(repository),
      repository.teamSlugs,
    );
    add([TYPES.repositoryLinksComponent, TYPES.repositoryLink], NAMES.repositoryLink(repository), repository.teamSlugs);
  }
  return urns;
}

/**
 * URNs to preview for a change of the given team files: what they declare after the change (`head`)
 * and what they declared before (`base`, so that removals are previewed too), sorted and unique.
 */
export function targetUrns(
  changedTeams: ReadonlySet<string>,
  stack: string,
  head: DesiredOrganization,
  base?: DesiredOrganization,
): string[] {
  const urns = new Set<string>();
  for (const model of base ? [head, base] : [head]) {
    for (const { urn, teamSlugs } of declaredUrns(model, stack)) {
      if (teamSlugs.some((slug) => changedTeams.has(slug))) urns.add(urn);
    }
  }
  return [...urns].sort();
}

/** Paths whose change can affect resources of any team: they need a full preview. */
export function needsFullPreview(changedPaths: readonly string[]): string[] {
  const harmless = (path: string) =>
    /^teams\/[^/]+\.ya?ml$/.test(path) ||
    /^(docs|test|bench)\//.test(path) ||
    /\.md$/.test(path) ||
    path === ".github/CODEOWNERS";
  return changedPaths.filter((path) => !harmless(path));
}
