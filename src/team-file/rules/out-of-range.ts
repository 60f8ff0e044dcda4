import { localize } from "../../i18n/language";
import { defineRule } from "./rule";
import type { ValueParams } from "./show";

export const outOfRange = defineRule<ValueParams & { bound: "minimum" | "maximum"; limit: number }>({
  id: "out-of-range",
  severity: "error",
  checks: {
    fr: "Les nombres sont dans leurs bornes (`events` et `users` de 1 à 1 000 000).",
    en: "Numbers are within their bounds (`events` and `users` from 1 to 1,000,000).",
  },
  message: ({ subject, value, bound, limit }) =>
    localize((lang) =>
      lang === "fr"
        ? `${subject.fr} vaut ${String(value)} : il faut ${bound === "minimum" ? "au moins" : "au plus"} ${limit}`
        : `${subject.en} is ${String(value)}: it must be ${bound === "minimum" ? "at least" : "at most"} ${limit}`,
    ),
});
