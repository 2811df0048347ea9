import { randomBytes } from "node:crypto";

/** A URL-safe slug from a workspace name; non-Latin names fall back to a random slug. */
export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return base.length >= 2 ? base : `ws-${randomBytes(3).toString("hex")}`;
}

export function withSuffix(slug: string): string {
  return `${slug.slice(0, 40)}-${randomBytes(2).toString("hex")}`;
}
