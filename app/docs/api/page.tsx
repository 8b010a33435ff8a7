import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getOpenApiDocument, type OpenApiOperation, type OpenApiParameter } from "@/lib/api/openapi";

export const metadata: Metadata = { title: "API reference" };

type Schema = Record<string, unknown>;

/** `code` and **bold** in the document's descriptions; everything else is text (no HTML). */
function Inline({ text }: { text: string }) {
  const parts = text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g);
  return (
    <>
      {parts.map((part, index) =>
        part.startsWith("`") ? (
          <code key={index} className="rounded bg-slate-100 px-1 text-[0.9em] dark:bg-slate-800">
            {part.slice(1, -1)}
          </code>
        ) : part.startsWith("**") ? (
          <strong key={index}>{part.slice(2, -2)}</strong>
        ) : (
          part
        ),
      )}
    </>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n\n+/).map((paragraph, index) => (
        <p key={index}>
          <Inline text={paragraph} />
        </p>
      ))}
    </>
  );
}

function refName(schema: Schema): string | null {
  return typeof schema.$ref === "string" ? schema.$ref.split("/").pop()! : null;
}

/** A short type label: string, integer, Track, Track[], "run" | "submit", ... */
function typeLabel(schema: Schema): ReactNode {
  const name = refName(schema);
  if (name)
    return (
      <a href={`#schema-${name}`} className="text-brand-700 underline dark:text-brand-400">
        {name}
      </a>
    );
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if ("const" in schema) return JSON.stringify(schema.const);
  const union = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (union)
    return union.map((option, index) => (
      <span key={index}>
        {index ? " | " : ""}
        {typeLabel(option)}
      </span>
    ));
  if (schema.type === "array" && schema.items) return <>{typeLabel(schema.items as Schema)}[]</>;
  if (Array.isArray(schema.type)) return schema.type.join(" | ");
  return String(schema.type ?? "any");
}

function constraints(schema: Schema): string {
  const parts: string[] = [];
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  if (schema.minLength !== undefined) parts.push(`min length ${schema.minLength}`);
  if (schema.maxLength !== undefined) parts.push(`max length ${schema.maxLength}`);
  if (schema.minItems !== undefined) parts.push(`min ${schema.minItems} items`);
  if (schema.maxItems !== undefined) parts.push(`max ${schema.maxItems} items`);
  if (schema.minimum !== undefined && schema.minimum !== -9007199254740991) parts.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined && schema.maximum !== 9007199254740991) parts.push(`≤ ${schema.maximum}`);
  if (schema.format) parts.push(String(schema.format));
  return parts.join(", ");
}

/** An object schema as a table of fields; other schemas as their type. */
function SchemaView({ schema }: { schema: Schema }) {
  const properties = schema.properties as Record<string, Schema> | undefined;
  const union = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (!properties && union) {
    return (
      <div className="space-y-2">
        <p className="text-sm">One of:</p>
        {union.map((option, index) => (
          <div key={index} className="border-l-2 border-slate-200 pl-3 dark:border-slate-700">
            <SchemaView schema={option} />
          </div>
        ))}
      </div>
    );
  }
  if (!properties) return <p className="text-sm">Type: {typeLabel(schema)}</p>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return (
    <table className="min-w-full text-sm">
      <thead>
        <tr className="border-b border-slate-200 dark:border-slate-700">
          <th className="px-2 py-1 text-left font-medium">Field</th>
          <th className="px-2 py-1 text-left font-medium">Type</th>
          <th className="px-2 py-1 text-left font-medium">Description</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(properties).map(([name, property]) => (
          <tr key={name} className="border-b border-slate-100 align-top dark:border-slate-800">
            <td className="px-2 py-1 font-mono">
              {name}
              {required.has(name) ? null : <span className="text-slate-500 dark:text-slate-400">?</span>}
            </td>
            <td className="px-2 py-1">{typeLabel(property)}</td>
            <td className="px-2 py-1">
              {typeof property.description === "string" ? <Inline text={property.description} /> : null}
              {constraints(property) ? (
                <span className="text-slate-500 dark:text-slate-400"> ({constraints(property)})</span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Operation({
  method,
  path,
  operation,
  parameters,
}: {
  method: string;
  path: string;
  operation: OpenApiOperation;
  parameters: Record<string, OpenApiParameter>;
}) {
  const resolved = (operation.parameters ?? []).map((parameter) =>
    "$ref" in parameter ? parameters[parameter.$ref.split("/").pop()!]! : parameter,
  );
  const body = operation.requestBody?.content["application/json"]?.schema;
  return (
    <section
      id={operation.operationId}
      aria-labelledby={`${operation.operationId}-title`}
      className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
    >
      <h3
        id={`${operation.operationId}-title`}
        className="flex flex-wrap items-baseline gap-2 text-lg font-semibold"
      >
        <span className="rounded bg-slate-900 px-2 py-0.5 font-mono text-sm uppercase text-white dark:bg-slate-100 dark:text-slate-900">
          {method}
        </span>
        <code className="font-mono text-base">/api/v1{path}</code>
        <span className="font-normal text-slate-600 dark:text-slate-400">{operation.summary}</span>
      </h3>
      <div className="space-y-2 text-sm">
        <Paragraphs text={operation.description} />
        {operation.security?.length === 0 ? <p>No API key needed.</p> : null}
      </div>
      {resolved.length ? (
        <div>
          <h4 className="font-medium">Parameters</h4>
          <ul className="list-disc pl-6 text-sm">
            {resolved.map((parameter) => (
              <li key={parameter.name}>
                <code>{parameter.name}</code> ({parameter.in}
                {parameter.required ? ", required" : ""}): <Inline text={parameter.description} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {body ? (
        <div>
          <h4 className="font-medium">Request body (application/json)</h4>
          <p className="text-sm">{typeLabel(body)}</p>
        </div>
      ) : null}
      <div>
        <h4 className="font-medium">Responses</h4>
        <ul className="space-y-1 text-sm">
          {Object.entries(operation.responses).map(([status, response]) => {
            const content = response.content && Object.entries(response.content)[0];
            return (
              <li key={status}>
                <strong className="font-mono">{status}</strong> {response.description}
                {content && !response["x-codes"] ? <> {typeLabel(content[1].schema)}</> : null}
                {response["x-codes"] ? (
                  <>
                    {" "}
                    {response["x-codes"].map((code, index) => (
                      <span key={code}>
                        {index ? ", " : ""}
                        <a
                          href={`#error-${code}`}
                          className="font-mono text-brand-700 underline dark:text-brand-400"
                        >
                          {code}
                        </a>
                      </span>
                    ))}
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}

// Rendered from the same OpenAPI document the server serves, so the page cannot drift from it.
export default function ApiDocsPage() {
  const document = getOpenApiDocument();
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      path,
      method,
      operation: operation as OpenApiOperation,
    })),
  );
  return (
    <div className="max-w-4xl space-y-10 py-4">
      <header className="space-y-3">
        <h1 className="text-3xl font-semibold">{document.info.title}</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Version {document.info.version} · OpenAPI {document.openapi} document:{" "}
          <a href="/api/v1/openapi.json" className="text-brand-700 underline dark:text-brand-400">
            /api/v1/openapi.json
          </a>
        </p>
        <div className="space-y-3">
          <Paragraphs text={document.info.description} />
        </div>
        <pre tabIndex={0} className="overflow-x-auto rounded-md bg-slate-900 p-3 text-sm text-slate-100">
          {`curl -X POST "$SERVERSIDE/api/v1/exercises/parse-query-pagination/grade" \\
  -H "Authorization: Bearer $SERVERSIDE_API_KEY" \\
  -H "Content-Type: application/json" \\
  -H "Idempotency-Key: $(uuidgen)" \\
  -d '{"code": "export function parseListQuery(search) { ... }", "mode": "submit", "learner": "ada@example.com"}'`}
        </pre>
        <p className="text-sm">
          Multi-file exercises (their <code>files</code> is not null) take every learner file by name in{" "}
          <code>files</code> instead of <code>code</code>; projects grade one <code>stage</code> at a time,
          with every earlier stage&apos;s tests as regression tests:
        </p>
        <pre
          tabIndex={0}
          className="overflow-x-auto rounded-md bg-slate-900 p-3 text-sm text-slate-100"
          data-testid="multi-file-example"
        >
          {`curl -X POST "$SERVERSIDE/api/v1/exercises/url-shortener/grade" \\
  -H "Authorization: Bearer $SERVERSIDE_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"files": {"routes.ts": "...", "store.ts": "...", "codes.ts": "..."}, "stage": 1, "mode": "submit"}'`}
        </pre>
      </header>

      <nav aria-label="Endpoints">
        <h2 className="mb-2 text-xl font-semibold">Endpoints</h2>
        <ul className="space-y-1 text-sm">
          {operations.map(({ path, method, operation }) => (
            <li key={operation.operationId}>
              <a
                href={`#${operation.operationId}`}
                className="font-mono text-brand-700 underline dark:text-brand-400"
              >
                {method.toUpperCase()} /api/v1{path}
              </a>{" "}
              {operation.summary}
            </li>
          ))}
        </ul>
      </nav>

      {document.tags.map((tag) => (
        <section key={tag.name} aria-labelledby={`tag-${tag.name}`} className="space-y-4">
          <h2 id={`tag-${tag.name}`} className="text-2xl font-semibold">
            {tag.name}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{tag.description}</p>
          {operations
            .filter(({ operation }) => operation.tags.includes(tag.name))
            .map(({ path, method, operation }) => (
              <Operation
                key={operation.operationId}
                method={method}
                path={path}
                operation={operation}
                parameters={document.components.parameters}
              />
            ))}
        </section>
      ))}

      <section aria-labelledby="errors" className="space-y-3">
        <h2 id="errors" className="text-2xl font-semibold">
          Error codes
        </h2>
        <p className="text-sm">
          Every error is <code>application/problem+json</code> (
          <a href="#schema-Problem" className="underline">
            Problem
          </a>
          ). Branch on <code>code</code>.
        </p>
        <table className="min-w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 dark:border-slate-700">
              <th className="px-2 py-1 text-left font-medium">Code</th>
              <th className="px-2 py-1 text-left font-medium">Status</th>
              <th className="px-2 py-1 text-left font-medium">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {document["x-error-codes"].map((entry) => (
              <tr
                key={entry.code}
                id={`error-${entry.code}`}
                className="border-b border-slate-100 align-top dark:border-slate-800"
              >
                <td className="px-2 py-1 font-mono">{entry.code}</td>
                <td className="px-2 py-1">{entry.status}</td>
                <td className="px-2 py-1">
                  <Inline text={entry.description} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="schemas" className="space-y-6">
        <h2 id="schemas" className="text-2xl font-semibold">
          Schemas
        </h2>
        {Object.entries(document.components.schemas).map(([name, schema]) => (
          <div key={name} id={`schema-${name}`} className="space-y-2">
            <h3 className="font-mono text-lg font-semibold">{name}</h3>
            {typeof schema.description === "string" ? (
              <p className="text-sm">
                <Inline text={schema.description} />
              </p>
            ) : null}
            {/* Focusable: a wide schema scrolls sideways, and keyboard users must reach it. */}
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={`Schema ${name}`}>
              <SchemaView schema={schema} />
            </div>
          </div>
        ))}
      </section>
    </div>
  );
}
