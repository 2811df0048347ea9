import { RunResults } from "@/components/prototypes/results";
import { PrototypeCrumb, RunTabs } from "@/components/prototypes/run-shared";
import { pageTitle } from "@/server/next/page-title";

export const generateMetadata = pageTitle("run", "prototypes");

export default async function Page({ params }: { params: Promise<{ prototypeId: string; runId: string }> }) {
  const { prototypeId, runId } = await params;
  return (
    <>
      <PrototypeCrumb prototypeId={prototypeId} />
      <RunTabs prototypeId={prototypeId} />
      <RunResults prototypeId={prototypeId} runId={runId} />
    </>
  );
}
