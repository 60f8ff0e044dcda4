// Data tests over what the repository ships: every team file, the committed JSON Schema, the prod stack.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { readTeamDirectory } from "../src/team-file/load";
import { teamJsonSchemaText, TEAM_JSON_SCHEMA_PATH } from "../src/team-file/json-schema";
import { validateTeamFiles } from "../src/team-file/validate";
import { ROOT, prodPolicy } from "./helpers/team-files";

const teamFiles = readTeamDirectory(join(ROOT, "teams"), ROOT);

describe("teams/", () => {
  it("holds example team files", () => {
    expect(teamFiles.length).toBeGreaterThanOrEqual(3);
  });

  it("every team file is valid under the prod policy", () => {
    const { diagnostics, teams } = validateTeamFiles(teamFiles, prodPolicy);
    expect(diagnostics).toEqual([]);
    expect(teams).toHaveLength(teamFiles.length);
  });

  it.each(teamFiles.map((f) => [f.file, f]))("%s points editors at the JSON Schema", (_name, file) => {
    expect(Buffer.from(file.bytes).toString("utf8").split("\n")[0]).toBe(
      "# yaml-language-server: $schema=../schema/team.schema.json",
    );
  });
});

describe("schema/team.schema.json", () => {
  it("is up to date with src/team-file/schema.ts (run `npm run schema` when this fails)", () => {
    expect(readFileSync(TEAM_JSON_SCHEMA_PATH, "utf8")).toBe(teamJsonSchemaText());
  });

  it("is a JSON Schema that a stock validator (as in editors) compiles and that accepts every team file", () => {
    const schema = JSON.parse(readFileSync(TEAM_JSON_SCHEMA_PATH, "utf8"));
    const check = new Ajv({ strict: false }).compile(schema);
    for (const file of teamFiles) {
      expect(check(parse(Buffer.from(file.bytes).toString("utf8"))), file.file).toBe(true);
    }
    expect(check({ name: "x", plateform: "y" })).toBe(false);
  });
});

describe("Pulumi.prod.yaml", () => {
  const stack = parse(readFileSync(join(ROOT, "Pulumi.prod.yaml"), "utf8")) as { config: Record<string, unknown> };

  it("targets the real instance and its GitHub App installation", () => {
    expect(stack.config["sentry:baseUrl"]).toBe("https://sentry.incubateur.net/api/");
    expect(prodPolicy.organization).toBe("betagouv");
    expect(prodPolicy.members.handleDomain).toBe("beta.gouv.fr");
    expect(prodPolicy.github.integrations).toEqual([
      { owner: "betagouv", installationId: "51044792", sentryIntegrationId: "3" },
    ]);
  });

  it("holds no secret in clear", () => {
    for (const [key, value] of Object.entries(stack.config)) {
      if (/token|password|passphrase|secret/i.test(key)) expect(value, key).toHaveProperty("secure");
    }
    expect(JSON.stringify(stack)).not.toMatch(/sntry[us]_|ghp_|github_pat_/);
  });
});
