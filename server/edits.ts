import { z } from "zod";
import { DomainError } from "./errors";

/**
 * Optimistic concurrency for documents a team edits together (ideas, custom
 * opportunities): the editor sends the `updatedAt` of the version it opened,
 * and the write only lands if the row is still that version. Otherwise the
 * caller gets a CONFLICT and keeps its own text, instead of silently
 * overwriting a teammate's changes (or having its own overwritten).
 */
export const ZBaseUpdatedAt = z.date().optional();

/** A `where` fragment: the row as the editor saw it. Without a base (an explicit "save mine anyway"), any version. */
export function unchangedSince(baseUpdatedAt: Date | undefined): { updatedAt?: Date } {
  return baseUpdatedAt ? { updatedAt: baseUpdatedAt } : {};
}

export function editConflict(what: string): DomainError {
  return new DomainError(
    "CONFLICT",
    "editConflict",
    `Someone else saved this ${what} after you opened it. Your changes are still in the form: save them anyway, or discard them and see the other version.`,
  );
}
