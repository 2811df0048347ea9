// Test-only ZIP writer. Archive libraries refuse to write the hostile entries the
// reader must survive (absolute paths, "..", symlinks, lying size fields), so the
// tests build the bytes themselves.
import { crc32, deflateRawSync } from "node:zlib";

export interface TestZipEntry {
  name: string;
  /** Omit for a directory entry (name ending in "/"). */
  data?: Buffer;
  method?: "store" | "deflate";
  /** Unix mode bits stored in the external attributes, e.g. 0o120777 for a symlink. */
  unixMode?: number;
  /** Overrides the uncompressed size written in both headers (a lying zip bomb). */
  declaredSize?: number;
  /** Sets the "encrypted" flag (the data is not really encrypted). */
  encrypted?: boolean;
  /** Compression method number to write instead of the real one (e.g. 14 = LZMA). */
  methodNumber?: number;
  /** Overrides the CRC-32 written in both headers. */
  crc?: number;
  /** Writes the name's bytes without the UTF-8 flag, as old tools do (readers then decode CP437). */
  legacyName?: Buffer;
}

export function buildZip(entries: TestZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = entry.legacyName ?? Buffer.from(entry.name, "utf8");
    const raw = entry.data ?? Buffer.alloc(0);
    const deflate = entry.method === "deflate";
    const payload = deflate ? deflateRawSync(raw) : raw;
    const method = entry.methodNumber ?? (deflate ? 8 : 0);
    const crc = entry.crc ?? crc32(raw) >>> 0;
    const size = entry.declaredSize ?? raw.length;
    const flags = (entry.legacyName ? 0 : 0x800) | (entry.encrypted ? 1 : 0);
    const isDir = entry.name.endsWith("/");
    const mode = entry.unixMode ?? (isDir ? 0o40755 : 0o100644);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(payload.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, payload);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix, so the mode bits count
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(payload.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((mode << 16) | (isDir ? 0x10 : 0)) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + payload.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
