// Text from team files stays text wherever CI shows it: rendered as GitHub-flavoured Markdown
// (micromark with its GFM extension: tables, autolinks, strikethrough), and in logs.
import { beforeAll, describe, expect, it } from "vitest";
import { htmlText, markdownBlock, markdownCode, markdownText, plainText } from "../src/i18n/escape";
import { planMarkdown } from "../src/plan/markdown";
import { planTeams } from "../src/plan/plan";
import { teamDir } from "./helpers/plan-harness";
import { ROOT } from "./helpers/team-files";

// ES modules: loaded with import() from this CommonJS-typed file.
const load = async () => ({ ...(await import("micromark")), ...(await import("micromark-extension-gfm")) });
let render: (markdown: string) => string;
beforeAll(async () => {
  const { micromark, gfm, gfmHtml } = await load();
  render = (markdown) => micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
});
/** The text a reader sees: tags removed, entities decoded. */
const visible = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .trim();

export const HOSTILE = [
  "Aides **Jeunes** _x_ ~~y~~",
  "<img src=x onerror=alert(1)> <b>gras</b> &amp;",
  "[clique](https://evil.example) ![i](https://evil.example/i.png)",
  "https://evil.example www.evil.example",
  "cc @betagouv/ops et @octocat",
  "a | b | c",
  "`code` ``x``",
  "Pic, prod",
  ":warning: #1 \\*",
];

describe("markdownText", () => {
  it.each(HOSTILE)("%j renders as itself, with no tag, link, image or mention", (name) => {
    const html = render(`| Name |\n|---|\n| ${markdownText(name)} |\n\nFin ${markdownText(name)}`);
    expect(html).not.toMatch(/<(a|img|b|strong|em|del|code|script)\b/);
    expect(html.match(/<td>/g)).toHaveLength(1);
    const cells = html.match(/<td>([\s\S]*?)<\/td>/)![1];
    expect(visible(cells).replace(/\u200b/g, "")).toBe(name);
    // GitHub links `@name` after rendering: a zero-width space keeps it from reading a mention.
    expect(visible(cells)).not.toMatch(/@[\w-]/);
  });

  it("keeps a line break out of the Markdown", () => {
    expect(markdownText("a\n## titre\n| x |")).not.toContain("\n");
  });
});

describe("markdownCode", () => {
  it.each(HOSTILE)("%j stays in one code span, in a table cell too", (name) => {
    const html = render(`| Name |\n|---|\n| ${markdownCode(name, { inTable: true })} |\n\n${markdownCode(name)}`);
    expect(html.match(/<code>/g)).toHaveLength(2);
    expect(html.match(/<td>/g)).toHaveLength(1);
    for (const [, inner] of html.matchAll(/<code>([\s\S]*?)<\/code>/g)) expect(visible(inner)).toBe(name);
  });
});

describe("markdownBlock", () => {
  it("holds text with fences of its own", () => {
    const text = "```\n</details>\n````";
    const html = render(markdownBlock(text));
    expect(html.match(/<pre>/g)).toHaveLength(1);
    expect(visible(html)).toBe(text);
  });
});

describe("htmlText", () => {
  it.each(HOSTILE)("%j is text in an element and in a quoted attribute", (name) => {
    const html = `<p title="${htmlText(name)}" data-x='${htmlText(name)}'>${htmlText(name)}</p>`;
    expect(html.match(/<[a-z]/g)).toHaveLength(1);
    expect(html.match(/"/g)).toHaveLength(2);
    expect(visible(html)).toBe(name);
  });
});

describe("plainText", () => {
  it.each([
    ["a\n::error::x", "a\\n::error::x"],
    ["\u001b[31mred", "\\u001b[31mred"],
    ["a\r\n\tb\u2028", "a\\r\\n\\tb\\u2028"],
    // Text that reads otherwise than it is: a right-to-left override, a zero-width space, a byte-order mark.
    ["admin\u202egnp.exe", "admin\\u202egnp.exe"],
    ["ops\u200bteam\ufeff", "ops\\u200bteam\\ufeff"],
  ])("%j -> %j: one line, no control sequence", (text, shown) => {
    expect(plainText(text)).toBe(shown);
  });
});

describe("the plan's Markdown (job summary)", () => {
  it("keeps hostile team, project and rule names inert", async () => {
    const hostile = "<img src=x> [a](https://e.x) @octocat|**b**";
    const result = await planTeams({
      dir: teamDir({
        "demo.yaml": `name: '${hostile}'\nprojects:\n  - slug: demo\n    name: '${hostile}'\n    alerts:\n      - name: '${hostile}'\n        when: [new-issue]\n        notify: [team]\n        environment: 'x</td><script>'\n`,
      }),
      stack: "prod",
      projectDir: ROOT,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const html = render(planMarkdown(result.plan, { lang: "fr" }));
    expect(html).not.toMatch(/<(a|img|script)\b/);
    expect(visible(html)).not.toMatch(/@octocat/);
    // The projects table (the team has no member): a header and one row, its five cells intact.
    const projects = html.match(/<table>[\s\S]*?<\/table>/)![0];
    expect(projects.match(/<tr>/g)).toHaveLength(2);
    expect(projects.match(/<td>/g)).toHaveLength(5);
    expect(visible(html).replace(/\u200b/g, "")).toContain(hostile);
  }, 60_000);
});
