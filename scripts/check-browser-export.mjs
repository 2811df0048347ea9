// Runs the export's browser module (ml/export/snippets/classify-browser.mjs) with wasm-vips in a real
// Chromium, on a page served with the cross-origin isolation headers the README asks for, and prints
// how many of the model-input values differ from the server's preprocessing (ml/workers/preprocess.mjs)
// for a JPEG turned by EXIF, a PNG and a WebP. Needs Debian's /usr/bin/chromium (see /work/shared/STACK.md).
// Usage: node scripts/check-browser-export.mjs
import { readFile } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { chromium } from "@playwright/test";
import sharp from "sharp";
import { decodeToRgb } from "../ml/workers/preprocess.mjs";

const root = process.cwd();
const served = {
  "vips-es6.js": path.join(root, "node_modules/wasm-vips/lib/vips-es6.js"),
  "vips.wasm": path.join(root, "node_modules/wasm-vips/lib/vips.wasm"),
  "classify-browser.mjs": path.join(root, "ml/export/snippets/classify-browser.mjs"),
};
const drawing = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#808080" } })
  .composite([
    {
      input: Buffer.from(
        `<svg width="900" height="600"><circle cx="300" cy="250" r="180" fill="#c04020"/><rect x="500" y="100" width="300" height="400" fill="#2040c0" transform="rotate(17 650 300)"/><text x="50" y="560" font-size="60">VentureLens</text></svg>`,
      ),
    },
  ])
  .png()
  .toBuffer();
const photos = {
  "photo.jpg": await sharp(drawing).jpeg({ quality: 88 }).withMetadata({ orientation: 6 }).toBuffer(),
  "photo.png": drawing,
  "photo.webp": await sharp(drawing).webp().toBuffer(),
};
const types = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm" };

const server = http
  .createServer(async (req, res) => {
    const name = new URL(req.url ?? "/", "http://localhost").pathname.slice(1);
    const body =
      name === ""
        ? Buffer.from("<!doctype html><title>check</title>")
        : (photos[name] ?? (served[name] ? await readFile(served[name]) : null));
    if (!body) return res.writeHead(404).end();
    res.writeHead(200, {
      "content-type": name === "" ? "text/html" : (types[path.extname(name)] ?? "application/octet-stream"),
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-embedder-policy": "require-corp",
    });
    res.end(body);
  })
  .listen(0, "127.0.0.1");
await new Promise((resolve) => server.once("listening", resolve));
const address = server.address();
const port = typeof address === "object" && address ? address.port : 0;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
  ],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  console.log(`crossOriginIsolated: ${await page.evaluate(() => globalThis.crossOriginIsolated)}, ${browser.version()}`);
  for (const [width, height] of [
    [224, 224],
    [96, 96],
  ]) {
    const spec = { width, height, background: "#000000", inputRange: [0, 255] };
    for (const name of Object.keys(photos)) {
      const values = await page.evaluate(
        async ({ name, spec }) => {
          const { default: Vips } = await import("./vips-es6.js");
          const { toModelInput } = await import("./classify-browser.mjs");
          const vips = (globalThis.vips ??= await Vips({ dynamicLibraries: [] }));
          return Array.from(toModelInput(vips, new Uint8Array(await (await fetch(name)).arrayBuffer()), spec));
        },
        { name, spec },
      );
      const expected = await decodeToRgb(photos[name], spec);
      const differing = expected.filter((value, i) => value !== values[i]).length;
      console.log(`${name} → ${width}×${height}: ${differing} of ${expected.length} values differ from the server's`);
    }
  }
} finally {
  await browser.close();
  server.close();
}
