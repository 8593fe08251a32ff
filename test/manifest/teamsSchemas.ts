import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';

/** The Teams JSON schemas that @microsoft/app-manifest ships, one folder per version (no network). */
export const SCHEMAS = path.join(
  path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
  'build/json-schemas/teams',
);

type Schema = Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];

function errorsAgainst(schema: unknown, document: unknown): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(document as never, schema as Schema);
}

const readSchema = (version: string, name: string) =>
  JSON.parse(readFileSync(path.join(SCHEMAS, `v${version}`, name), 'utf8')) as Record<string, unknown>;

/**
 * The bundled localization schema, with the property patterns that do not compile as JavaScript
 * regular expressions repaired. The published schema writes `\b]` where `\b\]` is meant in its two
 * `activities.activityTypes[...]` patterns (MicrosoftDocs/msteams-docs#8858), so Ajv (which compiles
 * patterns with the `u` flag) refuses the whole schema; escaping that one bracket keeps each pattern's
 * meaning. `repaired` names what was changed, so a test notices when a fixed schema makes this moot.
 */
export function localizationSchema(manifestVersion: string): { schema: Record<string, unknown>; repaired: string[] } {
  const schema = readSchema(manifestVersion, 'MicrosoftTeams.Localization.schema.json');
  const patterns = schema.patternProperties as Record<string, unknown>;
  const repaired: string[] = [];
  for (const pattern of Object.keys(patterns)) {
    try {
      new RegExp(pattern, 'u');
    } catch {
      const fixed = pattern.replace(/\\b\](?=\\\.)/g, '\\b\\]');
      new RegExp(fixed, 'u'); // still broken in another way: let the test fail here, loudly
      patterns[fixed] = patterns[pattern];
      delete patterns[pattern];
      repaired.push(pattern);
    }
  }
  return { schema, repaired };
}

/** Schema errors of a manifest, against the bundled schema of its own manifestVersion. */
export function manifestSchemaErrors(manifest: { manifestVersion: string }): Promise<string[]> {
  return errorsAgainst(readSchema(manifest.manifestVersion, 'MicrosoftTeams.schema.json'), manifest);
}

/** Schema errors of a localization file, against the bundled localization schema of a manifest version. */
export function localizationSchemaErrors(file: unknown, manifestVersion: string): Promise<string[]> {
  return errorsAgainst(localizationSchema(manifestVersion).schema, file);
}
