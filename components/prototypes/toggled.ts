/** `set` with `id` added, or taken out when it was in: a checkbox of a selection held as a Set in state. */
export function toggled<T>(set: ReadonlySet<T>, id: T): Set<T> {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}
