import { createSignupHandler } from "./solution";

function postSignup(body: string, contentType = "application/json"): Request {
  return new Request("http://localhost/signups", {
    method: "POST",
    headers: { "Content-Type": contentType },
    body,
  });
}

describe("POST /signups", () => {
  test("a valid sign-up → 201", async () => {
    const handler = createSignupHandler();
    const res = await handler(postSignup(JSON.stringify({ email: "ada@example.com", name: "Ada" })));
    expect(res.status).toBe(201);
  });

  // Add tests: the headers and body of a success, each error status in the doc comment, and what
  // a second sign-up with the same email gets.
});
