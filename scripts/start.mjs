// `npm start`: the stale check and the assistant in one process, so a start pays for one Node start-up.
import { buildIfStale } from './buildIfStale.mjs';

await buildIfStale();
await import('../dist/bot/index.js');
