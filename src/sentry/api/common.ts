// Pieces shared by the endpoint modules: the checked calls, nullable values, rule nodes, path segments.
import { Type, type Static, type TSchema } from "@sinclair/typebox";
import { TypeCompiler, type TypeCheck } from "@sinclair/typebox/compiler";
import { jsonTypeName, SentryDataError, type SentryClient } from "../client";

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Sentry ids are strings in its responses (a few integers are typed as such where they occur). */
export const SentryId = Type.String();

/** One condition, filter or action of an issue alert rule: an `id` and free parameters. */
export const RuleNode = Type.Intersect([
  Type.Object({ id: Type.String() }),
  Type.Record(Type.String(), Type.Unknown()),
]);
export type RuleNode = Static<typeof RuleNode>;

/** One path segment, encoded (slugs, ids and e-mails never reach the URL raw). */
export const segment = (value: string | number) => encodeURIComponent(String(value));

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

/**
 * `value`, typed by `schema`; otherwise a SentryDataError naming the endpoint and the first field that
 * does not match, which halts the client (malformed data ends the command).
 */
export function checked<S extends TSchema>(
  client: SentryClient,
  schema: S,
  value: unknown,
  method: string,
  path: string,
  at = "",
): Static<S> {
  let check = compiled.get(schema);
  if (!check) compiled.set(schema, (check = TypeCompiler.Compile(schema)));
  if (check.Check(value)) return value as Static<S>;
  const error = check.Errors(value).First()!;
  const field = `${at}${error.path.replace(/\/(\d+)(?=\/|$)/g, "[$1]").replace(/\//g, ".")}`.replace(/^\./, "");
  const got = error.value === undefined ? "" : `, got ${jsonTypeName(error.value)}`;
  throw client.halt(
    new SentryDataError(
      method,
      path,
      200,
      `${field || "the body"}: ${error.message.replace(/^Expected/, "expected")}${got}`,
    ),
  );
}

export const getChecked = async <S extends TSchema>(client: SentryClient, path: string, schema: S) =>
  checked(client, schema, await client.get(path), "GET", path);

export const postChecked = async <S extends TSchema>(client: SentryClient, path: string, body: unknown, schema: S) =>
  checked(client, schema, await client.post(path, body), "POST", path);

export const putChecked = async <S extends TSchema>(client: SentryClient, path: string, body: unknown, schema: S) =>
  checked(client, schema, await client.put(path, body), "PUT", path);

/** Every page, each item checked (the message names the item's position in the whole list). */
export async function listChecked<S extends TSchema>(
  client: SentryClient,
  path: string,
  item: S,
): Promise<Static<S>[]> {
  return (await client.list(path)).map((value, index) => checked(client, item, value, "GET", path, `[${index}]`));
}
