// index.html: the checklist as one static, self-contained page (no external asset, works offline),
// accessible (real table semantics kept on small screens, status in text and not only in colour,
// labelled filters, charts with a text alternative) and readable on a phone (rows become cards).
// Filters by incubator and status are a small inline script, allowed by the page's CSP through its
// hash; without script every row stays visible.
import { createHash } from "node:crypto";
import { STATUS_LABEL, STATUS_MARK, type ChecklistReport, type ProjectReport, type StartupReport } from "./report";
import type { Status } from "./rules";
import { DEFAULT_LANGUAGE, type Language } from "../i18n/language";
import { formatCount } from "../i18n/format";
import { htmlText } from "../i18n/escape";

/** Escaped text whose `code` spans (written by the rules, never by users) become <code>. */
const prose = (text: string) => htmlText(text).replace(/`([^`]+)`/g, "<code>$1</code>");

const WORDS = {
  fr: {
    title: (org: string) => `Checklist Sentry de la communauté — ${org}`,
    intro: (at: string, days: number) =>
      `Mesurée le ${at} sur les ${days} derniers jours, pour chaque fichier d'équipe.`,
    incubator: "Incubateur",
    status: "Statut",
    all: "Tous",
    unknown: "non renseigné",
    startup: "Startup",
    details: "Détails",
    projects: (n: number) => `${n} projet(s)`,
    shown: "startup(s) affichée(s)",
    noProject: "Aucun projet déclaré.",
    chart: (slug: string, days: number, errors: number, transactions: number, peak: number, peakDay: string) =>
      `${slug}, ${days} jours : ${formatCount(errors, "fr")} erreurs (au plus ${formatCount(peak, "fr")} le ${peakDay}), ${formatCount(transactions, "fr")} transactions`,
    legend: "Barres : erreurs par jour ; ligne : transactions par jour (chacune à sa propre échelle).",
    fix: "Correction :",
    nothing: (inSentry: boolean) => (inSentry ? "Rien à corriger." : "Absent de Sentry (pas encore créé ?)."),
    caption: "Une ligne par startup, une colonne par règle de la page communauté.",
    rules: "Les règles",
    warnings: "Mesures incomplètes",
  },
  en: {
    title: (org: string) => `The community's Sentry checklist — ${org}`,
    intro: (at: string, days: number) => `Measured on ${at} over the last ${days} days, for each team file.`,
    incubator: "Incubator",
    status: "Status",
    all: "All",
    unknown: "not given",
    startup: "Startup",
    details: "Details",
    projects: (n: number) => `${n} project(s)`,
    shown: "startup(s) shown",
    noProject: "No project declared.",
    chart: (slug: string, days: number, errors: number, transactions: number, peak: number, peakDay: string) =>
      `${slug}, ${days} days: ${formatCount(errors, "en")} errors (at most ${formatCount(peak, "en")} on ${peakDay}), ${formatCount(transactions, "en")} transactions`,
    legend: "Bars: errors per day; line: transactions per day (each on its own scale).",
    fix: "Fix:",
    nothing: (inSentry: boolean) => (inSentry ? "Nothing to fix." : "Missing from Sentry (not created yet?)."),
    caption: "One line per startup, one column per rule of the community page.",
    rules: "The rules",
    warnings: "Incomplete measurements",
  },
};

const STYLE = `
:root{color-scheme:light;--ok:#18753c;--warn:#8a4b00;--fail:#b3261e;--na:#555;--line:#ccc}
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1e1e1e;background:#fff}
main{max-width:90rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0}
form{display:flex;flex-wrap:wrap;gap:1rem;align-items:end;margin:1rem 0}
label{display:block;font-weight:600}
select{font:inherit;padding:.4rem;min-width:12rem;max-width:100%}
table{border-collapse:collapse;width:100%}
caption{text-align:left;padding:.5rem 0;color:var(--na)}
th,td{border-bottom:1px solid var(--line);padding:.45rem;vertical-align:top;text-align:left}
thead th{position:sticky;top:0;background:#f6f6f6}
td.mark{text-align:center;white-space:nowrap}
td.details{min-width:22rem}
.ok{color:var(--ok)}.warn{color:var(--warn)}.fail{color:var(--fail)}.na{color:var(--na)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
code{font-size:.9em;background:#f1f1f1;padding:0 .2em;border-radius:3px;overflow-wrap:anywhere}
details summary{cursor:pointer}
.project{margin:.5rem 0 1rem}
.project h3{font-size:1rem;margin:.25rem 0}
.project ul{margin:.25rem 0;padding-left:1.2rem}
svg{display:block;max-width:100%;height:auto}
svg .bar{fill:#6a6af4}svg .line{fill:none;stroke:#b34000;stroke-width:1.5}
:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}
@media (max-width:48rem){
 thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
 table,tbody,tr,th,td{display:block;width:100%}
 tr{border:1px solid var(--line);border-radius:6px;margin:0 0 1rem;padding:.25rem}
 td,th{border:0}
 td.mark{text-align:left}
 td.details{min-width:0}
 caption{display:block}
 td[data-label]::before{content:attr(data-label) " : ";font-weight:600}
}`;

const SCRIPT = `(function(){
var form=document.getElementById("filters"),inc=document.getElementById("f-incubator"),st=document.getElementById("f-status"),out=document.getElementById("shown");
var rows=document.querySelectorAll("#checklist tbody tr");
function apply(){var n=0;rows.forEach(function(r){var show=(!inc.value||r.dataset.incubator===inc.value)&&(!st.value||r.dataset.status===st.value);r.hidden=!show;if(show)n++;});out.textContent=n;}
inc.addEventListener("change",apply);st.addEventListener("change",apply);form.hidden=false;apply();
})();`;

export const SCRIPT_HASH = `sha256-${createHash("sha256").update(SCRIPT).digest("base64")}`;

function chart(project: ProjectReport, days: readonly string[], language: Language): string {
  const w = WORDS[language];
  const n = days.length;
  if (n === 0 || project.errorsPerDay.length === 0) return "";
  const width = 4 * n;
  const height = 40;
  const errors = project.errorsPerDay;
  const transactions = project.transactionsPerDay;
  const errorMax = Math.max(1, ...errors);
  const transactionMax = Math.max(1, ...transactions);
  const peak = Math.max(...errors);
  const peakDay = days[errors.indexOf(peak)] ?? days[n - 1];
  const label = w.chart(
    project.slug,
    n,
    errors.reduce((a, b) => a + b, 0),
    transactions.reduce((a, b) => a + b, 0),
    peak,
    peakDay,
  );
  const bars = errors
    .map((v, i) => {
      const h = v === 0 ? 0 : Math.max(1, Math.round((v / errorMax) * (height - 2)));
      return h === 0 ? "" : `<rect class="bar" x="${i * 4}" y="${height - h}" width="3" height="${h}"/>`;
    })
    .join("");
  const points = transactions
    .map((v, i) => `${i * 4 + 1.5},${(height - 1 - (v / transactionMax) * (height - 2)).toFixed(1)}`)
    .join(" ");
  return `<svg role="img" aria-label="${htmlText(label)}" viewBox="0 0 ${width} ${height}" width="${width * 2}" height="${height * 1.5}"><title>${htmlText(label)}</title>${bars}<polyline class="line" points="${points}"/></svg>`;
}

function markCell(status: Status, label: string, language: Language): string {
  return `<td class="mark ${status}" data-label="${htmlText(label)}" role="cell"><span aria-hidden="true">${STATUS_MARK[status]}</span> <span class="sr">${htmlText(STATUS_LABEL[status][language])}</span></td>`;
}

function details(startup: StartupReport, report: ChecklistReport, language: Language): string {
  const w = WORDS[language];
  if (startup.projects.length === 0) return `<p>${w.noProject}</p>`;
  const projects = startup.projects.map((project) => {
    const findings = project.results
      .filter((r) => r.status === "warn" || r.status === "fail")
      .map((r) => {
        const title = report.rules.find((x) => x.id === r.rule)!.title[language];
        const fix = r.fix ? ` <strong>${w.fix}</strong> ${prose(r.fix[language])}` : "";
        return `<li class="${r.status}"><span aria-hidden="true">${STATUS_MARK[r.status]}</span> <span class="sr">${htmlText(STATUS_LABEL[r.status][language])} :</span> <strong>${htmlText(title)}</strong> — ${prose(r.summary[language])}.${fix}</li>`;
      });
    const list = findings.length > 0 ? `<ul>${findings.join("")}</ul>` : `<p>${w.nothing(project.inSentry)}</p>`;
    return `<div class="project"><h3><code>${htmlText(project.slug)}</code></h3>${chart(project, report.days, language)}${list}</div>`;
  });
  return `<details><summary>${w.projects(startup.projects.length)}</summary><p>${w.legend}</p>${projects.join("")}</details>`;
}

export function renderHtml(report: ChecklistReport, language: Language = DEFAULT_LANGUAGE): string {
  const w = WORDS[language];
  const ruleTitles = report.rules.map((r) => r.title[language]);
  const statusOptions = (["fail", "warn", "ok", "na"] as const)
    .map((s) => `<option value="${s}">${STATUS_MARK[s]} ${htmlText(STATUS_LABEL[s][language])}</option>`)
    .join("");
  const incubatorOptions = report.incubators
    .map((i) => `<option value="${htmlText(i.id)}">${htmlText(i.title)}</option>`)
    .join("");
  const rows = report.startups.map((s) => {
    const marks = s.rules.map((r, i) => markCell(r.status, ruleTitles[i], language)).join("");
    return `<tr role="row" data-incubator="${htmlText(s.incubator?.id ?? "")}" data-status="${s.status}"><th scope="row" role="rowheader">${htmlText(s.name)} <code>${htmlText(s.team)}</code></th><td data-label="${w.incubator}" role="cell">${htmlText(s.incubator?.title ?? w.unknown)}</td>${markCell(s.status, w.status, language)}${marks}<td class="details" data-label="${w.details}" role="cell">${details(s, report, language)}</td></tr>`;
  });
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src '${SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${htmlText(w.title(report.organization))}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${htmlText(w.title(report.organization))}</h1>
<p>${htmlText(w.intro(report.measuredAt.slice(0, 10), report.days.length))}</p>
<form id="filters" hidden>
<div><label for="f-incubator">${w.incubator}</label><select id="f-incubator"><option value="">${w.all}</option>${incubatorOptions}</select></div>
<div><label for="f-status">${w.status}</label><select id="f-status"><option value="">${w.all}</option>${statusOptions}</select></div>
<p role="status" aria-live="polite"><span id="shown">${report.startups.length}</span> ${w.shown}</p>
</form>
<table id="checklist" role="table">
<caption>${w.caption}</caption>
<thead><tr role="row"><th scope="col" role="columnheader">${w.startup}</th><th scope="col" role="columnheader">${w.incubator}</th><th scope="col" role="columnheader">${w.status}</th>${ruleTitles.map((t) => `<th scope="col" role="columnheader">${htmlText(t)}</th>`).join("")}<th scope="col" role="columnheader">${w.details}</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
<h2>${w.rules}</h2>
<dl>${report.rules.map((r) => `<dt>${htmlText(r.title[language])}</dt><dd>${prose(r.asks[language])}</dd>`).join("")}</dl>
${report.warnings.length > 0 ? `<h2>${w.warnings}</h2><ul>${report.warnings.map((x) => `<li>${htmlText(x)}</li>`).join("")}</ul>` : ""}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
