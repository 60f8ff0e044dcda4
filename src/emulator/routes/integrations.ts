// Integrations (the GitHub App installation), repositories and code mappings.
import {
  HttpError,
  notFound,
  READ_ORG,
  requestedProjects,
  type ApiRequest,
  type EmulatorApi,
  fieldErrors,
} from "../http";
import { codeMappingBody, integrationBody, repositoryBody } from "../serialize";
import type { EmulatedCodeMapping } from "../state";

// CM below = getsentry/sentry src/sentry/integrations/api/endpoints/organization_code_mappings.py@c7ee81d7.
const BRANCH_NAME_ERROR =
  "Branch name may only have letters, numbers, underscores, forward slashes, dashes, and periods. Branch name may not start or end with a forward slash.";

export function defineIntegrationRoutes(api: EmulatorApi): void {
  const s = api.state;
  const integrationScopes = [...READ_ORG, "org:integrations"];

  api.route("GET", "/organizations/:org/integrations/", integrationScopes, (r) => {
    const provider = r.query.get("providerKey") ?? r.query.get("provider_key");
    const items = provider && provider !== "github" ? [] : [...s.integrations.values()];
    return api.page(
      r,
      items.map((i) => integrationBody(s, i)),
    );
  });

  api.route("GET", "/organizations/:org/repos/", [...integrationScopes, "org:ci"], (r) => {
    const status = r.query.get("status") || "active";
    const query = (r.query.get("query") ?? "").toLowerCase();
    const integration = r.query.get("integration_id");
    const items = [...s.repositories.values()]
      .filter(
        (x) =>
          x.status === status &&
          x.name.toLowerCase().includes(query) &&
          (!integration || x.integrationId === integration),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
    return api.page(r, items.map(repositoryBody));
  });
  api.route("POST", "/organizations/:org/repos/", integrationScopes, (r) => {
    if (r.body.provider !== "integrations:github") throw new HttpError(400, { error_type: "validation" });
    const integration = s.integrations.get(String(r.body.installation));
    if (!integration)
      throw new HttpError(404, {
        error_type: "not found",
        errors: { __all__: "Integration matching query does not exist." },
      });
    const name = String(r.body.identifier ?? "");
    const existing = [...s.repositories.values()].find(
      (x) => x.name.toLowerCase() === name.toLowerCase() && x.integrationId === integration.id,
    );
    if (existing?.status === "hidden") {
      existing.status = "active";
      return { status: 201, body: repositoryBody(existing) };
    }
    if (existing) throw new HttpError(400, { errors: { __all__: "A repository with that name already exists" } });
    const repository = {
      id: s.newId(),
      name,
      integrationId: integration.id,
      status: "active" as const,
      dateCreated: s.now(),
    };
    s.repositories.set(repository.id, repository);
    return { status: 201, body: repositoryBody(repository) };
  });
  api.route("DELETE", "/organizations/:org/repos/:repo/", ["org:admin", "org:integrations"], (r) => {
    const repository = s.repositories.get(r.params.repo);
    if (!repository) throw notFound();
    repository.status = "pending_deletion";
    return { status: 202, body: repositoryBody(repository) };
  });

  // With `integrationId`, older releases list every mapping of the integration, newer ones only those
  // of the projects `get_projects` selects (state.ts, CodeMappingProjectFilter; CM:164-181).
  api.route("GET", "/organizations/:org/code-mappings/", [...integrationScopes, "org:ci"], (r) => {
    const integration = r.query.get("integrationId");
    if (integration && !s.integrations.has(integration)) throw new HttpError(404, { detail: "Not found." });
    const filtered = !integration || s.codeMappingProjectFilter === "always";
    const projects = filtered ? new Set(requestedProjects(s, r).map((p) => p.id)) : undefined;
    return api.page(
      r,
      [...s.codeMappings.values()]
        .filter((m) => (!projects || projects.has(m.projectId)) && (!integration || m.integrationId === integration))
        .map((m) => codeMappingBody(s, m)),
    );
  });

  /** `RepositoryProjectPathConfigSerializer` (CM:39-135): the fields a create or update must carry. */
  const mappingFields = (r: ApiRequest, integrationId: string, except?: EmulatedCodeMapping) => {
    const errors: Record<string, string> = {};
    const path = (field: "stackRoot" | "sourceRoot") => {
      const value = r.body[field];
      if (typeof value !== "string") errors[field] = "This field is required.";
      else if (value !== "" && !/^[^\s'"]+$/.test(value)) errors[field] = "Path may not contain spaces or quotations";
      return typeof value === "string" ? value : "";
    };
    const stackRoot = path("stackRoot");
    const sourceRoot = path("sourceRoot");
    const repository = s.repositories.get(String(r.body.repositoryId));
    if (!repository || repository.integrationId !== integrationId) errors.repositoryId = "Repository does not exist";
    const defaultBranch = typeof r.body.defaultBranch === "string" ? r.body.defaultBranch : "";
    if (!defaultBranch) errors.defaultBranch = "This field is required.";
    else if (!/^(?!\/)[\w./-]+(?<!\/)$/.test(defaultBranch)) errors.defaultBranch = BRANCH_NAME_ERROR;
    if (Object.keys(errors).length > 0) throw fieldErrors(errors);
    const projectId = String(r.body.projectId);
    if (
      [...s.codeMappings.values()].some((m) => m !== except && m.projectId === projectId && m.stackRoot === stackRoot)
    )
      throw new HttpError(400, {
        non_field_errors: ["Code path config already exists with this project and stack trace root"],
      });
    return { projectId, repoId: repository!.id, integrationId, stackRoot, sourceRoot, defaultBranch };
  };

  // CM:195-245: errors as bare strings before the serializer runs, then DRF field maps.
  api.route("POST", "/organizations/:org/code-mappings/", integrationScopes, (r) => {
    if (!r.body.integrationId) throw new HttpError(400, "Missing param: integrationId");
    if (r.body.projectId !== undefined && !/^\d+$/.test(String(r.body.projectId)))
      throw new HttpError(400, "Invalid projectId param. Expected an integer.");
    if (!s.projects.get(String(r.body.projectId))) throw new HttpError(404, "Could not find project");
    const integrationId = String(r.body.integrationId);
    if (!s.integrations.has(integrationId))
      throw new HttpError(404, "Could not find this integration installed on your organization");
    const mapping = { id: s.newId(), ...mappingFields(r, integrationId) };
    s.codeMappings.set(mapping.id, mapping);
    return { status: 201, body: codeMappingBody(s, mapping) };
  });

  const mappingOf = (r: ApiRequest) => {
    const mapping = s.codeMappings.get(r.params.mapping);
    if (!mapping) throw notFound();
    return mapping;
  };
  // The details endpoint validates the whole body with the same serializer, the mapping itself
  // excluded from the duplicate check (CM:75-76), and updates in place (CM:128-135).
  api.route("PUT", "/organizations/:org/code-mappings/:mapping/", integrationScopes, (r) => {
    const mapping = mappingOf(r);
    if (!s.projects.get(String(r.body.projectId))) throw new HttpError(400, { projectId: ["Project does not exist"] });
    Object.assign(mapping, mappingFields(r, mapping.integrationId, mapping));
    return { status: 200, body: codeMappingBody(s, mapping) };
  });
  api.route("DELETE", "/organizations/:org/code-mappings/:mapping/", ["org:admin", "org:integrations"], (r) => {
    s.codeMappings.delete(mappingOf(r).id);
    return { status: 204 };
  });
}
