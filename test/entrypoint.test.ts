// index.ts itself, imported only after the mocks are set (a static import would run it before
// setMocks, silently, without any monitor), with the options the engine receives.
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { runUnderMocks, type RecordedResource } from "../src/plan/mock-engine";
import { PULUMI_PROJECT } from "../src/stack/policy";
import { readStackConfig } from "../src/stack/stack-file";
import { T } from "./helpers/plan-harness";
import { ROOT } from "./helpers/team-files";

interface RegistrationOptions {
  type: string;
  name: string;
  retainOnDelete: boolean;
  protect: boolean;
  parent: string;
}

// Relies on the generated protobuf getters of RegisterResourceRequest (pinned @pulumi/pulumi):
// mocks never pass resource options to newResource.
function recordOptions(into: RegistrationOptions[]): void {
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource: (req: unknown, cb: unknown) => unknown;
  };
  const original = monitor.registerResource.bind(monitor);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the monitor request is internal protobuf
  monitor.registerResource = (req: any, cb: unknown) => {
    into.push({
      type: req.getType(),
      name: req.getName(),
      retainOnDelete: req.getRetainondelete() === true,
      protect: req.getProtect() === true,
      parent: req.getParent(),
    });
    return original(req, cb);
  };
}

describe("index.ts under mocks", () => {
  const options: RegistrationOptions[] = [];
  let resources: RecordedResource[] = [];
  let outputs: Record<string, unknown> = {};

  beforeAll(async () => {
    const config = readStackConfig("prod", ROOT);
    const run = await runUnderMocks({
      project: PULUMI_PROJECT,
      stack: "prod",
      config,
      load: async () => {
        recordOptions(options);
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
