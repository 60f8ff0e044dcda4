// The registry the `__provider` text of each dynamic resource loads at run time (see resource.ts).
// A name, once it has reached a state, must stay here: the engine reads, updates and deletes old
// resources through it.
import { codeMappingProvider } from "./code-mapping";
import { memberTeamRolesProvider } from "./member-team-roles";
import { memberUserProvider } from "./member-user";
import { projectDefaultsProvider } from "./project-defaults";
import { projectGuardrailsProvider } from "./project-guardrails";
import { teamDefaultsProvider } from "./team-defaults";

export const providers = {
  ProjectDefaults: projectDefaultsProvider,
  ProjectGuardrails: projectGuardrailsProvider,
  MemberTeamRoles: memberTeamRolesProvider,
  MemberUser: memberUserProvider,
  TeamDefaults: teamDefaultsProvider,
  CodeMapping: codeMappingProvider,
};

export type DynamicProviderName = keyof typeof providers;
