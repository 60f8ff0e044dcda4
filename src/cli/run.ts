// The shared CLI shell: every command declares its options once (with their help text), and this
// module parses them, prints the help, checks required options and allowed values, reports progress
// on a terminal, and turns every failure into one line and an exit code, never a stack trace:
//   0 success, 1 findings (what the command checks is wrong), 2 usage or environment error.
import { parseArgs } from "node:util";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language, type Localized } from "../i18n/language";
import { joinWords } from "../i18n/format";
import { progressLine, type Progress } from "./progress";

/** A usage mistake: the error line also says where the help is. */
export class UsageError extends Error {
  constructor(readonly text: Text) {
    super(typeof text === "string" ? text : text.en);
  }
}

/** Text of a command's help or errors: one string (ops commands, in English) or one per language. */
export type Text = string | Localized;
const say = (text: Text, lang: Language) => (typeof text === "string" ? text : text[lang]);

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  default?: string | boolean;
  required?: boolean;
  /** The accepted values: checked before the command runs, listed in the usage line. */
  choices?: readonly string[];
  /** Name of the value in the usage line (FILE, REV...). */
  value?: Text;
  help: Text;
}

type OptionValue<S extends OptionSpec> = S["type"] extends "boolean"
  ? boolean
  : S["multiple"] extends true
    ? string[]
    : S extends { choices: readonly (infer C)[] }
      ? S extends { default: string } | { required: true }
        ? C
        : C | undefined
      : S extends { default: string } | { required: true }
        ? string
        : string | undefined;

export type OptionValues<O extends Record<string, OptionSpec>> = { [K in keyof O]: OptionValue<O[K]> };

export interface CliResult {
  /** What goes to stdout (nothing when empty). */
  output: string;
  /** 0 success, 1 findings, 2 a report that could not be completed. Errors are thrown instead: a UsageError, or any other error (exit 2). */
  exitCode: 0 | 1 | 2;
}

export interface CommandContext<O extends Record<string, OptionSpec>> {
  values: OptionValues<O>;
  positionals: string[];
  /** `--lang` when the command is localized and it was given. */
  lang?: Language;
  /** A status line on stderr when it is a terminal (not in CI); nothing otherwise. */
  progress: Progress;
}

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** The npm script that runs the command. */
  script: string;
  /** Its stdout is data (JSON, Markdown, `key=value` lines): the usage says `npm run -s`. */
  silent?: boolean;
  summary: Text;
  options: O;
  /** Arguments that are not options, e.g. `{name: "FILE...", help: ...}`; refused when absent. */
  positionals?: { name: Text; help: Text };
  /** Paragraphs after the options: environment variables, where the output goes. */
  notes?: Text;
  /** What exit 0 means, and exit 1 for a command that reports findings. */
  exit: { ok: Text; findings?: Text };
  /** Startup-facing: `--lang fr|en` is added, and the help and errors follow it (French by default). */
  localized?: boolean;
  run(context: CommandContext<O>): CliResult | Promise<CliResult>;
}

const WORDS: Record<
  Language,
  {
    usage: string;
    options: string;
    help: string;
    lang: string;
    exit: string;
    usageExit: string;
    error: string;
    seeHelp: (command: string) => string;
    unknownOption: (option: string) => string;
    needsValue: (option: string, value: string) => string;
    noValue: (option: string) => string;
    unexpected: (argument: string) => string;
    required: (option: string, value: string) => string;
    choice: (option: string, value: string, choices: string) => string;
    defaultIs: (value: string) => string;
  }
> = {
  fr: {
    usage: "usage :",
    options: "Options :",
    help: "affiche cette aide",
    lang: "langue des messages (par défaut celle de la stack, sinon fr)",
    exit: "Codes de sortie :",
    usageExit: "erreur d'utilisation ou d'environnement",
    error: "erreur :",
    seeHelp: (command) => `(aide : ${command} -- --help)`,
    unknownOption: (option) => `option inconnue ${option}`,
    needsValue: (option, value) => `${option} attend une valeur (${option} ${value})`,
    noValue: (option) => `${option} ne prend pas de valeur`,
    unexpected: (argument) => `argument inattendu « ${argument} »`,
    required: (option, value) => `${option} ${value} est obligatoire`,
    choice: (option, value, choices) => `valeur inconnue « ${value} » pour ${option} : ${choices}`,
    defaultIs: (value) => `par défaut ${value}`,
  },
  en: {
    usage: "usage:",
    options: "Options:",
    help: "print this help",
    lang: "language of the messages (default: the stack's, else fr)",
    exit: "Exit codes:",
    usageExit: "usage or environment error",
    error: "error:",
    seeHelp: (command) => `(help: ${command} -- --help)`,
    unknownOption: (option) => `unknown option ${option}`,
    needsValue: (option, value) => `${option} needs a value (${option} ${value})`,
    noValue: (option) => `${option} takes no value`,
    unexpected: (argument) => `unexpected argument "${argument}"`,
    required: (option, value) => `${option} ${value} is required`,
    choice: (option, value, choices) => `unknown value "${value}" for ${option}: use ${choices}`,
    defaultIs: (value) => `default ${value}`,
  },
};

const HELP_OPTION = { type: "boolean", short: "h" } as const;

/** The options of a spec with the ones the shell adds (`--help`, and `--lang` when localized). */
function allOptions(spec: CommandSpec<Record<string, OptionSpec>>): Record<string, OptionSpec> {
  return {
    ...spec.options,
    ...(spec.localized ? { lang: { type: "string", choices: LANGUAGES, value: "LANG", help: WORDS.en.lang } } : {}),
    help: { ...HELP_OPTION, help: WORDS.en.help },
  };
}

function commandLine(spec: CommandSpec<Record<string, OptionSpec>>): string {
  return `npm run ${spec.silent ? "-s " : ""}${spec.script}`;
}

function valueName(name: string, option: OptionSpec, lang: Language): string {
  if (option.choices) return option.choices.join("|");
  return option.value ? say(option.value, lang) : name.toUpperCase();
}

/** `usage: npm run x -- --a FILE [--b] ...`: required options bare, the others in brackets. */
export function usageLine(spec: CommandSpec<Record<string, OptionSpec>>, lang: Language): string {
  const parts = Object.entries(allOptions(spec))
    .filter(([name]) => name !== "help")
    .map(([name, option]) => {
      const text = option.type === "boolean" ? `--${name}` : `--${name} ${valueName(name, option, lang)}`;
      return option.required ? text : `[${text}]`;
    });
  if (spec.positionals) parts.unshift(`[${say(spec.positionals.name, lang)}]`);
  return `${WORDS[lang].usage} ${commandLine(spec)}${parts.length > 0 ? ` -- ${parts.join(" ")}` : ""}`;
}

export function helpText(spec: CommandSpec<Record<string, OptionSpec>>, lang: Language): string {
  const words = WORDS[lang];
  const rows: [string, string][] = [];
  if (spec.positionals) rows.push([say(spec.positionals.name, lang), say(spec.positionals.help, lang)]);
  for (const [name, option] of Object.entries(allOptions(spec))) {
    const flag = `${option.short ? `-${option.short}, ` : ""}--${name}`;
    const help = name === "help" ? words.help : name === "lang" ? words.lang : say(option.help, lang);
    const fallback =
      typeof option.default === "string" && option.default !== "" && !help.includes(option.default)
        ? ` (${words.defaultIs(option.default)})`
        : "";
    rows.push([option.type === "boolean" ? flag : `${flag} ${valueName(name, option, lang)}`, `${help}${fallback}`]);
  }
  const width = Math.min(28, Math.max(...rows.map(([left]) => left.length)) + 2);
  const table = rows.map(([left, right]) =>
    left.length + 2 > width ? `  ${left}\n  ${" ".repeat(width)}${right}` : `  ${left.padEnd(width)}${right}`,
  );
  const codes = [`0 ${say(spec.exit.ok, lang)}`];
  if (spec.exit.findings) codes.push(`1 ${say(spec.exit.findings, lang)}`);
  codes.push(`2 ${words.usageExit}`);
  return [
    usageLine(spec, lang),
    "",
    say(spec.summary, lang),
    "",
    words.options,
    ...table,
    ...(spec.notes ? ["", say(spec.notes, lang)] : []),
    "",
    `${words.exit} ${codes.join(lang === "fr" ? " ; " : "; ")}.`,
  ].join("\n");
}

/** The language of the shell's own text: `--lang` when the command takes it, else French for startup commands. */
function shellLanguage(spec: CommandSpec<Record<string, OptionSpec>>, args: readonly string[]): Language {
  if (!spec.localized) return "en";
  const at = args.findIndex((arg) => arg === "--lang" || arg.startsWith("--lang="));
  const value = at < 0 ? undefined : args[at].includes("=") ? args[at].slice("--lang=".length) : args[at + 1];
  return (LANGUAGES as readonly string[]).includes(value ?? "") ? (value as Language) : DEFAULT_LANGUAGE;
}

/** Parses `args` against the spec; throws a UsageError (localized) for anything it does not accept. */
export function parseCommandLine(
  spec: CommandSpec<Record<string, OptionSpec>>,
  args: readonly string[],
): { values: Record<string, unknown>; positionals: string[] } {
  const options = allOptions(spec);
  const { tokens } = parseArgs({
    args: [...args],
    options: Object.fromEntries(
      Object.entries(options).map(([name, o]) => [
        name,
        { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
      ]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const words = (text: (lang: Language) => string) => new UsageError({ fr: text("fr"), en: text("en") });
  const values: Record<string, unknown> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      if (!spec.positionals) throw words((lang) => WORDS[lang].unexpected(token.value));
      positionals.push(token.value);
      continue;
    }
    const option = options[token.name];
    if (!option) throw words((lang) => WORDS[lang].unknownOption(token.rawName));
    if (option.type === "boolean") {
      if (token.value !== undefined) throw words((lang) => WORDS[lang].noValue(`--${token.name}`));
      values[token.name] = true;
      continue;
    }
    // `--dir --format json` would take `--format` as the folder: a value never starts with `-` unless
    // it is written `--dir=-x`.
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith("-")))
      throw words((lang) => WORDS[lang].needsValue(`--${token.name}`, valueName(token.name, option, lang)));
    const value = token.value;
    if (option.choices && !option.choices.includes(value))
      throw words((lang) => WORDS[lang].choice(`--${token.name}`, value, joinWords(option.choices!, lang)));
    values[token.name] = option.multiple ? [...((values[token.name] as string[]) ?? []), value] : value;
  }
  if (values.help) return { values, positionals };
  for (const [name, option] of Object.entries(options)) {
    if (values[name] !== undefined) continue;
    if (option.required) throw words((lang) => WORDS[lang].required(`--${name}`, valueName(name, option, lang)));
    values[name] = option.default ?? (option.type === "boolean" ? false : option.multiple ? [] : undefined);
  }
  return { values, positionals };
}

/** Runs a command from `process.argv`; sets the exit code and writes stdout and stderr. */
export function command<const O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): void {
  const args = process.argv.slice(2);
  const general = spec as unknown as CommandSpec<Record<string, OptionSpec>>;
  const lang = shellLanguage(general, args);
  const progress = progressLine();
  const fail = (error: unknown) => {
    progress.done();
    const text = error instanceof UsageError ? say(error.text, lang) : errorText(error);
    const hint = error instanceof UsageError ? ` ${WORDS[lang].seeHelp(commandLine(general))}` : "";
    process.stderr.write(`${WORDS[lang].error} ${text}${hint}\n`);
    process.exitCode = 2;
  };
  // Failures outside the command's own promise (a library's stray rejection) end the same way.
  process.on("uncaughtException", fail);
  process.on("unhandledRejection", fail);
  // `npm run -s plan -- --format json | head`: the reader has what it wanted; closing the pipe is no error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") fail(error);
  });
  Promise.resolve()
    .then(() => {
      const { values, positionals } = parseCommandLine(general, args);
      if (values.help) return { output: helpText(general, lang), exitCode: 0 as const };
      return spec.run({
        values: values as OptionValues<O>,
        positionals,
        lang: spec.localized ? (values.lang as Language | undefined) : undefined,
        progress,
      });
    })
    .then(({ output, exitCode }) => {
      progress.done();
      if (output) process.stdout.write(output.endsWith("\n") ? output : `${output}\n`);
      process.exitCode = exitCode;
    }, fail);
}

/** An error as its message, never its stack. */
function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
