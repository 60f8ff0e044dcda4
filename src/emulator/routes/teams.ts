// Teams and the members of one team.
import { HttpError, READ_ORG, WRITE_ORG, type EmulatorApi } from "../http";
import { memberBody, teamBody } from "../serialize";

export const SLUG = /^(?![0-9]+$)[a-z0-9_-]+$/;
export const SLUG_ERROR =
  "Enter a valid slug consisting of lowercase letters, numbers, underscores or hyphens. It cannot be entirely numeric.";

export function defineTeamRoutes(api: EmulatorApi): void {
  const s = api.state;
  const teamScopes = ["team:read", "team:write", "team:admin"];

  api.route("GET", "/organizations/:org/teams/", READ_ORG, (r) =>
    api.page(
      r,
      [...s.teams.values()].sort((a, b) => a.slug.localeCompare(b.slug)).map((t) => teamBody(s, t, r.requester)),
    ),
  );

  // getsentry/sentry src/sentry/core/endpoints/organization_teams.py@d2bdc6de: slug at most 50
  // characters (:49), name at most 64 (:56), a taken slug is a 409 (:197-204), and the requesting
  // user, when a member, joins the team it creates with no team role (:162-163, :209-219).
  api.route("POST", "/organizations/:org/teams/", [...WRITE_ORG, "team:write"], (r) => {
    const slug = typeof r.body.slug === "string" && r.body.slug !== "" ? r.body.slug : undefined;
    const name = typeof r.body.name === "string" && r.body.name !== "" ? r.body.name : undefined;
    if (!slug && !name) throw new HttpError(400, { non_field_errors: ["Name or slug is required"] });
    if (name && name.length > 64)
      throw new HttpError(400, { name: ["Ensure this field has no more than 64 characters."] });
    const finalSlug = slug ?? name!.toLowerCase().replace(/[^a-z0-9_-]+/g, "-");
    if (!SLUG.test(finalSlug)) throw new HttpError(400, { slug: [SLUG_ERROR] });
    if (finalSlug.length > 50)
      throw new HttpError(400, { slug: ["Ensure this field has no more than 50 characters."] });
    if (s.teamBySlug(finalSlug))
      throw new HttpError(409, {
        non_field_errors: ["A team with this slug already exists."],
        detail: "A team with this slug already exists.",
      });
    const team = s.createTeam(finalSlug, name ?? finalSlug);
    r.requester?.teamRoles.set(team.id, null);
    return { status: 201, body: teamBody(s, team, r.requester) };
  });

  api.route("GET", "/teams/:org/:team/", teamScopes, (r) => ({
    status: 200,
    body: teamBody(s, api.team(r.params.team), r.requester),
  }));

  api.route("PUT", "/teams/:org/:team/", ["team:write", "team:admin"], (r) => {
    const team = api.team(r.params.team);
    if (typeof r.body.slug === "string" && r.body.slug !== team.slug) {
      if (s.teamBySlug(r.body.slug))
        throw new HttpError(400, { slug: [`The slug "${r.body.slug}" is already in use.`] });
      team.slug = r.body.slug;
    }
    if (typeof r.body.name === "string") team.name = r.body.name;
    return { status: 200, body: teamBody(s, team, r.requester) };
  });

  api.route("DELETE", "/teams/:org/:team/", ["team:admin"], (r) => {
    // Asynchronous in Sentry: the slug is freed at once and the team answers 404 from now on.
    const team = api.team(r.params.team);
    s.teams.delete(team.id);
    for (const member of s.members.values()) member.teamRoles.delete(team.id);
    return { status: 204 };
  });

  api.route("GET", "/teams/:org/:team/members/", teamScopes, (r) => {
    const team = api.team(r.params.team);
    const members = [...s.members.values()].filter((m) => m.teamRoles.has(team.id));
    return api.page(
      r,
      members.map((m) => ({
        ...memberBody(s, m),
        teamRole: m.teamRoles.get(team.id) ?? "contributor",
        teamSlug: team.slug,
      })),
    );
  });
}
