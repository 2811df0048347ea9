import type { VictimIds } from "./types";

/**
 * Route handlers under app/api/ (besides next-auth and tRPC, whose procedures have their own
 * table): each exported method, called by an outsider — a signed-in member of another workspace,
 * or that workspace's API key — with the victim's ids, must answer 404 or 403 and store nothing.
 * `ownPrototype` repeats the call with the attacker's own prototype id and the victim's other ids.
 */
export type RouteCase =
  | {
      kind: "session" | "apiKey";
      params: (ids: VictimIds) => Record<string, string>;
      body?: (ids: VictimIds) => { contentType?: string; body: BodyInit };
      ownPrototype?: boolean;
    }
  | { kind: "exempt"; why: string };

const imageForm = (ids: VictimIds) => {
  const form = new FormData();
  form.set("classId", ids.classA!);
  form.append("files", new File([new Uint8Array([0xff, 0xd8, 0xff])], "x.jpg"));
  return { body: form };
};

/** Keyed by "METHOD /api/path" with the folder names of the dynamic segments. */
export const ROUTE_CASES: Record<string, RouteCase> = {
  "GET /api/health": { kind: "exempt", why: "public liveness probe; reports no workspace data" },
  "GET /api/v1/openapi.json": { kind: "exempt", why: "public description of the REST API; holds no workspace data" },
  "POST /api/prototypes/[id]/images": { kind: "session", params: (ids) => ({ id: ids.dataPrototypeId! }), body: imageForm },
  "GET /api/prototypes/[id]/images/[imageId]": {
    kind: "session",
    ownPrototype: true,
    params: (ids) => ({ id: ids.dataPrototypeId!, imageId: ids.imageId! }),
  },
  "GET /api/prototypes/[id]/kept/[keptId]": {
    kind: "session",
    ownPrototype: true,
    params: (ids) => ({ id: ids.fieldPrototypeId!, keptId: ids.keptId! }),
  },
  "POST /api/prototypes/[id]/zip": {
    kind: "session",
    params: (ids) => ({ id: ids.dataPrototypeId! }),
    body: () => ({ contentType: "application/zip", body: new Uint8Array([0x50, 0x4b, 0x03, 0x04]) }),
  },
  "GET /api/prototypes/[id]/runs/[runId]/export": {
    kind: "session",
    ownPrototype: true,
    params: (ids) => ({ id: ids.runsPrototypeId!, runId: ids.runId! }),
  },
  "POST /api/v1/prototypes/[id]/predict": {
    kind: "apiKey",
    params: (ids) => ({ id: ids.runsPrototypeId! }),
    body: () => ({ contentType: "image/png", body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) }),
  },
};
