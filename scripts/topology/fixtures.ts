// Workspaces with a trainable prototype, made through the public HTTP API (test:topology, bench:scale).
import sharp from "sharp";
import { Client, TopologyError } from "./processes";

export interface TrainableWorkspace {
  email: string;
  password: string;
  /** Signed in on the process that created the prototype and took the uploads. */
  web: Client;
  /** The same session on the other web process. */
  other: Client;
  workspaceId: string;
  prototypeId: string;
  classIds: string[];
  imageIds: string[];
}

/** The quickest useful run: pretrained embeddings (cached per workspace after the first run) and a small head. */
export const QUICK_SETTINGS = { epochs: 3, batchSize: 8, hiddenUnits: 16, patience: 2 };

/** Signs up on `up`, signs in on `down` (a JWT session is valid on every web process), creates a 2-class prototype. */
export async function createWorkspace(up: Client, down: Client, i: number): Promise<TrainableWorkspace> {
  const email = `founder-${i}-${Date.now()}@topology.test`;
  const password = `topology-password-${i}`;
  await new Client(up.base, up.name).trpc("account.signUp", { name: `Founder ${i}`, email, password }, "POST");
  const web = new Client(down.base, down.name);
  const signedIn = await web.signIn(email, password);
  if (!signedIn.ok) throw new TopologyError(`a user signed up on ${up.name} cannot sign in on ${down.name}: ${signedIn.location}`);
  const other = new Client(up.base, up.name).withCookie(web.cookie);
  const workspaceId = (await other.trpc<Array<{ id: string }>>("workspace.list", {}))[0]!.id;
  const proto = await web.trpc<{ id: string }>(
    "prototypes.create",
    { workspaceId, name: `Inspection ${i}`, classes: ["ok", "defect"] },
    "POST",
  );
  const full = await other.trpc<{ classes: Array<{ id: string }> }>("prototypes.get", { workspaceId, prototypeId: proto.id });
  return { email, password, web, other, workspaceId, prototypeId: proto.id, classIds: full.classes.map((c) => c.id), imageIds: [] };
}

/** Uploads `perClass` distinct images to each class through `ws.web`; returns the accepted image ids. */
export async function uploadImages(ws: TrainableWorkspace, seed: number, perClass: number): Promise<string[]> {
  const accepted: string[] = [];
  for (const [c, classId] of ws.classIds.entries()) {
    const form = new FormData();
    form.set("classId", classId);
    for (let k = 0; k < perClass; k++) {
      form.append("files", new Blob([new Uint8Array(await testImage(seed, c, k))], { type: "image/png" }), `img-${c}-${k}.png`);
    }
    const r = await fetch(`${ws.web.base}/api/prototypes/${ws.prototypeId}/images`, {
      method: "POST",
      headers: { cookie: ws.web.cookie },
      body: form,
    });
    const body = (await r.json().catch(() => ({}))) as { items?: Array<{ status: string; imageId?: string }> };
    const ok = (body.items ?? []).filter((i) => i.status === "accepted").map((i) => i.imageId!);
    if (!r.ok || ok.length !== perClass)
      throw new TopologyError(`upload on ${ws.web.name} answered ${r.status}: ${JSON.stringify(body).slice(0, 300)}`);
    accepted.push(...ok);
  }
  ws.imageIds.push(...accepted);
  return accepted;
}

/** A distinct small PNG per (seed, class, index): uploads deduplicate identical images. */
function testImage(seed: number, cls: number, index: number): Promise<Buffer> {
  const size = 48;
  const pixels = Buffer.alloc(size * size * 3);
  for (let p = 0; p < size * size; p++) {
    const x = p % size;
    const y = Math.floor(p / size);
    const bright = cls === 0 ? 200 : 40;
    pixels[p * 3] = (bright + x * (index + 1) + seed * 7) % 256;
    pixels[p * 3 + 1] = (bright + y * (index + 2)) % 256;
    pixels[p * 3 + 2] = (bright + (x ^ y) + index * 13) % 256;
  }
  return sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toBuffer();
}
