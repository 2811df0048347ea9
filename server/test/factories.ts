import { randomUUID } from "node:crypto";
import superjson from "superjson";
import { getDb } from "@/server/db";
import { signUp } from "@/server/auth/users";
import { createCaller } from "@/server/routers/_app";
import type { SessionUser } from "@/server/trpc";

/** Each test seeds its own users; emails are unique so tests never collide. */
export function uniqueEmail(prefix = "user") {
  return `${prefix}-${randomUUID().slice(0, 8)}@test.local`;
}

/**
 * createCaller skips HTTP, so it would not notice what the wire refuses (superjson throws on an
 * object key named "prototype", for one). Every call here round-trips its input and output
 * through superjson like the real client and server do.
 */
function overTheWire<T extends object>(node: T): T {
  // tRPC's caller is a tree of callable proxies: wrap every node both ways.
  return new Proxy(node, {
    get(target, key, receiver) {
      const child = Reflect.get(target, key, receiver) as unknown;
      return (typeof child === "function" || (child && typeof child === "object")) && typeof key === "string"
        ? overTheWire(child as object)
        : child;
    },
    apply(target, thisArg, args: unknown[]) {
      const sent = args.map((a) => (a === undefined ? a : superjson.deserialize(superjson.serialize(a))));
      const result = Reflect.apply(target as (...a: unknown[]) => unknown, thisArg, sent);
      return Promise.resolve(result).then((out) => (out === undefined ? out : superjson.deserialize(superjson.serialize(out))));
    },
  });
}

export function callerFor(user: SessionUser | null, ip: string | null = null) {
  return overTheWire(createCaller({ db: getDb(), user, ip }));
}

export async function createUser(opts: { name?: string; email?: string; password?: string } = {}) {
  const email = opts.email ?? uniqueEmail(opts.name?.toLowerCase() ?? "user");
  const password = opts.password ?? "correct horse battery";
  const { user, workspace } = await signUp(getDb(), { name: opts.name ?? "Test User", email, password, locale: "en" });
  const sessionUser: SessionUser = { id: user.id, email: user.email, name: user.name };
  return { user: sessionUser, password, workspace, caller: callerFor(sessionUser) };
}

/** A user with a workspace and one teammate of the given role. */
export async function createTeam(role: "ADMIN" | "MEMBER" | "VIEWER" = "MEMBER") {
  const owner = await createUser({ name: "Owner" });
  const mate = await createUser({ name: "Mate" });
  const { link } = await owner.caller.invitations.create({ workspaceId: owner.workspace.id, email: mate.user.email, role });
  const token = link.split("/invite/")[1]!;
  await mate.caller.invitations.accept({ token });
  return { owner, mate, workspaceId: owner.workspace.id };
}

/** Stored metrics of a finished two-class run: 49 of 50 held-out test images right, lab 98 % (95 % range about 89–100 %). */
export const RUN_METRICS_49_OF_50 = {
  accuracy: 0.98,
  macroF1: 0.98,
  classes: ["ok", "bad"],
  evaluatedOn: "test",
  confusion: [
    [25, 0],
    [1, 24],
  ],
  perClass: [],
  majorityBaseline: 0.5,
  macroPrecision: null,
  macroRecall: null,
};

/**
 * A prototype with classes and image rows but no files: enough for listing, counting and queueing
 * a run (which checks classes and images), not for training on them.
 */
export async function seedPrototype(workspaceId: string, opts: { name?: string; classes?: string[]; imagesPerClass?: number } = {}) {
  const db = getDb();
  const prototype = await db.prototype.create({ data: { workspaceId, name: opts.name ?? "Seeded prototype" }, select: { id: true } });
  const classIds: string[] = [];
  for (const [position, name] of (opts.classes ?? ["a", "b"]).entries()) {
    const cls = await db.prototypeClass.create({ data: { workspaceId, prototypeId: prototype.id, name, position }, select: { id: true } });
    classIds.push(cls.id);
    for (let i = 0; i < (opts.imagesPerClass ?? 2); i++) {
      await db.prototypeImage.create({
        data: {
          workspaceId,
          prototypeId: prototype.id,
          classId: cls.id,
          contentHash: `${prototype.id}-${name}-${i}`,
          storagePath: `${workspaceId}/${prototype.id}/${name}-${i}.png`,
          originalName: `${name}-${i}.png`,
          format: "png",
          width: 8,
          height: 8,
          bytes: 100,
        },
      });
    }
  }
  return { id: prototype.id, classIds };
}
