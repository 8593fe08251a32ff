/**
 * Test only (TEST_ONLY_CRASH_AT, honoured with NODE_ENV=test alone; inert in production, where the
 * configuration drops it): the fault suite kills the process at a named moment of danger, as a power
 * cut would, to prove that what a crash leaves is finished after a restart (issue 13 point 4).
 */
export function testOnlyCrashAt(moment: string | undefined): ((reached: string) => void) | undefined {
  if (!moment) return undefined;
  return (reached) => {
    if (reached === moment) process.kill(process.pid, 'SIGKILL');
  };
}
