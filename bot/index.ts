/**
 * The process's entry point. `npm run build` (and `npm start`'s stale check) replace its compiled file,
 * dist/bot/index.js, by dist/bot/main.js and everything it requires bundled into one file
 * (scripts/bundleEntry.mjs): start-up then reads one file instead of about 1,650 (issue 18).
 */
import './main';
