/**
 * A1 for distributors on the real Partner Center API, which offers no per-reseller revenue read
 * (services/partnerCenter/restRevenueRoutes.ts): import each reseller's trailing 12-month CSP revenue
 * through you, summed from your billed invoice reconciliation export, into the assistant's store.
 *
 *   npx tsx scripts/importRevenue.ts <file.csv>
 *
 * One line per reseller: `reseller,usd,periodEnd`, the reseller by its tenant id or its PartnerID (PLA ID,
 * formerly MPN ID), USD as a plain number, the last day of the 12 months as YYYY-MM-DD; a header line
 * and lines starting with # are skipped. Nothing is written unless every line is good: the bad ones are
 * named with their line numbers. The countdown (A2) and the `reauthorisation` card show the figures as
 * imported by the operator. Runs against the store the assistant uses (DATA_DIR or REDIS_URL).
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../bot/config';
import { PartnerDirectory } from '../services/partners/partnerDirectory';
import { writeImportedRevenue } from '../services/reauthorisation/reauthorisationRecords';
import { parseRevenueCsv } from '../services/reauthorisation/revenueImport';
import { openStore } from '../services/storage/openStore';

async function main(argv: string[]): Promise<number> {
  const [file] = argv;
  if (!file) {
    console.error('usage: importRevenue.ts <file.csv>   (lines: reseller tenant id or PartnerID, usd, periodEnd)');
    return 2;
  }
  const { lines, problems } = parseRevenueCsv(readFileSync(file, 'utf8'));
  if (problems.length > 0) {
    for (const p of problems) console.error(`line ${p.line}: ${p.problem} not understood: ${p.text}`);
    console.error('Nothing imported.');
    return 1;
  }
  const store = openStore(loadConfig().store);
  try {
    const partners = await new PartnerDirectory(store.records).all();
    const unknown: string[] = [];
    const resolved = lines.map((line) => {
      const tenantId =
        'tenantId' in line.reseller
          ? line.reseller.tenantId
          : partners.find((p) => p.mpnId === (line.reseller as { partnerId: string }).partnerId)?.tenantId;
      if (!tenantId)
        unknown.push(`line ${line.line}: no reseller known with PartnerID ${Object.values(line.reseller)[0]}`);
      return { ...line, tenantId };
    });
    if (unknown.length > 0) {
      for (const u of unknown) console.error(u);
      console.error('Nothing imported.');
      return 1;
    }
    const importedAt = new Date().toISOString();
    for (const line of resolved) {
      const { usd, periodStart, periodEnd } = line;
      await writeImportedRevenue(store.records, line.tenantId as string, { usd, periodStart, periodEnd, importedAt });
      console.log(`${line.tenantId}: USD ${usd} for ${periodStart} to ${periodEnd}`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  },
);
