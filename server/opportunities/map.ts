import { csvDocument, type CsvValue } from "@/server/csv";
import { z } from "zod";
import { FACETS, type FacetId, type FacetProfile } from "@/server/assessment/facets";
import { getFacetProfile, getTeamCoverageProfile } from "@/server/assessment/profiles";
import type { DbTx } from "@/server/db";
import { recordAudit } from "@/server/workspaces/audit";
import { INDUSTRIES, type IndustryId } from "./dataset-schema";
import { explainScores, instrumentFacetName } from "./explain";
import { listCustom } from "./custom";
import { getOpportunity } from "./refs";
import { scoreOpportunity, type OpportunityScores, type PriorityWeights } from "./scoring";
import { loadCurated } from "./store";
import { curatedToView, textIn, viewToScorable, type OpportunityView } from "./view";
import { getWeights, listNotes, votesFor, type OpportunityStatus } from "./workspace-marks";
import { LOCALES, localized, type Locale, type Localized } from "@/server/i18n/locale";
import { translatorFor, type Translate } from "@/server/i18n/messages";

/**
 * The read side of the opportunity map: overview cards, industry tables, detail pages and the
 * shortlist export. Scores are computed on every read from the opportunity, the caller's (or the
 * team's) facet profile and the workspace's weights, so they never go stale.
 */

export const FIT_BASES = ["founder", "team"] as const;
export type FitBasis = (typeof FIT_BASES)[number];
export const ZFitBasis = z.enum(FIT_BASES).default("founder");

/** The founder's own latest profile, or the team's coverage; null before anyone has results. */
async function profileFor(
  db: DbTx,
  { workspaceId, userId, basis }: { workspaceId: string; userId: string; basis: FitBasis },
): Promise<FacetProfile | null> {
  return basis === "founder" ? getFacetProfile(db, { workspaceId, userId }) : getTeamCoverageProfile(db, { workspaceId, userId });
}

interface Context {
  workspaceId: string;
  userId: string;
  basis: FitBasis;
}

async function scoringContext(db: DbTx, ctx: Context) {
  const [profile, weights] = await Promise.all([profileFor(db, ctx), getWeights(db, ctx.workspaceId)]);
  return { profile, weights };
}

function round(x: number) {
  return Math.round(x * 10) / 10;
}

function summaryScores(s: OpportunityScores) {
  return {
    value: round(s.value.score),
    feasibility: round(s.feasibility.score),
    fit: s.fit ? round(s.fit.score) : null,
    priority: round(s.priority.score),
  };
}

export interface OpportunityRow {
  ref: string;
  kind: "curated" | "custom";
  industry: IndustryId;
  title: OpportunityView["title"];
  stage: OpportunityView["stage"];
  factors: Record<string, number>;
  value: { low: number; high: number; kind: "published" | "estimate"; sourceName: string; sourceYear: number } | null;
  scores: { value: number; feasibility: number; fit: number | null; priority: number };
  starred: boolean;
  status: OpportunityStatus | null;
  votes: { up: number; down: number; mine: -1 | 0 | 1 };
  notes: number;
  archived: boolean;
}

async function allViews(db: DbTx, workspaceId: string, opts: { industry?: IndustryId; includeArchived?: boolean } = {}) {
  const curated = (await loadCurated(db)).opportunities.map(curatedToView);
  const custom = await listCustom(db, { workspaceId, includeArchived: opts.includeArchived });
  const views = [...curated, ...custom];
  return opts.industry ? views.filter((v) => v.industry === opts.industry) : views;
}

async function rowsFor(
  db: DbTx,
  ctx: Context,
  views: OpportunityView[],
  profile: FacetProfile | null,
  weights: PriorityWeights,
): Promise<OpportunityRow[]> {
  const refs = views.map((v) => v.ref);
  const { workspaceId, userId } = ctx;
  const [marks, votes, notes] = await Promise.all([
    db.opportunityMark.findMany({ where: { workspaceId, ref: { in: refs } }, select: { ref: true, starred: true, status: true } }),
    db.opportunityVote.findMany({ where: { workspaceId, ref: { in: refs } }, select: { ref: true, userId: true, value: true } }),
    db.opportunityNote.groupBy({ by: ["ref"], where: { workspaceId, ref: { in: refs } }, _count: { _all: true } }),
  ]);
  const markOf = new Map(marks.map((m) => [m.ref, m]));
  const notesOf = new Map(notes.map((n) => [n.ref, n._count._all]));
  return views.map((v) => {
    const s = scoreOpportunity(viewToScorable(v), { profile, weights });
    const mine = votes.filter((x) => x.ref === v.ref);
    return {
      ref: v.ref,
      kind: v.kind,
      industry: v.industry,
      title: v.title,
      stage: v.stage,
      factors: Object.fromEntries(Object.entries(v.factors).map(([k, f]) => [k, f.score])),
      value: v.value
        ? { low: v.value.low, high: v.value.high, kind: v.value.kind, sourceName: v.value.source.name, sourceYear: v.value.source.year }
        : null,
      scores: summaryScores(s),
      starred: markOf.get(v.ref)?.starred ?? false,
      status: markOf.get(v.ref)?.status ?? null,
      votes: {
        up: mine.filter((x) => x.value > 0).length,
        down: mine.filter((x) => x.value < 0).length,
        mine: (mine.find((x) => x.userId === userId)?.value ?? 0) as -1 | 0 | 1,
      },
      notes: notesOf.get(v.ref) ?? 0,
      archived: v.archived,
    };
  });
}

export async function listOpportunities(db: DbTx, ctx: Context & { industry?: IndustryId; includeArchived?: boolean }) {
  const { profile, weights } = await scoringContext(db, ctx);
  const views = await allViews(db, ctx.workspaceId, ctx);
  return { rows: await rowsFor(db, ctx, views, profile, weights), hasProfile: profile !== null, basis: ctx.basis, weights };
}

export async function overview(db: DbTx, ctx: Context) {
  const curated = await loadCurated(db);
  const { profile, weights } = await scoringContext(db, ctx);
  const rows = await rowsFor(db, ctx, await allViews(db, ctx.workspaceId), profile, weights);
  const industries = curated.meta.industries.map((industry) => {
    const inIndustry = rows.filter((r) => r.industry === industry.id);
    // Top three by fit when there is a profile; by priority (value and feasibility) otherwise.
    const top = [...inIndustry]
      .sort(
        (a, b) =>
          (profile ? (b.scores.fit ?? 0) - (a.scores.fit ?? 0) : b.scores.priority - a.scores.priority) || a.ref.localeCompare(b.ref),
      )
      .slice(0, 3)
      .map((r) => ({ ref: r.ref, title: r.title, fit: r.scores.fit, priority: r.scores.priority }));
    return { ...industry, count: inIndustry.length, top };
  });
  return {
    datasetVersion: curated.version,
    crossIndustryFigures: curated.meta.crossIndustryFigures,
    industries,
    shortlisted: rows.filter((r) => r.starred).length,
    hasProfile: profile !== null,
    basis: ctx.basis,
  };
}

/** The explanation is sent in every language so that switching language needs no refetch. */
async function explanationTranslators(): Promise<Localized<Translate>> {
  const entries = await Promise.all(LOCALES.map(async (l) => [l, await translatorFor(l, "opportunities")] as const));
  return Object.fromEntries(entries) as Localized<Translate>;
}

export async function opportunityDetail(db: DbTx, ctx: Context & { ref: string }) {
  const view = await getOpportunity(db, { workspaceId: ctx.workspaceId, ref: ctx.ref });
  const { profile, weights } = await scoringContext(db, ctx);
  const scores = scoreOpportunity(viewToScorable(view), { profile, weights });
  const subject = ctx.basis;
  const [mark, votes, notes, translators] = await Promise.all([
    db.opportunityMark.findUnique({
      where: { workspaceId_ref: { workspaceId: ctx.workspaceId, ref: view.ref } },
      select: { starred: true, status: true },
    }),
    votesFor(db, { ...ctx, ref: view.ref }),
    listNotes(db, { ...ctx, ref: view.ref }),
    explanationTranslators(),
  ]);
  const facets = new Set<FacetId>([
    ...(Object.keys(view.requiredProfile) as FacetId[]),
    ...(scores.fit?.contributions.map((c) => c.facet) ?? []),
  ]);
  return {
    opportunity: view,
    scores: summaryScores(scores),
    contributions: {
      value: scores.value.contributions,
      feasibility: scores.feasibility.contributions,
      fit: scores.fit?.contributions ?? null,
    },
    blindSpots: scores.fit?.blindSpots ?? [],
    strengths: scores.fit?.strengths ?? [],
    explanation: localized((locale) => explainScores(scores, { locale, t: translators[locale], subject })),
    facetNames: Object.fromEntries(FACETS.filter((f) => facets.has(f)).map((f) => [f, localized((l) => instrumentFacetName(f, l))])),
    profile: profile ? Object.fromEntries(FACETS.filter((f) => facets.has(f)).map((f) => [f, Math.round(profile[f])])) : null,
    hasProfile: profile !== null,
    basis: ctx.basis,
    weights: scores.priority.weights,
    starred: mark?.starred ?? false,
    status: mark?.status ?? null,
    votes,
    notes,
  };
}

/** The workspace's shortlist (starred opportunities) as CSV, with every figure's source and year. */
export async function shortlistCsv(db: DbTx, ctx: Context & { locale: Locale }) {
  const { profile, weights } = await scoringContext(db, ctx);
  const starred = new Set(
    (await db.opportunityMark.findMany({ where: { workspaceId: ctx.workspaceId, starred: true }, select: { ref: true } })).map(
      (m) => m.ref,
    ),
  );
  const views = (await allViews(db, ctx.workspaceId, { includeArchived: true })).filter((v) => starred.has(v.ref));
  const rows = await rowsFor(db, ctx, views, profile, weights);
  const viewOf = new Map(views.map((v) => [v.ref, v]));
  const header = [
    "ref",
    "kind",
    "industry",
    "title",
    "stage",
    "status",
    "priority",
    "value",
    "feasibility",
    `fit_${ctx.basis}`,
    "value_low_usd_bn",
    "value_high_usd_bn",
    "value_basis",
    "value_kind",
    "source",
    "source_year",
    "source_url",
    "votes_for",
    "votes_against",
    "notes",
  ];
  const lines: CsvValue[][] = [header];
  for (const r of rows.sort((a, b) => b.scores.priority - a.scores.priority)) {
    const v = viewOf.get(r.ref)!;
    lines.push([
      r.ref,
      r.kind,
      r.industry,
      textIn(v.title, ctx.locale),
      r.stage,
      r.status,
      r.scores.priority,
      r.scores.value,
      r.scores.feasibility,
      r.scores.fit,
      v.value?.low ?? null,
      v.value?.high ?? null,
      v.value ? textIn(v.value.basis, ctx.locale) : null,
      v.value?.kind ?? null,
      v.value?.source.name ?? null,
      v.value?.source.year ?? null,
      v.value?.source.url ?? null,
      r.votes.up,
      r.votes.down,
      r.notes,
    ]);
  }
  await recordAudit(db, { workspaceId: ctx.workspaceId, actorId: ctx.userId, action: "shortlist.exported", data: { count: rows.length } });
  return { filename: `shortlist-${new Date().toISOString().slice(0, 10)}.csv`, csv: csvDocument(lines), count: rows.length };
}

export const ZIndustry = z.enum(INDUSTRIES);

export function facetChoices() {
  return FACETS.map((id) => ({ id, name: localized((l) => instrumentFacetName(id, l)) }));
}
