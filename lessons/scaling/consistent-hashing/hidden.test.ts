import fc from "fast-check";
import { HashRing } from "./solution";
import { HashRing as ReferenceRing } from "./reference";
import { hash32 } from "./hash";

const nodeName = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/);
const keyName = fc.string({ minLength: 0, maxLength: 16 });

/** Keys that do not depend on the submission: the measurements below use fixed inputs. */
const fixedKeys = (n: number, prefix = "key") => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

function ringOf(nodes: string[], vnodes: number): HashRing {
  const ring = new HashRing({ vnodes });
  for (const node of nodes) ring.add(node);
  return ring;
}

describe("the ring", () => {
  test(
    "every key goes to the same node as with the reference ring",
    { description: "Generated node names, numbers of virtual nodes and keys." },
    () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(nodeName, { minLength: 1, maxLength: 8 }),
          fc.integer({ min: 1, max: 40 }),
          fc.array(keyName, { minLength: 1, maxLength: 60 }),
          (nodes, vnodes, keys) => {
            const reference = new ReferenceRing({ vnodes });
            for (const node of nodes) reference.add(node);
            const expected = keys.map((key) => reference.nodeFor(key));
            const ring = ringOf(nodes, vnodes);
            expect(keys.map((key) => ring.nodeFor(key))).toEqual(expected);
          },
        ),
        { numRuns: 40 },
      );
    },
  );

  test(
    "after a generated sequence of adds and removes (repeats included), keys still go where the reference sends them",
    { description: "Generated sequences of add and remove, some adding a node twice or removing one that is not there." },
    () => {
      const op = fc.record({ add: fc.boolean(), node: fc.constantFrom("alpha", "beta", "gamma", "delta", "epsilon") });
      fc.assert(
        fc.property(fc.array(op, { minLength: 1, maxLength: 15 }), fc.integer({ min: 1, max: 20 }), (ops, vnodes) => {
          const reference = new ReferenceRing({ vnodes });
          const ring = new HashRing({ vnodes });
          const keys = fixedKeys(50);
          const seen: (string | undefined)[][] = [];
          const expected: (string | undefined)[][] = [];
          for (const { add, node } of ops) {
            if (add) {
              reference.add(node);
              ring.add(node);
            } else {
              reference.remove(node);
              ring.remove(node);
            }
            expected.push(keys.map((key) => reference.nodeFor(key)));
            seen.push(keys.map((key) => ring.nodeFor(key)));
          }
          expect(seen).toEqual(expected);
        }),
        { numRuns: 30 },
      );
    },
  );

  test("a key whose hash is exactly a point's position belongs to that point's node (at or after, not strictly after)", () => {
    const ring = ringOf(["red", "green", "blue", "black"], 25);
    const misplaced: string[] = [];
    for (const node of ["red", "green", "blue", "black"]) {
      for (let i = 0; i < 25; i++) if (ring.nodeFor(`${node}#${i}`) !== node) misplaced.push(`${node}#${i}`);
    }
    expect(misplaced.length).toBe(0);
  });

  test("a key whose hash is past the last point wraps round to the node of the first point", () => {
    const ring = ringOf(["left", "right"], 1);
    const last = Math.max(hash32("left#0"), hash32("right#0"));
    const first = hash32("left#0") < hash32("right#0") ? "left" : "right";
    const pastTheEnd = fixedKeys(2000).filter((key) => hash32(key) > last);
    expect(pastTheEnd.length > 0 && pastTheEnd.every((key) => ring.nodeFor(key) === first)).toBe(true);
  });

  test("removing every node leaves an empty ring: no node for any key", () => {
    const ring = ringOf(["a", "b"], 5);
    ring.remove("a");
    ring.remove("b");
    expect(fixedKeys(20).map((key) => ring.nodeFor(key)).filter((n) => n !== undefined)).toEqual([]);
  });

  test("vnodes that is not a whole number of at least 1 is refused with a RangeError", () => {
    const refused = [0, -3, 2.5, Number.NaN].map((vnodes) => {
      try {
        new HashRing({ vnodes });
        return false;
      } catch (error) {
        return error instanceof RangeError;
      }
    });
    expect(refused).toEqual([true, true, true, true]);
  });
});

describe("minimal movement and balance (measured on fixed keys)", () => {
  test("8 nodes → 9: only keys that now belong to the new node move, about 1/9 of them", () => {
    const names = ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"];
    const ring = ringOf(names, 100);
    const keys = fixedKeys(3000);
    const before = keys.map((key) => ring.nodeFor(key));
    ring.add("s9");
    const moved = keys.filter((key, i) => ring.nodeFor(key) !== before[i]);
    const movedElsewhere = moved.filter((key) => ring.nodeFor(key) !== "s9").length;
    const share = moved.length / keys.length;
    expect({ movedElsewhere, aboutOneNinth: share > 0.05 && share < 0.2 }).toEqual({ movedElsewhere: 0, aboutOneNinth: true });
  });

  test("removing 1 of 8 nodes moves only the keys that were on it", () => {
    const names = ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"];
    const ring = ringOf(names, 100);
    const keys = fixedKeys(3000);
    const before = keys.map((key) => ring.nodeFor(key));
    ring.remove("s4");
    const movedFromOthers = keys.filter((key, i) => before[i] !== "s4" && ring.nodeFor(key) !== before[i]).length;
    const stillOnRemoved = keys.filter((key) => ring.nodeFor(key) === "s4").length;
    expect({ movedFromOthers, stillOnRemoved }).toEqual({ movedFromOthers: 0, stillOnRemoved: 0 });
  });

  test("10 nodes with 100 vnodes each share 6,000 keys evenly: the busiest node holds less than 1.4× the average", () => {
    const ring = ringOf(fixedKeys(10, "cache"), 100);
    const load = new Map<string, number>();
    for (const key of fixedKeys(6000, "session")) {
      const node = ring.nodeFor(key) ?? "none";
      load.set(node, (load.get(node) ?? 0) + 1);
    }
    const busiest = Math.max(...load.values());
    expect({ nodes: load.size, balanced: busiest < 1.4 * 600 }).toEqual({ nodes: 10, balanced: true });
  });
});
