import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { Worker } from "node:worker_threads";

// A real SQLite file for this test process; env is read when lib/ modules load, so set it first.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serverside-drafts-"));
process.env.DATABASE_URL = `file:${path.join(dir, "drafts.db")}`;

const { applyMigrations } = await import("../db/migrate.ts");
const { getDatabaseUrl } = await import("../env.ts");
const { db } = await import("../db.ts");
const drafts = await import("./drafts.ts");

let userId = "";
let otherId = "";
before(async () => {
  await applyMigrations(getDatabaseUrl(), () => {});
  userId = (await db.user.create({ data: { email: "ada@example.com" } })).id;
  otherId = (await db.user.create({ data: { email: "bob@example.com" } })).id;
});
after(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("each save names the revision it replaces and makes the next one", async () => {
  const first = await drafts.saveDraft(userId, "ex-a", "", "one", 0);
  assert.ok(first.ok);
  assert.equal(first.revision, 1);
  const second = await drafts.saveDraft(userId, "ex-a", "", "two", 1);
  assert.ok(second.ok);
  assert.equal(second.revision, 2);
  assert.ok(second.savedAt.getTime() >= first.savedAt.getTime());
  assert.deepEqual(
    (await drafts.listDrafts(userId, "ex-a")).map((d) => [d.file, d.code, d.revision]),
    [["", "two", 2]],
  );
  // Another learner's draft of the same exercise is their own, from revision 0.
  const bob = await drafts.saveDraft(otherId, "ex-a", "", "bob's", 0);
  assert.ok(bob.ok);
  assert.equal(bob.revision, 1);
});

test("a stale save is refused with the current revision and code, and writes nothing", async () => {
  await drafts.saveDraft(userId, "ex-b", "", "v1", 0);
  await drafts.saveDraft(userId, "ex-b", "", "v2 from tab A", 1);
  // Tab B still edits from revision 1.
  const stale = await drafts.saveDraft(userId, "ex-b", "", "v2 from tab B", 1);
  assert.equal(stale.ok, false);
  assert.ok(!stale.ok);
  assert.equal(stale.current.revision, 2);
  assert.equal(stale.current.code, "v2 from tab A");
  assert.ok(stale.current.savedAt instanceof Date);
  // A first save (revision 0) where a draft exists is stale too.
  const fresh = await drafts.saveDraft(userId, "ex-b", "", "from a new device", 0);
  assert.ok(!fresh.ok);
  assert.equal(fresh.current.revision, 2);
  // A revision from the future (or from a database restored to an older state) is refused as well.
  const future = await drafts.saveDraft(userId, "ex-b", "", "from the future", 7);
  assert.ok(!future.ok);
  assert.deepEqual(
    (await drafts.listDrafts(userId, "ex-b")).map((d) => [d.code, d.revision]),
    [["v2 from tab A", 2]],
  );
  // After reconciling, tab B saves on top of revision 2.
  const rebased = await drafts.saveDraft(userId, "ex-b", "", "v3 from tab B", 2);
  assert.ok(rebased.ok);
  assert.equal(rebased.revision, 3);
});

test("a retried save whose answer was lost is answered with the revision it made, not a conflict", async () => {
  const saved = await drafts.saveDraft(userId, "ex-c", "", "same text", 0);
  assert.ok(saved.ok);
  const retry = await drafts.saveDraft(userId, "ex-c", "", "same text", 0);
  assert.ok(retry.ok);
  assert.equal(retry.revision, 1);
  assert.equal((await drafts.listDrafts(userId, "ex-c"))[0]!.revision, 1);
});

test("files of a multi-file exercise have their own revisions", async () => {
  assert.ok((await drafts.saveDraft(userId, "multi", "routes.ts", "r1", 0)).ok);
  assert.ok((await drafts.saveDraft(userId, "multi", "store.ts", "s1", 0)).ok);
  assert.ok((await drafts.saveDraft(userId, "multi", "routes.ts", "r2", 1)).ok);
  assert.ok(!(await drafts.saveDraft(userId, "multi", "store.ts", "s2", 2)).ok);
  assert.deepEqual(
    (await drafts.listDrafts(userId, "multi")).map((d) => [d.file, d.code, d.revision]),
    [
      ["routes.ts", "r2", 2],
      ["store.ts", "s1", 1],
    ],
  );
});

test("a reset forgets the code, moves the revision on, and refuses saves from before it", async () => {
  await drafts.saveDraft(userId, "ex-d", "", "before the reset", 0);
  const after = await drafts.resetDrafts(userId, "ex-d");
  assert.deepEqual(
    after.map((d) => [d.file, d.code, d.revision]),
    [["", null, 2]],
  );
  // A tab that has not seen the reset.
  const stale = await drafts.saveDraft(userId, "ex-d", "", "typed before the reset", 1);
  assert.ok(!stale.ok);
  assert.equal(stale.current.code, null);
  assert.equal(stale.current.revision, 2);
  const next = await drafts.saveDraft(userId, "ex-d", "", "after the reset", 2);
  assert.ok(next.ok);
  assert.equal(next.revision, 3);
  // The reset removed nothing of other learners or exercises.
  assert.equal((await drafts.listDrafts(userId, "ex-a"))[0]!.code, "two");
  // A reset with no draft yet is a no-op.
  assert.deepEqual(await drafts.resetDrafts(userId, "never-saved"), []);
});

test("saves from the same revision at the same moment: exactly one lands, the rest learn what did", async () => {
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) => drafts.saveDraft(userId, "race", "", `tab ${i}`, 0)),
  );
  const won = results.filter((r) => r.ok);
  assert.equal(won.length, 1);
  const winner = (await drafts.listDrafts(userId, "race"))[0]!;
  assert.equal(winner.revision, 1);
  for (const r of results)
    if (!r.ok) assert.deepEqual([r.current.code, r.current.revision], [winner.code, 1]);

  const next = await Promise.all(
    Array.from({ length: 20 }, (_, i) => drafts.saveDraft(userId, "race", "", `again ${i}`, 1)),
  );
  assert.equal(next.filter((r) => r.ok).length, 1);
  assert.equal((await drafts.listDrafts(userId, "race"))[0]!.revision, 2);
});

test("saves from several connections to one SQLite file never lose an accepted save", async () => {
  // Four worker threads, each with its own Prisma client and SQLite connection, save as fast as they
  // can: on a conflict they take the current revision and try again, as a browser tab does.
  const WORKERS = 4;
  const SAVES = 15;
  const source = `
    import { workerData, parentPort } from "node:worker_threads";
    process.env.DATABASE_URL = workerData.url;
    const drafts = await import(workerData.module);
    const { db } = await import(workerData.db);
    const accepted = [];
    let conflicts = 0;
    let base = 0;
    for (let n = 0; n < workerData.saves; n++) {
      const code = "worker " + workerData.id + " save " + n;
      for (;;) {
        const r = await drafts.saveDraft(workerData.userId, "contended", "", code, base);
        if (r.ok) { accepted.push({ code, revision: r.revision }); base = r.revision; break; }
        conflicts++;
        base = r.current.revision;
      }
    }
    await db.$disconnect();
    parentPort.postMessage({ accepted, conflicts });
  `;
  const runs = await Promise.all(
    Array.from({ length: WORKERS }, (_, id) => {
      const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), {
        workerData: {
          id,
          userId,
          saves: SAVES,
          url: process.env.DATABASE_URL,
          module: new URL("./drafts.ts", import.meta.url).href,
          db: new URL("../db.ts", import.meta.url).href,
        },
      });
      return new Promise<{ accepted: { code: string; revision: number }[]; conflicts: number }>(
        (resolve, reject) => {
          worker.once("message", resolve);
          worker.once("error", reject);
        },
      );
    }),
  );
  const accepted = runs.flatMap((r) => r.accepted);
  assert.equal(accepted.length, WORKERS * SAVES);
  // Every accepted save made its own revision: none was silently replaced by a save from the same base.
  const revisions = accepted.map((a) => a.revision).sort((a, b) => a - b);
  assert.deepEqual(
    revisions,
    Array.from({ length: WORKERS * SAVES }, (_, i) => i + 1),
  );
  const final = (await drafts.listDrafts(userId, "contended"))[0]!;
  assert.equal(final.revision, WORKERS * SAVES);
  assert.equal(final.code, accepted.find((a) => a.revision === final.revision)!.code);
});
