// The comment posted on a merged pull request once `pulumi up` has created its projects.
import type { DesiredOrganization } from "../model/organization";
import { sdkSnippet } from "./sdk-snippets";

export interface StackOutputs {
  projectDsns?: Record<string, string>;
}

/** Markdown for the projects of `head` that `base` did not have, or undefined when there is none. */
export function newProjectsComment(
  head: DesiredOrganization,
  base: DesiredOrganization | undefined,
  outputs: StackOutputs,
  sentryUrl: string,
): string | undefined {
  const existing = new Set((base?.projects ?? []).map((p) => p.slug));
  const created = head.projects.filter((p) => !existing.has(p.slug));
  if (created.length === 0) return undefined;
  const sections = created.map((project) => {
    const dsn = outputs.projectDsns?.[project.slug];
    if (!dsn) return `### \`${project.slug}\`\n\nNo DSN in the stack outputs yet: ask ops to check the deployment.`;
    const { language, code } = sdkSnippet(project.platform, dsn);
    return [
      `### \`${project.slug}\` (${project.platform ?? "no platform"})`,
      "",
      `DSN (public): \`${dsn}\``,
      "",
      `\`\`\`${language}`,
      code,
      "```",
      "",
      `Source maps and releases: \`url: ${sentryUrl}\`, \`org: ${head.organization}\`, \`project: ${project.slug}\`.`,
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
