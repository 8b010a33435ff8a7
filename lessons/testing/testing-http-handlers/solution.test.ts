import { createSignupHandler } from "./solution";

const URL_SIGNUPS = "http://localhost/signups";

function postSignup(body: string, contentType = "application/json"): Request {
  return new Request(URL_SIGNUPS, { method: "POST", headers: { "Content-Type": contentType }, body });
}

const json = (value: unknown) => JSON.stringify(value);

describe("POST /signups: success", () => {
  test("201 with Location and the stored sign-up as JSON", async () => {
    const handler = createSignupHandler();
    const res = await handler(postSignup(json({ email: "  Ada@Example.COM ", name: "  Ada Lovelace " })));
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe("/signups/1");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ id: "1", email: "ada@example.com", name: "Ada Lovelace" });
  });

  test("Content-Type with a charset parameter is accepted", async () => {
    const handler = createSignupHandler();
    const res = await handler(postSignup(json({ email: "a@b.io", name: "A" }), "application/json; charset=utf-8"));
    expect(res.status).toBe(201);
  });

  test("a name of exactly 40 characters is accepted, 41 is not", async () => {
    const handler = createSignupHandler();
    expect((await handler(postSignup(json({ email: "a@b.io", name: "n".repeat(40) })))).status).toBe(201);
    expect((await handler(postSignup(json({ email: "c@d.io", name: "n".repeat(41) })))).status).toBe(422);
  });
});

describe("POST /signups: refusals", () => {
  test("text/plain → 415", async () => {
    const handler = createSignupHandler();
    const res = await handler(postSignup(json({ email: "a@b.io", name: "A" }), "text/plain"));
    expect(res.status).toBe(415);
  });

  test("malformed JSON → 400", async () => {
    const handler = createSignupHandler();
    const res = await handler(postSignup('{"email": "a@b.io",'));
    expect(res.status).toBe(400);
  });

  test("a JSON array → 400", async () => {
    const handler = createSignupHandler();
    expect((await handler(postSignup("[]"))).status).toBe(400);
  });

  test("an invalid email and a blank name → 422 naming both fields", async () => {
    const handler = createSignupHandler();
    const res = await handler(postSignup(json({ email: "ada.example.com", name: "   " })));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(Object.keys(body.errors).sort()).toEqual(["email", "name"]);
  });

  test("the same email in another case → 409", async () => {
    const handler = createSignupHandler();
    await handler(postSignup(json({ email: "Ada@Example.com", name: "Ada" })));
    const res = await handler(postSignup(json({ email: "ada@example.com", name: "Ada again" })));
    expect(res.status).toBe(409);
  });

  test("a refused sign-up stores nothing: the same email can sign up afterwards", async () => {
    const handler = createSignupHandler();
    expect((await handler(postSignup(json({ email: "ada@example.com", name: "" })))).status).toBe(422);
    const res = await handler(postSignup(json({ email: "ada@example.com", name: "Ada" })));
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBe("/signups/1");
  });
});

describe("other methods and paths", () => {
  test("GET /signups → 405 with Allow: POST", async () => {
    const handler = createSignupHandler();
    const res = await handler(new Request(URL_SIGNUPS));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  test("POST /users → 404", async () => {
    const handler = createSignupHandler();
    const res = await handler(new Request("http://localhost/users", { method: "POST", body: "{}" }));
    expect(res.status).toBe(404);
  });
});
