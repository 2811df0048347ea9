"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useWorkspace } from "@/components/shell/workspace-context";
import { useTRPC, useTRPCClient } from "@/components/trpc/react";
import { Button } from "@/components/ui/button";
import { Alert, Card, CardTitle, EmptyState } from "@/components/ui/card";
import { useErrorMessage } from "@/components/ui/errors";
import { Field, Select } from "@/components/ui/field";
import { engineLabel } from "@/ml/embed/engine-label";
import { FilePicker } from "./file-picker";
import { packBySize } from "./predict-calls";
import { pct } from "./run-shared";

const MAX_BATCH = 20;

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

interface Item {
  name: string;
  preview: string;
}

/** Drop images (or take one with the camera) and see the most likely classes. */
export function PredictPanel({ prototypeId }: { prototypeId: string }) {
  const t = useTranslations("prototypes.predict");
  const imageError = useTranslations("prototypes.fileErrors");
  const tModels = useTranslations("prototypes.results.models");
  const ws = useWorkspace();
  const trpc = useTRPC();
  const errorMessage = useErrorMessage("prototypes.runErrors");
  const runs = useQuery(trpc.runs.list.queryOptions({ workspaceId: ws.id, prototypeId }));
  const succeeded = runs.data?.filter((r) => r.status === "SUCCEEDED") ?? [];
  const [runId, setRunId] = useState<string>("");
  const [items, setItems] = useState<Item[]>([]);
  const client = useTRPCClient();
  const limits = useQuery(trpc.prototypes.uploadLimits.queryOptions({ workspaceId: ws.id }, { staleTime: Infinity }));
  // The server caps one call's body (server/http/limits.ts): a large batch goes as several calls, answers in order.
  const predict = useMutation({
    mutationFn: async (images: string[]) => {
      const calls = packBySize(
        images.map((b64) => b64.length),
        limits.data?.predictCallChars ?? Infinity,
      );
      const results = [];
      for (const call of calls) {
        const input = { workspaceId: ws.id, prototypeId, ...(runId ? { runId } : {}), images: call.map((i) => images[i]!) };
        results.push(...(await client.runs.predict.mutate(input)));
      }
      return results;
    },
  });

  const submit = async (files: Blob[], names: string[]) => {
    const chosen = files.slice(0, MAX_BATCH);
    setItems(chosen.map((f, i) => ({ name: names[i] ?? `image-${i + 1}`, preview: URL.createObjectURL(f) })));
    predict.mutate(await Promise.all(chosen.map(toBase64)));
  };
  const onFiles = (chosen: File[]) => {
    // A drop is not held to `accept`: other files are left out here.
    const files = chosen.filter((f) => f.type.startsWith("image/") || f.type === "");
    if (files.length > 0)
      void submit(
        files,
        files.map((f) => f.name),
      );
  };

  if (runs.data && succeeded.length === 0) return <EmptyState title={t("noRunTitle")} description={t("noRunDescription")} />;
  return (
    <div className="space-y-6">
      <Card>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label={t("run")}>
            {(p) => (
              <Select {...p} value={runId} onChange={(e) => setRunId(e.target.value)}>
                <option value="">{t("latestRun")}</option>
                {succeeded.map((r) => (
                  <option key={r.id} value={r.id}>
                    v{r.version}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <FilePicker
          className="mt-4"
          label={t("drop", { max: MAX_BATCH })}
          accept="image/*"
          multiple
          onFiles={onFiles}
          testId="predict-input"
        />
        <Webcam onCapture={(blob) => void submit([blob], [t("webcamShot")])} />
      </Card>
      {predict.error && <Alert>{errorMessage(predict.error)}</Alert>}
      {predict.isPending && <p className="text-sm text-fg-muted">{t("predicting")}</p>}
      {predict.data && (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2" data-testid="predictions">
          {predict.data.map((result, i) => (
            <Card key={i}>
              <div className="flex gap-4">
                {items[i] && <img src={items[i].preview} alt={items[i].name} className="size-20 rounded object-cover" />}
                <div className="min-w-0 flex-1">
                  <CardTitle className="truncate text-sm" title={items[i]?.name}>
                    {items[i]?.name}
                  </CardTitle>
                  {"error" in result ? (
                    <p className="mt-2 text-sm text-red-600 dark:text-red-400">
                      {imageError.has(result.reason) ? imageError(result.reason) : imageError("corrupt")}
                    </p>
                  ) : (
                    <ul className="mt-2 space-y-1">
                      {result.predictions.slice(0, 5).map((p) => (
                        <li key={p.label} className="text-sm">
                          <div className="flex justify-between">
                            <span>{p.label}</span>
                            <span className="tabular-nums text-fg-muted">{pct(p.probability)}</span>
                          </div>
                          <div className="h-1.5 rounded bg-muted">
                            <div className="h-full rounded bg-brand-600" style={{ width: `${Math.round(p.probability * 100)}%` }} />
                          </div>
                        </li>
                      ))}
                    </ul>
                  )}
                  {!("error" in result) && result.outOfDistribution && (
                    <div
                      className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
                      data-testid="out-of-distribution"
                    >
                      <p>{t("unfamiliar")}</p>
                      <details className="mt-1">
                        <summary className="cursor-pointer">{t("unfamiliarDetailsToggle")}</summary>
                        <p className="mt-1">{t("unfamiliarDetails", { score: result.outOfDistributionScore ?? 0 })}</p>
                      </details>
                    </div>
                  )}
                  {!("error" in result) && (
                    <p className="mt-2 text-xs text-fg-subtle">
                      {(() => {
                        // Which model answers (the optimise step's winner, or the MLP head): said, not assumed.
                        const model = runs.data?.find((r) => r.id === result.runId)?.metrics?.model;
                        return model
                          ? t("byRunModel", {
                              version: result.version,
                              model: tModels(`kinds.${model}` as "kinds.logistic"),
                              engine: engineLabel(result.engine),
                            })
                          : t("byRun", { version: result.version, engine: engineLabel(result.engine) });
                      })()}
                    </p>
                  )}
                </div>
              </div>
            </Card>
          ))}
        </div>
      )}
    </div>
  );
}

/** Camera capture in the browser (getUserMedia); nothing is sent until a picture is taken. */
function Webcam({ onCapture }: { onCapture: (blob: Blob) => void }) {
  const t = useTranslations("prototypes.predict");
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => () => stream?.getTracks().forEach((track) => track.stop()), [stream]);
  useEffect(() => {
    if (video.current && stream) video.current.srcObject = stream;
  }, [stream]);
  const open = async () => {
    try {
      setError(null);
      setStream(await navigator.mediaDevices.getUserMedia({ video: true }));
    } catch {
      setError(t("webcamError"));
    }
  };
  const capture = () => {
    const v = video.current;
    if (!v) return;
    const canvas = document.createElement("canvas");
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext("2d")?.drawImage(v, 0, 0);
    canvas.toBlob((blob) => blob && onCapture(blob), "image/jpeg", 0.92);
  };
  return (
    <div className="mt-4 space-y-2">
      {!stream ? (
        <Button type="button" variant="secondary" size="sm" onClick={() => void open()}>
          {t("webcam")}
        </Button>
      ) : (
        <div className="space-y-2">
          <video ref={video} autoPlay playsInline muted className="max-h-64 rounded" />
          <div className="flex gap-2">
            <Button type="button" size="sm" onClick={capture}>
              {t("capture")}
            </Button>
            <Button type="button" variant="ghost" size="sm" onClick={() => setStream(null)}>
              {t("closeWebcam")}
            </Button>
          </div>
        </div>
      )}
      {error && <p className="text-sm text-red-600 dark:text-red-400">{error}</p>}
    </div>
  );
}
