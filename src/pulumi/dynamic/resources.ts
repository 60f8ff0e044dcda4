// Our dynamic resources as the program declares them, registered so that the state holds a few hundred bytes of provider per
// resource instead of the whole serialized implementation.
//
// `pulumi.dynamic.Resource` stores the provider serialized by value (every function it reaches, the
// Sentry client included: 15-19 KB) as the `__provider` input, and the dynamic provider host copies it
// into the outputs (@pulumi/pulumi cmd/dynamic-provider/index.js, `resultIncludingProvider`): about
// 35 KB of state per resource, 90 MB at the real scale, checkpointed after every step of an `up`.
// What the engine needs is only a resource whose type token's package is `pulumi-nodejs` (that picks
// the Node.js dynamic provider plugin: pulumi/pulumi pkg/resource/deploy/target.go@466d5fbb,
// `nodejsDynamicProviderPackage`) and a `__provider` text that the host evaluates with
// `require-from-string` and whose `handler()` returns the provider (cmd/dynamic-provider/index.js,
// `getProvider`). Our text loads the implementation from this repository at run time instead:
// - the host runs in the project root: the engine starts provider plugins in the program's
//   directory (pulumi/pulumi sdk/go/common/resource/plugin/provider_plugin.go, `newPlugin(ctx,
//   ctx.Pwd, ...)`), and the host script resolves `@pulumi/pulumi/cmd/dynamic-provider` from there
//   (node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs), so `require` in the text resolves
//   from the project's node_modules;
// - the implementation is TypeScript: tsx (a runtime dependency) loads it.
// Consequences: every provider name ever written into a state must stay exported by providers.ts
// (the engine deletes an old resource with the text stored in its state), and the implementation
// that runs is always the checked-out one, which must handle state written by earlier versions.
import * as pulumi from "@pulumi/pulumi";
import { dynamicType } from "../names";
import type { CodeMappingInputs } from "./code-mapping";
import type { MemberTeamRolesInputs } from "./member-team-roles";
import type { MemberUserInputs } from "./member-user";
import type { ProjectDefaultsInputs } from "./project-defaults";
import type { GuardrailsInputs } from "./project-guardrails";
import type { DynamicProviderName } from "./providers";
import type { TeamDefaultsInputs } from "./team-defaults";

/** Where the provider registry lives, relative to the project root (the host's working directory). */
export const PROVIDERS_MODULE = "src/pulumi/dynamic/providers.ts";

/** The `__provider` text of one kind of resource: a CommonJS module whose `handler()` returns the provider. */
export function providerModuleText(name: DynamicProviderName): string {
  return (
    `const path = require("path");\n` +
    `exports.handler = () => require("tsx/cjs/api").require(path.resolve(${JSON.stringify(PROVIDERS_MODULE)}), ` +
    `path.resolve("index.ts")).providers[${JSON.stringify(name)}];\n`
  );
}

/** A dynamic resource whose provider is loaded at run time from providers.ts (see the file comment). */
class SentryDynamicResource extends pulumi.CustomResource {
  constructor(
    name: DynamicProviderName,
    resourceName: string,
    props: pulumi.Inputs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(dynamicType(name), resourceName, { ...props, __provider: providerModuleText(name) }, opts);
  }
}

/** A resource's inputs as the program passes them (each may be an output of another resource). */
type Args<T> = { [K in keyof T]: pulumi.Input<T[K]> };

export class ProjectDefaults extends SentryDynamicResource {
  declare readonly keyId: pulumi.Output<string>;
  declare readonly dsnPublic: pulumi.Output<string>;
  declare readonly removedRuleIds: pulumi.Output<string[]>;
  declare readonly keptRateLimit: pulumi.Output<{ count: number; window: number } | null>;
  declare readonly appliedRateLimit: pulumi.Output<{ count: number; window: number } | null>;

  constructor(name: string, args: Args<ProjectDefaultsInputs>, opts?: pulumi.CustomResourceOptions) {
    super(
      "ProjectDefaults",
      name,
      {
        ...args,
        keyId: undefined,
        dsnPublic: undefined,
        removedRuleIds: undefined,
        keptRateLimit: undefined,
        appliedRateLimit: undefined,
      },
      opts,
    );
  }
}

export class ProjectGuardrails extends SentryDynamicResource {
  constructor(name: string, args: Args<GuardrailsInputs>, opts?: pulumi.CustomResourceOptions) {
    super("ProjectGuardrails", name, args, opts);
  }
}

export class MemberTeamRoles extends SentryDynamicResource {
  constructor(name: string, args: Args<MemberTeamRolesInputs>, opts?: pulumi.CustomResourceOptions) {
    super("MemberTeamRoles", name, args, opts);
  }
}

export class MemberUser extends SentryDynamicResource {
  declare readonly userId: pulumi.Output<string>;

  constructor(name: string, args: Args<MemberUserInputs>, opts?: pulumi.CustomResourceOptions) {
    super("MemberUser", name, { ...args, userId: undefined }, opts);
  }
}

export class TeamDefaults extends SentryDynamicResource {
  constructor(name: string, args: Args<TeamDefaultsInputs>, opts?: pulumi.CustomResourceOptions) {
    super("TeamDefaults", name, args, opts);
  }
}

export class CodeMapping extends SentryDynamicResource {
  constructor(name: string, args: Args<CodeMappingInputs>, opts?: pulumi.CustomResourceOptions) {
    super("CodeMapping", name, args, opts);
  }
}
