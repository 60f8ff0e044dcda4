import { describe, expect, it } from "vitest";
import { messages, prodPolicy, validate } from "./helpers/team-files";
import type { StackPolicy } from "../src/stack/policy";

const F = "teams/demo.yaml";

// Each case: one team file's text, and the exact located messages the validator must print.
const invalidCases: { rule: string; yaml: string; expected: string[] }[] = [
  {
    rule: "unknown key with a near miss names the key and suggests the right one",
    yaml: "name: Demo\nprojects:\n  - slug: demo\n    plateform: javascript-vue\n",
    expected: [`${F}:4:5: unknown key "plateform" in item 1 of projects: did you mean "platform"?`],
  },
  {
    rule: "unknown key without a near miss lists the allowed keys",
    yaml: "name: Demo\ncolour: blue\n",
    expected: [
      `${F}:2:1: unknown key "colour" at the top level: remove it (allowed keys: name, startup, owners, members, projects, repositories)`,
    ],
  },
  {
    rule: "org role on a member is refused with an explanation",
    yaml: "name: Demo\nmembers:\n  - handle: lea.durand\n    role: owner\n",
    expected: [
      `${F}:4:5: "role" is refused: a team file never grants organization roles (everyone gets the org role "member"). For team admin rights write \`teamRole: admin\` on the member; for an org role, ask ops`,
    ],
  },
  {
    rule: "orgRole anywhere is refused, even at the top level",
    yaml: "name: Demo\norgRole: manager\n",
    expected: [
      `${F}:2:1: "orgRole" is refused: a team file never grants organization roles (everyone gets the org role "member"). For team admin rights write \`teamRole: admin\` on the member; for an org role, ask ops`,
    ],
  },
  {
    rule: "team roles are only contributor or admin",
    yaml: "name: Demo\nmembers:\n  - handle: lea.durand\n    teamRole: owner\n",
    expected: [`${F}:4:15: teamRole: the text "owner" is not valid here; expected contributor or admin`],
  },
  {
    rule: "handle format",
    yaml: "name: Demo\nmembers:\n  - Lea.Durand\n",
    expected: [
      `${F}:3:5: item 1 of members: the text "Lea.Durand" must be a beta.gouv.fr handle such as \`camille.martin\`: lower-case letters, digits, \`.\` and \`-\``,
    ],
  },
  {
    rule: "handle format inside the mapping form",
    yaml: "name: Demo\nmembers:\n  - handle: -lea\n",
    expected: [
      `${F}:3:13: handle: the text "-lea" must be a beta.gouv.fr handle such as \`camille.martin\`: lower-case letters, digits, \`.\` and \`-\``,
    ],
  },
  {
    rule: "a member appears once per file",
    yaml: "name: Demo\nmembers:\n  - lea.durand\n  - handle: lea.durand\n    teamRole: admin\n",
    expected: [`${F}:4:5: member "lea.durand" is listed twice (first at item 1): keep one entry`],
  },
  {
    rule: "an explicit e-mail that repeats a handle's address is a duplicate",
    yaml: "name: Demo\nmembers:\n  - lea.durand\n  - email: Lea.Durand@beta.gouv.fr\n",
    expected: [`${F}:4:5: lea.durand@beta.gouv.fr is already a member of this team (item 1): keep one entry`],
  },
  {
    rule: "e-mail domains must be allowed by the stack",
    yaml: "name: Demo\nmembers:\n  - email: alex@gmail.com\n",
    expected: [
      `${F}:3:12: e-mail domain "gmail.com" is not allowed on this instance (allowed: beta.gouv.fr); use the person's beta.gouv.fr handle instead, or ask ops to allow the domain`,
    ],
  },
  {
    rule: "{member: HANDLE} in an alert must be a member of the team",
    yaml: "name: Demo\nmembers: [lea.durand]\nprojects:\n  - slug: demo\n    alerts:\n      - name: A\n        when: [new-issue]\n        notify: [{member: sacha.bernard}]\n",
    expected: [`${F}:8:27: "sacha.bernard" is not a member of this team: add it under \`members:\` or notify \`team\``],
  },
  {
    rule: "GitHub owners need a configured integration",
    yaml: "name: Demo\nrepositories:\n  - SocialGouv/emjpm\n",
    expected: [
      `${F}:3:5: GitHub owner "SocialGouv" has no Sentry GitHub integration on this instance (configured: betagouv); move the repository to one of them, or ask ops to install the Sentry GitHub App on "SocialGouv"`,
    ],
  },
  {
    rule: "repositories are OWNER/NAME, not URLs",
    yaml: "name: Demo\nprojects:\n  - slug: demo\n    repository: https://github.com/betagouv/demo\n",
    expected: [
      `${F}:4:17: repository: the text "https://github.com/betagouv/demo" must be a GitHub repository written OWNER/NAME, e.g. \`betagouv/aides-jeunes\` (not a URL)`,
    ],
  },
  {
    rule: "platform near miss suggests the right id",
    yaml: "name: Demo\nprojects:\n  - slug: demo\n    platform: pyhton-django\n",
    expected: [
      `${F}:4:15: platform: the text "pyhton-django" is not valid here; expected one of Sentry's platform ids (data/sentry-platforms.json), or "other" (did you mean "python-django"?)`,
    ],
  },
  {
    rule: "project slug format",
    yaml: "name: Demo\nprojects:\n  - slug: Demo.Front\n",
    expected: [
      `${F}:3:11: slug: the text "Demo.Front" must be a Sentry slug: lower-case letters, digits, \`-\` or \`_\`, 1 to 50 characters, not only digits`,
    ],
  },
  {
    rule: "alert trigger near miss",
    yaml: "name: Demo\nprojects:\n  - slug: demo\n    alerts:\n      - name: A\n        when: [regresion]\n",
    expected: [
      `${F}:6:16: item 1 of when: the text "regresion" is not valid here; expected new-issue, regression, reappeared (did you mean "regression"?)`,
    ],
  },
  {
    rule: "frequency interval must be one Sentry knows",
    yaml: "name: Demo\nprojects:\n  - slug: demo\n    alerts:\n      - name: A\n        when: [{events: 10, per: 2h}]\n",
    expected: [
      `${F}:6:34: per: the text "2h" is not valid here; expected 1m, 5m, 15m, 1h, 1d, 1w, 30d (did you mean "1h"?)`,
    ],
  },
  {
    rule: "events count must be a positive whole number",
    yaml: "name: Demo\nprojects:\n  - slug: demo\n    alerts:\n      - name: A\n        when: [{users: 0, per: 1h}]\n",
    expected: [`${F}:6:24: users must be at least 1`],
  },
  {
    rule: "every is bounded to 5m..30d",
    yaml: "name: Demo\nprojects:\n  - slug: demo\n    alerts:\n      - name: A\n        when: [new-issue]\n        every: 31d\n",
    expected: [`${F}:7:16: every: 31d is out of range: use a duration from 5m to 30d`],
  },
  {
    rule: "notify forms",
    yaml: "name: Demo\nprojects:\n  - slug: demo\n    alerts:\n      - name: A\n        when: [new-issue]\n        notify: [everyone]\n",
    expected: [`${F}:7:18: item 1 of notify: the text "everyone" is not valid here; expected team, issue-owners`],
  },
  {
    rule: "mattermost needs the bridge configured on the stack",
    yaml: "name: Demo\nprojects:\n  - slug: demo\n    alerts:\n      - name: A\n        when: [new-issue]\n        notify: [{mattermost: demo-sentry}]\n",
    expected: [
      `${F}:7:18: Mattermost notifications are not configured on this stack (no notifications.mattermostWebhookUrl): notify \`team\` for now, or ask ops to configure the bridge`,
    ],
  },
  {
    rule: "the prod policy refuses turning server-side scrubbing off",
    yaml: "name: Demo\nprojects:\n  - slug: demo\n    privacy:\n      sensitiveFields: [siret]\n      scrubIPAddresses: false\n",
    expected: [
      `${F}:6:7: \`scrubIPAddresses: false\` is refused on this instance: server-side scrubbing keeps personal data out of Sentry (the community's rule: never send personal data). Remove the key; to let a field through, list it under \`safeFields\``,
    ],
  },
  {
    rule: "required name",
    yaml: "startup: demo\n",
    expected: [`${F}:1:1: missing required key "name" in the team file: add it`],
  },
  {
    rule: "a number where text is expected is explained",
    yaml: "name: 2024\n",
    expected: [`${F}:1:7: name must be a text value, found number 2024 (quote it: "2024")`],
  },
  {
    rule: "every error of a file is reported at once",
    yaml: "name: Demo\ncolour: blue\nmembers:\n  - handle: lea.durand\n    role: admin\nprojects:\n  - slug: demo\n    platform: javascript-veu\n",
    expected: [
      `${F}:2:1: unknown key "colour" at the top level: remove it (allowed keys: name, startup, owners, members, projects, repositories)`,
      `${F}:5:5: "role" is refused: a team file never grants organization roles (everyone gets the org role "member"). For team admin rights write \`teamRole: admin\` on the member; for an org role, ask ops`,
      `${F}:8:15: platform: the text "javascript-veu" is not valid here; expected one of Sentry's platform ids (data/sentry-platforms.json), or "other" (did you mean "javascript-vue"?)`,
    ],
  },
];

describe("team file rules", () => {
  it.each(invalidCases)("$rule", ({ yaml, expected }) => {
    const result = validate({ [F]: yaml });
    expect(messages(result)).toEqual([...expected].sort());
    expect(result.teams).toEqual([]);
  });

  it("accepts the full contract of the issue", () => {
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
    alerts:
      - name: Nouvelle erreur en production
        when: [new-issue, regression, reappeared, {events: 10, per: 1h}, {users: 5, per: 1d}]
        environment: production
        notify: [team, issue-owners, {member: lea.durand}]
        every: 30m
repositories:
  - betagouv/aides-jeunes-infra
`,
    });
    expect(messages(result)).toEqual([]);
    expect(result.teams.map((t) => t.slug)).toEqual(["aides-jeunes"]);
  });

  it("accepts a Mattermost channel when the stack configures the bridge", () => {
    const policy: StackPolicy = {
      ...prodPolicy,
      notifications: { mattermostWebhookUrl: "https://bridge.example.test/" },
    };
    const yaml =
      "name: Demo\nprojects:\n  - slug: demo\n    alerts:\n      - name: A\n        when: [new-issue]\n        notify: [{mattermost: demo-sentry}]\n";
    expect(messages(validate({ [F]: yaml }, policy))).toEqual([]);
  });
});

describe("privacy under a stack that lets teams decide", () => {
  it("accepts turning a switch off when the stack allows it", () => {
    const policy: StackPolicy = { ...prodPolicy, privacy: { ...prodPolicy.privacy, teamsMayDisable: true } };
    expect(
      messages(
        validate({ [F]: "name: Demo\nprojects:\n  - slug: demo\n    privacy: {scrubIPAddresses: false}\n" }, policy),
      ),
    ).toEqual([]);
  });
});

describe("across files", () => {
  it("refuses a project slug declared twice and names both files and lines", () => {
    const result = validate({
      "teams/alpha.yaml": "name: Alpha\nprojects:\n  - slug: shared-front\n",
      "teams/beta.yaml": "name: Beta\nprojects:\n  - slug: other\n  - slug: shared-front\n",
    });
    expect(messages(result)).toEqual([
      'teams/beta.yaml:4:11: project slug "shared-front" is already declared in teams/alpha.yaml:3:11; project slugs are unique across the whole organization, pick another one',
    ]);
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
    const result = validate({
      "teams/alpha.yaml": "name: Alpha\n",
      "teams/beta.yaml": "name: Beta\nmembres: []\n",
    });
    expect(result.diagnostics.map((d) => d.file)).toEqual(["teams/beta.yaml"]);
    expect(result.teams.map((t) => t.slug)).toEqual(["alpha"]);
  });
});

describe("file names", () => {
  it.each([
    [
      "teams/Aides.Jeunes.yaml",
      'teams/Aides.Jeunes.yaml:1:1: file name "Aides.Jeunes" is the team slug and must be a Sentry slug: lower-case letters, digits, `-` or `_`, 1 to 50 characters, not only digits; rename the file, e.g. aides-jeunes.yaml',
    ],
    [
      "teams/1234.yaml",
      'teams/1234.yaml:1:1: file name "1234" is the team slug and must be a Sentry slug: lower-case letters, digits, `-` or `_`, 1 to 50 characters, not only digits; rename the file, e.g. team-1234.yaml',
    ],
    ["teams/demo.yml", "teams/demo.yml:1:1: team files must end in .yaml: rename demo.yml to demo.yaml"],
    [
      `teams/${"a".repeat(51)}.yaml`,
      `teams/${"a".repeat(51)}.yaml:1:1: file name "${"a".repeat(51)}" is the team slug and must be a Sentry slug: lower-case letters, digits, \`-\` or \`_\`, 1 to 50 characters, not only digits; rename the file, e.g. ${"a".repeat(50)}.yaml`,
    ],
  ])("%s", (file, expected) => {
    expect(messages(validate({ [file]: "name: Demo\n" }))).toEqual([expected]);
  });
});

describe("platforms the provider accepts", () => {
  // terraform-provider-sentry v0.11.2 resource_sentry_project.go:350-390 refuses ids without a
  // docs.sentry.io/_platforms file: these are in Sentry's list but have none.
  it.each(["bun", "deno", "go-gin", "javascript-nuxt", "node-nestjs", "python-litestar"])("refuses %s", (platform) => {
    const result = validate({ [F]: `name: Demo\nprojects:\n  - slug: demo\n    platform: ${platform}\n` });
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ line: 4, col: 15 });
  });

  it.each(["other", "javascript-vue", "python-django", "react-native", "java-spring-boot", "native-qt"])(
    "accepts %s",
    (platform) => {
      const yaml = `name: Demo\nprojects:\n  - slug: demo\n    platform: ${platform}\n`;
      expect(messages(validate({ [F]: yaml }))).toEqual([]);
    },
  );
});
