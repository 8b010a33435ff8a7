import { handler } from "./solution";

const get = (path: string) => handler(new Request(`http://localhost${path}`));

describe("GET /users/<id>", () => {
  test("u_1 answers 200 with JSON", async () => {
    const res = get("/users/u_1");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(typeof body.email).toBe("string");
  });

  // Add contract tests: for EVERY kind of response (each user, an unknown id, another method),
  // check the Content-Type, that each field has the agreed type and format, and that there are no
  // other fields. A small checker function that you call on each response keeps this short.
});
