import { z } from "zod";
import { INPUT_MAX } from "@/server/input-limits";
import { Prisma } from "@/generated/prisma/client";
import { FACETS, type FacetId } from "@/server/assessment/facets";
import type { DbTx } from "@/server/db";
import { editConflict, unchangedSince } from "@/server/edits";
import { found } from "@/server/errors";
import { FACTORS, INDUSTRIES, STAGES, type FactorKey } from "./dataset-schema";
import type { OpportunityView } from "./view";

/**
 * A workspace's own opportunities: the same fields as curated ones, in one language, scored
 * the same way. Every read and write is scoped by workspaceId; archiving hides an opportunity
 * from the map without losing its notes, votes or links from ideas.
 */

const line = (max: number) => z.string().trim().min(1, { error: "Required" }).max(max);

const ZFactorInput = z.object({
  score: z.number().int().min(1).max(5),
  rationale: line(INPUT_MAX.opportunityLine),
});

export const ZCustomValueInput = z
  .object({
    low: z.number().positive().max(100_000),
    high: z.number().positive().max(100_000),
    basis: line(INPUT_MAX.opportunityLine),
    kind: z.enum(["published", "estimate"]),
    sourceName: line(INPUT_MAX.sourceName),
    sourceTitle: z.string().trim().max(INPUT_MAX.sourceTitle).default(""),
    sourceUrl: z.union([z.literal(""), z.url({ protocol: /^https?$/ })]).default(""),
    sourceYear: z.number().int().min(1900).max(2100),
    note: z.string().trim().max(INPUT_MAX.estimateNote).default(""),
  })
  .superRefine((v, ctx) => {
    if (v.low > v.high)
      ctx.addIssue({
        code: "custom",
        path: ["low"],
        message: "The low end must not exceed the high end",
        params: { reason: "lowAboveHigh" },
      });
    if (v.kind === "estimate" && !v.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: "Say how the estimate was made", params: { reason: "estimateNote" } });
  });

export const ZCustomOpportunityFields = z.object({
  industry: z.enum(INDUSTRIES),
  title: z.string().trim().min(2, { error: "Use at least 2 characters" }).max(INPUT_MAX.opportunityTitle),
  description: z.string().trim().max(INPUT_MAX.opportunityDescription).default(""),
  useCases: z.array(line(INPUT_MAX.opportunityLine)).min(2, { error: "Give at least two example use cases" }).max(10),
  customers: line(INPUT_MAX.opportunityCustomers),
  stage: z.enum(STAGES),
  /** No number without its source and year: a value needs both, or none is given. */
  value: ZCustomValueInput.nullable().default(null),
  factors: z.object(Object.fromEntries(FACTORS.map((f) => [f, ZFactorInput])) as Record<FactorKey, typeof ZFactorInput>),
  /** Relative weights over 3–5 facets; saved normalised to sum 1. */
  requiredProfile: z.partialRecord(z.enum(FACETS), z.number().positive().max(100)).refine(
    (p) => {
      const n = Object.keys(p).length;
      return n >= 3 && n <= 5;
    },
    { error: "Choose 3 to 5 facets", params: { reason: "chooseFacets" } },
  ),
});
export type CustomOpportunityFields = z.infer<typeof ZCustomOpportunityFields>;

const ZStoredValue = z.object({
  low: z.number(),
  high: z.number(),
  basis: z.string(),
  kind: z.enum(["published", "estimate"]),
  source: z.object({ name: z.string(), title: z.string(), url: z.string().nullable(), year: z.number() }),
  note: z.string().nullable(),
});
const ZStoredFactors = z.record(z.enum(FACTORS), z.object({ score: z.number(), rationale: z.string() }));
const ZStoredProfile = z.partialRecord(z.enum(FACETS), z.number());

function toData(fields: CustomOpportunityFields) {
  const weights = Object.entries(fields.requiredProfile) as [FacetId, number][];
  const total = weights.reduce((s, [, w]) => s + w, 0);
  const v = fields.value;
  return {
    industry: fields.industry,
    title: fields.title,
    description: fields.description,
    useCases: fields.useCases,
    customers: fields.customers,
    stage: fields.stage,
    value: v
      ? {
          low: v.low,
          high: v.high,
          basis: v.basis,
          kind: v.kind,
          source: { name: v.sourceName, title: v.sourceTitle, url: v.sourceUrl || null, year: v.sourceYear },
          note: v.note || null,
        }
      : Prisma.DbNull,
    factors: fields.factors,
    requiredProfile: Object.fromEntries(weights.map(([f, w]) => [f, w / total])),
  };
}

const SELECT = {
  id: true,
  updatedAt: true,
  industry: true,
  title: true,
  description: true,
  useCases: true,
  customers: true,
  stage: true,
  value: true,
  factors: true,
  requiredProfile: true,
  archivedAt: true,
} as const;
type CustomRow = {
  id: string;
  industry: string;
  title: string;
  description: string;
  useCases: unknown;
  customers: string;
  stage: (typeof STAGES)[number];
  value: unknown;
  factors: unknown;
  requiredProfile: unknown;
  archivedAt: Date | null;
  updatedAt: Date;
};

function customToView(row: CustomRow): OpportunityView {
  return {
    ref: row.id,
    kind: "custom",
    industry: z.enum(INDUSTRIES).parse(row.industry),
    title: row.title,
    description: row.description,
    useCases: z.array(z.string()).parse(row.useCases),
    customers: row.customers,
    stage: row.stage,
    value: row.value === null ? null : ZStoredValue.parse(row.value),
    factors: ZStoredFactors.parse(row.factors) as OpportunityView["factors"],
    requiredProfile: ZStoredProfile.parse(row.requiredProfile),
    archived: row.archivedAt !== null,
    updatedAt: row.updatedAt,
  };
}

export async function listCustom(db: DbTx, { workspaceId, includeArchived = false }: { workspaceId: string; includeArchived?: boolean }) {
  const rows = await db.customOpportunity.findMany({
    where: { workspaceId, ...(includeArchived ? {} : { archivedAt: null }) },
    orderBy: { createdAt: "asc" },
    select: SELECT,
  });
  return rows.map(customToView);
}

/** A custom opportunity of this workspace, archived or not; another workspace's id is NOT_FOUND. */
export async function findCustom(db: DbTx, { workspaceId, id }: { workspaceId: string; id: string }): Promise<OpportunityView | null> {
  const row = await db.customOpportunity.findFirst({ where: { id, workspaceId }, select: SELECT });
  return row ? customToView(row) : null;
}

/** The workspace's own opportunities among `ids`, by id; ids of other workspaces or of nothing are absent. */
export async function findCustoms(db: DbTx, { workspaceId, ids }: { workspaceId: string; ids: readonly string[] }) {
  if (ids.length === 0) return new Map<string, OpportunityView>();
  const rows = await db.customOpportunity.findMany({ where: { id: { in: [...ids] }, workspaceId }, select: SELECT });
  return new Map(rows.map((row) => [row.id, customToView(row)] as const));
}

export async function getCustom(db: DbTx, args: { workspaceId: string; id: string }): Promise<OpportunityView> {
  return found(await findCustom(db, args), "Opportunity");
}

export async function createCustom(
  db: DbTx,
  { workspaceId, userId, fields }: { workspaceId: string; userId: string; fields: CustomOpportunityFields },
) {
  const row = await db.customOpportunity.create({ data: { ...toData(fields), workspaceId, createdById: userId }, select: SELECT });
  return customToView(row);
}

export async function updateCustom(
  db: DbTx,
  { workspaceId, id, fields, baseUpdatedAt }: { workspaceId: string; id: string; fields: CustomOpportunityFields; baseUpdatedAt?: Date },
) {
  // updateMany with the workspace in the filter: the write itself is scoped, not only a check before it.
  const res = await db.customOpportunity.updateMany({ where: { id, workspaceId, ...unchangedSince(baseUpdatedAt) }, data: toData(fields) });
  if (res.count === 0) {
    await getCustom(db, { workspaceId, id }); // gone (or another workspace's): NOT_FOUND
    throw editConflict("opportunity");
  }
  return getCustom(db, { workspaceId, id });
}

export async function setArchived(db: DbTx, { workspaceId, id, archived }: { workspaceId: string; id: string; archived: boolean }) {
  const res = await db.customOpportunity.updateMany({ where: { id, workspaceId }, data: { archivedAt: archived ? new Date() : null } });
  if (res.count === 0) found(null, "Opportunity");
  return getCustom(db, { workspaceId, id });
}
