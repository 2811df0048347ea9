import { getTRPCErrorShape, TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { appRouter } from "@/server/routers/_app";
import { createUser } from "@/server/test/factories";

/** The error as the client receives it: the shape the router's formatter makes over HTTP. */
async function formattedError(call: Promise<unknown>, path: string) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return getTRPCErrorShape({ config: appRouter._def._config, error, type: "mutation", path, input: undefined, ctx: undefined });
}

describe("error formatter", () => {
  it("keys invalid input by the field's full path, so a nested setting's error reaches its field", async () => {
    const { caller, workspace } = await createUser();
    const shape = await formattedError(
      caller.runs.start({ workspaceId: workspace.id, prototypeId: "p1", settings: { epochs: 0, learningRate: 5 } }),
      "runs.start",
    );
    expect(shape.data.code).toBe("BAD_REQUEST");
    const fields = shape.data.zodError?.fieldErrors ?? {};
    expect(Object.keys(fields).sort()).toEqual(["settings.epochs", "settings.learningRate"]);
    expect(fields["settings.epochs"]?.[0]).toBeTruthy();
    expect(fields.settings).toBeUndefined();
    // What pages show: a reason with its bound, translated by the client (never zod's English).
    expect(shape.data.zodError?.reasons["settings.epochs"]).toEqual({ reason: "tooSmall", details: { min: 1 } });
  });

  it("keeps top-level fields under their own name", async () => {
    const { caller } = await createUser();
    const shape = await formattedError(caller.workspace.create({ name: "" }), "workspace.create");
    expect(Object.keys(shape.data.zodError?.fieldErrors ?? {})).toEqual(["name"]);
  });
});
