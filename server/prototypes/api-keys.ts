import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { INPUT_MAX } from "@/server/input-limits";
import type { Db } from "@/server/db";
import { found } from "@/server/errors";
import { recordAudit } from "@/server/workspaces/audit";

/**
 * Workspace API keys for the REST API. The key is shown once at creation; the database keeps
 * its SHA-256 and a short prefix so people can tell keys apart in the list.
 */
const KEY_PREFIX = "vl_";
const PREFIX_LENGTH = 10;

export const ZApiKeyName = z.string().trim().min(1, { error: "Give the key a name" }).max(INPUT_MAX.apiKeyName);

export function hashApiKey(key: string) {
  return createHash("sha256").update(key).digest("hex");
}

export async function createApiKey(db: Db, { workspaceId, userId, name }: { workspaceId: string; userId: string; name: string }) {
  const key = KEY_PREFIX + randomBytes(32).toString("base64url");
  const row = await db.apiKey.create({
    data: {
      workspaceId,
      name: ZApiKeyName.parse(name),
      prefix: key.slice(0, PREFIX_LENGTH),
      keyHash: hashApiKey(key),
      createdById: userId,
    },
    select: { id: true, name: true, prefix: true, createdAt: true },
  });
  await recordAudit(db, {
    workspaceId,
    actorId: userId,
    action: "apikey.created",
    targetType: "apiKey",
    targetId: row.id,
    data: { name: row.name },
  });
  return { ...row, key };
}

export async function listApiKeys(db: Db, workspaceId: string) {
  return db.apiKey.findMany({
    where: { workspaceId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

export async function revokeApiKey(db: Db, { workspaceId, userId, keyId }: { workspaceId: string; userId: string; keyId: string }) {
  const key = found(
    await db.apiKey.findFirst({ where: { id: keyId, workspaceId }, select: { id: true, name: true, revokedAt: true } }),
    "API key",
  );
  if (key.revokedAt) return;
  await db.apiKey.updateMany({ where: { id: key.id, workspaceId }, data: { revokedAt: new Date() } });
  await recordAudit(db, {
    workspaceId,
    actorId: userId,
    action: "apikey.revoked",
    targetType: "apiKey",
    targetId: key.id,
    data: { name: key.name },
  });
}

const LAST_USED_PRECISION_MS = 60_000;

/** The workspace a presented key belongs to, or null for an unknown or revoked key. */
export async function authenticateApiKey(db: Db, presented: string | null): Promise<{ workspaceId: string; keyId: string } | null> {
  if (!presented || !presented.startsWith(KEY_PREFIX) || presented.length > 200) return null;
  const key = await db.apiKey.findUnique({
    where: { keyHash: hashApiKey(presented) },
    select: { id: true, workspaceId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!key || key.revokedAt) return null;
  // "Last used" is shown to the minute: a client calling in a loop writes it once a minute, not on every call.
  const now = new Date();
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS)
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  return { workspaceId: key.workspaceId, keyId: key.id };
}

/** "Authorization: Bearer vl_…" → the key. */
export function bearerToken(header: string | null): string | null {
  const m = header?.match(/^Bearer\s+(\S+)$/i);
  return m?.[1] ?? null;
}
