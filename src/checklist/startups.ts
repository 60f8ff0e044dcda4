// The beta.gouv.fr startups data: the incubator of each startup id (the `startup:` key of a team file).
// Two shapes are read: the site's public API (`https://beta.gouv.fr/api/v2.7/startups.json`, JSON:API,
// betagouv/beta.gouv.fr api/v2.7/startups.json@031558c: `data[].relationships.incubator.data.id` and the
// incubators' titles in `included`), and the flat export of shared/fixtures/betagouv-startups.json
// (`[{id, title, incubator}]`, read from the same site's content/_startups front matter).
import { Type, type Static } from "@sinclair/typebox";
import Ajv from "ajv";

export const DEFAULT_STARTUPS_URL = "https://beta.gouv.fr/api/v2.7/startups.json";

const JsonApiDocument = Type.Object({
  data: Type.Array(
    Type.Object({
      id: Type.String(),
      attributes: Type.Object({ name: Type.String() }),
      relationships: Type.Object({
        incubator: Type.Object({ data: Type.Union([Type.Object({ id: Type.String() }), Type.Null()]) }),
      }),
    }),
  ),
  included: Type.Optional(
    Type.Array(
      Type.Object({ id: Type.String(), type: Type.String(), attributes: Type.Object({ title: Type.String() }) }),
    ),
  ),
});

const FlatExport = Type.Array(Type.Object({ id: Type.String(), title: Type.String(), incubator: Type.String() }));

const ajv = new Ajv({ allErrors: false });
const isJsonApi = ajv.compile<Static<typeof JsonApiDocument>>(JsonApiDocument);
const isFlat = ajv.compile<Static<typeof FlatExport>>(FlatExport);

export interface Incubator {
  id: string;
  /** The incubator's title when the data has it, else its id. */
  title: string;
}

export interface Startup {
  id: string;
  title: string;
  incubator: Incubator | null;
}

export type StartupDirectory = Map<string, Startup>;

/** Startup id -> startup, from either shape; throws one line naming `source` when it is neither. */
export function parseStartups(text: string, source: string): StartupDirectory {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${source} is not JSON (${(error as Error).message}): pass the beta.gouv.fr startups API document`,
      {
        cause: error,
      },
    );
  }
  if (isFlat(data)) {
    return new Map(
      data.map((s) => [
        s.id,
        { id: s.id, title: s.title, incubator: s.incubator ? { id: s.incubator, title: s.incubator } : null },
      ]),
    );
  }
  if (isJsonApi(data)) {
    // `included` ids are the Jekyll collection ids (`/incubators/<id>` in the v2.7 template): keep the last part.
    const titles = new Map(
      (data.included ?? [])
        .filter((x) => x.type === "incubator")
        .map((x) => [x.id.replace(/^\/?(incubators|incubateurs)\//, ""), x.attributes.title]),
    );
    return new Map(
      data.data.map((s) => {
        const id = s.relationships.incubator.data?.id;
        return [
          s.id,
          { id: s.id, title: s.attributes.name, incubator: id ? { id, title: titles.get(id) || id } : null },
        ];
      }),
    );
  }
  throw new Error(
    `${source} is neither the beta.gouv.fr startups API document (data[].relationships.incubator) nor a [{id, title, incubator}] list`,
  );
}
