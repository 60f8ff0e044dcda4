// Projects and the teams they belong to.
import { HttpError, READ_ORG, WRITE_ORG, type EmulatorApi } from "../http";
import { projectDetailBody, projectSummaryBody } from "../serialize";
import type { EmulatedProject } from "../state";
import { servedPeriodDays } from "./checklist";
import { SLUG, SLUG_ERROR } from "./teams";

const SENTRY_STATS_PERIODS = ["1h", "24h", "7d", "14d", "30d", "90d"];

export function defineProjectRoutes(api: EmulatorApi): void {
  const s = api.state;
  const readProject = ["project:read", "project:write", "project:admin"];

  // Provider v0.11.2 creates with `{name, slug}` only, then PUTs the rest, then adds the other teams
  // one by one (terraform-provider-sentry-v0.11.2/resource_sentry_project.go:150-173, :296-309).
  api.route("POST", "/teams/:org/:team/projects/", ["project:write", "project:admin", ...WRITE_ORG], (r) => {
    const team = api.team(r.params.team);
    const name = typeof r.body.name === "string" ? r.body.name : undefined;
    if (!name) throw new HttpError(400, { name: ["This field is required."] });
    const slug = typeof r.body.slug === "string" ? r.body.slug : name.toLowerCase().replace(/[^a-z0-9_-]+/g, "-");
    if (!SLUG.test(slug)) throw new HttpError(400, { slug: [SLUG_ERROR] });
    if (s.projectBySlug(slug)) throw new HttpError(409, { detail: "A project with this slug already exists." });
    const platform = typeof r.body.platform === "string" && r.body.platform !== "" ? r.body.platform : null;
    const project = s.createProject(team, slug, name, platform, r.body.default_rules !== false);
    return { status: 201, body: projectSummaryBody(s, project) };
  });

  // With `statsPeriod` each project carries its per-day error counts (`stats`), and with `transactionStats`
  // its transactions too; a period outside Sentry's list is a 400 (getsentry/sentry
  // src/sentry/core/endpoints/organization_projects.py@57915b5 ERR_INVALID_STATS_PERIOD; the serializer's
  // `get_stats`, src/sentry/api/serializers/models/project.py, buckets a 30d period by day).
  api.route("GET", "/organizations/:org/projects/", READ_ORG, (r) => {
    const period = r.query.get("statsPeriod");
    if (period !== null && period !== "" && !SENTRY_STATS_PERIODS.includes(period))
      throw new HttpError(400, {
        error: {
          params: {
            stats_period: {
              message: "Invalid stats_period. Valid choices are '', '1h', '24h', '7d', '14d', '30d', and '90d'",
            },
          },
        },
      });
    const days = period ? servedPeriodDays(period) : undefined;
    const summary = (p: EmulatedProject) => {
      const body = projectSummaryBody(s, p);
      if (days === undefined) return body;
      const stats = s.telemetry.dailyCounts(p.id, days, "error");
      return r.query.get("transactionStats")
        ? { ...body, stats, transactionStats: s.telemetry.dailyCounts(p.id, days, "transaction") }
        : { ...body, stats };
    };
    return api.page(r, [...s.projects.values()].sort((a, b) => a.slug.localeCompare(b.slug)).map(summary));
  });

  api.route("GET", "/projects/:org/:project/", readProject, (r) => ({
    status: 200,
    body: projectDetailBody(s, api.project(r.params.project), api.publicUrl),
  }));

  api.route("PUT", "/projects/:org/:project/", ["project:write", "project:admin"], (r) => {
    const project = api.project(r.params.project);
    const body = r.body;
    if (typeof body.slug === "string" && body.slug && body.slug !== project.slug) {
      if (s.projectBySlug(body.slug))
        throw new HttpError(400, { slug: [`Another project (${body.slug}) is already using that slug`] });
      project.previousSlugs.push(project.slug);
      project.slug = body.slug;
    }
    if (typeof body.name === "string" && body.name) project.name = body.name;
    if (typeof body.platform === "string" && body.platform) project.platform = body.platform;
    for (const flag of ["dataScrubber", "dataScrubberDefaults", "scrubIPAddresses"] as const) {
      if (typeof body[flag] === "boolean") project.privacy[flag] = body[flag] as boolean;
    }
    for (const list of ["sensitiveFields", "safeFields"] as const) {
      const value = body[list];
      if (value === undefined) continue;
      if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v === ""))
        throw new HttpError(400, { [list]: ["Empty values are not allowed."] });
      if (list === "sensitiveFields" && value.join("").length > 4000)
        throw new HttpError(400, { [list]: ["List of sensitive fields is too long."] });
      project.privacy[list] = value as string[];
    }
    return { status: 200, body: projectDetailBody(s, project, api.publicUrl) };
  });

  api.route("DELETE", "/projects/:org/:project/", ["project:admin"], (r) => {
    s.deleteProject(api.project(r.params.project));
    return { status: 204 };
  });

  // Adding a team answers 201 whether or not the team already had the project; an unknown team is a
  // 404 "Team does not exist." (getsentry/sentry src/sentry/core/endpoints/project_team_details.py@07623c98:54-59, :79-98).
  const projectTeam = (r: { params: Record<string, string> }) => {
    const project = api.project(r.params.project);
    const team = s.teamBySlug(r.params.team);
    if (!team) throw new HttpError(404, { detail: "Team does not exist." });
    return { project, team };
  };
  api.route("POST", "/projects/:org/:project/teams/:team/", ["project:write", "project:admin"], (r) => {
    const { project, team } = projectTeam(r);
    if (!project.teamIds.includes(team.id)) project.teamIds.push(team.id);
    return { status: 201, body: projectSummaryBody(s, project) };
  });
  api.route("DELETE", "/projects/:org/:project/teams/:team/", ["project:write", "project:admin"], (r) => {
    const { project, team } = projectTeam(r);
    project.teamIds = project.teamIds.filter((id) => id !== team.id);
    return { status: 200, body: projectSummaryBody(s, project) };
  });
}
