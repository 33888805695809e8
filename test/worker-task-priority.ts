import os from 'node:os';

/** (On a worker, for test/worker-pool.test.ts.) The nice value of the thread that runs it. */
export const threadPriority = () => os.getPriority();
