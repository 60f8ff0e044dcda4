// Resource options as the engine receives them. Mocks never pass options to newResource, so this
// wraps the mock monitor's registerResource and reads the raw request through the generated
// protobuf getters of RegisterResourceRequest (internal API of the pinned @pulumi/pulumi).
import * as pulumi from "@pulumi/pulumi";

export interface Registration {
  type: string;
  name: string;
  retainOnDelete: boolean;
  protect: boolean;
  parent: string;
  /** URNs of the explicit `dependsOn` and of the resources the inputs come from. */
  dependencies: string[];
  ignoreChanges: string[];
  replaceOnChanges: string[];
  importId: string;
}

/** Call after setMocks (e.g. in runUnderMocks' `load`): every later registration is pushed to `into`. */
export function recordRegistrations(into: Registration[]): void {
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
      dependencies: req.getDependenciesList(),
      ignoreChanges: req.getIgnorechangesList(),
      replaceOnChanges: req.getReplaceonchangesList(),
      importId: req.getImportid(),
    });
    return original(req, cb);
  };
}
