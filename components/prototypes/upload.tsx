"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/react";
import { Button } from "@/components/ui/button";
import { Alert, Badge, Card, CardTitle } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import type { ClassRow } from "./classes";

interface ReportItem {
  name: string;
  status: "accepted" | "duplicate" | "rejected" | "skipped";
  reason?: string;
  message?: string;
  className?: string;
}

/** XMLHttpRequest rather than fetch: only it reports upload progress. */
function send(url: string, body: FormData | File, onProgress: (share: number) => void): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        /* not JSON: reported below by status */
      }
      resolve({ status: xhr.status, json });
    };
    xhr.onerror = () => reject(new Error("network"));
    if (body instanceof File) xhr.setRequestHeader("Content-Type", "application/zip");
    xhr.send(body);
  });
}

export function UploadPanel({ prototypeId, classes }: { prototypeId: string; classes: ClassRow[] }) {
  const t = useTranslations("prototypes.upload");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [classId, setClassId] = useState(classes[0]?.id ?? "");
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<ReportItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  async function upload(files: File[]) {
    if (files.length === 0) return;
    setError(null);
    setReport(null);
    setProgress(0);
    try {
      const zips = files.filter((f) => /\.zip$/i.test(f.name));
      const images = files.filter((f) => !/\.zip$/i.test(f.name));
      const items: ReportItem[] = [];
      const total = files.reduce((s, f) => s + f.size, 0) || 1;
      let done = 0;
      for (const zip of zips) {
        const res = await send(`/api/prototypes/${prototypeId}/zip`, zip, (share) => setProgress((done + share * zip.size) / total));
        done += zip.size;
        if (res.status !== 200) items.push({ name: zip.name, status: "rejected", message: String(res.json.error ?? t("failed")) });
        else items.push(...((res.json.items as ReportItem[]) ?? []));
      }
      // Images go in batches so one request stays small and progress moves.
      for (let i = 0; i < images.length; i += 20) {
        const batch = images.slice(i, i + 20);
        const form = new FormData();
        form.set("classId", classId);
        for (const f of batch) form.append("files", f);
        const size = batch.reduce((s, f) => s + f.size, 0);
        const res = await send(`/api/prototypes/${prototypeId}/images`, form, (share) => setProgress((done + share * size) / total));
        done += size;
        if (res.status !== 200) items.push(...batch.map((f) => ({ name: f.name, status: "rejected" as const, message: String(res.json.error ?? t("failed")) })));
        else items.push(...((res.json.items as ReportItem[]) ?? []));
      }
      setReport(items);
      setProgress(1);
      await queryClient.invalidateQueries({ queryKey: trpc.prototypes.get.queryKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.prototypes.images.queryKey() });
    } catch {
      setError(t("failed"));
      setProgress(null);
    }
  }

  const counts = report ? { accepted: report.filter((r) => r.status === "accepted").length, other: report.filter((r) => r.status !== "accepted").length } : null;
  return (
    <Card>
      <CardTitle>{t("title")}</CardTitle>
      <p className="mt-1 text-sm text-fg-muted">{t("description")}</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <label htmlFor="upload-class" className="text-sm text-fg-muted">
          {t("classLabel")}
        </label>
        <Select id="upload-class" value={classId} onChange={(e) => setClassId(e.target.value)}>
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </div>
      <label
        htmlFor="upload-input"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void upload(Array.from(e.dataTransfer.files));
        }}
        className={`mt-3 flex cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed p-6 text-center text-sm ${dragging ? "border-brand-500 bg-brand-50 dark:bg-brand-950" : "border-border"}`}
      >
        <span className="font-medium text-fg">{t("drop")}</span>
        <span className="text-fg-muted">{t("dropHint")}</span>
        <input
          id="upload-input"
          data-testid="upload-input"
          type="file"
          multiple
          accept="image/*,.zip,application/zip"
          className="sr-only"
          onChange={(e) => {
            void upload(Array.from(e.target.files ?? []));
            e.target.value = "";
          }}
        />
      </label>
      {progress !== null && (
        <div className="mt-3" role="progressbar" aria-label={t("progress")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)}>
          <div className="h-2 w-full overflow-hidden rounded bg-muted">
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${Math.round(progress * 100)}%` }} />
          </div>
        </div>
      )}
      {error && <Alert className="mt-3">{error}</Alert>}
      {report && counts && (
        <div className="mt-4" data-testid="upload-report">
          <p className="text-sm font-medium text-fg">{t("summary", { accepted: counts.accepted, other: counts.other })}</p>
          <ul className="mt-2 max-h-80 divide-y divide-border overflow-auto text-sm">
            {report.map((item, i) => (
              <li key={`${item.name}-${i}`} className="flex flex-wrap items-start gap-2 py-1">
                <Badge tone={item.status === "accepted" ? "good" : item.status === "duplicate" || item.status === "skipped" ? "warn" : "bad"}>{t(`status.${item.status}`)}</Badge>
                <span className="break-all font-mono text-xs text-fg">{item.name}</span>
                {item.status === "accepted" && item.className && <span className="text-fg-muted">→ {item.className}</span>}
                {item.status !== "accepted" && item.message && <span className="text-fg-muted">{item.message}</span>}
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
