import { HashRing } from "./solution";
import { hash32 } from "./hash";

const keys = Array.from({ length: 1000 }, (_, i) => `user-${i}`);

describe("HashRing", () => {
  test("an empty ring has no node for any key", () => {
    expect(new HashRing({ vnodes: 10 }).nodeFor("user-1")).toBe(undefined);
  });

  test('a key whose hash is exactly a point\'s position goes to that point\'s node: "b#0" → "b"', () => {
    const ring = new HashRing({ vnodes: 1 });
    for (const node of ["a", "b", "c"]) ring.add(node);
    expect(ring.nodeFor("b#0")).toBe("b");
  });

  test("1 point per node: a key goes to the node of the first point at or after its hash, wrapping round", () => {
    const ring = new HashRing({ vnodes: 1 });
    for (const node of ["a", "b", "c"]) ring.add(node);
    const points = ["a", "b", "c"].map((node) => ({ node, position: hash32(`${node}#0`) })).sort((x, y) => x.position - y.position);
    const expected = (key: string) => (points.find((p) => p.position >= hash32(key)) ?? points[0]).node;
    const wrong = keys.filter((key) => ring.nodeFor(key) !== expected(key));
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  test("5 nodes, 100 vnodes: adding a sixth moves only keys to the new node, and fewer than a third of them", () => {
    const ring = new HashRing({ vnodes: 100 });
    for (const node of ["n1", "n2", "n3", "n4", "n5"]) ring.add(node);
    const before = keys.map((key) => ring.nodeFor(key));
    ring.add("n6");
    const moved = keys.filter((key, i) => ring.nodeFor(key) !== before[i]);
    expect(moved.filter((key) => ring.nodeFor(key) !== "n6")).toEqual([]);
    expect(moved.length).toBeLessThan(keys.length / 3);
  });
});
