/**
 * Turns an audit row into the arguments of its translated sentence. Roles are stored as codes
 * ("MEMBER"); they are shown in the reader's language, so the caller passes the role translator.
 */
const ROLE_FIELDS_BY_ACTION: Record<string, readonly string[]> = {
  "member.joined": ["role"],
  "member.role_changed": ["from", "to"],
  "member.removed": ["role"],
  "invitation.created": ["role"],
};

/** Message keys cannot contain dots (next-intl reads them as nesting): "member.left" → "actions.member_left". */
export function auditActionKey(action: string): string {
  return `actions.${action.replace(/\./g, "_")}`;
}

/** Audit data as ICU arguments; unknown shapes become empty strings rather than "undefined". */
export function auditArgs(data: unknown, roleName: (code: string) => string, action?: string): Record<string, string> {
  const d = (data ?? {}) as Record<string, unknown>;
  const s = (k: string) => (typeof d[k] === "string" ? (d[k] as string) : "");
  const args: Record<string, string> = {
    from: s("from"),
    to: s("to"),
    email: s("email"),
    role: s("role"),
    name: s("name"),
    level: s("level"),
  };
  // Without the action, only "role" is surely a role ("from"/"to" are names in a rename).
  const roleFields = action ? (ROLE_FIELDS_BY_ACTION[action] ?? []) : ["role"];
  for (const field of roleFields) if (args[field]) args[field] = roleName(args[field]);
  return args;
}
