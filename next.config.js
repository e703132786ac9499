/** Health data must never sit in a browser's or a proxy's cache. */
const noStore = [{ key: "Cache-Control", value: "no-store, max-age=0" }];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3"],
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [
      { source: "/dashboard", headers: noStore },
      { source: "/dashboard/:path*", headers: noStore },
      { source: "/login", headers: noStore },
    ];
  },
};

export default nextConfig;
