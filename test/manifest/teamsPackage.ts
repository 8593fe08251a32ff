import { inflateRawSync } from 'node:zlib';

/** Reads a zip's entries through its central directory (what Teams' uploader does), for the tests. */
export function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip: no end of central directory');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = archive.readUInt16LE(at + 10);
    const compressedSize = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localOffset = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const localNameLength = archive.readUInt16LE(localOffset + 26);
    const localExtraLength = archive.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const raw = archive.subarray(start, start + compressedSize);
    entries.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

export interface PngInfo {
  width: number;
  height: number;
  colourType: number;
  /** Every pixel's alpha, row by row (8-bit RGBA images only). */
  alphas: number[];
  /** Every pixel's [r, g, b, a]. */
  pixels: Array<[number, number, number, number]>;
}

/** Reads a PNG's IHDR and, for 8-bit RGBA without interlace, its pixels (filters 0-4). */
export function readPng(png: Buffer, inflate: (data: Buffer) => Buffer): PngInfo {
  if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    throw new Error('not a PNG');
  }
  if (png.toString('ascii', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR first');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const bitDepth = png[24];
  const colourType = png[25];
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const pixels: PngInfo['pixels'] = [];
  if (bitDepth === 8 && colourType === 6 && png[28] === 0) {
    const data = inflate(Buffer.concat(idat));
    const stride = width * 4;
    let previous = Buffer.alloc(stride);
    for (let y = 0; y < height; y++) {
      const filter = data[y * (stride + 1)];
      const row = Buffer.from(data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
      for (let i = 0; i < stride; i++) {
        const left = i >= 4 ? row[i - 4] : 0;
        const up = previous[i];
        const upLeft = i >= 4 ? previous[i - 4] : 0;
        const p = left + up - upLeft;
        const paeth =
          Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - upLeft)
            ? left
            : Math.abs(p - up) <= Math.abs(p - upLeft)
              ? up
              : upLeft;
        const predictor = [0, left, up, (left + up) >> 1, paeth][filter];
        row[i] = (row[i] + predictor) & 255;
      }
      for (let x = 0; x < width; x++) pixels.push([row[x * 4], row[x * 4 + 1], row[x * 4 + 2], row[x * 4 + 3]]);
      previous = row;
    }
  }
  return { width, height, colourType, alphas: pixels.map((p) => p[3]), pixels };
}
