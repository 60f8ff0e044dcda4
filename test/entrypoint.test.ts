// index.ts itself, imported only after the mocks are set (a static import would run it before
// setMocks, silently, without any monitor), with the options the engine receives.
import { beforeAll, describe, expect, it } from "vitest";
import { runUnderMocks, type RecordedResource } from "../src/plan/mock-engine";
import { PULUMI_PROJECT } from "../src/stack/policy";
import { readStackConfig } from "../src/stack/stack-file";
import { T } from "./helpers/plan-harness";
import { recordRegistrations, type Registration } from "./helpers/registrations";
import { ROOT } from "./helpers/team-files";

describe("index.ts under mocks", () => {
  const options: Registration[] = [];
  let resources: RecordedResource[] = [];
  let outputs: Record<string, unknown> = {};

  beforeAll(async () => {
    const config = readStackConfig("prod", ROOT);
    const run = await runUnderMocks({
      project: PULUMI_PROJECT,
      stack: "prod",
      config,
      load: async () => {
        recordRegistrations(options);
        return import("../index.js");
      },
    });
    resources = run.resources;
    outputs = await new Promise((resolve) => run.program.projectDsns.apply(resolve));
  });

  it("declares the example teams of teams/", () => {
    expect(
      resources
        .filter((r) => r.type === T.team)
        .map((r) => r.name)
        .sort(),
    ).toEqual(["aides-jeunes", "carnet-de-bord", "signal-conso-demo"]);
    expect(options.length).toBe(resources.length);
  });

  it("exports exactly one public DSN per project", () => {
    expect(outputs).toEqual({
      "aides-jeunes-api": "<public DSN of ProjectDefaults aides-jeunes-api/sentry-defaults>",
      "aides-jeunes-front": "<public DSN of ProjectDefaults aides-jeunes-front/sentry-defaults>",
      "carnet-de-bord": "<public DSN of ProjectDefaults carnet-de-bord/sentry-defaults>",
      "signal-conso-demo": "<public DSN of ProjectDefaults signal-conso-demo/sentry-defaults>",
    });
  });

  it("retains teams and projects on delete, and only them", () => {
    const retained = options.filter((o) => o.retainOnDelete).map((o) => o.type);
    expect(new Set(retained)).toEqual(new Set([T.team, T.project]));
    expect(retained.filter((t) => t === T.team)).toHaveLength(3);
    expect(retained.filter((t) => t === T.project)).toHaveLength(4);
    expect(options.filter((o) => o.protect)).toEqual([]);
  });

  it("parents projects under their team's component and resources under their project's", () => {
    const project = options.find((o) => o.type === T.project && o.name === "carnet-de-bord")!;
    expect(project.parent).toMatch(/::sentry-incubateur:index:Team\$sentry-incubateur:index:Project::carnet-de-bord$/);
    const projectComponent = options.find(
      (o) => o.type === "sentry-incubateur:index:Project" && o.name === "carnet-de-bord",
    )!;
    expect(projectComponent.parent).toMatch(/::sentry-incubateur:index:Team::carnet-de-bord$/);
  });
});
