/**
 * What a founder reads about the model a run builds on: a plain name in the page's language
 * (messages prototypes.model.*), keyed by the backbone's id. The catalog's engineer title
 * (package, width, input size) belongs under "Technical details".
 */
export type ModelKind = "mobilenetV2" | "compactCnn" | "other";

export function modelKind(backboneId: string | null | undefined): ModelKind {
  if (!backboneId) return "other";
  if (backboneId.startsWith("mobilenet_v2_")) return "mobilenetV2";
  if (backboneId.startsWith("compact_cnn")) return "compactCnn";
  return "other";
}
