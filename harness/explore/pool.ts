/**
 * Work spread over K workers (browser pages): each worker takes the next job as soon as it is
 * free, so slow cases do not hold the others back; a wall budget stops handing out jobs (the
 * ones running finish). Results keep job order whatever order they finish in.
 */
export interface PoolResult<R> {
  /** Per job, in job order; undefined for jobs never started (budget spent). */
  results: (R | undefined)[];
  started: number;
}

export async function runPool<W, J, R>(
  workers: readonly W[],
  jobs: readonly J[],
  work: (worker: W, job: J, index: number) => Promise<R>,
  options: { deadline?: number; now?: () => number } = {},
): Promise<PoolResult<R>> {
  const now = options.now ?? Date.now;
  const results: (R | undefined)[] = new Array<R | undefined>(jobs.length).fill(undefined);
  let next = 0;
  const loop = async (worker: W): Promise<void> => {
    while (next < jobs.length) {
      if (options.deadline !== undefined && now() >= options.deadline) return;
      const index = next++;
      results[index] = await work(worker, jobs[index], index);
    }
  };
  await Promise.all(workers.map(loop));
  return { results, started: next };
}
