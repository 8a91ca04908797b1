// Bundles web/src/main.ts into ../src/SoundGraph.Api/wwwroot/app.js (minified, with a source map) and copies
// index.html and the CSS beside it. `node build.mjs --outdir DIR` writes elsewhere (the dev server uses dev/.out);
// `--watch` rebuilds on change. Type checking is `tsc --noEmit` (npm run build runs both).
import { build, context } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const outIndex = args.indexOf("--outdir");
const outdir = outIndex >= 0 ? resolve(args[outIndex + 1]) : resolve(here, "../src/SoundGraph.Api/wwwroot");
const watch = args.includes("--watch");

/** The static files copied as they are: index.html and every stylesheet at the top of web/. */
function copyStatic() {
  mkdirSync(outdir, { recursive: true });
  const files = ["index.html", ...readdirSync(here).filter((f) => f.endsWith(".css"))];
  for (const f of files) copyFileSync(join(here, f), join(outdir, f));
}

const options = {
  entryPoints: [join(here, "src/main.ts")],
  outfile: join(outdir, "app.js"),
  bundle: true,
  minify: true,
  sourcemap: true,
  format: "iife",
  target: ["es2022"],
  legalComments: "linked",
  logLevel: "warning",
  plugins: [{ name: "copy-static", setup(b) { b.onEnd(() => copyStatic()); } }],
};

if (watch) {
  const ctx = await context(options);
  await ctx.watch();
  console.log(`watching; writing to ${outdir}`);
} else {
  await build(options);
  console.log(`built ${join(outdir, "app.js")}`);
}
