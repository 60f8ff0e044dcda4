// The team file contract. This TypeBox schema is the single source of truth: the TypeScript types
// (`Static`), the validator (compiled by Ajv) and the committed `schema/team.schema.json` that editors
// use for autocompletion all come from it. Descriptions are in French: they show up in the editors
// of the startup teams who write these files.
import { Type, type Static, type TSchema } from "@sinclair/typebox";
import { SENTRY_PLATFORMS } from "./platforms";

export const TEAM_SLUG_PATTERN = "^(?![0-9]+$)[a-z0-9_-]{1,50}$";
// Sentry accepts 100 characters in current releases, 50 in older ones: stay within both.
export const PROJECT_SLUG_PATTERN = "^(?![0-9]+$)[a-z0-9_-]{1,50}$";
export const HANDLE_PATTERN = "^[a-z0-9][a-z0-9.-]*$";
export const EMAIL_PATTERN = "^[^@\\s]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$";
export const REPOSITORY_PATTERN = "^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$";
export const GITHUB_HANDLE_PATTERN = "^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$";
export const MATTERMOST_CHANNEL_PATTERN = "^[a-z0-9][a-z0-9_-]*-sentry$";
export const DURATION_PATTERN = "^[1-9][0-9]*(m|h|d)$";

export const ALERT_TRIGGERS = ["new-issue", "regression", "reappeared"] as const;
export const FREQUENCY_INTERVALS = ["1m", "5m", "15m", "1h", "1d", "1w", "30d"] as const;
export const NOTIFY_KEYWORDS = ["team", "issue-owners"] as const;
export const TEAM_ROLES = ["contributor", "admin"] as const;

// `x-expected` is read by the validator to phrase "expected ..." errors on unions; editors ignore it.
const expected = (text: string) => ({ "x-expected": text });

const Handle = Type.String({
  pattern: HANDLE_PATTERN,
  maxLength: 64,
  description: "Identifiant beta.gouv.fr (prenom.nom), devient prenom.nom@<domaine des membres>.",
});
const TeamRole = Type.Union(
  TEAM_ROLES.map((role) => Type.Literal(role)),
  {
    description: "Rôle dans l'équipe Sentry : contributor (par défaut) ou admin.",
    ...expected("contributor or admin"),
  },
);

const Member = Type.Union(
  [
    Handle,
    Type.Object({ handle: Handle, teamRole: Type.Optional(TeamRole) }, { additionalProperties: false }),
    Type.Object(
      {
        email: Type.String({
          pattern: EMAIL_PATTERN,
          maxLength: 75,
          description: "Adresse explicite ; son domaine doit être autorisé par la stack.",
        }),
        teamRole: Type.Optional(TeamRole),
      },
      { additionalProperties: false },
    ),
  ],
  {
    description: "Un membre : un identifiant, ou {handle, teamRole}, ou {email, teamRole}.",
    ...expected("a handle such as `camille.martin`, `{handle: ..., teamRole: admin}` or `{email: ..., teamRole: ...}`"),
  },
);

const Interval = Type.Union(
  FREQUENCY_INTERVALS.map((i) => Type.Literal(i)),
  { description: "Fenêtre de comptage.", ...expected(FREQUENCY_INTERVALS.join(", ")) },
);
const Count = Type.Integer({ minimum: 1, maximum: 1_000_000 });

const When = Type.Union(
  [
    Type.Union(
      ALERT_TRIGGERS.map((t) => Type.Literal(t)),
      expected(ALERT_TRIGGERS.join(", ")),
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
    ...expected("new-issue, regression, reappeared, `{events: N, per: 1h}` or `{users: N, per: 1h}`"),
  },
);

const Notify = Type.Union(
  [
    Type.Union(
      NOTIFY_KEYWORDS.map((t) => Type.Literal(t)),
      expected(NOTIFY_KEYWORDS.join(", ")),
    ),
    Type.Object({ member: Handle }, { additionalProperties: false }),
    Type.Object(
      {
        mattermost: Type.String({
          pattern: MATTERMOST_CHANNEL_PATTERN,
          maxLength: 64,
          description: "Canal Mattermost, qui doit finir par -sentry.",
        }),
      },
      { additionalProperties: false },
    ),
  ],
  {
    description: "Destinataire : team, issue-owners, {member: HANDLE} ou {mattermost: CANAL-sentry}.",
    ...expected("team, issue-owners, `{member: HANDLE}` or `{mattermost: CHANNEL-sentry}`"),
  },
);

const Alert = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 64, description: "Nom de la règle d'alerte." }),
    when: Type.Array(When, {
      minItems: 1,
      description: "Au moins un déclencheur ; l'alerte part si l'un d'eux survient.",
    }),
    environment: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: "Limiter à un environnement (ex. production)." }),
    ),
    notify: Type.Optional(Type.Array(Notify, { minItems: 1, description: "Destinataires ; par défaut [team]." })),
    every: Type.Optional(
      Type.String({
        pattern: DURATION_PATTERN,
        description: "Délai minimal entre deux notifications, de 5m à 30d (défaut 30m).",
      }),
    ),
  },
  { additionalProperties: false },
);

const Repository = Type.String({
  pattern: REPOSITORY_PATTERN,
  description: "Dépôt GitHub OWNER/NAME ; OWNER doit avoir une intégration configurée (betagouv en prod).",
});

const FieldNames = (description: string) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { uniqueItems: true, description });

export const PRIVACY_SWITCHES = ["dataScrubber", "dataScrubberDefaults", "scrubIPAddresses"] as const;

const Privacy = Type.Object(
  {
    sensitiveFields: Type.Optional(
      FieldNames("Champs supplémentaires à masquer côté serveur (en plus de ceux de la stack)."),
    ),
    safeFields: Type.Optional(FieldNames("Champs à ne jamais masquer (en plus de ceux de la stack).")),
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

const Project = Type.Object(
  {
    slug: Type.String({
      pattern: PROJECT_SLUG_PATTERN,
      description: "Slug du projet Sentry, unique sur toute l'organisation.",
    }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: "Nom affiché ; par défaut le slug." })),
    platform: Type.Optional(
      Type.Unsafe<string>({
        type: "string",
        enum: [...SENTRY_PLATFORMS],
        description: "Plateforme Sentry (ex. javascript-vue, python-django, ruby-rails), ou other.",
        ...expected('one of Sentry\'s platform ids (data/sentry-platforms.json), or "other"'),
      }),
    ),
    repository: Type.Optional(Repository),
    alerts: Type.Optional(
      Type.Array(Alert, {
        description: "Absent : une règle par défaut (nouvelle erreur ou régression -> équipe). [] : aucune règle.",
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
      Type.Array(Type.String({ pattern: GITHUB_HANDLE_PATTERN }), {
        uniqueItems: true,
        description: "Comptes GitHub qui doivent approuver toute modification de ce fichier (CODEOWNERS).",
      }),
    ),
    members: Type.Optional(Type.Array(Member, { description: "Membres de l'équipe Sentry." })),
    projects: Type.Optional(Type.Array(Project, { description: "Projets Sentry de l'équipe." })),
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
export type AlertTrigger = (typeof ALERT_TRIGGERS)[number];
export type FrequencyInterval = (typeof FREQUENCY_INTERVALS)[number];
export type TeamRole = (typeof TEAM_ROLES)[number];

/** The JSON Schema document committed as `schema/team.schema.json`. */
export function teamJsonSchema(): TSchema & Record<string, unknown> {
  // Round-trip through JSON drops TypeBox's symbol keys, leaving plain JSON Schema.
  return { $schema: "http://json-schema.org/draft-07/schema#", ...JSON.parse(JSON.stringify(TeamFileSchema)) };
}
