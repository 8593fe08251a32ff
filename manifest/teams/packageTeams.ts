/**
 * `npm run package:teams`: writes `dist/teams-app.zip` (manifest.json, color.png, outline.png and one
 * localization file per additional language, `pl.json` and `sv.json`, at the zip root), the file a
 * Teams admin uploads. First it rewrites from the message catalogs whatever in manifest/teams/ they
 * decide (the app's strings in every language, generatedFiles.ts), so the package always speaks as
 * the bot does. The bot id comes from MICROSOFT_APP_ID and the valid domain from PUBLIC_URL, both read
 * through bot/config.ts (no secret needed); without an app id a placeholder GUID keeps the package
 * valid for local tries.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { crc32, deflateRawSync } from 'node:zlib';
import { loadPackagingConfig } from '../../bot/config';
import { writeGeneratedFiles } from './generatedFiles';
import { ADDITIONAL_LANGUAGES, localizationFileName } from './localization';

export const PLACEHOLDER_APP_ID = '00000000-0000-0000-0000-000000000000';
/** The Teams app's id before it came from configuration: a package built without TEAMS_APP_ID updates that app. */
export const DEFAULT_TEAMS_APP_ID = '52361ea9-c18e-407e-a4cf-dd1e94b844b4';
export const PACKAGE_FILES: readonly string[] = [
  'manifest.json',
  'color.png',
  'outline.png',
  ...ADDITIONAL_LANGUAGES.map(localizationFileName),
];

export interface PackageValues {
  appId?: string;
  publicUrl: string;
  /** TEAMS_APP_ID; default DEFAULT_TEAMS_APP_ID. */
  teamsAppId?: string;
  /** TEAMS_PRIVACY_URL / TEAMS_TERMS_URL; default `<PUBLIC_URL>/privacy` and `/terms`. */
  privacyUrl?: string;
  termsUrl?: string;
}

/** The manifest with its `${{NAME}}` placeholders filled in; an unknown placeholder is an error. */
export function renderManifest(template: string, values: PackageValues): Record<string, unknown> {
  const url = new URL(values.publicUrl);
  const known: Record<string, string> = {
    MICROSOFT_APP_ID: values.appId ?? PLACEHOLDER_APP_ID,
    PUBLIC_URL: url.origin,
    PUBLIC_HOST: url.hostname,
    TEAMS_APP_ID: values.teamsAppId ?? DEFAULT_TEAMS_APP_ID,
    TEAMS_PRIVACY_URL: values.privacyUrl ?? `${url.origin}/privacy`,
    TEAMS_TERMS_URL: values.termsUrl ?? `${url.origin}/terms`,
  };
  const filled = template.replace(/\$\{\{([A-Z_]+)\}\}/g, (_, name: string) => {
    const value = known[name];
    if (value === undefined) throw new Error(`manifest.json: unknown placeholder \${{${name}}}`);
    return value;
  });
  return JSON.parse(filled) as Record<string, unknown>;
}

/**
 * A minimal zip (deflate, no directories, no zip64). Written on node:zlib because no zip library is
 * a dependency of the project and three small files need nothing more.
 */
export function zip(entries: Array<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  // 1980-01-01 00:00: a fixed timestamp makes the package reproducible.
  const dosTime = 0;
  const dosDate = (0 << 9) | (1 << 5) | 1;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(entry.data);
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12);
    central.writeUInt16LE(dosDate, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
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

/**
 * The package's bytes: the rendered manifest, the two icons and every localization file the
 * manifest's `localizationInfo` names, all from manifest/teams/ as they are on disk.
 */
export function buildTeamsPackage(values: PackageValues, dir: string = __dirname): Buffer {
  const manifest = renderManifest(readFileSync(path.join(dir, 'manifest.json'), 'utf8'), values);
  const localization = manifest.localizationInfo as { additionalLanguages?: Array<{ file: string }> } | undefined;
  return zip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: 'color.png', data: readFileSync(path.join(dir, 'color.png')) },
    { name: 'outline.png', data: readFileSync(path.join(dir, 'outline.png')) },
    ...(localization?.additionalLanguages ?? []).map(({ file }) => ({
      name: file,
      data: readFileSync(path.join(dir, file)),
    })),
  ]);
}

/** `--dir` (default manifest/teams) and `--out` (default dist/teams-app.zip): the tests package a copy. */
async function main() {
  const { values: args } = parseArgs({ options: { dir: { type: 'string' }, out: { type: 'string' } } });
  const config = loadPackagingConfig();
  const dir = path.resolve(args.dir ?? __dirname);
  const updated = await writeGeneratedFiles(dir);
  for (const name of updated) {
    process.stdout.write(
      `updated ${path.relative(process.cwd(), path.join(dir, name))} from the catalogs (commit it)\n`,
    );
  }
  const out = path.resolve(args.out ?? path.join(__dirname, '..', '..', 'dist', 'teams-app.zip'));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, buildTeamsPackage(config, dir));
  const botId = config.appId ?? `${PLACEHOLDER_APP_ID} (placeholder: set MICROSOFT_APP_ID)`;
  process.stdout.write(`wrote ${path.relative(process.cwd(), out)} (bot id ${botId})\n`);
  if (!config.privacyUrl || !config.termsUrl) {
    process.stdout.write(
      'TEAMS_PRIVACY_URL / TEAMS_TERMS_URL not set: the package links to PUBLIC_URL/privacy and /terms\n',
    );
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
