import type { AssessmentPage } from "@/server/assessment/items";

/** Pure bookkeeping for the questionnaire: numbering, progress, what is missing, where to resume. */

interface Item {
  id: string;
}

export interface ItemIndex<I extends Item> {
  /** Items in the order they are shown, each with its page. */
  all: { item: I; pageIndex: number }[];
  /** 1-based question number as shown on screen. */
  numberOf: Map<string, number>;
  pageOf: Map<string, number>;
  itemById: Map<string, I>;
}

export function indexItems<I extends Item>(pages: readonly AssessmentPage<I>[]): ItemIndex<I> {
  const all = pages.flatMap((p, pageIndex) => p.items.map((item) => ({ item, pageIndex })));
  return {
    all,
    numberOf: new Map(all.map(({ item }, i) => [item.id, i + 1])),
    pageOf: new Map(all.map(({ item, pageIndex }) => [item.id, pageIndex])),
    itemById: new Map(all.map(({ item }) => [item.id, item])),
  };
}

const isAnswered = (answers: Readonly<Record<string, unknown>>, id: string) => Object.hasOwn(answers, id);

/** How many of `items` have an answer. */
export function countAnswered(items: readonly Item[], answers: Readonly<Record<string, unknown>>): number {
  return items.filter((item) => isAnswered(answers, item.id)).length;
}

/** Ids of unanswered items, in the order shown. */
export function missingItemIds(index: ItemIndex<Item>, answers: Readonly<Record<string, unknown>>): string[] {
  return index.all.filter(({ item }) => !isAnswered(answers, item.id)).map(({ item }) => item.id);
}

/** The first unanswered item of a page, to bring into view on resume (none when nothing was answered yet). */
export function resumeTarget<I extends Item>(page: AssessmentPage<I> | undefined, answers: Readonly<Record<string, unknown>>): I | null {
  if (!page || Object.keys(answers).length === 0) return null;
  return page.items.find((item) => !isAnswered(answers, item.id)) ?? null;
}

/** A stored page index clamped to the pages that exist (an instrument may have fewer pages than the index). */
export function clampPage(page: number, pageCount: number): number {
  if (!Number.isInteger(page) || page < 0) return 0;
  return Math.min(page, Math.max(pageCount - 1, 0));
}
