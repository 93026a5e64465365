// Worker entry for benchmarks: worker threads do not inherit the tsx loader the CLI registers,
// so this registers it in the worker and then imports the TypeScript module named in workerData.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
