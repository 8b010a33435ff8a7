export function mapWithLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) return Promise.reject(new RangeError("limit"));
  return new Promise((resolve, reject) => {
    const results: R[] = new Array(items.length);
    let next = 0, running = 0, done = 0, failed = false;
    if (items.length === 0) return resolve(results);
    const launch = () => {
      while (!failed && running < limit && next < items.length) {
        const i = next++;
        running++;
        const p = Promise.resolve().then(() => fn(items[i], i));
        p.then((v) => { results[i] = v; running--; done++; if (done === items.length) resolve(results); else launch(); });
        p.catch((e) => { running--; if (!failed) { failed = true; reject(e); } });
      }
    };
    launch();
  });
}
