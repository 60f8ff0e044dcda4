// The emulator's responses against Sentry's official OpenAPI document (release 0.147.0, copied from
// shared/reference) for every documented endpoint it serves.
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SentryEmulator } from "../src/emulator/server";
import { callEmulator } from "./helpers/emulator-http";
import { seedFromModel, seedIntegrations } from "../src/emulator/seed";
import { seedTelemetry } from "../src/emulator/seed-telemetry";
import { buildDesiredOrganization } from "../src/model/organization";
import { readTeamDirectory } from "../src/team-file/load";
import { validateTeamFiles } from "../src/team-file/validate";
import openapi from "./fixtures/sentry-openapi.json";
import { prodPolicy, ROOT } from "./helpers/team-files";
import { join } from "node:path";

type Schema = Record<string, unknown>;
const paths = (
  openapi as unknown as {
    paths: Record<
      string,
      Record<string, { responses: Record<string, { content?: { "application/json"?: { schema: Schema } } }> }>
    >;
  }
).paths;
// The document uses formats (date-time, uri...): check them rather than let Ajv warn that it ignores them.
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));

/**
 * Where Sentry's code and its schema disagree, the emulator follows the code (shared/reference/sentry-api.md):
 * an invited member has `user: null` until the invitation is accepted, while the schema says object.
 */
function allowPendingInvites(schema: Schema): Schema {
  const copy = JSON.parse(JSON.stringify(schema)) as Schema & { items?: Schema; properties?: Record<string, Schema> };
  const member = (copy.items ?? copy) as { properties?: Record<string, Schema> };
  if (member.properties?.user) member.properties.user = { ...member.properties.user, nullable: true };
  return copy;
}

/**
 * Outcomes grouped by project have totals only: Sentry skips the time-series query then
 * (getsentry/sentry src/sentry/api/endpoints/organization_stats_v2.py, stored version 189782896, `get`:
 * `result_timeseries = None if "project_id" in query.query_groupby`), so `intervals` and `series` are absent
 * while the schema requires them.
 */
function withoutTimeSeries(schema: Schema): Schema {
  type Node = Schema & { required: string[]; properties: { groups: { items: Node } } };
  const copy = JSON.parse(JSON.stringify(schema)) as Node;
  copy.required = copy.required.filter((k) => k !== "intervals");
  const group = copy.properties.groups.items;
  group.required = group.required.filter((k) => k !== "series");
  return copy;
}

/** The documented response schema of (method, documented path, status). */
function documentedSchema(method: string, path: string, status: number): Schema {
  const operation = paths[path]?.[method.toLowerCase()];
  const schema = operation?.responses[String(status)]?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`${method} ${path} ${status} is not documented with a JSON body`);
  return path.includes("/members/") ? allowPendingInvites(schema) : schema;
}

const TOKEN = "openapi-test-token";
const emulator = new SentryEmulator({ organization: "betagouv", tokens: TOKEN });

const call = (method: string, path: string, body?: unknown) => callEmulator(emulator, TOKEN, method, path, body);

beforeAll(async () => {
  const { teams } = validateTeamFiles(readTeamDirectory(join(ROOT, "teams"), ROOT), prodPolicy);
  seedIntegrations(emulator.state, prodPolicy);
  seedFromModel(emulator.state, buildDesiredOrganization(teams, prodPolicy), { acceptedInvitations: true });
  seedTelemetry(emulator.state, { now: Date.now(), profiles: { "carnet-de-bord": "personalData" } });
  await emulator.listen();
});
afterAll(() => emulator.close());

const O = "/api/0/organizations/{organization_id_or_slug}";
const P = "/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}";
const TM = "/api/0/teams/{organization_id_or_slug}/{team_id_or_slug}";

// [method, emulator path, documented path, expected status, body?]
const cases: [string, string, string, number, unknown?][] = [
  ["GET", "organizations/betagouv/", `${O}/`, 200],
  ["GET", "organizations/betagouv/teams/", `${O}/teams/`, 200],
  ["POST", "organizations/betagouv/teams/", `${O}/teams/`, 201, { slug: "openapi-team" }],
  ["GET", "teams/betagouv/aides-jeunes/", `${TM}/`, 200],
  ["PUT", "teams/betagouv/openapi-team/", `${TM}/`, 200, { name: "Renamed" }],
  ["GET", "teams/betagouv/aides-jeunes/members/", `${TM}/members/`, 200],
  [
    "POST",
    "teams/betagouv/openapi-team/projects/",
    `${TM}/projects/`,
    201,
    { name: "OpenAPI project", slug: "openapi-project", platform: "python" },
  ],
  ["GET", "organizations/betagouv/projects/", `${O}/projects/`, 200],
  // The checklist's reads.
  ["GET", "organizations/betagouv/projects/?statsPeriod=30d&transactionStats=1", `${O}/projects/`, 200],
  [
    "GET",
    "organizations/betagouv/stats_v2/?field=sum(quantity)&groupBy=project&groupBy=outcome&category=transaction&statsPeriod=30d",
    `${O}/stats_v2/`,
    200,
  ],
  [
    "GET",
    "organizations/betagouv/events/?dataset=errors&field=project.id&field=count()&query=has:user.email&statsPeriod=30d",
    `${O}/events/`,
    200,
  ],
  ["GET", "projects/betagouv/carnet-de-bord/keys/", `${P}/keys/`, 200],
  ["POST", "projects/betagouv/carnet-de-bord/keys/", `${P}/keys/`, 201, { name: "Second" }],
  ["GET", "projects/betagouv/carnet-de-bord/filters/", `${P}/filters/`, 200],
  ["GET", "projects/betagouv/carnet-de-bord/rules/", `${P}/rules/`, 200],
  ["GET", "organizations/betagouv/members/", `${O}/members/`, 200],
  [
    "POST",
    "organizations/betagouv/members/",
    `${O}/members/`,
    201,
    {
      email: "new.person@beta.gouv.fr",
      orgRole: "member",
      teamRoles: [{ teamSlug: "aides-jeunes", role: "contributor" }],
    },
  ],
  ["GET", "organizations/betagouv/repos/", `${O}/repos/`, 200],
  ["GET", "organizations/betagouv/integrations/?providerKey=github", `${O}/integrations/`, 200],
];

describe("responses match Sentry's OpenAPI document", () => {
  it.each(cases)("%s %s", async (method, path, documented, status, body) => {
    const response = await call(method, path, body);
    expect(response.status).toBe(status);
    const schema = documentedSchema(method, documented, status);
    const validate = ajv.compile(
      path.includes("stats_v2/") && path.includes("groupBy=project") ? withoutTimeSeries(schema) : schema,
    );
    const ok = validate(response.body);
    expect(
      ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`),
    ).toEqual([]);
  });

  it("member detail (with team roles) matches", async () => {
    const member = [...emulator.state.members.values()][0];
    const response = await call("GET", `organizations/betagouv/members/${member.id}/`);
    const validate = ajv.compile(documentedSchema("GET", `${O}/members/{member_id}/`, 200));
    expect(validate(response.body) ? [] : validate.errors).toEqual([]);
  });

  it("a rule created through the API matches (the code answers 200 where the schema says 201)", async () => {
    const team = emulator.state.teamBySlug("carnet-de-bord")!;
    const response = await call("POST", "projects/betagouv/carnet-de-bord/rules/", {
      name: "OpenAPI rule",
      actionMatch: "any",
      filterMatch: "all",
      frequency: 60,
      conditions: [{ id: "sentry.rules.conditions.reappeared_event.ReappearedEventCondition" }],
      actions: [{ id: "sentry.mail.actions.NotifyEmailAction", targetType: "Team", targetIdentifier: team.id }],
    });
    expect(response.status).toBe(200);
    const validate = ajv.compile(documentedSchema("POST", `${P}/rules/`, 201));
    expect(validate(response.body) ? [] : validate.errors).toEqual([]);
  });

  it("project detail carries the documented types for every field it returns", async () => {
    const response = await call("GET", "projects/betagouv/carnet-de-bord/");
    const schema = documentedSchema("GET", `${P}/`, 200) as { properties: Record<string, Schema>; required: string[] };
    // The emulator returns the fields the tools read, not all of Sentry's; those it returns must be right.
    const returned = Object.keys(response.body as object).filter((k) => k in schema.properties);
    const partial = { ...schema, required: schema.required.filter((k) => returned.includes(k)) };
    const validate = ajv.compile(partial);
    expect(validate(response.body) ? [] : validate.errors).toEqual([]);
    expect(returned).toEqual(
      expect.arrayContaining([
        "id",
        "slug",
        "name",
        "platform",
        "teams",
        "dataScrubber",
        "dataScrubberDefaults",
        "scrubIPAddresses",
        "sensitiveFields",
        "safeFields",
      ]),
    );
  });
});
