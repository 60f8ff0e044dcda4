// The plan as Markdown: a per-team summary fit for a PR comment or the GitHub job summary.
import { describeAction, describeCondition, type DesiredAlertRule } from "../model/alert-rules";
import type { DesiredMember, DesiredOrganization, DesiredProject } from "../model/organization";
import { accessLines, describePerformanceAlert } from "./access-and-performance";
import { markdownCode, markdownText } from "./escape";
import type { Plan } from "./plan";

/** Every value from a team file goes through these: inert text, or code that cannot leave its span. */
const text = markdownText;
const code = (value: string) => markdownCode(value, { inTable: true });

function describeRule(rule: DesiredAlertRule, model: DesiredOrganization, channels: string[]): string {
  const handleOf = (email: string) => model.members.find((m) => m.email === email)?.handle ?? email;
  const targets = rule.actions.map((action) =>
    describeAction(action, (email) => text(handleOf(email)), channels.map(text)),
  );
  const parts = [
    rule.conditions.map(describeCondition).join(" or "),
    ...(rule.environment ? [`env ${text(rule.environment)}`] : []),
    `→ ${targets.join(", ")}`,
    `every ${rule.frequency} min`,
  ];
  return `**${text(rule.name)}**${rule.isDefault ? " (default)" : ""}: ${parts.join(" · ")}`;
}

const memberLabel = (member: DesiredMember) => member.handle ?? member.email;

function describePrivacy(project: DesiredProject): string {
  const { privacy } = project;
  const off = (["dataScrubber", "dataScrubberDefaults", "scrubIPAddresses"] as const).filter((k) => !privacy[k]);
  const scrubbing = off.length === 0 ? "scrubbing on" : `**${off.join(", ")} off**`;
  const filters = Object.entries(project.inboundFilters).filter(([, active]) => active).length;
  const key = project.keyRateLimit;
  return `${scrubbing}, ${privacy.sensitiveFields.length} sensitive / ${privacy.safeFields.length} safe fields, ${filters} inbound filters, key ${key.count} events / ${key.window} s`;
}

export function planMarkdown(plan: Plan): string {
  const { model } = plan;
  const lines: string[] = [
    `## Sentry plan for stack \`${plan.stack}\``,
    "",
    `${model.teams.length} teams · ${model.projects.length} projects · ${model.members.length} members · ${model.repositories.length} GitHub repositories · ${plan.resources.length} resources declared`,
    "",
    "> Offline plan: the real Pulumi program run under Pulumi's mock engine, without credentials or network. It shows what the team files declare; `pulumi preview` (trusted pull requests and `main`) compares that with the live Sentry and GitHub.",
  ];
  for (const team of model.teams) {
    const members = model.members.filter((m) => m.teams.some((t) => t.teamSlug === team.slug));
    const projects = model.projects.filter((p) => p.teamSlug === team.slug);
    const repositories = model.repositories.filter((r) => r.teamSlugs.includes(team.slug));
    lines.push(
      "",
      `### ${markdownCode(team.slug)} — ${text(team.name)}`,
      "",
      `File ${markdownCode(team.file)}${team.startup ? ` · startup ${markdownCode(team.startup)}` : ""}`,
    );
    if (members.length > 0) {
      lines.push("", "| Member | Team role |", "|---|---|");
      for (const member of members)
        lines.push(`| ${text(memberLabel(member))} | ${member.teams.find((t) => t.teamSlug === team.slug)!.role} |`);
    }
    lines.push(...accessLines(team, model, "en"));
    if (projects.length > 0) {
      lines.push("", "| Project | Platform | Repository | Alert rules | Privacy |", "|---|---|---|---|---|");
      for (const project of projects) {
        const rules =
          [
            ...project.alertRules.map((rule) => describeRule(rule, model, project.mattermostChannels)),
            ...project.performanceAlerts.map((alert) => describePerformanceAlert(alert, model, "en")),
          ].join("<br>") || "none";
        lines.push(
          `| ${code(project.slug)} (${text(project.name)}) | ${project.platform ? text(project.platform) : "—"} | ${project.repository ? text(project.repository) : "—"} | ${rules} | ${describePrivacy(project)} |`,
        );
      }
    }
    if (repositories.length > 0)
      lines.push("", `GitHub repositories linked: ${repositories.map((r) => text(r.identifier)).join(", ")}`);
  }

  const counts = new Map<string, number>();
  for (const resource of plan.resources) counts.set(resource.type, (counts.get(resource.type) ?? 0) + 1);
  lines.push("", "<details><summary>Resources by type</summary>", "", "| Type | Count |", "|---|---|");
  for (const [type, count] of [...counts].sort((a, b) => a[0].localeCompare(b[0])))
    lines.push(`| \`${type}\` | ${count} |`);
  lines.push("", "</details>");
  return lines.join("\n");
}
