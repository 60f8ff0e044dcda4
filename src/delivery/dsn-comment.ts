// The comment posted on a merged pull request once `pulumi up` has created its projects.
// Which projects: those a merged commit added (declared at the commit, not at its first parent) that
// were not declared at the last successful deployment, are still declared now and were not adopted
// (they existed before). So a deploy that failed does not lose its comment: the next successful one
// posts it, on the pull request that added each project.
import type { DesiredOrganization, DesiredProject } from "../model/organization";
import { markdownCode, markdownText } from "../plan/escape";
import { sdkSnippet } from "./sdk-snippets";

export interface StackOutputs {
  projectDsns?: Record<string, string>;
}

export interface ProjectHistory {
  /** What is declared now (the deployed commit). */
  now: DesiredOrganization;
  /** The merged commit and its first parent: the projects this commit added. */
  commit: DesiredOrganization;
  beforeCommit?: DesiredOrganization;
  /** The commit of the last successful deployment; absent before the first one. */
  lastDeployed?: DesiredOrganization;
  /** Project slugs of the adoption file: they existed before management. */
  adopted?: ReadonlySet<string>;
}

export function projectsToAnnounce(history: ProjectHistory): DesiredProject[] {
  const slugs = (model?: DesiredOrganization) => new Set((model?.projects ?? []).map((p) => p.slug));
  const before = slugs(history.beforeCommit);
  const deployed = slugs(history.lastDeployed);
  const added = slugs(history.commit);
  return history.now.projects.filter(
    (p) => added.has(p.slug) && !before.has(p.slug) && !deployed.has(p.slug) && !history.adopted?.has(p.slug),
  );
}

/** Markdown for these projects, or undefined when there is none. */
export function newProjectsComment(
  projects: readonly DesiredProject[],
  organization: string,
  outputs: StackOutputs,
  sentryUrl: string,
): string | undefined {
  if (projects.length === 0) return undefined;
  const sections = projects.map((project) => {
    const dsn = outputs.projectDsns?.[project.slug];
    if (!dsn)
      return `### ${markdownCode(project.slug)}\n\nNo DSN in the stack outputs yet: ask ops to check the deployment.`;
    const { language, code } = sdkSnippet(project.platform, dsn);
    return [
      `### ${markdownCode(project.slug)} (${project.platform ? markdownText(project.platform) : "no platform"})`,
      "",
      `DSN (public): ${markdownCode(dsn)}`,
      "",
      `\`\`\`${language}`,
      code,
      "```",
      "",
      `Source maps and releases: ${markdownCode(`url: ${sentryUrl}`)}, ${markdownCode(`org: ${organization}`)}, ${markdownCode(`project: ${project.slug}`)}.`,
    ].join("\n");
  });
  return [
    "## Sentry: your new project(s) are ready",
    "",
    "Never send personal data to Sentry: keep default personal data off and do not put e-mails or names in `setUser`.",
    "",
    ...sections.flatMap((s) => [s, ""]),
  ].join("\n");
}
