// The platform ids a team file may use, with their provenance (see the data file's `sources`).
import platformData from "../../data/sentry-platforms.json";

export const SENTRY_PLATFORMS: readonly string[] = platformData.platforms;
