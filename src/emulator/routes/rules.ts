// Issue alert rules: validation of the body and of each node, the stored (cleaned) values, and the
// refusal of a rule that duplicates another.
// RS = getsentry/sentry src/sentry/api/serializers/rest_framework/rule.py (stored version 358357707)
// PR = getsentry/sentry src/sentry/api/endpoints/project_rules.py (stored version 1936158162)
import { isDeepStrictEqual } from "node:util";
import { HttpError, notFound, type ApiRequest, type EmulatorApi, fieldErrors } from "../http";
import { ruleBody } from "../serialize";
import type { EmulatedProject, EmulatedRule, EmulatorState } from "../state";
import type { RuleNode } from "../../sentry/api/common";

const C = "sentry.rules.conditions.";
const FREQUENCY_CONDITIONS = [
  `${C}event_frequency.EventFrequencyCondition`,
  `${C}event_frequency.EventUniqueUserFrequencyCondition`,
];
const CONDITIONS = new Set([
  `${C}first_seen_event.FirstSeenEventCondition`,
  `${C}regression_event.RegressionEventCondition`,
  `${C}reappeared_event.ReappearedEventCondition`,
  `${C}high_priority_issue.NewHighPriorityIssueCondition`,
  `${C}high_priority_issue.ExistingHighPriorityIssueCondition`,
  ...FREQUENCY_CONDITIONS,
]);
/** Filters are accepted by id; their forms are not reproduced. */
const FILTERS = new Set([
  "sentry.rules.filters.age_comparison.AgeComparisonFilter",
  "sentry.rules.filters.issue_occurrences.IssueOccurrencesFilter",
  "sentry.rules.filters.assigned_to.AssignedToFilter",
  "sentry.rules.filters.latest_release.LatestReleaseFilter",
  "sentry.rules.filters.issue_category.IssueCategoryFilter",
  "sentry.rules.filters.event_attribute.EventAttributeFilter",
  "sentry.rules.filters.tagged_event.TaggedEventFilter",
  "sentry.rules.filters.level.LevelFilter",
]);
const NOTIFY_EMAIL = "sentry.mail.actions.NotifyEmailAction";
const NOTIFY_SERVICE = "sentry.rules.actions.notify_event_service.NotifyEventServiceAction";
const ACTIONS = new Set([NOTIFY_EMAIL, NOTIFY_SERVICE, "sentry.rules.actions.notify_event.NotifyEventAction"]);
const INTERVALS = ["1m", "5m", "15m", "1h", "1d", "1w", "30d"];

/** A node's form failed: RuleNodeField raises its first error, or a generic one for a missing field (RS:45-54). */
class NodeError extends Error {}
const required = () => new NodeError("Ensure all required fields are filled in.");
const choice = (value: unknown) =>
  new NodeError(`Select a valid choice. ${String(value)} is not one of the available choices.`);

/** Django's IntegerField: an int, or a string of one; anything else is refused. */
function integer(value: unknown): number {
  if (value === undefined || value === null || value === "") throw required();
  const number = typeof value === "number" ? value : /^\s*-?\d+\s*$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isInteger(number)) throw new NodeError("Enter a whole number.");
  return number;
}

/**
 * The node as Sentry stores it: the node's form validates it and its cleaned values replace the sent
 * ones (RS:43-61, `data.update(form.cleaned_data)`), so a frequency `"value": "100"` is stored and
 * returned as the integer 100, and an e-mail `targetIdentifier` as an integer.
 */
function cleanNode(state: EmulatorState, project: EmulatedProject, node: RuleNode): RuleNode {
  if (FREQUENCY_CONDITIONS.includes(node.id)) {
    if (node.interval === undefined || node.interval === "") throw required();
    if (!INTERVALS.includes(String(node.interval))) throw choice(node.interval);
    if (node.comparisonType !== undefined && !["count", "percent"].includes(String(node.comparisonType)))
      throw choice(node.comparisonType);
    return { ...node, value: integer(node.value) };
  }
  if (node.id === NOTIFY_EMAIL) return cleanEmailAction(state, project, node);
  if (node.id === NOTIFY_SERVICE) {
    // The choices are the notification plugins enabled on the project (getsentry/sentry
    // src/sentry/rules/actions/notify_event_service.py, stored version 11349310581, get_plugins).
    if (node.service === undefined || node.service === "") throw required();
    const enabled = [...project.plugins].filter(([, p]) => p.enabled).map(([slug]) => slug);
    if (!enabled.includes(String(node.service))) throw choice(node.service);
    return node;
  }
  return node;
}

/**
 * MemberTeamForm (getsentry/sentry src/sentry/mail/forms/member_team.py, stored version 17751899895):
 * `targetIdentifier` becomes an integer ("" when empty); a Team must be one of the project's teams; a
 * Member must be an active user in a team of the project.
 */
function cleanEmailAction(state: EmulatorState, project: EmulatedProject, node: RuleNode): RuleNode {
  const targetType = node.targetType;
  if (targetType === undefined || targetType === "") throw required();
  if (!["IssueOwners", "Team", "Member"].includes(String(targetType))) throw choice(targetType);
  const raw = node.targetIdentifier;
  let identifier: number | "" = "";
  if (raw !== undefined && raw !== null && raw !== "" && raw !== "None") {
    if (!/^\s*-?\d+\s*$/.test(String(raw))) throw new NodeError("targetIdentifier must be an integer");
    identifier = Number(raw);
  }
  if (targetType === "IssueOwners") return { ...node, targetIdentifier: identifier };
  if (identifier === "") throw new NodeError("You need to specify a Team or Member.");
  if (targetType === "Team" && !project.teamIds.includes(String(identifier)))
    throw new NodeError("This team is not part of the project.");
  if (targetType === "Member") {
    const member = state.memberByUserId(String(identifier));
    if (!member || !project.teamIds.some((id) => member.teamRoles.has(id)))
      throw new NodeError("This user is not part of the project.");
  }
  return { ...node, targetIdentifier: identifier };
}

/** The stored rule fields, compared by DuplicateRuleEvaluator (PR): everything but the name. */
type RuleFields = Omit<EmulatedRule, "id" | "projectId" | "dateCreated">;

/**
 * DuplicateRuleEvaluator (PR, `find_duplicate`): a field counts only when both rules have a truthy
 * value for it, and counted fields must all be equal (so empty `conditions` or an absent `filterMatch`
 * are not compared); actions are compared without their `uuid`, and an environment on one rule only
 * makes them differ; nodes are dicts, equal whatever the order of their keys. The name is never compared.
 */
function duplicateOf(rules: readonly EmulatedRule[], rule: RuleFields): EmulatedRule | undefined {
  const merged = (r: RuleFields) => [...r.conditions, ...r.filters];
  const truthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : Boolean(v));
  const withoutUuid = (actions: RuleNode[]) => actions.map(({ uuid: _uuid, ...rest }) => rest);
  return rules.find((existing) => {
    let checked = 0;
    for (const [a, b] of [
      [existing.actionMatch, rule.actionMatch],
      [existing.filterMatch, rule.filterMatch],
      [existing.frequency, rule.frequency],
      [merged(existing), merged(rule)],
    ] as const) {
      if (!truthy(a) || !truthy(b)) continue;
      checked++;
      if (!isDeepStrictEqual(a, b)) return false;
    }
    if (existing.environment || rule.environment) {
      checked++;
      if (existing.environment !== rule.environment) return false;
    }
    if (existing.actions.length > 0 || rule.actions.length > 0) {
      checked++;
      if (!isDeepStrictEqual(withoutUuid(existing.actions), withoutUuid(rule.actions))) return false;
    }
    return checked > 0;
  });
}

export function defineRuleRoutes(api: EmulatorApi): void {
  const s = api.state;
  const read = ["project:read", "project:write", "project:admin", "alerts:read", "alerts:write"];
  const write = ["project:write", "project:admin", "alerts:write"];
  const rulesOf = (project: EmulatedProject) =>
    [...s.rules.values()].filter((x) => x.projectId === project.id).sort((a, b) => Number(b.id) - Number(a.id));

  /** The rule serializer (RS:64-94, its `validate`) then the endpoint's own checks (PR, `post`). */
  const validRule = (project: EmulatedProject, body: Record<string, unknown>): RuleFields => {
    const errors: Record<string, string> = {};
    const name = body.name;
    if (typeof name !== "string") errors.name = "This field is required.";
    else if (name.trim() === "") errors.name = "This field may not be blank.";
    else if (name.length > 256) errors.name = "Ensure this field has no more than 256 characters.";
    const actionMatch = body.actionMatch;
    if (actionMatch === undefined) errors.actionMatch = "This field is required.";
    else if (!["all", "any", "none"].includes(String(actionMatch)))
      errors.actionMatch = `"${String(actionMatch)}" is not a valid choice.`;
    const filterMatch = body.filterMatch ?? null;
    if (filterMatch !== null && !["all", "any", "none"].includes(String(filterMatch)))
      errors.filterMatch = `"${String(filterMatch)}" is not a valid choice.`;
    let frequency = NaN;
    if (body.frequency === undefined) errors.frequency = "This field is required.";
    else {
      frequency = /^\s*-?\d+\s*$/.test(String(body.frequency)) ? Number(body.frequency) : NaN;
      if (!Number.isInteger(frequency)) errors.frequency = "A valid integer is required.";
      else if (frequency < 5) errors.frequency = "Ensure this value is greater than or equal to 5.";
      else if (frequency > 43200) errors.frequency = "Ensure this value is less than or equal to 43200.";
    }
    // RS:78-89: the environment must already exist in the organization (an event named it).
    const environment = typeof body.environment === "string" ? body.environment : null;
    if (environment !== null && !s.hasEnvironment(environment))
      errors.environment = "This environment has not been created.";
    const nodes = (field: "conditions" | "filters" | "actions", known: Set<string>): RuleNode[] => {
      const list = body[field] ?? [];
      if (!Array.isArray(list)) {
        errors[field] = `Expected a list of items but got type "${typeof list}".`;
        return [];
      }
      const cleaned: RuleNode[] = [];
      for (const node of list as unknown[]) {
        // RS:26-36.
        if (node === null || typeof node !== "object" || Array.isArray(node))
          errors[field] = `Incorrect type. Expected a mapping, but got ${Array.isArray(node) ? "list" : typeof node}`;
        else if (typeof (node as { id?: unknown }).id !== "string") errors[field] = "Missing attribute 'id'";
        else if (!known.has((node as RuleNode).id))
          errors[field] = `Invalid node. Could not find '${(node as RuleNode).id}'`;
        else {
          try {
            // `name` keys are stripped on save (PR, clean_rule_data).
            const { name: _name, ...rest } = node as RuleNode;
            cleaned.push(cleanNode(s, project, rest as RuleNode));
          } catch (error) {
            if (!(error instanceof NodeError)) throw error;
            errors[field] = error.message;
          }
        }
        if (errors[field]) break;
      }
      return cleaned;
    };
    const conditions = nodes("conditions", CONDITIONS);
    const filters = nodes("filters", FILTERS);
    const actions = nodes("actions", ACTIONS);
    if (Object.keys(errors).length > 0) throw fieldErrors(errors);
    if (filters.length > 0 && !filterMatch)
      throw new HttpError(400, {
        filterMatch: ["Must select a filter match (all, any, none) if filters are supplied."],
      });
    if (actions.length === 0) throw new HttpError(400, { actions: ["You must add an action for this alert to fire."] });
    return {
      name: name as string,
      actionMatch: String(actionMatch),
      filterMatch: filterMatch === null ? null : String(filterMatch),
      frequency,
      conditions,
      filters,
      actions,
      environment,
    };
  };
  const refuseDuplicate = (project: EmulatedProject, rule: RuleFields, except?: string) => {
    const duplicate = duplicateOf(
      rulesOf(project).filter((r) => r.id !== except),
      rule,
    );
    if (duplicate)
      throw new HttpError(400, {
        name: [`This rule is an exact duplicate of '${duplicate.name}' in this project and may not be created.`],
        ruleId: [Number(duplicate.id)],
      });
  };
  const ruleOf = (r: ApiRequest) => {
    const project = api.project(r.params.project);
    const rule = s.rules.get(r.params.rule);
    if (!rule || rule.projectId !== project.id) throw notFound();
    return { project, rule };
  };

  api.route("GET", "/projects/:org/:project/rules/", read, (r) =>
    api.page(
      r,
      rulesOf(api.project(r.params.project)).map((x) => ruleBody(s, x)),
    ),
  );
  // Sentry's code answers 200 here although the schema says 201 (PR, `post`).
  api.route("POST", "/projects/:org/:project/rules/", write, (r) => {
    const project = api.project(r.params.project);
    const rule = validRule(project, r.body);
    refuseDuplicate(project, rule);
    return { status: 200, body: ruleBody(s, s.createRule(project, rule)) };
  });
  api.route("GET", "/projects/:org/:project/rules/:rule/", read, (r) => ({
    status: 200,
    body: ruleBody(s, ruleOf(r).rule),
  }));
  // An update replaces the whole rule: an absent `environment` clears it, the updater setting it
  // unconditionally (getsentry/sentry src/sentry/projects/project_rules/updater.py, stored version
  // 1442621231, `_update_environment`); the duplicate check leaves the rule itself out.
  api.route("PUT", "/projects/:org/:project/rules/:rule/", write, (r) => {
    const { project, rule } = ruleOf(r);
    const fields = validRule(project, r.body);
    refuseDuplicate(project, fields, rule.id);
    Object.assign(rule, fields);
    return { status: 200, body: ruleBody(s, rule) };
  });
  api.route("DELETE", "/projects/:org/:project/rules/:rule/", write, (r) => {
    s.rules.delete(ruleOf(r).rule.id);
    return { status: 202 };
  });
}
