import nodeModule from 'node:module';

/**
 * Imported first by bot/main.ts: on Node 22.1 and later, V8 keeps the compiled code of every module on
 * disk, and a restart skips most of the compiling that start-up spends its time on (botbuilder and
 * restify are most of it). On Node 20 the function does not exist and nothing changes.
 */
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
