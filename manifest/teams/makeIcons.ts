/**
 * Draws the Teams app icons (`color.png` 192×192, `outline.png` 32×32 white on transparent) so the
 * pictures are reproducible from source: `npx tsx manifest/teams/makeIcons.ts`.
 * Written with node:zlib and hand-made PNG chunks: two small fixed images do not justify an image library.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

/** The accent colour of the manifest (`accentColor`). */
export const ACCENT = '#0F6CBD';

const WHITE: Rgba = [255, 255, 255, 255];

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG (colour type 6) of `size`×`size` pixels. */
export function encodePng(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 4);
    rows[row] = 0; // filter: none
    for (let x = 0; x < size; x++) rows.set(pixel(x, y), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** How much of the pixel at (x, y) two linked rings cover (0..1), on a canvas of `size`. */
function ringsCoverage(x: number, y: number, size: number): number {
  const radius = size * 0.22;
  const stroke = Math.max(size * 0.07, 2.2);
  const centres = [
    [size * 0.38, size * 0.5],
    [size * 0.62, size * 0.5],
  ];
  let coverage = 0;
  for (const [cx, cy] of centres) {
    const distance = Math.abs(Math.hypot(x + 0.5 - cx, y + 0.5 - cy) - radius);
    coverage = Math.max(coverage, Math.min(1, Math.max(0, stroke / 2 - distance + 0.5)));
  }
  return coverage;
}

function hex(colour: string): Rgba {
  const n = Number.parseInt(colour.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255];
}

export function colorIcon(): Buffer {
  const size = 192;
  const background = hex(ACCENT);
  return encodePng(size, (x, y) => {
    const c = ringsCoverage(x, y, size);
    return background.map((v, i) => (i === 3 ? 255 : Math.round(v * (1 - c) + WHITE[i] * c))) as Rgba;
  });
}

/** Teams wants the outline icon white on a transparent background. */
export function outlineIcon(): Buffer {
  const size = 32;
  return encodePng(size, (x, y) => {
    const alpha = ringsCoverage(x, y, size) >= 0.5 ? 255 : 0;
    return [255, 255, 255, alpha];
  });
}

if (require.main === module) {
  writeFileSync(path.join(__dirname, 'color.png'), colorIcon());
  writeFileSync(path.join(__dirname, 'outline.png'), outlineIcon());
}
