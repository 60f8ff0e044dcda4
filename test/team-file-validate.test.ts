// The validator's rules as tables of exact located messages, in French and English.
import { describe, expect, it } from "vitest";
import { SENTRY_PLATFORMS } from "../src/team-file/platforms";
import { suggestPlatforms } from "../src/team-file/rules/platform-unknown";
import type { StackPolicy } from "../src/stack/policy";
import { messages, prodPolicy, validate } from "./helpers/team-files";

const F = "teams/demo.yaml";
const P = "name: Demo\nprojects:\n  - slug: demo\n";
const A = `${P}    alerts:\n      - name: A\n`;

// Mistakes seen when startups tried the guide (issue 12): each gets ONE located message saying the fix.
const mistakes: { mistake: string; yaml: string; fr: string; en: string }[] = [
  {
    mistake: "platform: vue",
    yaml: `${P}    platform: vue\n`,
    fr: "teams/demo.yaml:4:15: [platform-unknown] `platform` du projet « demo » : « vue » n'est pas un identifiant de plateforme Sentry ; écrivez `javascript-vue`",
    en: 'teams/demo.yaml:4:15: [platform-unknown] `platform` of project "demo": "vue" is not a Sentry platform id; write `javascript-vue`',
  },
  {
    mistake: "platform: django",
    yaml: `${P}    platform: django\n`,
    fr: "teams/demo.yaml:4:15: [platform-unknown] `platform` du projet « demo » : « django » n'est pas un identifiant de plateforme Sentry ; écrivez `python-django`",
    en: 'teams/demo.yaml:4:15: [platform-unknown] `platform` of project "demo": "django" is not a Sentry platform id; write `python-django`',
  },
  {
    mistake: "platform: vuejs",
    yaml: `${P}    platform: vuejs\n`,
    fr: "teams/demo.yaml:4:15: [platform-unknown] `platform` du projet « demo » : « vuejs » n'est pas un identifiant de plateforme Sentry ; écrivez `javascript-vue`",
    en: 'teams/demo.yaml:4:15: [platform-unknown] `platform` of project "demo": "vuejs" is not a Sentry platform id; write `javascript-vue`',
  },
  {
    mistake: "- Marc.Lefevre",
    yaml: "name: Demo\nmembers:\n  - Marc.Lefevre\n",
    fr: "teams/demo.yaml:3:5: [handle-format] le 1er membre : « Marc.Lefevre » n'est pas un identifiant beta.gouv.fr ; écrivez `marc.lefevre`",
    en: 'teams/demo.yaml:3:5: [handle-format] the 1st member: "Marc.Lefevre" is not a beta.gouv.fr handle; write `marc.lefevre`',
  },
  {
    mistake: "a bare - marc.lefevre followed by an indented teamRole",
    yaml: "name: Demo\nmembers:\n  - marc.lefevre\n    teamRole: admin\n",
    fr: "teams/demo.yaml:4:5: [yaml-item-form] `teamRole: admin` ne peut pas suivre un membre écrit seul (`- marc.lefevre`) : écrivez `- handle: marc.lefevre` puis, à la ligne suivante, `teamRole: admin` aligné sous `handle`",
    en: "teams/demo.yaml:4:5: [yaml-item-form] `teamRole: admin` cannot follow a member written alone (`- marc.lefevre`): write `- handle: marc.lefevre`, then on the next line `teamRole: admin` aligned under `handle`",
  },
  {
    mistake: "notify: [julie.dupont]",
    yaml: "name: Demo\nmembers: [julie.dupont]\nprojects:\n  - slug: demo\n    alerts:\n      - name: A\n        when: [new-issue]\n        notify: [julie.dupont]\n",
    fr: "teams/demo.yaml:8:18: [notify-target] le 1er destinataire (`notify`) de l'alerte « A » du projet « demo » : « julie.dupont » n'est pas un destinataire ; pour prévenir cette personne, écrivez `{member: julie.dupont}`",
    en: 'teams/demo.yaml:8:18: [notify-target] the 1st recipient (`notify`) of alert rule "A" of project "demo": "julie.dupont" is not a recipient; to notify this person, write `{member: julie.dupont}`',
  },
  {
    mistake: "when: [events: 50, per: 15m]",
    yaml: `${A}        when: [events: 50, per: 15m]\n`,
    fr: "teams/demo.yaml:6:16: [alert-frequency-form] `when` de l'alerte « A » du projet « demo » : `events: 50, per: 15m` se lit comme deux déclencheurs séparés ; mettez le seuil entre accolades, `{events: 50, per: 15m}`",
    en: 'teams/demo.yaml:6:16: [alert-frequency-form] `when` of alert rule "A" of project "demo": `events: 50, per: 15m` reads as two separate triggers; put the threshold in braces, `{events: 50, per: 15m}`',
  },
  {
    mistake: "every: 60",
    yaml: `${A}        when: [new-issue]\n        every: 60\n`,
    fr: "teams/demo.yaml:7:16: [every-format] `every` de l'alerte « A » du projet « demo » est une durée avec son unité : pour 60 minutes, écrivez `60m` ou `1h`",
    en: 'teams/demo.yaml:7:16: [every-format] `every` of alert rule "A" of project "demo" is a duration with its unit: for 60 minutes, write `60m` or `1h`',
  },
  {
    mistake: "per: 10m",
    yaml: `${A}        when: [{events: 50, per: 10m}]\n`,
    fr: "teams/demo.yaml:6:34: [alert-window] `per` du 1er déclencheur (`when`) de l'alerte « A » du projet « demo » : « 10m » n'est pas une fenêtre de comptage de Sentry ; choisissez `1m`, `5m`, `15m`, `1h`, `1d`, `1w` ou `30d`",
    en: 'teams/demo.yaml:6:34: [alert-window] `per` of the 1st trigger (`when`) of alert rule "A" of project "demo": "10m" is not one of Sentry\'s counting windows; choose `1m`, `5m`, `15m`, `1h`, `1d`, `1w` or `30d`',
  },
  {
    mistake: "a tab after spaces",
    yaml: "name: Demo\nmembers:\n  \t- lea.durand\n",
    fr: "teams/demo.yaml:3:3: [yaml-tab] tabulation dans l'indentation : indentez uniquement avec des espaces (réglez votre éditeur pour insérer des espaces)",
    en: "teams/demo.yaml:3:3: [yaml-tab] tab in the indentation: indent with spaces only (set your editor to insert spaces)",
  },
  {
    mistake: "a tab before -",
    yaml: "name: Demo\nmembers:\n\t- lea.durand\n\t- sacha.bernard\n",
    fr: "teams/demo.yaml:3:1: [yaml-tab] tabulation dans l'indentation (et 1 autre ligne) : indentez uniquement avec des espaces (réglez votre éditeur pour insérer des espaces)",
    en: "teams/demo.yaml:3:1: [yaml-tab] tab in the indentation (and 1 other line): indent with spaces only (set your editor to insert spaces)",
  },
  {
    mistake: "keys indented one space too far",
    yaml: "name: Demo\nprojects:\n  - slug: demo\n     platform: node\n",
    fr: "teams/demo.yaml:4:6: [yaml-indentation] `platform` est indenté d'une espace de trop : alignez-le sur `slug` de la ligne précédente (colonne 5)",
    en: "teams/demo.yaml:4:6: [yaml-indentation] `platform` is indented one space too far: align it with `slug` on the line above (column 5)",
  },
  {
    mistake: "a misspelt members key (its follow-on errors are not reported)",
    yaml: "name: Demo\nmembres: [lea.durand]\nprojects:\n  - slug: demo\n    alerts:\n      - name: A\n        when: [new-issue]\n        notify: [{member: lea.durand}]\n",
    fr: "teams/demo.yaml:2:1: [unknown-key] clé inconnue `membres` au premier niveau du fichier : vouliez-vous écrire `members` ?",
    en: "teams/demo.yaml:2:1: [unknown-key] unknown key `membres` at the top level: did you mean `members`?",
  },
];

describe("mistakes startups make get one message saying the fix", () => {
  it.each(mistakes)("$mistake (French)", ({ yaml, fr }) => {
    expect(messages(validate({ [F]: yaml }), "fr")).toEqual([fr]);
  });
  it.each(mistakes)("$mistake (English)", ({ yaml, en }) => {
    expect(messages(validate({ [F]: yaml }), "en")).toEqual([en]);
  });
});

const manyProjects = (n: number) =>
  `name: Demo\nprojects:\n${Array.from({ length: n }, (_, i) => `  - slug: p${i}\n`).join("")}`;
const manyMembers = (n: number) =>
  `name: Demo\nmembers:\n${Array.from({ length: n }, (_, i) => `  - person.n${i}\n`).join("")}`;
const manyAlerts = (n: number) =>
  `${P}    alerts:\n${Array.from({ length: n }, (_, i) => `      - name: R${i}\n        when: [{events: ${i + 1}, per: 1h}]\n`).join("")}`;

// Each rule: one file's text and the exact located messages (English; the French ones are above and in the CLI tests).
const rules: { rule: string; yaml: string; expected: string[]; policy?: StackPolicy }[] = [
  {
    rule: "unknown-key: a near miss names the right key",
    yaml: `${P}    plateform: javascript-vue\n`,
    expected: [
      'teams/demo.yaml:4:5: [unknown-key] unknown key `plateform` in project "demo": did you mean `platform`?',
    ],
  },
  {
    rule: "unknown-key: without a near miss, the possible keys",
    yaml: "name: Demo\ncolour: blue\n",
    expected: [
      "teams/demo.yaml:2:1: [unknown-key] unknown key `colour` at the top level: remove it (possible keys: `name`, `startup`, `owners`, `members`, `projects` or `repositories`)",
    ],
  },
  {
    rule: "missing-key in the file",
    yaml: "startup: demo\n",
    expected: ["teams/demo.yaml:1:1: [missing-key] the file lacks the required key `name`: add it"],
  },
  {
    rule: "missing-key in an alert rule",
    yaml: A,
    expected: [
      'teams/demo.yaml:5:9: [missing-key] alert rule "A" of project "demo" lacks the required key `when`: add it',
    ],
  },
  {
    rule: "wrong-type: a number for a text",
    yaml: "name: 2024\n",
    expected: ["teams/demo.yaml:1:7: [wrong-type] `name` must be a text, not `2024`"],
  },
  {
    rule: "wrong-type: a text for a list",
    yaml: "name: Demo\nmembers: lea.durand\n",
    expected: [
      'teams/demo.yaml:2:10: [wrong-type] `members` must be a list (`[a, b]`, or one `- a` line per item), not "lea.durand"',
    ],
  },
  {
    rule: "too-long",
    yaml: `name: Demo\nstartup: ${"s".repeat(101)}\n`,
    expected: ["teams/demo.yaml:2:10: [too-long] `startup` is too long (101 characters): at most 100"],
  },
  {
    rule: "empty-value",
    yaml: `${A}        when: []\n`,
    expected: [
      'teams/demo.yaml:6:15: [empty-value] `when` of alert rule "A" of project "demo" is an empty list: give at least one item, or remove the key',
    ],
  },
  {
    rule: "out-of-range",
    yaml: `${A}        when: [{users: 0, per: 1h}]\n`,
    expected: [
      'teams/demo.yaml:6:24: [out-of-range] `users` of the 1st trigger (`when`) of alert rule "A" of project "demo" is 0: it must be at least 1',
    ],
  },
  {
    rule: "duplicate-item",
    yaml: "name: Demo\nrepositories: [betagouv/a, betagouv/a]\n",
    expected: [
      'teams/demo.yaml:2:28: [duplicate-item] `repositories` repeats "betagouv/a" (1st and 2nd items): keep one',
    ],
  },
  {
    rule: "org-role-refused on a member",
    yaml: "name: Demo\nmembers:\n  - handle: lea.durand\n    role: owner\n",
    expected: [
      "teams/demo.yaml:4:5: [org-role-refused] `role` is refused: a team file never grants organization roles (everyone is a plain member there). For admin rights on the team, write `teamRole: admin` on the member; for an organization role, ask ops",
    ],
  },
  {
    rule: "org-role-refused anywhere, even at the top level",
    yaml: "name: Demo\norgRole: manager\n",
    expected: [
      "teams/demo.yaml:2:1: [org-role-refused] `orgRole` is refused: a team file never grants organization roles (everyone is a plain member there). For admin rights on the team, write `teamRole: admin` on the member; for an organization role, ask ops",
    ],
  },
  {
    rule: "team-role",
    yaml: "name: Demo\nmembers:\n  - handle: lea.durand\n    teamRole: owner\n",
    expected: [
      'teams/demo.yaml:4:15: [team-role] `teamRole` of the 1st member: "owner" is not a team role; write `contributor` or `admin` (ask ops for organization roles)',
    ],
  },
  {
    rule: "handle-format without a fix to offer",
    yaml: "name: Demo\nmembers:\n  - handle: -lea\n",
    expected: [
      'teams/demo.yaml:3:13: [handle-format] `handle` of the 1st member: "-lea" is not a beta.gouv.fr handle; a handle is written like `camille.martin`: lower-case letters, digits, `-`, single dots between parts and no dot at the end',
    ],
  },
  {
    rule: "handle-format: a doubled dot",
    yaml: "name: Demo\nmembers:\n  - lea..durand\n",
    expected: [
      'teams/demo.yaml:3:5: [handle-format] the 1st member: "lea..durand" is not a beta.gouv.fr handle; write `lea.durand`',
    ],
  },
  {
    rule: "handle-format: a trailing dot",
    yaml: "name: Demo\nmembers:\n  - lea.durand.\n",
    expected: [
      'teams/demo.yaml:3:5: [handle-format] the 1st member: "lea.durand." is not a beta.gouv.fr handle; write `lea.durand`',
    ],
  },
  {
    rule: "member-form",
    yaml: "name: Demo\nmembers:\n  - 1234\n",
    expected: [
      "teams/demo.yaml:3:5: [member-form] the 1st member: `1234` is not a member; write a handle (`- camille.martin`), or `- handle: camille.martin` with `teamRole: admin` aligned under it, or `- email: ...`",
    ],
  },
  {
    rule: "member-duplicate: the same handle twice",
    yaml: "name: Demo\nmembers:\n  - lea.durand\n  - handle: lea.durand\n    teamRole: admin\n",
    expected: [
      'teams/demo.yaml:4:5: [member-duplicate] "lea.durand" is listed twice in the team (already the 1st member): keep one entry',
    ],
  },
  {
    rule: "member-duplicate: a handle and the e-mail of the same person",
    yaml: "name: Demo\nmembers:\n  - lea.durand\n  - email: Lea.Durand@beta.gouv.fr\n",
    expected: [
      'teams/demo.yaml:4:5: [member-duplicate] "lea.durand@beta.gouv.fr" is already a member of the team in another form (the 1st member): keep one entry',
    ],
  },
  {
    rule: "email-format: non-ASCII",
    yaml: "name: Demo\nmembers:\n  - email: léa@beta.gouv.fr\n",
    expected: [
      'teams/demo.yaml:3:12: [email-format] `email` of the 1st member: "léa@beta.gouv.fr" is not an address Sentry accepts; write an address like `alex.martin@beta.gouv.fr` (no accent, space, `..`, or dot at either end of the name), or use the person\'s beta.gouv.fr handle',
    ],
  },
  {
    rule: "email-format: a path-like local part",
    yaml: "name: Demo\nmembers:\n  - email: ../admin@beta.gouv.fr\n",
    expected: [
      'teams/demo.yaml:3:12: [email-format] `email` of the 1st member: "../admin@beta.gouv.fr" is not an address Sentry accepts; write an address like `alex.martin@beta.gouv.fr` (no accent, space, `..`, or dot at either end of the name), or use the person\'s beta.gouv.fr handle',
    ],
  },
  {
    rule: "email-domain",
    yaml: "name: Demo\nmembers:\n  - email: alex@gmail.com\n",
    expected: [
      'teams/demo.yaml:3:12: [email-domain] the domain "gmail.com" is not allowed on this instance (allowed: beta.gouv.fr); use the person\'s beta.gouv.fr handle, or ask ops to allow the domain',
    ],
  },
  {
    rule: "email-too-long: a handle's address past Sentry's 75 characters",
    yaml: `name: Demo\nmembers:\n  - camille.${"m".repeat(55)}\n`,
    expected: [
      `teams/demo.yaml:3:5: [email-too-long] the address "camille.${"m".repeat(55)}@beta.gouv.fr" is 76 characters long: Sentry only invites addresses of at most 75 characters; check the handle, or ask ops`,
    ],
  },
  {
    rule: "notify-not-member",
    yaml: "name: Demo\nmembers: [lea.durand]\nprojects:\n  - slug: demo\n    alerts:\n      - name: A\n        when: [new-issue]\n        notify: [{member: sacha.bernard}]\n",
    expected: [
      'teams/demo.yaml:8:27: [notify-not-member] "sacha.bernard" is not a member of this team: add them under `members:`, or notify `team`',
    ],
  },
  {
    rule: "notify-target: a word that is neither a keyword nor a person",
    yaml: `${A}        when: [new-issue]\n        notify: [everyone]\n`,
    expected: [
      'teams/demo.yaml:7:18: [notify-target] the 1st recipient (`notify`) of alert rule "A" of project "demo": "everyone" is not a recipient; write `team`, `issue-owners`, `{member: first.last}` or `{mattermost: channel-sentry}`',
    ],
  },
  {
    rule: "notify-target: a near miss",
    yaml: `${A}        when: [new-issue]\n        notify: [teams]\n`,
    expected: [
      'teams/demo.yaml:7:18: [notify-target] the 1st recipient (`notify`) of alert rule "A" of project "demo": "teams" is not a recipient; did you mean `team`?',
    ],
  },
  {
    rule: "mattermost-not-configured",
    yaml: `${A}        when: [new-issue]\n        notify: [{mattermost: demo-sentry}]\n`,
    expected: [
      "teams/demo.yaml:7:18: [mattermost-not-configured] Mattermost notifications are not configured on this instance yet: notify `team` for now, or ask ops to configure the bridge",
    ],
  },
  {
    rule: "mattermost-channel",
    yaml: `${A}        when: [new-issue]\n        notify: [{mattermost: demo}]\n`,
    policy: { ...prodPolicy, notifications: { mattermostWebhookUrl: "https://bridge.example.test/" } },
    expected: [
      'teams/demo.yaml:7:31: [mattermost-channel] `mattermost` of the 1st recipient (`notify`) of alert rule "A" of project "demo": "demo" is not a channel of the sentry-mattermost bridge; its name is lower case and ends in `-sentry`, like `aides-jeunes-sentry`',
    ],
  },
  {
    rule: "repository-owner",
    yaml: "name: Demo\nrepositories:\n  - SocialGouv/emjpm\n",
    expected: [
      'teams/demo.yaml:3:5: [repository-owner] the GitHub owner "SocialGouv" has no Sentry integration on this instance (configured: betagouv); move the repository to one of them, or ask ops to install Sentry\'s GitHub App on "SocialGouv"',
    ],
  },
  {
    rule: "repository-format: a URL gets its OWNER/NAME",
    yaml: `${P}    repository: https://github.com/betagouv/demo\n`,
    expected: [
      'teams/demo.yaml:4:17: [repository-format] `repository` of project "demo": "https://github.com/betagouv/demo" is not a GitHub repository; write `betagouv/demo`',
    ],
  },
  {
    rule: "repository-format: a name ending in .git",
    yaml: `${P}    repository: betagouv/demo.git\n`,
    expected: [
      'teams/demo.yaml:4:17: [repository-format] `repository` of project "demo": "betagouv/demo.git" is not a GitHub repository; write `betagouv/demo`',
    ],
  },
  {
    rule: "repository-format: . and ..",
    yaml: "name: Demo\nrepositories: [betagouv/.., betagouv/.]\n",
    expected: [
      'teams/demo.yaml:2:16: [repository-format] the 1st repository of `repositories`: "betagouv/.." is not a GitHub repository; write it OWNER/NAME, e.g. `betagouv/aides-jeunes` (no URL, no `.git` at the end, NAME neither `.` nor `..`)',
      'teams/demo.yaml:2:29: [repository-format] the 2nd repository of `repositories`: "betagouv/." is not a GitHub repository; write it OWNER/NAME, e.g. `betagouv/aides-jeunes` (no URL, no `.git` at the end, NAME neither `.` nor `..`)',
    ],
  },
  {
    rule: "platform-unknown: a near miss",
    yaml: `${P}    platform: pyhton-django\n`,
    expected: [
      'teams/demo.yaml:4:15: [platform-unknown] `platform` of project "demo": "pyhton-django" is not a Sentry platform id; write `python-django`',
    ],
  },
  {
    rule: "platform-unknown: an id the provider refuses",
    yaml: `${P}    platform: bun\n`,
    expected: [
      'teams/demo.yaml:4:15: [platform-unknown] `platform` of project "demo": "bun" is not a Sentry platform id; choose an id from data/sentry-platforms.json, or `other`',
    ],
  },
  {
    rule: "slug-format",
    yaml: "name: Demo\nprojects:\n  - slug: Demo.Front\n",
    expected: [
      'teams/demo.yaml:3:11: [slug-format] `slug` of the 1st project: "Demo.Front" is not a Sentry slug (lower-case letters, digits, `-` or `_`, at most 50 characters, not only digits); e.g. `demo-front`',
    ],
  },
  {
    rule: "owner-format",
    yaml: "name: Demo\nowners: ['@octocat']\n",
    expected: [
      'teams/demo.yaml:2:10: [owner-format] the 1st account of `owners`: "@octocat" is not a GitHub account; write the account name alone, like `octocat` (no `@` or URL)',
    ],
  },
  {
    rule: "alert-trigger",
    yaml: `${A}        when: [regresion]\n`,
    expected: [
      'teams/demo.yaml:6:16: [alert-trigger] the 1st trigger (`when`) of alert rule "A" of project "demo": "regresion" is not a trigger; did you mean `regression`?',
    ],
  },
  {
    rule: "every-format: not a duration",
    yaml: `${A}        when: [new-issue]\n        every: 2 hours\n`,
    expected: [
      'teams/demo.yaml:7:16: [every-format] `every` of alert rule "A" of project "demo": "2 hours" is not a duration; write a number followed by m (minutes), h (hours) or d (days), like `30m`, `1h` or `1d`',
    ],
  },
  {
    rule: "every-range",
    yaml: `${A}        when: [new-issue]\n        every: 31d\n`,
    expected: [
      "teams/demo.yaml:7:16: [every-range] `every: 31d` is out of Sentry's bounds: choose a duration from `5m` to `30d`",
    ],
  },
  {
    rule: "alert-name-duplicate",
    yaml: `${A}        when: [new-issue]\n      - name: A\n        when: [regression]\n`,
    expected: [
      'teams/demo.yaml:7:15: [alert-name-duplicate] the alert name "A" is already used in this project: give each rule its own name',
    ],
  },
  {
    rule: "alert-name-bytes: 60 characters but 69 bytes",
    yaml: `${P}    alerts:\n      - name: Erreurs répétées en préproduction côté écran d'accueil élève\n        when: [new-issue]\n`,
    expected: [
      'teams/demo.yaml:5:15: [alert-name-bytes] the alert name "Erreurs répétées en préproduction côté écran d\'accueil élève" is 69 bytes: the provider accepts at most 64, and each accented letter counts as two; shorten it',
    ],
  },
  {
    rule: "alert-same-body: the same rule but for its name, once the defaults (every, notify) are resolved",
    yaml: `${A}        when: [new-issue, regression]\n        every: 30m\n      - name: B\n        when: [new-issue, regression]\n        notify: [team]\n`,
    expected: [
      'teams/demo.yaml:8:9: [alert-same-body] alert rule "B" is the same as "A" (line 5, column 9) but for its name: Sentry refuses two identical rules; change a trigger, a recipient, the environment or `every`, or keep only one of them',
    ],
  },
  {
    rule: "privacy-switch-refused",
    yaml: `${P}    privacy:\n      sensitiveFields: [siret]\n      scrubIPAddresses: false\n`,
    expected: [
      "teams/demo.yaml:6:7: [privacy-switch-refused] `scrubIPAddresses: false` is refused on this instance: server-side scrubbing keeps personal data out of Sentry (the community's rule: never send personal data). Remove the key; to let one field through, list it under `safeFields`",
    ],
  },
  {
    rule: "privacy-safe-field: a wildcard, and a field the stack scrubs",
    yaml: `${P}    privacy:\n      safeFields: [request_id, '*', Email_Pro]\n`,
    expected: [
      'teams/demo.yaml:5:32: [privacy-safe-field] `safeFields`: "*" is not an exact field name (wildcard or special character) and could exempt much more than one field from scrubbing; list the exact names of fields without personal data',
      'teams/demo.yaml:5:37: [privacy-safe-field] `safeFields`: "Email_Pro" would exempt from scrubbing a field the stack scrubs in every project ("email", personal data); remove it, and ask ops if that field truly holds nothing personal',
    ],
  },
  {
    rule: "privacy-safe-field: Relay selectors that match whole classes of values",
    yaml: `${P}    privacy:\n      safeFields: [$string, "a || b"]\n`,
    expected: [
      'teams/demo.yaml:5:20: [privacy-safe-field] `safeFields`: "$string" is not an exact field name (wildcard or special character) and could exempt much more than one field from scrubbing; list the exact names of fields without personal data',
      'teams/demo.yaml:5:29: [privacy-safe-field] `safeFields`: "a || b" is not an exact field name (wildcard or special character) and could exempt much more than one field from scrubbing; list the exact names of fields without personal data',
    ],
  },
  {
    rule: "privacy-safe-field: a field the file itself scrubs",
    yaml: `${P}    privacy:\n      sensitiveFields: [siret]\n      safeFields: [siret]\n`,
    expected: [
      'teams/demo.yaml:6:20: [privacy-safe-field] `safeFields`: "siret" would exempt from scrubbing a field the stack scrubs in every project ("siret", personal data); remove it, and ask ops if that field truly holds nothing personal',
    ],
  },
  {
    rule: "control-characters: an ANSI escape in the name",
    yaml: 'name: "Demo\\u001b[2J"\n',
    expected: [
      'teams/demo.yaml:1:7: [control-characters] `name` holds a control or invisible character ("Demo\\u001b[2J"): write this text again on one line, without pasting special characters',
    ],
  },
  {
    rule: "control-characters: a text direction override in startup",
    yaml: 'name: Demo\nstartup: "a\\u202eb"\n',
    expected: [
      'teams/demo.yaml:2:10: [control-characters] `startup` holds a control or invisible character ("a\\u202eb"): write this text again on one line, without pasting special characters',
    ],
  },
  {
    rule: "control-characters: a zero-width space inside a project name",
    yaml: `${P}    name: "De\\u200bmo"\n`,
    expected: [
      'teams/demo.yaml:4:11: [control-characters] `name` of project "demo" holds a control or invisible character ("De\\u200bmo"): write this text again on one line, without pasting special characters',
    ],
  },
  {
    rule: "control-characters: a line break in an environment",
    yaml: `${A}        when: [new-issue]\n        environment: "prod\\n::error::x"\n`,
    expected: [
      'teams/demo.yaml:7:22: [control-characters] `environment` of alert rule "A" of project "demo" holds a control or invisible character ("prod\\n::error::x"): write this text again on one line, without pasting special characters',
    ],
  },
  {
    rule: "blank-text",
    yaml: "name: '   '\n",
    expected: [
      "teams/demo.yaml:1:7: [blank-text] `name` holds only spaces: write a real text, or remove the key if it is optional",
    ],
  },
  {
    rule: "code-mapping-needs-repository",
    yaml: `${P}    codeMapping: {branch: main}\n`,
    expected: [
      "teams/demo.yaml:4:5: [code-mapping-needs-repository] `codeMapping` links errors to the project's repository, but this project has no `repository:`: add the repository (OWNER/NAME), or remove `codeMapping`",
    ],
  },
  {
    rule: "code-mapping-branch: a trailing slash",
    yaml: `${P}    repository: betagouv/demo\n    codeMapping: {branch: main/}\n`,
    expected: [
      'teams/demo.yaml:5:27: [code-mapping-branch] `branch` of `codeMapping` of project "demo": Sentry refuses the branch "main/"; a branch name has only letters, digits, `_`, `.`, `/` and `-`, no `/` at either end (e.g. `main` or `release/v2`)',
    ],
  },
  {
    rule: "code-mapping-root: a quote",
    yaml: `${P}    repository: betagouv/demo\n    codeMapping: {sourceRoot: "src/'x'"}\n`,
    expected: [
      'teams/demo.yaml:5:31: [code-mapping-root] `sourceRoot` of `codeMapping` of project "demo": Sentry refuses the path "src/\'x\'", which holds a space or a quote; write the path with no space or quote (e.g. `front/src/`), or leave it empty (`""`)',
    ],
  },
  {
    rule: "shared-with-self",
    yaml: `${P}    sharedWith: [demo]\n`,
    expected: [
      'teams/demo.yaml:4:18: [shared-with-self] "demo" is this file\'s own team, which already has the project: list only other teams under `sharedWith`',
    ],
  },
  {
    rule: "team-slug-format",
    yaml: `${P}    sharedWith: [Other.Team]\n`,
    expected: [
      'teams/demo.yaml:4:18: [team-slug-format] the 1st team of `sharedWith` of project "demo": "Other.Team" is not a team slug; write the name of its file without `.yaml` (`teams/aides-jeunes.yaml` → `aides-jeunes`)',
    ],
  },
  {
    rule: "too-many-projects",
    yaml: manyProjects(31),
    expected: [
      "teams/demo.yaml:3:3: [too-many-projects] 31 projects in one file, over the limit of 30: a startup has 1 to 3; group them, or ask ops",
    ],
  },
  {
    rule: "too-many-members",
    yaml: manyMembers(151),
    expected: [
      "teams/demo.yaml:3:3: [too-many-members] 151 members in one file, over the limit of 150: keep the people who work on the startup, or ask ops",
    ],
  },
  {
    rule: "too-many-alerts",
    yaml: manyAlerts(21),
    expected: [
      'teams/demo.yaml:5:7: [too-many-alerts] `alerts` of project "demo": 21 alert rules, over the limit of 20 per project; merge those that notify the same people (a rule may have several triggers)',
    ],
  },
];

describe("team file rules", () => {
  it.each(rules)("$rule", ({ yaml, expected, policy }) => {
    const result = validate({ [F]: yaml }, policy);
    expect(messages(result)).toEqual([...expected].sort());
    expect(result.teams).toEqual([]);
  });

  it("caps accept files at their limit", () => {
    const atLimit = validate({ [F]: manyProjects(30) });
    expect(messages(atLimit)).toEqual([]);
    expect(messages(validate({ [F]: manyMembers(150) }))).toEqual([]);
    expect(messages(validate({ [F]: manyAlerts(20) }))).toEqual([]);
  });

  it("every error of a file is reported at once", () => {
    const yaml =
      "name: Demo\ncolour: blue\nmembers:\n  - handle: lea.durand\n    role: admin\nprojects:\n  - slug: demo\n    platform: javascript-veu\n";
    expect(messages(validate({ [F]: yaml })).map((m) => m.split(" ")[1])).toEqual([
      "[unknown-key]",
      "[org-role-refused]",
      "[platform-unknown]",
    ]);
  });

  it("accepts the full contract of the guide, with codeMapping and sharedWith", () => {
    const result = validate({
      "teams/aides-jeunes.yaml": `
name: Aides Jeunes
startup: aides.jeunes
members:
  - camille.martin
  - handle: lea.durand
    teamRole: admin
  - email: alex@beta.gouv.fr
projects:
  - slug: aides-jeunes-front
    name: Aides Jeunes (front)
    platform: javascript-vue
    repository: betagouv/aides-jeunes
    codeMapping: {branch: master, stackRoot: "webpack:///./", sourceRoot: front/src/}
    sharedWith: [aides-jeunes-ops]
    alerts:
      - name: Nouvelle erreur en production
        when: [new-issue, regression, reappeared, {events: 10, per: 1h}, {users: 5, per: 1d}]
        environment: production
        notify: [team, issue-owners, {member: lea.durand}]
        every: 30m
      - name: Nouvelle erreur en préproduction
        when: [new-issue, regression, reappeared, {events: 10, per: 1h}, {users: 5, per: 1d}]
        environment: preproduction
    privacy:
      sensitiveFields: [numero_allocataire]
      safeFields: [request_id]
repositories:
  - betagouv/aides-jeunes-infra
`,
      "teams/aides-jeunes-ops.yaml": "name: Ops\ncodeMapping_is_not_here: 1\n",
    });
    expect(messages(result).filter((m) => m.startsWith("teams/aides-jeunes.yaml"))).toEqual([]);
    expect(result.teams.map((t) => t.slug)).toEqual(["aides-jeunes"]);
  });

  it("accepts code mapping roots that are blank, and Unicode branch names as Sentry's \\w does", () => {
    const yaml = `${P}    repository: betagouv/demo\n    codeMapping: {branch: "déploiement/v2", stackRoot: "", sourceRoot: ""}\n`;
    expect(messages(validate({ [F]: yaml }))).toEqual([]);
  });

  it("accepts a Mattermost channel when the stack configures the bridge", () => {
    const policy: StackPolicy = {
      ...prodPolicy,
      notifications: { mattermostWebhookUrl: "https://bridge.example.test/" },
    };
    const yaml = `${A}        when: [new-issue]\n        notify: [{mattermost: demo-sentry}]\n`;
    expect(messages(validate({ [F]: yaml }, policy))).toEqual([]);
  });

  it("accepts turning a privacy switch off when the stack lets teams decide", () => {
    const policy: StackPolicy = { ...prodPolicy, privacy: { ...prodPolicy.privacy, teamsMayDisable: true } };
    expect(messages(validate({ [F]: `${P}    privacy: {scrubIPAddresses: false}\n` }, policy))).toEqual([]);
  });

  it("two rules that differ by every, environment, recipients or the order of triggers are not duplicates", () => {
    // Sentry compares the lists as they are (project_rules.py, see src/team-file/alert-body.ts).
    const yaml = `${A}        when: [new-issue, regression]\n      - name: B\n        when: [new-issue, regression]\n        every: 1h\n      - name: C\n        when: [new-issue, regression]\n        environment: production\n      - name: D\n        when: [new-issue, regression]\n        notify: [issue-owners]\n      - name: E\n        when: [regression, new-issue]\n`;
    expect(messages(validate({ [F]: yaml }))).toEqual([]);
  });

  it("an alert name of 64 bytes passes, whatever its characters", () => {
    const name = `${"é".repeat(30)}abcd`;
    expect(Buffer.byteLength(name)).toBe(64);
    expect(messages(validate({ [F]: `${P}    alerts:\n      - name: ${name}\n        when: [new-issue]\n` }))).toEqual(
      [],
    );
  });
});

describe("across files", () => {
  it("refuses a project slug declared twice and names both files and lines", () => {
    const result = validate({
      "teams/alpha.yaml": "name: Alpha\nprojects:\n  - slug: shared-front\n",
      "teams/beta.yaml": "name: Beta\nprojects:\n  - slug: other\n  - slug: shared-front\n",
    });
    expect(messages(result)).toEqual([
      'teams/beta.yaml:4:11: [project-slug-taken] the project slug "shared-front" is already declared in "teams/alpha.yaml:3:11"; a slug is unique across the whole organization, pick another one',
    ]);
  });

  it("refuses sharedWith naming a team that has no file, and accepts one whose file has errors", () => {
    const result = validate({
      "teams/alpha.yaml": "name: Alpha\nprojects:\n  - slug: alpha\n    sharedWith: [beta, gamma]\n",
      "teams/beta.yaml": "name: Beta\nmembres: []\n",
    });
    expect(messages(result)).toEqual([
      'teams/alpha.yaml:4:24: [shared-with-unknown-team] no team "gamma": there is no file "teams/gamma.yaml"; write the slug of an existing team (the name of its file without `.yaml`)',
      "teams/beta.yaml:2:1: [unknown-key] unknown key `membres` at the top level: did you mean `members`?",
    ]);
    expect(messages(result, "fr")[0]).toBe(
      "teams/alpha.yaml:4:24: [shared-with-unknown-team] aucune équipe « gamma » : il n'y a pas de fichier « teams/gamma.yaml » ; écrivez le slug d'une équipe existante (le nom de son fichier sans `.yaml`)",
    );
  });

  it("allows the same person and the same repository in several teams", () => {
    const result = validate({
      "teams/alpha.yaml":
        "name: Alpha\nmembers: [lea.durand]\nprojects:\n  - slug: alpha\n    repository: betagouv/les-emplois\n",
      "teams/beta.yaml": "name: Beta\nmembers: [lea.durand]\nrepositories: [betagouv/les-emplois]\n",
    });
    expect(messages(result)).toEqual([]);
    expect(result.teams).toHaveLength(2);
  });

  it("reports only the broken file, never a valid one", () => {
    const result = validate({ "teams/alpha.yaml": "name: Alpha\n", "teams/beta.yaml": "name: Beta\nmembres: []\n" });
    expect(result.diagnostics.map((d) => d.file)).toEqual(["teams/beta.yaml"]);
    expect(result.teams.map((t) => t.slug)).toEqual(["alpha"]);
  });
});

describe("file names", () => {
  it.each([
    [
      "teams/Aides.Jeunes.yaml",
      'teams/Aides.Jeunes.yaml:1:1: [file-name] the file name "Aides.Jeunes" is the team slug: lower-case letters, digits, `-` or `_`, at most 50 characters, not only digits; rename the file, e.g. to "aides-jeunes.yaml"',
    ],
    [
      "teams/1234.yaml",
      'teams/1234.yaml:1:1: [file-name] the file name "1234" is the team slug: lower-case letters, digits, `-` or `_`, at most 50 characters, not only digits; rename the file, e.g. to "team-1234.yaml"',
    ],
    [
      "teams/demo.yml",
      'teams/demo.yml:1:1: [file-extension] team files end in .yaml: rename "demo.yml" to "demo.yaml"',
    ],
    [
      "teams/demo.YAML",
      'teams/demo.YAML:1:1: [file-extension] team files end in .yaml: rename "demo.YAML" to "demo.yaml"',
    ],
    [
      `teams/${"a".repeat(51)}.yaml`,
      `teams/${"a".repeat(51)}.yaml:1:1: [file-name] the file name "${"a".repeat(51)}" is the team slug: lower-case letters, digits, \`-\` or \`_\`, at most 50 characters, not only digits; rename the file, e.g. to "${"a".repeat(50)}.yaml"`,
    ],
  ])("%s", (file, expected) => {
    expect(messages(validate({ [file]: "name: Demo\n" }))).toEqual([expected]);
  });
});

describe("platforms the provider accepts", () => {
  // terraform-provider-sentry v0.11.2 resource_sentry_project.go:350-390 refuses ids without a
  // docs.sentry.io/_platforms file: these are in Sentry's list but have none.
  it.each(["bun", "deno", "go-gin", "javascript-nuxt", "node-nestjs", "python-litestar"])("refuses %s", (platform) => {
    const result = validate({ [F]: `${P}    platform: ${platform}\n` });
    expect(result.diagnostics.map((d) => [d.rule, d.line, d.col])).toEqual([["platform-unknown", 4, 15]]);
  });

  it.each(["other", "javascript-vue", "python-django", "react-native", "java-spring-boot", "native-qt"])(
    "accepts %s",
    (platform) => {
      expect(messages(validate({ [F]: `${P}    platform: ${platform}\n` }))).toEqual([]);
    },
  );

  it.each([
    ["vue", ["javascript-vue"]],
    ["Django", ["python-django"]],
    ["next.js", ["javascript-nextjs"]],
    ["rails", ["ruby-rails"]],
    ["awslambda", ["dotnet-awslambda", "node-awslambda", "python-awslambda"]],
    ["pyhton-django", ["python-django"]],
    ["cobol", []],
  ])("suggests for %s: %j", (written, expected) => {
    expect(suggestPlatforms(written)).toEqual(expected);
    for (const id of expected) expect(SENTRY_PLATFORMS).toContain(id);
  });
});

describe("what validation resolves, for the model", () => {
  it("addresses, team roles, repositories with their integration, code mappings with defaults, alert intervals", () => {
    const result = validate({
      "teams/demo.yaml": `name: Demo
members:
  - camille.martin
  - handle: lea.durand
    teamRole: admin
  - email: Alex.Martin@beta.gouv.fr
projects:
  - slug: demo-front
    repository: BetaGouv/demo
    sharedWith: [ops]
    alerts:
      - name: A
        when: [new-issue]
        notify: [team, {member: lea.durand}]
      - name: B
        when: [regression]
        every: 2h
  - slug: demo-api
    repository: betagouv/demo-api
    codeMapping: {branch: master, sourceRoot: api/}
repositories: [betagouv/demo-infra]
`,
      "teams/ops.yaml": "name: Ops\n",
    });
    expect(messages(result)).toEqual([]);
    const integration = prodPolicy.github.integrations[0];
    const resolved = result.teams.find((t) => t.slug === "demo")!.resolved;
    expect(resolved).toEqual({
      members: [
        { address: "camille.martin@beta.gouv.fr", handle: "camille.martin", teamRole: "contributor" },
        { address: "lea.durand@beta.gouv.fr", handle: "lea.durand", teamRole: "admin" },
        { address: "alex.martin@beta.gouv.fr", teamRole: "contributor" },
      ],
      projects: [
        {
          slug: "demo-front",
          teams: ["demo", "ops"],
          repository: { identifier: "betagouv/demo", integration },
          codeMapping: { branch: "main", stackRoot: "", sourceRoot: "" },
          alerts: [
            {
              name: "A",
              bodyKey: expect.stringMatching(/^[0-9a-f]{12}$/),
              everyMinutes: 30,
              memberAddresses: ["lea.durand@beta.gouv.fr"],
            },
            { name: "B", bodyKey: expect.stringMatching(/^[0-9a-f]{12}$/), everyMinutes: 120, memberAddresses: [] },
          ],
          performance: [],
        },
        {
          slug: "demo-api",
          teams: ["demo"],
          repository: { identifier: "betagouv/demo-api", integration },
          codeMapping: { branch: "master", stackRoot: "", sourceRoot: "api/" },
          alerts: [],
          performance: [],
        },
      ],
      repositories: [{ identifier: "betagouv/demo-infra", integration }],
    });
  });
});
