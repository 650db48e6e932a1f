// Renders every ```mermaid block of the Markdown files in DOCS_DIR with the mermaid package of the
// repository's node_modules, in Debian's chromium driven by playwright-core (the browser the web
// app's test uses), and saves a picture of each diagram as it was laid out in the page (PNG) to
// DIAGRAM_DIR.
//
//   DOCS_DIR=docs DIAGRAM_DIR=local/target/diagrams node local/src/test/browser/render-diagrams.mjs
//
// Prints one line per diagram, "rendered <file>#<n> <type>" or "FAILED <file>#<n>: <mermaid's
// message>", then "diagrams: <rendered> rendered, <failed> failed". Exits non-zero if any diagram
// failed or none was found. DiagramsRenderTest runs it during `mvn verify`.
import { chromium } from "playwright-core";
import { mkdtemp, mkdir, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

const DOCS_DIR = path.resolve(requiredEnv("DOCS_DIR"));
const DIAGRAM_DIR = path.resolve(requiredEnv("DIAGRAM_DIR"));
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
// The browser build of mermaid (one file, no imports), from the package the build installed.
const MERMAID_PACKAGE = createRequire(import.meta.url).resolve("mermaid/package.json");
const MERMAID = path.join(path.dirname(MERMAID_PACKAGE), "dist", "mermaid.min.js");
// Without these, chromium reaches out to the network at start; this machine has none.
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-quic"];

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(name + " is not set");
  return value;
}

/** Every mermaid block of every Markdown file in the directory, in file and then document order. */
async function diagrams(dir) {
  const found = [];
  const files = (await readdir(dir)).filter((name) => name.endsWith(".md")).sort();
  for (const file of files) {
    const text = await readFile(path.join(dir, file), "utf8");
    let n = 0;
    for (const match of text.matchAll(/^```mermaid[ \t]*\r?\n([\s\S]*?)^```[ \t]*$/gm)) {
      n++;
      found.push({ file, n, code: match[1] });
    }
  }
  return found;
}

const blocks = await diagrams(DOCS_DIR);
const profile = await mkdtemp(path.join(tmpdir(), "concert-browser-diagrams-"));
let context;
let rendered = 0;
let failed = 0;
try {
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
  const problems = [];
  // The diagrams need nothing from the network: every request is refused and reported.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("data:") || url === "about:blank") return route.continue();
    problems.push("request outside the page: " + url);
    return route.abort();
  });
  const page = context.pages()[0] || await context.newPage();
  await page.setViewportSize({ width: 1600, height: 1200 });
  page.on("pageerror", (error) => problems.push("uncaught error in the page: " + error.message));
  await page.setContent("<!doctype html><html><head><meta charset=\"utf-8\"></head><body></body></html>");
  await page.addScriptTag({ path: MERMAID });
  await page.evaluate(() => window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" }));
  const { version } = JSON.parse(await readFile(MERMAID_PACKAGE, "utf8"));
  console.log(`mermaid ${version}: ${blocks.length} diagram(s) in ${DOCS_DIR}`);
  await mkdir(DIAGRAM_DIR, { recursive: true });

  for (const block of blocks) {
    const name = `${block.file}#${block.n}`;
    const result = await page.evaluate(async ({ code, id }) => {
      try {
        const parsed = await window.mermaid.parse(code);
        const { svg } = await window.mermaid.render(id, code);
        return { type: parsed.diagramType, svg };
      } catch (error) {
        return { error: String(error && error.message ? error.message : error) };
      }
    }, { code: block.code, id: `diagram-${blocks.indexOf(block)}` });
    if (result.error || !result.svg || !result.svg.includes("<svg")) {
      failed++;
      console.log(`FAILED ${name}: ${(result.error || "no SVG").split("\n").join(" ")}`);
      continue;
    }
    // Laid out in the page, as a reader's browser would show it, and photographed.
    await page.evaluate((svg) => { document.body.innerHTML = svg; }, result.svg);
    const box = await page.locator("body > svg").boundingBox();
    if (!box || box.width < 50 || box.height < 50) {
      failed++;
      console.log(`FAILED ${name}: laid out in ${box ? Math.round(box.width) + "x" + Math.round(box.height) : "no"} pixels`);
      continue;
    }
    await page.locator("body > svg").screenshot({ path: path.join(DIAGRAM_DIR, `${block.file.replace(/\.md$/, "")}-${block.n}.png`) });
    rendered++;
    console.log(`rendered ${name} ${result.type} (${Math.round(box.width)}x${Math.round(box.height)} px)`);
  }
  for (const problem of problems) {
    failed++;
    console.log("FAILED " + problem);
  }
} finally {
  await context?.close().catch(() => {});
  await rm(profile, { recursive: true, force: true }).catch(() => {});
}
console.log(`diagrams: ${rendered} rendered, ${failed} failed`);
process.exit(failed > 0 || blocks.length === 0 ? 1 : 0);
