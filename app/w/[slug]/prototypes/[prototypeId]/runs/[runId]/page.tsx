import { RunResults } from "@/components/prototypes/results";
import { RunTabs } from "@/components/prototypes/run-shared";

export default async function Page({ params }: { params: Promise<{ prototypeId: string; runId: string }> }) {
  const { prototypeId, runId } = await params;
  return (
    <>
      <RunTabs prototypeId={prototypeId} />
      <RunResults prototypeId={prototypeId} runId={runId} />
    </>
  );
}
