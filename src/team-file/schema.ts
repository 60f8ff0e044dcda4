// The team file contract. This TypeBox schema is the single source of truth: the TypeScript types
// (`Static`), the validator (compiled by Ajv) and the committed `schema/team.schema.json` that editors
// use for autocompletion all come from it. Descriptions are in French: they show up in the editors
// of the startup teams who write these files. `x-rule` names the validator rule (src/team-file/rules/)
// that explains a value this node refuses; editors ignore it.
import { Type, type Static, type TSchema } from "@sinclair/typebox";
import { UNTIL_PATTERN } from "./expiry";
import { DURATION_THRESHOLD_PATTERN, PERCENTAGE_PATTERN, PERFORMANCE_WINDOWS } from "./performance";
import { SENTRY_PLATFORMS } from "./platforms";

export const TEAM_SLUG_PATTERN = "^(?![0-9]+$)[a-z0-9_-]{1,50}$";
// Sentry accepts 100 characters in current releases, 50 in older ones: stay within both.
export const PROJECT_SLUG_PATTERN = "^(?![0-9]+$)[a-z0-9_-]{1,50}$";
// Parts separated by single dots, no dot at either end: the address <handle>@<domain> must pass
// Sentry's e-mail check (see EMAIL_PATTERN).
export const HANDLE_PATTERN = "^[a-z0-9][a-z0-9-]*(\\.[a-z0-9-]+)*$";
// Sentry invites through `AllowedEmailField(max_length=75)` (getsentry/sentry
// src/sentry/api/endpoints/organization_member/index.py@02575bd:47, src/sentry/api/validators/email.py@1bf0c55),
// a Django EmailField: the local part must be a dot-atom, ASCII letters, digits and !#$%&'*+/=?^_`{}|~-
// in parts separated by single dots (django/django django/core/validators.py@001cf53, EmailValidator.user_regex).
// Its quoted-string form is refused here too. The domain is checked against the stack's allowed domains.
const EMAIL_ATOM = "[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+";
export const EMAIL_PATTERN = `^${EMAIL_ATOM}(\\.${EMAIL_ATOM})*@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$`;
/** Sentry's `max_length=75` on invitations (same source as EMAIL_PATTERN). */
export const EMAIL_MAX_LENGTH = 75;
// GitHub refuses the names `.` and `..`, and strips a `.git` ending (the repository would not be the one named).
export const REPOSITORY_PATTERN =
  "^[A-Za-z0-9][A-Za-z0-9-]{0,38}/(?!\\.\\.?$)(?![A-Za-z0-9._-]*\\.[Gg][Ii][Tt]$)[A-Za-z0-9._-]{1,100}$";
export const GITHUB_HANDLE_PATTERN = "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$";
export const MATTERMOST_CHANNEL_PATTERN = "^[a-z0-9][a-z0-9_-]*-sentry$";
export const DURATION_PATTERN = "^[1-9][0-9]*(m|h|d)$";
// Code mappings as Sentry validates them (getsentry/sentry
// src/sentry/integrations/api/endpoints/organization_code_mappings.py@c7ee81d:29 for the roots, which may be
// blank, and :45 for the branch; Python's \\w is Unicode, hence \\p{L}\\p{N}). A GitHub mapping needs a
// branch (validate_default_branch, same file).
export const CODE_MAPPING_ROOT_PATTERN = "^[^\\s'\"]*$";
export const CODE_MAPPING_BRANCH_PATTERN = "^(?!/)[\\p{L}\\p{N}_./-]+(?<!/)$";

// Caps that keep validation and the plan bounded, far above what the real network uses (README, "Caps").
export const MAX_PROJECTS_PER_FILE = 30;
export const MAX_ALERTS_PER_PROJECT = 20;
export const MAX_PERFORMANCE_ALERTS_PER_PROJECT = 20;
export const MAX_MEMBERS_PER_FILE = 150;

export const ALERT_TRIGGERS = ["new-issue", "regression", "reappeared"] as const;
export const FREQUENCY_INTERVALS = ["1m", "5m", "15m", "1h", "1d", "1w", "30d"] as const;
export const NOTIFY_KEYWORDS = ["team", "issue-owners"] as const;
export const TEAM_ROLES = ["contributor", "admin"] as const;

const rule = (id: string) => ({ "x-rule": id });

const Handle = Type.String({
  pattern: HANDLE_PATTERN,
  maxLength: 64,
  description: "Identifiant beta.gouv.fr (prenom.nom), devient prenom.nom@<domaine des membres>.",
  ...rule("handle-format"),
});
const TeamRole = Type.Union(
  TEAM_ROLES.map((role) => Type.Literal(role)),
  { description: "Rôle dans l'équipe Sentry : contributor (par défaut) ou admin.", ...rule("team-role") },
);

const Until = Type.String({
  pattern: UNTIL_PATTERN,
  description: "Fin de l'accès (AAAA-MM-JJ, heure de Paris) : à partir de ce jour, le membre est retiré de l'équipe.",
  ...rule("member-until"),
});

const Member = Type.Union(
  [
    Handle,
    Type.Object(
      { handle: Handle, teamRole: Type.Optional(TeamRole), until: Type.Optional(Until) },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        email: Type.String({
          pattern: EMAIL_PATTERN,
          description: "Adresse explicite ; son domaine doit être autorisé par la stack.",
          ...rule("email-format"),
        }),
        teamRole: Type.Optional(TeamRole),
        until: Type.Optional(Until),
      },
      { additionalProperties: false },
    ),
  ],
  {
    description: "Un membre : un identifiant, ou {handle, teamRole, until}, ou {email, teamRole, until}.",
    ...rule("member-form"),
  },
);

const Interval = Type.Union(
  FREQUENCY_INTERVALS.map((i) => Type.Literal(i)),
  { description: "Fenêtre de comptage : 1m, 5m, 15m, 1h, 1d, 1w ou 30d.", ...rule("alert-window") },
);
const Count = Type.Integer({ minimum: 1, maximum: 1_000_000 });

const When = Type.Union(
  [
    Type.Union(
      ALERT_TRIGGERS.map((t) => Type.Literal(t)),
      rule("alert-trigger"),
    ),
    Type.Object(
      { events: Count, per: Interval },
      { additionalProperties: false, description: "Plus de N événements par fenêtre." },
    ),
    Type.Object(
      { users: Count, per: Interval },
      { additionalProperties: false, description: "Plus de N utilisateurs touchés par fenêtre." },
    ),
  ],
  {
    description: "Déclencheur : new-issue, regression, reappeared, {events: N, per: 1h} ou {users: N, per: 1h}.",
    ...rule("alert-trigger"),
  },
);

const Notify = Type.Union(
  [
    Type.Union(
      NOTIFY_KEYWORDS.map((t) => Type.Literal(t)),
      rule("notify-target"),
    ),
    Type.Object({ member: Handle }, { additionalProperties: false }),
    Type.Object(
      {
        mattermost: Type.String({
          pattern: MATTERMOST_CHANNEL_PATTERN,
          maxLength: 64,
          description: "Canal Mattermost, qui doit finir par -sentry.",
          ...rule("mattermost-channel"),
        }),
      },
      { additionalProperties: false },
    ),
  ],
  {
    description: "Destinataire : team, issue-owners, {member: HANDLE} ou {mattermost: CANAL-sentry}.",
    ...rule("notify-target"),
  },
);

const Environment = Type.String({
  minLength: 1,
  maxLength: 64,
  description: "Limiter à un environnement (ex. production).",
});

const Alert = Type.Object(
  {
    // No maxLength: the provider counts bytes, not characters (rule alert-name-bytes).
    name: Type.String({ minLength: 1, description: "Nom de la règle d'alerte (64 octets au plus)." }),
    when: Type.Array(When, {
      minItems: 1,
      description: "Au moins un déclencheur ; l'alerte part si l'un d'eux survient.",
    }),
    environment: Type.Optional(Environment),
    notify: Type.Optional(Type.Array(Notify, { minItems: 1, description: "Destinataires ; par défaut [team]." })),
    every: Type.Optional(
      Type.String({
        pattern: DURATION_PATTERN,
        description: "Délai minimal entre deux notifications, de 5m à 30d (défaut 30m).",
        ...rule("every-format"),
      }),
    ),
  },
  { additionalProperties: false },
);

// Sentry metric alerts (terraform-provider-sentry v0.11.2 resource_sentry_metric_alert.go). One metric
// each (rule performance-metric): a transaction duration percentile, a failure rate or a crash-free rate.
const DurationThreshold = (description: string) =>
  Type.String({ pattern: DURATION_THRESHOLD_PATTERN, description, ...rule("performance-duration") });
const PercentageThreshold = (description: string) =>
  Type.String({ pattern: PERCENTAGE_PATTERN, description, ...rule("performance-percentage") });

const PerformanceNotify = Type.Union(
  [Type.Literal("team", rule("performance-notify")), Type.Object({ member: Handle }, { additionalProperties: false })],
  { description: "Destinataire, par e-mail : team ou {member: HANDLE}.", ...rule("performance-notify") },
);

const PerformanceAlert = Type.Object(
  {
    // Sentry's limit on a metric alert's name: 64 characters (256 in newer releases), alert_rule.py@5841509b.
    name: Type.String({ minLength: 1, maxLength: 64, description: "Nom de l'alerte (64 caractères au plus)." }),
    p50: Type.Optional(DurationThreshold("Alerte quand la médiane de la durée des transactions dépasse : 800ms, 2s.")),
    p95: Type.Optional(DurationThreshold("Alerte quand 5 % des transactions durent plus que : 800ms, 2s.")),
    p99: Type.Optional(DurationThreshold("Alerte quand 1 % des transactions durent plus que : 800ms, 2s.")),
    failureRate: Type.Optional(PercentageThreshold("Alerte quand le taux d'échec des transactions dépasse : 5%.")),
    crashFreeSessions: Type.Optional(
      PercentageThreshold("Alerte quand la part des sessions sans crash passe sous : 99% (SDK avec release health)."),
    ),
    per: Type.Union(
      PERFORMANCE_WINDOWS.map((w) => Type.Literal(w)),
      {
        description:
          "Fenêtre de calcul : 1m, 5m, 10m, 15m, 30m, 1h, 2h, 4h ou 1d ; pour crashFreeSessions 30m, 1h, 2h, 4h, 12h ou 1d.",
        ...rule("performance-window"),
      },
    ),
    environment: Type.Optional(Environment),
    notify: Type.Optional(
      Type.Array(PerformanceNotify, { minItems: 1, description: "Destinataires ; par défaut [team]." }),
    ),
    resolve: Type.Optional(
      Type.String({
        minLength: 1,
        description: "Seuil de retour à la normale, dans l'unité de la mesure (ex. 1s pour p95: 2s).",
      }),
    ),
  },
  { additionalProperties: false },
);

const Repository = Type.String({
  pattern: REPOSITORY_PATTERN,
  description: "Dépôt GitHub OWNER/NAME ; OWNER doit avoir une intégration configurée (betagouv en prod).",
  ...rule("repository-format"),
});

const FieldNames = (description: string) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { uniqueItems: true, description });

export const PRIVACY_SWITCHES = ["dataScrubber", "dataScrubberDefaults", "scrubIPAddresses"] as const;

const Privacy = Type.Object(
  {
    sensitiveFields: Type.Optional(
      FieldNames("Champs supplémentaires à masquer côté serveur (en plus de ceux de la stack)."),
    ),
    safeFields: Type.Optional(
      FieldNames("Champs à ne jamais masquer ; jamais un champ masqué par la stack, jamais de joker (*)."),
    ),
    dataScrubber: Type.Optional(
      Type.Boolean({ description: "Masquage des données côté serveur ; ne peut pas être désactivé en prod." }),
    ),
    dataScrubberDefaults: Type.Optional(
      Type.Boolean({
        description: "Masquage des champs sensibles par défaut de Sentry ; ne peut pas être désactivé en prod.",
      }),
    ),
    scrubIPAddresses: Type.Optional(
      Type.Boolean({ description: "Masquage des adresses IP ; ne peut pas être désactivé en prod." }),
    ),
  },
  {
    additionalProperties: false,
    description: "Protection des données personnelles du projet, en plus des réglages de la stack.",
  },
);

const CodeMapping = Type.Object(
  {
    branch: Type.Optional(
      Type.String({
        pattern: CODE_MAPPING_BRANCH_PATTERN,
        description: "Branche du dépôt (par défaut celle de la stack, main en prod).",
        ...rule("code-mapping-branch"),
      }),
    ),
    stackRoot: Type.Optional(
      Type.String({
        pattern: CODE_MAPPING_ROOT_PATTERN,
        description:
          "Début des chemins tels qu'ils apparaissent dans les erreurs (ex. webpack:///./), vide par défaut.",
        ...rule("code-mapping-root"),
      }),
    ),
    sourceRoot: Type.Optional(
      Type.String({
        pattern: CODE_MAPPING_ROOT_PATTERN,
        description: "Dossier correspondant dans le dépôt (ex. front/src/), vide par défaut.",
        ...rule("code-mapping-root"),
      }),
    ),
  },
  {
    additionalProperties: false,
    description: "Comment Sentry relie les fichiers des erreurs au dépôt (seulement avec repository).",
  },
);

const TeamSlug = Type.String({ pattern: TEAM_SLUG_PATTERN, ...rule("team-slug-format") });

const Project = Type.Object(
  {
    slug: Type.String({
      pattern: PROJECT_SLUG_PATTERN,
      description: "Slug du projet Sentry, unique sur toute l'organisation.",
      ...rule("slug-format"),
    }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: "Nom affiché ; par défaut le slug." })),
    platform: Type.Optional(
      Type.Unsafe<string>({
        type: "string",
        enum: [...SENTRY_PLATFORMS],
        description: "Plateforme Sentry (ex. javascript-vue, python-django, ruby-rails), ou other.",
        ...rule("platform-unknown"),
      }),
    ),
    repository: Type.Optional(Repository),
    codeMapping: Type.Optional(CodeMapping),
    sharedWith: Type.Optional(
      Type.Array(TeamSlug, {
        uniqueItems: true,
        description: "Autres équipes (slugs de leurs fichiers teams/) qui ont aussi accès au projet.",
      }),
    ),
    alerts: Type.Optional(
      Type.Array(Alert, {
        maxItems: MAX_ALERTS_PER_PROJECT,
        description: "Absent : une règle par défaut (nouvelle erreur ou régression -> équipe). [] : aucune règle.",
        ...rule("too-many-alerts"),
      }),
    ),
    performance: Type.Optional(
      Type.Array(PerformanceAlert, {
        maxItems: MAX_PERFORMANCE_ALERTS_PER_PROJECT,
        description: "Alertes de performance : durée des transactions, taux d'échec, sessions sans crash.",
        ...rule("too-many-performance-alerts"),
      }),
    ),
    privacy: Type.Optional(Privacy),
  },
  { additionalProperties: false },
);

export const TeamFileSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64, description: "Nom affiché de l'équipe." }),
    startup: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: "Identifiant de la startup sur beta.gouv.fr." }),
    ),
    owners: Type.Optional(
      Type.Array(Type.String({ pattern: GITHUB_HANDLE_PATTERN, ...rule("owner-format") }), {
        uniqueItems: true,
        description: "Comptes GitHub qui doivent approuver toute modification de ce fichier (CODEOWNERS).",
      }),
    ),
    members: Type.Optional(
      Type.Array(Member, {
        maxItems: MAX_MEMBERS_PER_FILE,
        description: "Membres de l'équipe Sentry.",
        ...rule("too-many-members"),
      }),
    ),
    projects: Type.Optional(
      Type.Array(Project, {
        maxItems: MAX_PROJECTS_PER_FILE,
        description: "Projets Sentry de l'équipe.",
        ...rule("too-many-projects"),
      }),
    ),
    repositories: Type.Optional(
      Type.Array(Repository, { uniqueItems: true, description: "Dépôts GitHub à relier sans projet." }),
    ),
  },
  {
    additionalProperties: false,
    title: "Équipe Sentry beta.gouv.fr",
    description:
      "Fichier teams/<slug-equipe>.yaml : l'équipe, ses membres, projets, alertes et dépôts sur sentry.incubateur.net.",
  },
);

export type TeamFile = Static<typeof TeamFileSchema>;
export type TeamFileMember = NonNullable<TeamFile["members"]>[number];
export type TeamFileProject = NonNullable<TeamFile["projects"]>[number];
export type TeamFileAlert = NonNullable<TeamFileProject["alerts"]>[number];
export type TeamFileWhen = TeamFileAlert["when"][number];
export type TeamFileNotify = NonNullable<TeamFileAlert["notify"]>[number];
export type TeamFilePerformanceAlert = NonNullable<TeamFileProject["performance"]>[number];
export type TeamFilePerformanceNotify = NonNullable<TeamFilePerformanceAlert["notify"]>[number];
export type TeamFileCodeMapping = NonNullable<TeamFileProject["codeMapping"]>;
export type AlertTrigger = (typeof ALERT_TRIGGERS)[number];
export type FrequencyInterval = (typeof FREQUENCY_INTERVALS)[number];
export type TeamRole = (typeof TEAM_ROLES)[number];

/** The JSON Schema document committed as `schema/team.schema.json`. */
export function teamJsonSchema(): TSchema & Record<string, unknown> {
  // Round-trip through JSON drops TypeBox's symbol keys, leaving plain JSON Schema.
  return { $schema: "http://json-schema.org/draft-07/schema#", ...JSON.parse(JSON.stringify(TeamFileSchema)) };
}
