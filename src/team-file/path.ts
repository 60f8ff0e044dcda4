/** A step into a team file's data: a key of a mapping or an index of a list. */
export type PathSegment = string | number;
