// Performance alerts (`performance:` under a project) in the validator: the shape of the issue, each
// rule's exact located message, the windows Sentry allows per metric, what the platform can send, and
// what validation hands to the model.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatText } from "../src/team-file/diagnostics";
import { inRange, METRICS, platformSends, thresholdValue } from "../src/team-file/performance";
import { messages, prodPolicy, ROOT, validate } from "./helpers/team-files";

const F = "teams/demo.yaml";
const P =
  "name: Demo\nmembers: [lea.durand]\nprojects:\n  - slug: demo\n    platform: javascript-vue\n    performance:\n";
const alert = (lines: string) => `${P}      - name: A\n${lines.replace(/^/gm, "        ")}\n`;

describe("the issue's shape", () => {
  it("is accepted, and resolved in the metric's unit with the window in minutes", () => {
    const yaml = `${P}      - name: API lente
        p95: 2s                  # one of p50 | p95 | p99 (a duration), failureRate: 5%, crashFreeSessions: 99%
        per: 10m
        environment: production
        notify: [team, {member: lea.durand}]
        resolve: 1s
      - name: Échecs
        failureRate: 2.5%
        per: 1h
      - name: Crashs
        crashFreeSessions: 99.5%
        per: 1d
        resolve: 99.9%
      - name: Lent en médiane
        p50: 800ms
        per: 5m
`;
    const result = validate({ [F]: yaml });
    expect(messages(result)).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.teams[0].resolved.projects[0].performance).toEqual([
      {
        name: "API lente",
        metric: "p95",
        threshold: 2000,
        resolve: 1000,
        windowMinutes: 10,
        memberAddresses: ["lea.durand@beta.gouv.fr"],
      },
      { name: "Échecs", metric: "failureRate", threshold: 2.5, windowMinutes: 60, memberAddresses: [] },
      {
        name: "Crashs",
        metric: "crashFreeSessions",
        threshold: 99.5,
        resolve: 99.9,
        windowMinutes: 1440,
        memberAddresses: [],
      },
      { name: "Lent en médiane", metric: "p50", threshold: 800, windowMinutes: 5, memberAddresses: [] },
    ]);
  });
});

// Each rule: the alert's lines (under `- name: A` of project "demo", platform javascript-vue) and the exact messages.
const rules: { rule: string; lines: string; expected: string[] }[] = [
  {
    rule: "performance-metric: none",
    lines: "per: 10m",
    expected: [
      'teams/demo.yaml:7:9: [performance-metric] Performance alert "A" of project "demo" does not say what to measure: add one of `p50`, `p95`, `p99` (transaction duration, e.g. `p95: 2s`), `failureRate` (e.g. `5%`) or `crashFreeSessions` (e.g. `99%`)',
    ],
  },
  {
    rule: "performance-metric: several, located on the second",
    lines: "p95: 2s\nfailureRate: 5%\nper: 10m",
    expected: [
      'teams/demo.yaml:9:9: [performance-metric] Performance alert "A" of project "demo" measures several things (`p95` and `failureRate`): an alert watches one metric; make one alert per metric',
    ],
  },
  {
    rule: "performance-duration: a number alone",
    lines: "p95: 2000\nper: 10m",
    expected: [
      'teams/demo.yaml:8:14: [performance-duration] `p95` of performance alert "A" of project "demo": `2000` is not a duration; write `2000ms` or `2000s`',
    ],
  },
  {
    rule: "performance-duration: a decimal comma",
    lines: "p99: 2,5s\nper: 10m",
    expected: [
      'teams/demo.yaml:8:14: [performance-duration] `p99` of performance alert "A" of project "demo": "2,5s" is not a duration; write `2.5s`',
    ],
  },
  {
    rule: "performance-duration: words",
    lines: "p50: 2 secondes\nper: 10m",
    expected: [
      'teams/demo.yaml:8:14: [performance-duration] `p50` of performance alert "A" of project "demo": "2 secondes" is not a duration; write `2s`',
    ],
  },
  {
    rule: "performance-duration: a unit Sentry's thresholds do not take",
    lines: "p95: 2min\nper: 10m",
    expected: [
      'teams/demo.yaml:8:14: [performance-duration] `p95` of performance alert "A" of project "demo": "2min" is not a duration; write a number followed by `ms` or `s`, like `800ms` or `2s`',
    ],
  },
  {
    rule: "performance-percentage",
    lines: "failureRate: 5\nper: 10m",
    expected: [
      'teams/demo.yaml:8:22: [performance-percentage] `failureRate` of performance alert "A" of project "demo": `5` is not a percentage; write `5%`',
    ],
  },
  {
    rule: "performance-range: a failure rate of 100%",
    lines: "failureRate: 100%\nper: 10m",
    expected: [
      "teams/demo.yaml:8:22: [performance-range] `failureRate: 100%` can never be crossed: choose a rate from 0% to under 100% (above which the alert fires), like `5%`",
    ],
  },
  {
    rule: "performance-range: no session is below 0% crash-free",
    lines: "crashFreeSessions: 0%\nper: 1h",
    expected: [
      "teams/demo.yaml:8:28: [performance-range] `crashFreeSessions: 0%` can never be crossed: choose a share over 0% and up to 100% (below which the alert fires), like `99%`",
    ],
  },
  {
    rule: "performance-range: a duration of 0",
    lines: "p95: 0ms\nper: 1h",
    expected: [
      "teams/demo.yaml:8:14: [performance-range] `p95: 0ms` can never be crossed: choose a duration over 0, like `800ms`",
    ],
  },
  {
    rule: "performance-window: a window sessions do not allow",
    lines: "crashFreeSessions: 99%\nper: 10m",
    expected: [
      'teams/demo.yaml:9:14: [performance-window] `per` of performance alert "A" of project "demo": Sentry does not allow the window "10m" for `crashFreeSessions`; choose `30m`, `1h`, `2h`, `4h`, `12h` or `1d`',
    ],
  },
  {
    rule: "performance-window: a window only sessions allow",
    lines: "p95: 2s\nper: 12h",
    expected: [
      'teams/demo.yaml:9:14: [performance-window] `per` of performance alert "A" of project "demo": Sentry does not allow the window "12h" for `p95`; choose `1m`, `5m`, `10m`, `15m`, `30m`, `1h`, `2h`, `4h` or `1d`',
    ],
  },
  {
    rule: "performance-window: another spelling of a window",
    lines: "p95: 2s\nper: 60m",
    expected: [
      'teams/demo.yaml:9:14: [performance-window] `per` of performance alert "A" of project "demo": "60m" is not one of Sentry\'s windows; write `1h`',
    ],
  },
  {
    rule: "performance-window: not a window",
    lines: "p95: 2s\nper: 7m",
    expected: [
      'teams/demo.yaml:9:14: [performance-window] `per` of performance alert "A" of project "demo": "7m" is not one of Sentry\'s windows; choose `1m`, `5m`, `10m`, `15m`, `30m`, `1h`, `2h`, `4h`, `12h` or `1d` (for `crashFreeSessions`: `30m`, `1h`, `2h`, `4h`, `12h` or `1d`)',
    ],
  },
  {
    rule: "performance-resolve: above the threshold of a duration",
    lines: "p95: 2s\nper: 10m\nresolve: 3s",
    expected: [
      'teams/demo.yaml:10:18: [performance-resolve] `resolve` of performance alert "A" of project "demo": "3s" does not fit `p95: 2s`; write a duration between 0 and `2s`, both excluded (the alert resolves when the metric goes back below it)',
    ],
  },
  {
    rule: "performance-resolve: the threshold itself",
    lines: "failureRate: 5%\nper: 10m\nresolve: 5%",
    expected: [
      'teams/demo.yaml:10:18: [performance-resolve] `resolve` of performance alert "A" of project "demo": "5%" does not fit `failureRate: 5%`; write a percentage between 0% and `5%`, both excluded (the alert resolves when the metric goes back below it)',
    ],
  },
  {
    rule: "performance-resolve: another unit",
    lines: "p95: 2s\nper: 10m\nresolve: 5%",
    expected: [
      'teams/demo.yaml:10:18: [performance-resolve] `resolve` of performance alert "A" of project "demo": "5%" does not fit `p95: 2s`; write a duration between 0 and `2s`, both excluded (the alert resolves when the metric goes back below it)',
    ],
  },
  {
    rule: "performance-resolve: below a crash-free threshold",
    lines: "crashFreeSessions: 99%\nper: 1h\nresolve: 98%",
    expected: [
      'teams/demo.yaml:10:18: [performance-resolve] `resolve` of performance alert "A" of project "demo": "98%" does not fit `crashFreeSessions: 99%`; write a percentage between `99%` and 100%, both excluded (the alert resolves when the metric goes back above it)',
    ],
  },
  {
    rule: "performance-notify and notify-not-member",
    lines:
      "p95: 2s\nper: 10m\nnotify: [issue-owners, {mattermost: demo-sentry}, lea.durand, {member: sacha.bernard}, teams]",
    expected: [
      'teams/demo.yaml:10:18: [performance-notify] the 1st recipient (`notify`) of performance alert "A" of project "demo": "issue-owners" is not possible for a performance alert (a metric has no issue owners); write `team` or `{member: first.last}`',
      'teams/demo.yaml:10:32: [performance-notify] the 2nd recipient (`notify`) of performance alert "A" of project "demo": `{mattermost: demo-sentry}` is not possible for a performance alert (the sentry-mattermost bridge only receives error alerts); write `team` or `{member: first.last}`',
      'teams/demo.yaml:10:59: [performance-notify] the 3rd recipient (`notify`) of performance alert "A" of project "demo": to notify this person, write `{member: lea.durand}`',
      'teams/demo.yaml:10:80: [notify-not-member] "sacha.bernard" is not a member of this team: add them under `members:`, or notify `team`',
      'teams/demo.yaml:10:96: [performance-notify] the 5th recipient (`notify`) of performance alert "A" of project "demo": "teams" is not a recipient; did you mean `team`?',
    ],
  },
  {
    rule: "empty-value: notify",
    lines: "p95: 2s\nper: 10m\nnotify: []",
    expected: [
      'teams/demo.yaml:10:17: [empty-value] `notify` of performance alert "A" of project "demo" is an empty list: give at least one item, or remove the key',
    ],
  },
  {
    rule: "missing-key: per",
    lines: "p95: 2s",
    expected: [
      'teams/demo.yaml:7:9: [missing-key] performance alert "A" of project "demo" lacks the required key `per`: add it',
    ],
  },
  {
    rule: "unknown-key: a near miss",
    lines: "p95: 2s\nper: 10m\nresole: 1s",
    expected: [
      'teams/demo.yaml:10:9: [unknown-key] unknown key `resole` in performance alert "A" of project "demo": did you mean `resolve`?',
    ],
  },
  {
    rule: "blank-text: environment",
    lines: "p95: 2s\nper: 10m\nenvironment: ' '",
    expected: [
      'teams/demo.yaml:10:22: [blank-text] `environment` of performance alert "A" of project "demo" holds only spaces: write a real text, or remove the key if it is optional',
    ],
  },
];

describe("performance alert rules", () => {
  it.each(rules)("$rule", ({ lines, expected }) => {
    const result = validate({ [F]: alert(lines) });
    expect(messages(result)).toEqual([...expected].sort());
    expect(result.teams).toEqual([]);
  });

  it("in French", () => {
    expect(messages(validate({ [F]: alert("crashFreeSessions: 99%\nper: 1h\nresolve: 98%") }), "fr")).toEqual([
      "teams/demo.yaml:10:18: [performance-resolve] `resolve` de l'alerte de performance « A » du projet « demo » : « 98% » ne convient pas pour `crashFreeSessions: 99%` ; écrivez un pourcentage entre `99%` et 100%, bornes exclues (l'alerte se résout quand la mesure repasse au-dessus de ce seuil)",
    ]);
    expect(messages(validate({ [F]: alert("p95: 2s\nper: 10m\nnotify: [{mattermost: demo-sentry}]") }), "fr")).toEqual([
      "teams/demo.yaml:10:18: [performance-notify] le 1er destinataire (`notify`) de l'alerte de performance « A » du projet « demo » : `{mattermost: demo-sentry}` n'est pas possible pour une alerte de performance (le pont sentry-mattermost ne reçoit que les alertes d'erreurs) ; écrivez `team` ou `{member: prenom.nom}`",
    ]);
  });

  it("names are unique among the performance alerts of a project, not against its issue alerts", () => {
    const yaml = `${P}      - name: A\n        p95: 2s\n        per: 10m\n      - name: A\n        p99: 3s\n        per: 10m\n    alerts:\n      - name: B\n        when: [new-issue]\n  - slug: other\n    alerts:\n      - name: A\n        when: [new-issue]\n    performance:\n      - name: B\n        p95: 1s\n        per: 5m\n`;
    expect(messages(validate({ [F]: yaml }))).toEqual([
      'teams/demo.yaml:10:15: [alert-name-duplicate] the alert name "A" is already used in this project: give each rule its own name',
    ]);
  });

  it("a name has at most Sentry's 64 characters, accents counting once", () => {
    expect(
      messages(validate({ [F]: `${P}      - name: ${"é".repeat(64)}\n        p95: 2s\n        per: 10m\n` })),
    ).toEqual([]);
    expect(
      messages(validate({ [F]: `${P}      - name: ${"é".repeat(65)}\n        p95: 2s\n        per: 10m\n` })),
    ).toEqual([
      `teams/demo.yaml:7:15: [too-long] \`name\` of performance alert "${"é".repeat(65)}" of project "demo" is too long (65 characters): at most 64`,
    ]);
  });

  it("at most 20 per project", () => {
    const many = (n: number) =>
      `${P}${Array.from({ length: n }, (_, i) => `      - name: R${i}\n        p95: ${i + 1}s\n        per: 10m\n`).join("")}`;
    expect(messages(validate({ [F]: many(20) }))).toEqual([]);
    expect(messages(validate({ [F]: many(21) }))).toEqual([
      'teams/demo.yaml:7:7: [too-many-performance-alerts] `performance` of project "demo": 21 performance alerts, over the limit of 20 per project; keep those that watch what matters to your users, or ask ops',
    ]);
  });
});

describe("what the project's platform can send", () => {
  const project = (platform: string, lines: string) =>
    `name: Demo\nprojects:\n  - slug: demo\n    platform: ${platform}\n    performance:\n      - name: A\n${lines.replace(/^/gm, "        ")}\n`;

  it("refuses a transaction metric on a platform Sentry has no performance support for", () => {
    expect(messages(validate({ [F]: project("elixir", "p95: 2s\nper: 10m") }))).toEqual([
      'teams/demo.yaml:7:14: [performance-platform] `p95` measures transactions, which Sentry does not receive from the platform "elixir" (no performance monitoring): this alert would never fire; remove it, or fix `platform`',
    ]);
    expect(
      messages(validate({ [F]: project("minidump", "failureRate: 1%\nper: 10m") })).map((m) => m.split(" ")[1]),
    ).toEqual(["[performance-platform]"]);
  });

  it("warns, without refusing, about crash-free sessions on a platform Sentry lists no release health for", () => {
    const result = validate({ [F]: project("ruby-rails", "crashFreeSessions: 99%\nper: 1h") });
    expect(messages(result)).toEqual([]);
    expect(result.teams).toHaveLength(1);
    expect(result.warnings.map((d) => formatText(d, "fr"))).toEqual([
      "teams/demo.yaml:7:28: [crash-free-platform] (avertissement) `crashFreeSessions` se calcule sur les sessions (release health), que Sentry ne liste pas pour la plateforme « ruby-rails » : l'alerte ne partira que si votre SDK envoie des sessions ; vérifiez-le dans sa documentation",
    ]);
  });

  it.each([
    ["javascript-vue", "crashFreeSessions: 99%\nper: 1h"],
    ["react-native", "crashFreeSessions: 99%\nper: 1h"],
    ["python-django", "p95: 1s\nper: 10m"],
    ["ruby-rails", "failureRate: 5%\nper: 10m"],
    ["other", "crashFreeSessions: 99%\nper: 1h"],
  ])("%s can send what %s reads", (platform, lines) => {
    const result = validate({ [F]: project(platform, lines) });
    expect([...messages(result), ...result.warnings.map((d) => formatText(d))]).toEqual([]);
  });

  it("reads the lists Sentry keeps", () => {
    expect(platformSends("p95", "elixir")).toBe(false);
    expect(platformSends("crashFreeSessions", "android")).toBe(true);
    expect(platformSends("crashFreeSessions", "php")).toBe(false);
    expect(platformSends("failureRate", "other")).toBeUndefined();
  });
});

describe("thresholds", () => {
  it.each([
    ["2s", "ms", 2000],
    ["1.1s", "ms", 1100],
    ["800ms", "ms", 800],
    ["0.5ms", "ms", 0.5],
    ["99.5%", "%", 99.5],
    ["2s", "%", undefined],
    ["5%", "ms", undefined],
  ] as const)("%s in %s is %s", (text, unit, value) => {
    expect(thresholdValue(text, unit)).toBe(value);
  });

  it("can be crossed within each metric's range", () => {
    expect([inRange("p95", 0), inRange("p95", 0.001)]).toEqual([false, true]);
    expect([inRange("failureRate", 0), inRange("failureRate", 99.9), inRange("failureRate", 100)]).toEqual([
      true,
      true,
      false,
    ]);
    expect([
      inRange("crashFreeSessions", 0),
      inRange("crashFreeSessions", 100),
      inRange("crashFreeSessions", 101),
    ]).toEqual([false, true, false]);
    expect(METRICS.crashFreeSessions.alertsWhen).toBe("below");
  });
});

describe("the guide", () => {
  const guide = readFileSync(join(ROOT, "docs/guide-equipes.md"), "utf8");

  it("its full example, performance alerts and an end of access included, is valid", () => {
    const example = /## Exemple complet commenté\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(guide)![1];
    expect(example).toContain("performance:");
    expect(example).toContain("until:");
    const result = validate(
      { "teams/aides-jeunes.yaml": example, "teams/aides-jeunes-ops.yaml": "name: Ops\n" },
      prodPolicy,
      { today: "2026-11-26" },
    );
    expect(messages(result)).toEqual([]);
    expect(result.warnings).toEqual([]);
  });
});
