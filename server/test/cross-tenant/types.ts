import type { createUser } from "@/server/test/factories";

export type TestUser = Awaited<ReturnType<typeof createUser>>;

/** Ids of objects that live in the victim's workspace, filled by each domain's fixture. */
export type VictimIds = Record<string, string>;

export type CrossTenantCase =
  | {
      /**
       * Workspace-scoped: called by an outsider with the victim's workspace id (must answer
       * NOT_FOUND), and — when `objects` is true — with the attacker's own workspace id but
       * the victim's object ids (must answer NOT_FOUND: the object is not in that workspace).
       */
      kind: "workspace";
      input: (ctx: { workspaceId: string; ids: VictimIds }) => unknown;
      objects?: boolean;
    }
  | {
      /** Not tied to a workspace (the caller's own account, or a token); say why it is safe. */
      kind: "exempt";
      why: string;
    };

export interface CrossTenantDomain {
  /** Creates the victim's objects; returns their ids. */
  fixture?: (victim: TestUser) => Promise<VictimIds>;
  cases: Record<string, CrossTenantCase>;
}
