/**
 * Downloads the idea and its report (with the verdict history) as one JSON file: what a founder
 * hands to a co-founder or an investor, or keeps beside the printed report.
 */
export function downloadReportJson(data: { idea: { title: string }; report: unknown }) {
  const payload = { exportedAt: new Date().toISOString(), format: "venturelens.idea-report/1", ...data };
  const blob = new Blob([JSON.stringify(payload, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = `${
    data.idea.title
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "idea"
  }.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
