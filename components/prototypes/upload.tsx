"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC } from "@/components/trpc/react";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card, CardTitle } from "@/components/ui/card";
import { useRouteErrorMessage } from "@/components/ui/errors";
import type { ClassRow } from "./classes";
import { FilePicker } from "./file-picker";
import { planUpload, uploadedShare } from "./upload-plan";
import { sendUpload, UploadStopped } from "./upload-request";
import { ClassSelect } from "./class-select";

interface ReportItem {
  name: string;
  status: "accepted" | "duplicate" | "rejected" | "skipped";
  reason?: string;
  message?: string;
  className?: string;
}

interface Progress {
  share: number;
  sentFiles: number;
  totalFiles: number;
  checking: boolean;
}

export function UploadPanel({ prototypeId, classes }: { prototypeId: string; classes: ClassRow[] }) {
  const t = useTranslations("prototypes.upload");
  const fileError = useTranslations("prototypes.fileErrors");
  // The server's reason in the reader's language; its English `message` only for a reason this page does not know.
  const itemMessage = (item: ReportItem) => {
    if (item.status === "duplicate")
      return item.className ? fileError("duplicate", { className: item.className }) : fileError("duplicateInUpload");
    return item.reason && fileError.has(item.reason) ? fileError(item.reason) : item.message;
  };
  const routeError = useRouteErrorMessage("prototypes.dataErrors");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ws = useWorkspace();
  const [classId, setClassId] = useState(classes[0]?.id ?? "");
  const limits = useQuery(trpc.prototypes.uploadLimits.queryOptions({ workspaceId: ws.id }, { staleTime: Infinity }));
  const [progress, setProgress] = useState<Progress | null>(null);
  const [report, setReport] = useState<ReportItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef<XMLHttpRequest | null>(null);
  const stopRequested = useRef(false);

  /**
   * While bytes are still going out, the request is aborted and nothing of it
   * is stored. Once the server is checking a request's files it finishes that
   * request (so the report stays true) and nothing after it is sent.
   */
  function cancel() {
    stopRequested.current = true;
    if (!progress?.checking) inFlight.current?.abort();
  }
  const busy = progress !== null && progress.share < 1;

  async function upload(chosen: File[]) {
    if (chosen.length === 0 || busy) return;
    setError(null);
    setReport(null);
    stopRequested.current = false;
    // Refused here, before sending megabytes the server would refuse anyway (it checks again).
    const plan = planUpload(chosen, limits.data);
    const refused: ReportItem[] = plan.refused.map((r) => ({
      name: r.file.name,
      status: "rejected",
      message: t(r.kind === "zip" ? "zipTooLarge" : "imageTooLarge", { size: r.sizeMb, max: r.maxMb }),
    }));
    if (plan.units.length === 0) {
      setReport(refused);
      return;
    }
    const { units } = plan;
    const totalFiles = plan.fileCount;
    const requestOf = (u: (typeof units)[number]) =>
      u.kind === "zip"
        ? { url: `/api/prototypes/${prototypeId}/zip`, body: () => u.files[0] }
        : {
            url: `/api/prototypes/${prototypeId}/images`,
            body: () => {
              const form = new FormData();
              form.set("classId", classId);
              for (const f of u.files) form.append("files", f);
              return form;
            },
          };
    const items: ReportItem[] = [...refused];
    let done = 0;
    let sentFiles = 0;
    setProgress({ share: 0, sentFiles, totalFiles, checking: false });
    let unit = 0;
    try {
      for (; unit < units.length; unit++) {
        const current = units[unit]!;
        const { files: part, bytes: size } = current;
        const { url, body } = requestOf(current);
        const res = await sendUpload(url, body(), {
          onProgress: (share) =>
            setProgress({ share: uploadedShare(plan, done, { bytes: size, share }), sentFiles, totalFiles, checking: false }),
          onSent: () => setProgress((p) => p && { ...p, checking: true }),
          register: (xhr) => (inFlight.current = xhr),
        });
        done += size;
        sentFiles += part.length;
        if (res.status !== 200)
          items.push(...part.map((f) => ({ name: f.name, status: "rejected" as const, message: routeError(res.json) })));
        else items.push(...((res.json.items as ReportItem[]) ?? []));
        if (stopRequested.current) {
          unit++;
          throw new UploadStopped("cancelled");
        }
      }
      setProgress({ share: 1, sentFiles, totalFiles, checking: false });
    } catch (err) {
      // What reached the server is kept and reported; the files that were not sent are listed as such.
      const why = err instanceof UploadStopped ? err.why : "network";
      for (const { files: part } of units.slice(unit))
        items.push(...part.map((f) => ({ name: f.name, status: "skipped" as const, message: t("notSent") })));
      setError(why === "cancelled" ? t("cancelled") : t("failed"));
      setProgress(null);
    }
    setReport(items);
    await queryClient.invalidateQueries({ queryKey: trpc.prototypes.get.queryKey() });
    await queryClient.invalidateQueries({ queryKey: trpc.prototypes.images.queryKey() });
  }

  const counts = report
    ? { accepted: report.filter((r) => r.status === "accepted").length, other: report.filter((r) => r.status !== "accepted").length }
    : null;
  return (
    <Card>
      <CardTitle>{t("title")}</CardTitle>
      <p className="mt-1 text-sm text-fg-muted">{t("description")}</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <label htmlFor="upload-class" className="text-sm text-fg-muted">
          {t("classLabel")}
        </label>
        <ClassSelect id="upload-class" classes={classes} value={classId} onChange={(e) => setClassId(e.target.value)} />
      </div>
      <FilePicker
        className="mt-3"
        label={t("drop")}
        hint={
          limits.data
            ? t("dropHint", { imageMb: limits.data.maxImageMb, zipMb: limits.data.maxZipMb, megapixels: limits.data.maxMegapixels })
            : "\u00a0"
        }
        accept="image/*,.zip,application/zip"
        multiple
        disabled={busy}
        onFiles={(files) => void upload(files)}
        testId="upload-input"
      />
      {progress !== null && (
        <div className="mt-3 space-y-1">
          <div
            role="progressbar"
            aria-label={t("progress")}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(progress.share * 100)}
          >
            <div className="h-2 w-full overflow-hidden rounded bg-muted">
              <div className="h-full bg-brand-600 transition-all" style={{ width: `${Math.round(progress.share * 100)}%` }} />
            </div>
          </div>
          {busy && (
            <div className="flex flex-wrap items-center gap-2 text-xs text-fg-muted" data-testid="upload-progress">
              <span>
                {progress.checking
                  ? t("checking", { sent: progress.sentFiles, total: progress.totalFiles })
                  : t("sending", { percent: Math.round(progress.share * 100), sent: progress.sentFiles, total: progress.totalFiles })}
              </span>
              <Button size="sm" variant="ghost" onClick={cancel} data-testid="upload-cancel">
                {t("cancel")}
              </Button>
            </div>
          )}
        </div>
      )}
      {error && <Alert className="mt-3">{error}</Alert>}
      {report && counts && (
        <div className="mt-4" data-testid="upload-report">
          <p className="text-sm font-medium text-fg">{t("summary", { accepted: counts.accepted, other: counts.other })}</p>
          <ul className="mt-2 max-h-80 divide-y divide-border overflow-auto text-sm">
            {report.map((item, i) => (
              <li key={`${item.name}-${i}`} className="flex flex-wrap items-start gap-2 py-1">
                <Badge
                  tone={item.status === "accepted" ? "good" : item.status === "duplicate" || item.status === "skipped" ? "warn" : "bad"}
                >
                  {t(`status.${item.status}`)}
                </Badge>
                <span className="break-all font-mono text-xs text-fg">{item.name}</span>
                {item.status === "accepted" && item.className && <span className="text-fg-muted">→ {item.className}</span>}
                {item.status !== "accepted" && itemMessage(item) && <span className="text-fg-muted">{itemMessage(item)}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="sr-only" aria-live="polite">
        {counts ? t("summary", { accepted: counts.accepted, other: counts.other }) : ""}
      </div>
      {report && (
        <Button className="mt-3" size="sm" variant="ghost" onClick={() => setReport(null)}>
          {t("clear")}
        </Button>
      )}
    </Card>
  );
}
