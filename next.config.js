/** @type {import("next").NextConfig} */
const nextConfig = {
  // Native and worker-spawning packages stay outside the server bundle.
  serverExternalPackages: [
    "isolated-vm",
    "better-sqlite3",
    "sql.js",
    "@prisma/schema-engine-wasm",
    "prom-client",
  ],
  poweredByHeader: false,
  // Type checking runs as its own step of `npm test` (npm run typecheck), over the whole repository
  // including tests and scripts; `npm start` should not spend a minute repeating it.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
