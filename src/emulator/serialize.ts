// Response bodies in the shapes of Sentry's OpenAPI document (checked by test/emulator-openapi.test.ts),
// typed with the runtime schemas the client checks responses against (src/sentry/api/).
import type { Organization } from "../sentry/api/organizations";
import type { Team } from "../sentry/api/teams";
import type { ProjectDetail, ProjectSummary } from "../sentry/api/projects";
import type { ProjectKey } from "../sentry/api/keys";
import type { Member, MemberDetail } from "../sentry/api/members";
import type { IssueAlertRule } from "../sentry/api/rules";
import type { MetricAlert } from "../sentry/api/metric-alerts";
import type { CodeMapping, Integration, Repository } from "../sentry/api/integrations";
import type {
  EmulatedCodeMapping,
  EmulatedIntegration,
  EmulatedKey,
  EmulatedMember,
  EmulatedMetricAlert,
  EmulatedProject,
  EmulatedRepository,
  EmulatedRule,
  EmulatedTeam,
  EmulatorState,
} from "./state";

/** A body of type T, with the other fields Sentry documents that the tools do not read. */
type Body<T> = T & { [documented: string]: unknown };

const avatar = { avatarType: "letter_avatar", avatarUuid: null };

/**
 * Flags Sentry registers without `api_expose`, so never listed (getsentry/sentry
 * src/sentry/features/temporary.py, stored version 5684415404).
 */
const NOT_API_EXPOSED = new Set(["organizations:invite-members-rate-limits"]);

/** The state's flags of one scope as a serializer lists them: exposed ones, prefix removed, sorted. */
const listedFeatures = (state: EmulatorState, prefix: "organizations:" | "projects:") =>
  [...state.features]
    .filter((flag) => flag.startsWith(prefix) && !NOT_API_EXPOSED.has(flag))
    .map((flag) => flag.slice(prefix.length))
    .sort();

/**
 * `features` lists organization features only, without their prefix (getsentry/sentry
 * src/sentry/api/serializers/models/organization.py, stored version 1316089045, `get_feature_set`).
 */
export function organizationBody(state: EmulatorState, publicUrl: string): Body<Organization> {
  return {
    ...organizationSummaryBody(state, publicUrl),
    features: listedFeatures(state, "organizations:"),
  };
}

function organizationSummaryBody(state: EmulatorState, publicUrl: string) {
  const { organization } = state;
  return {
    id: organization.id,
    slug: organization.slug,
    name: organization.name,
    dateCreated: organization.dateCreated,
    status: { id: "active", name: "active" },
    avatar,
    isEarlyAdopter: false,
    require2FA: false,
    hasAuthProvider: false,
    allowMemberInvite: true,
    allowMemberProjectCreation: true,
    allowSuperuserAccess: false,
    links: { organizationUrl: publicUrl, regionUrl: publicUrl },
  };
}

/** `isMember` and `teamRole` are those of the token's user (`requester`), when it is a member. */
export function teamBody(state: EmulatorState, team: EmulatedTeam, requester?: EmulatedMember): Body<Team> {
  const memberCount = [...state.members.values()].filter((m) => m.teamRoles.has(team.id)).length;
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    dateCreated: team.dateCreated,
    isMember: requester?.teamRoles.has(team.id) ?? false,
    teamRole: requester?.teamRoles.get(team.id) ?? null,
    flags: { "idp:provisioned": false },
    access: ["team:read", "team:write", "team:admin"],
    hasAccess: true,
    isPending: false,
    memberCount,
    avatar,
  };
}

export function projectSummaryBody(state: EmulatorState, project: EmulatedProject): Body<ProjectSummary> {
  const teams = project.teamIds.map((id) => state.teams.get(id)).filter((t): t is EmulatedTeam => t !== undefined);
  const teamRef = (t: EmulatedTeam) => ({ id: t.id, slug: t.slug, name: t.name });
  const flags = Object.fromEntries(
    [
      "hasFeedbacks",
      "hasFlags",
      "hasInsightsAgentMonitoring",
      "hasInsightsAppStart",
      "hasInsightsAssets",
      "hasInsightsCaches",
      "hasInsightsDb",
      "hasInsightsHttp",
      "hasInsightsMCP",
      "hasInsightsQueues",
      "hasInsightsScreenLoad",
      "hasInsightsVitals",
      "hasLogs",
      "hasMinifiedStackTrace",
      "hasMonitors",
      "hasNewFeedbacks",
      "hasProfiles",
      "hasReplays",
      "hasSessions",
      "hasTraceMetrics",
      "hasUserReports",
    ].map((k) => [k, false]),
  );
  return {
    id: project.id,
    slug: project.slug,
    name: project.name,
    platform: project.platform,
    platforms: project.platform ? [project.platform] : [],
    dateCreated: project.dateCreated,
    isBookmarked: false,
    isMember: false,
    hasAccess: true,
    access: ["project:read", "project:write", "project:admin"],
    // Project features, prefix removed (src/sentry/api/serializers/models/project.py, stored version
    // 1216993452, `get_features_for_projects`); every project has the organization's here.
    features: listedFeatures(state, "projects:"),
    firstEvent: state.telemetry.firstEvent(project.id),
    firstTransactionEvent: false,
    environments: [...project.environments],
    latestRelease: null,
    team: teams[0] ? teamRef(teams[0]) : null,
    teams: teams.map(teamRef),
    ...flags,
  };
}

export function projectDetailBody(
  state: EmulatorState,
  project: EmulatedProject,
  publicUrl: string,
): Body<ProjectDetail> {
  return {
    ...projectSummaryBody(state, project),
    ...project.privacy,
    allowedDomains: ["*"],
    options: {
      "sentry:scrub_data": project.privacy.dataScrubber,
      "sentry:scrub_defaults": project.privacy.dataScrubberDefaults,
    },
    organization: organizationBody(state, publicUrl),
    status: "active",
    digestsMinDelay: 300,
    digestsMaxDelay: 1800,
    resolveAge: 0,
    color: "#3f70bf",
    isPublic: false,
  };
}

export function keyBody(key: EmulatedKey, publicUrl: string): Body<ProjectKey> {
  const { protocol, host } = new URL(publicUrl);
  const base = publicUrl.replace(/\/$/, "");
  const dsn = {
    public: `${protocol}//${key.id}@${host}/${key.projectId}`,
    secret: `${protocol}//${key.id}:${key.secret}@${host}/${key.projectId}`,
    csp: `${base}/api/${key.projectId}/csp-report/?sentry_key=${key.id}`,
    security: `${base}/api/${key.projectId}/security/?sentry_key=${key.id}`,
    minidump: `${base}/api/${key.projectId}/minidump/?sentry_key=${key.id}`,
    nel: `${base}/api/${key.projectId}/nel/?sentry_key=${key.id}`,
    unreal: `${base}/api/${key.projectId}/unreal/${key.id}/`,
    cdn: `${base}/js-sdk-loader/${key.id}.min.js`,
    crons: `${base}/api/${key.projectId}/cron/___MONITOR_SLUG___/${key.id}/`,
    playstation: `${base}/api/${key.projectId}/playstation/?sentry_key=${key.id}`,
    integration: `${base}/api/${key.projectId}/integration/`,
    otlp_traces: `${base}/api/${key.projectId}/integration/otlp/v1/traces`,
    otlp_logs: `${base}/api/${key.projectId}/integration/otlp/v1/logs`,
  };
  return {
    id: key.id,
    name: key.name,
    label: key.name,
    public: key.id,
    secret: key.secret,
    projectId: Number(key.projectId),
    isActive: key.isActive,
    rateLimit: key.rateLimit,
    dateCreated: key.dateCreated,
    browserSdkVersion: "latest",
    browserSdk: { choices: [["latest", "latest"]] },
    dynamicSdkLoaderOptions: {
      hasReplay: false,
      hasPerformance: false,
      hasDebug: false,
      hasFeedback: false,
      hasLogsAndMetrics: false,
    },
    useCase: "user",
    dsn,
  };
}

function userBody(member: EmulatedMember, userId: string, email: string) {
  return {
    id: userId,
    name: email,
    username: email,
    email,
    avatarUrl: "",
    isActive: true,
    hasPasswordAuth: true,
    isManaged: false,
    dateJoined: member.dateCreated,
    lastLogin: null,
    has2fa: false,
    lastActive: null,
    isSuperuser: false,
    isStaff: false,
    experiments: {},
    emails: [{ id: member.id, email, is_verified: true }],
    avatar: avatar,
    isSuspended: false,
  };
}

/**
 * A member as Sentry serializes it: the user's address once the invitation is accepted, else the
 * invited one (getsentry/sentry src/sentry/api/serializers/models/organization_member/base.py@b6b37c3d:63,
 * `get_email` in src/sentry/models/organizationmember.py@fe15f951), `user` null while pending (:65, :68).
 */
export function memberBody(state: EmulatorState, member: EmulatedMember): Body<Member> {
  const pending = member.userId === null;
  const email = state.memberEmail(member);
  return {
    id: member.id,
    email,
    name: email,
    user: member.userId === null ? null : userBody(member, member.userId, email),
    orgRole: member.orgRole,
    role: member.orgRole,
    roleName: member.orgRole,
    pending,
    expired: false,
    flags: {
      "idp:provisioned": false,
      "idp:role-restricted": false,
      "sso:linked": false,
      "sso:invalid": false,
      "member-limit:restricted": false,
      "partnership:restricted": false,
    },
    dateCreated: member.dateCreated,
    inviteStatus: "approved",
    inviterName: null,
  };
}

export function memberDetailBody(state: EmulatorState, member: EmulatedMember): Body<MemberDetail> {
  const roles = [...member.teamRoles].map(([teamId, role]) => ({
    teamSlug: state.teams.get(teamId)?.slug ?? teamId,
    role,
  }));
  return {
    ...memberBody(state, member),
    teams: roles.map((r) => r.teamSlug),
    teamRoles: roles,
    orgRoleList: [],
    teamRoleList: [],
    isOnlyOwner: false,
    invite_link: member.userId === null ? `https://sentry.example.test/accept/${member.id}/` : null,
  };
}

export function ruleBody(state: EmulatorState, rule: EmulatedRule): Body<IssueAlertRule> {
  return {
    id: rule.id,
    name: rule.name,
    actionMatch: rule.actionMatch,
    filterMatch: rule.filterMatch ?? "all",
    frequency: rule.frequency,
    conditions: rule.conditions,
    filters: rule.filters,
    actions: rule.actions,
    environment: rule.environment,
    projects: [state.projects.get(rule.projectId)?.slug ?? rule.projectId],
    owner: null,
    createdBy: null,
    dateCreated: rule.dateCreated,
    status: "active",
    snooze: false,
  };
}

/**
 * A metric alert as Sentry serializes it (getsentry/sentry src/sentry/incidents/endpoints/serializers/
 * alert_rule.py, and alert_rule_trigger.py@062a1524: each trigger carries the rule's threshold type and
 * resolve threshold; alert_rule_trigger_action.py@08f9b6fd: an e-mail target is the stored text).
 */
export function metricAlertBody(state: EmulatorState, alert: EmulatedMetricAlert): Body<MetricAlert> {
  return {
    id: alert.id,
    name: alert.name,
    organizationId: state.organization.id,
    queryType: alert.dataset === "events" ? 0 : alert.dataset === "transactions" ? 1 : 2,
    dataset: alert.dataset,
    query: alert.query,
    aggregate: alert.aggregate,
    timeWindow: alert.timeWindow,
    thresholdType: alert.thresholdType,
    resolveThreshold: alert.resolveThreshold,
    environment: alert.environment,
    eventTypes: alert.eventTypes,
    projects: [state.projects.get(alert.projectId)?.slug ?? alert.projectId],
    owner: null,
    triggers: alert.triggers.map((trigger) => ({
      id: trigger.id,
      alertRuleId: alert.id,
      label: trigger.label,
      thresholdType: alert.thresholdType,
      alertThreshold: trigger.alertThreshold,
      resolveThreshold: alert.resolveThreshold,
      dateCreated: alert.dateCreated,
      actions: trigger.actions.map((action) => ({
        id: action.id,
        alertRuleTriggerId: trigger.id,
        type: action.type,
        targetType: action.targetType,
        targetIdentifier: action.targetIdentifier,
        inputChannelId: null,
        integrationId: null,
        sentryAppId: null,
        dateCreated: alert.dateCreated,
      })),
    })),
    createdBy: {},
    dateCreated: alert.dateCreated,
    dateModified: alert.dateCreated,
  };
}

export function repositoryBody(repository: EmulatedRepository): Body<Repository> {
  return {
    id: repository.id,
    name: repository.name,
    url: `https://github.com/${repository.name}`,
    provider: { id: "integrations:github", name: "GitHub" },
    status: repository.status,
    dateCreated: repository.dateCreated,
    integrationId: repository.integrationId,
    externalSlug: repository.name,
    externalId: repository.id,
  };
}

const GITHUB_PROVIDER = {
  key: "github",
  slug: "github",
  name: "GitHub",
  canAdd: true,
  canDisable: false,
  features: ["commits", "issue-basic", "stacktrace-link", "codeowners"],
  aspects: {},
};

export function integrationBody(state: EmulatorState, integration: EmulatedIntegration): Body<Integration> {
  return {
    id: integration.id,
    name: integration.name,
    icon: null,
    domainName: `github.com/${integration.name}`,
    accountType: "Organization",
    scopes: null,
    status: "active",
    provider: GITHUB_PROVIDER,
    configOrganization: [],
    configData: {},
    externalId: integration.externalId,
    organizationId: Number(state.organization.id),
    organizationIntegrationStatus: "active",
    gracePeriodEnd: null,
  };
}

export function codeMappingBody(state: EmulatorState, mapping: EmulatedCodeMapping): Body<CodeMapping> {
  // Mappings go with their project and repository (EmulatorState.deleteProject), so both exist.
  const repository = state.repositories.get(mapping.repoId)!;
  const project = state.projects.get(mapping.projectId)!;
  return {
    id: mapping.id,
    projectId: mapping.projectId,
    projectSlug: project.slug,
    repoId: mapping.repoId,
    repoName: repository.name,
    integrationId: mapping.integrationId,
    provider: { key: "github", slug: "github", name: "GitHub" },
    stackRoot: mapping.stackRoot,
    sourceRoot: mapping.sourceRoot,
    defaultBranch: mapping.defaultBranch,
    automaticallyGenerated: false,
  };
}
