/** Health data must never sit in a browser's or a proxy's cache. */
const noStore = [{ key: "Cache-Control", value: "no-store, max-age=0" }];

/** On every answer. The Content-Security-Policy, with its per-request nonce, is set in proxy.ts. */
const security = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // same-origin, not no-referrer: under no-referrer a browser posting a form without JavaScript
  // sends "Origin: null", and Next refuses a server action whose origin is not this site's. Other
  // sites still get no referrer (a personal link's address never leaves).
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "X-Frame-Options", value: "DENY" },
  // HSTS only from a production build: browsers would otherwise refuse plain http://localhost later.
  ...(process.env.NODE_ENV === "production"
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];

/**
 * Server actions may be posted only from the app's own address (BETTER_AUTH_URL): Next compares
 * Origin with the Host (or a forwarded host, which our server removes unless a proxy is trusted).
 */
const appHost = new URL(process.env.BETTER_AUTH_URL || "http://localhost:3000").host;

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The database drivers load from node_modules at run time, never bundled (better-sqlite3 is a
  // native addon; pg has optional native parts it looks for at run time); so does pdfkit, which
  // reads its font data files next to its code.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg", "pdfkit"],
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    serverActions: {
      allowedOrigins: [appHost],
      // An intake at its longest is under 64 KB; proxy.ts refuses anything past 128 KB with a 413
      // before Next reads it (MAX_ACTION_BODY_BYTES in lib/http/request-shape.ts).
      bodySizeLimit: "128kb",
    },
    // The copy of a request body that proxy.ts reads to check an action's size and shape.
    proxyClientMaxBodySize: "256kb",
    // forbidden(): a signed-in therapist who is not the owner gets a 403 on the owner's pages.
    authInterrupts: true,
  },
  async headers() {
    return [
      { source: "/:path*", headers: security },
      { source: "/dashboard", headers: noStore },
      { source: "/dashboard/:path*", headers: noStore },
      { source: "/login", headers: noStore },
      { source: "/login/:path*", headers: noStore },
      { source: "/two-factor", headers: noStore },
      { source: "/set-password/:path*", headers: noStore },
      // A personal link's page may hold a returning client's answers.
      { source: "/i/:path*", headers: noStore },
    ];
  },
};

export default nextConfig;
