// The guide tried as a newcomer would: a team file for an invented startup, written from the guide's
// template, then the mistakes people make with it. Each mistake gets exactly one located message that
// says the fix, in French (the default) and in English.
import { describe, expect, it } from "vitest";
import { messages, validate } from "./helpers/team-files";

const FILE = "teams/relais-velo.yaml";
const VALID = `# yaml-language-server: $schema=../schema/team.schema.json
name: Relais Vélo
startup: relais-velo
owners: [nina-bzh]
members:
  - marc.lefevre
  - julie.dupont
projects:
  - slug: relais-velo-front
    platform: javascript-vue
    repository: betagouv/relais-velo
    alerts:
      - name: Pic d'erreurs
        when: [{events: 50, per: 15m}]
        notify: [team, {member: julie.dupont}]
        every: 1h
`;

/** VALID with `from` replaced by `to` (which must occur once). */
function mistake(from: string, to: string): string {
  expect(VALID.split(from)).toHaveLength(2);
  return VALID.replace(from, to);
}

describe("the newcomer's file", () => {
  it("is valid as written", () => {
    expect(validate({ [FILE]: VALID }).diagnostics).toEqual([]);
  });

  it.each([
    [
      "an owner written with @ in a list",
      mistake("owners: [nina-bzh]", "owners:\n  - @nina-bzh"),
      "5:5: [yaml-syntax] le fichier n'est pas lisible à partir d'ici : une valeur ne peut pas commencer par `@` : un compte GitHub s'écrit sans `@` (`octocat`) ; un autre texte se met entre guillemets",
      "5:5: [yaml-syntax] the file cannot be read from here on: a value cannot start with `@`: a GitHub account is written without `@` (`octocat`); other text goes in quotes",
    ],
    [
      "an owner written with @ between brackets",
      mistake("[nina-bzh]", "[@nina-bzh]"),
      "4:10: [yaml-syntax] le fichier n'est pas lisible à partir d'ici : une valeur ne peut pas commencer par `@` : un compte GitHub s'écrit sans `@` (`octocat`) ; un autre texte se met entre guillemets",
      "4:10: [yaml-syntax] the file cannot be read from here on: a value cannot start with `@`: a GitHub account is written without `@` (`octocat`); other text goes in quotes",
    ],
    [
      "a platform left empty",
      mistake("platform: javascript-vue", "platform:"),
      "10:14: [platform-unknown] `platform` du projet « relais-velo-front » : une valeur vide n'est pas un identifiant de plateforme Sentry ; choisissez un identifiant de data/sentry-platforms.json, ou `other`",
      '10:14: [platform-unknown] `platform` of project "relais-velo-front": an empty value is not a Sentry platform id; choose an id from data/sentry-platforms.json, or `other`',
    ],
    [
      "an address where a handle goes",
      mistake("  - marc.lefevre", "  - Marc.Lefevre@beta.gouv.fr"),
      "6:5: [handle-format] le 1er membre : « Marc.Lefevre@beta.gouv.fr » est une adresse, pas un identifiant ; pour une adresse beta.gouv.fr, écrivez l'identifiant seul, `marc.lefevre`, et pour une autre adresse, le membre sous la forme `- email: Marc.Lefevre@beta.gouv.fr`",
      '6:5: [handle-format] the 1st member: "Marc.Lefevre@beta.gouv.fr" is an address, not a handle; for a beta.gouv.fr address, write the handle alone, `marc.lefevre`, and for another address, the member as `- email: Marc.Lefevre@beta.gouv.fr`',
    ],
    [
      "a framework name as platform",
      mistake("javascript-vue", "vuejs"),
      "10:15: [platform-unknown] `platform` du projet « relais-velo-front » : « vuejs » n'est pas un identifiant de plateforme Sentry ; écrivez `javascript-vue`",
      '10:15: [platform-unknown] `platform` of project "relais-velo-front": "vuejs" is not a Sentry platform id; write `javascript-vue`',
    ],
    [
      "a threshold between brackets only",
      mistake("[{events: 50, per: 15m}]", "[events: 50, per: 15m]"),
      "14:16: [alert-frequency-form] `when` de l'alerte « Pic d'erreurs » du projet « relais-velo-front » : `events: 50, per: 15m` se lit comme deux déclencheurs séparés ; mettez le seuil entre accolades, `{events: 50, per: 15m}`",
      '14:16: [alert-frequency-form] `when` of alert rule "Pic d\'erreurs" of project "relais-velo-front": `events: 50, per: 15m` reads as two separate triggers; put the threshold in braces, `{events: 50, per: 15m}`',
    ],
  ])("%s: one message with the fix", (_label, text, fr, en) => {
    const result = validate({ [FILE]: text });
    expect(messages(result, "fr")).toEqual([`${FILE}:${fr}`]);
    expect(messages(result, "en")).toEqual([`${FILE}:${en}`]);
  });
});
