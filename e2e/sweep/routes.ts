import { readdirSync } from "node:fs";
import path from "node:path";

/**
 * Every page the app serves, as its route pattern ("/w/[slug]/ideas/[ideaId]"), read from app/:
 * a page added later without a sweep entry fails the sweep instead of going unchecked.
 */
export function appRoutes(root = path.join(process.cwd(), "app")): string[] {
  const routes: string[] = [];
  const walk = (dir: string, segments: string[]) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        // Route groups "(auth)" and private folders "_x" add no URL segment / no route.
        if (entry.name.startsWith("_")) continue;
        const next = entry.name.startsWith("(") ? segments : [...segments, entry.name];
        walk(path.join(dir, entry.name), next);
      } else if (entry.name === "page.tsx") {
        routes.push("/" + segments.join("/"));
      }
    }
  };
  walk(root, []);
  return routes.sort();
}
