// Page-load benchmark of the web app: how long the dashboard and a 200-subject mapping's pages
// take to become usable in headless Chromium, side by side with the same pages' finished HTML
// served by nginx as static files (the floor: the browser's own time to show that document).
//
// Usage: node bench/web_pages_bench.mjs [--runs N]   (default 10; needs web/dist, a contextmap
// build (CONTEXTMAP_BIN or build/ci, build/dev) and generate_partnership (GENERATOR or
// build/bench/generate_partnership: cmake --preset bench && cmake --build build/bench --target
// generate_partnership), nginx and Chromium (scripts/install-deps).
//
// The store: one mapping (map-0001) from generate_partnership --subjects 200 --links 400
// --information 400 --casework, and a chair who is a member of it. "Usable" means the page's
// main element is no longer busy (aria-busy goes when its data has loaded and been drawn) and
// its heading is on screen. A mapping page first asks why the user is looking (once per
// mapping per session); that question needs no data, so the figure is the load up to the
// question plus the time from the reason given to the page usable, without the typing.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, binary, codeFor, launch, newPage } from "../tests/browser/lib.mjs";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1] || 10) || 10;
const mapping = "map-0001";
const password = "bench-password-not-secret";
const today = new Date().toISOString().slice(0, 10);

function generator() {
  return process.env.GENERATOR ?? join(ROOT, "build/bench/generate_partnership");
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}
function p90(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.9) - 1)];
}

async function freePort() {
  const { createServer } = await import("node:net");
  return new Promise((ok) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function waitHttp(url, proc, log) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    if (proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer:\n${log()}`);
}

// --- the store and the server ---
const dir = mkdtempSync(join(tmpdir(), "contextmap-web-bench-"));
const bin = binary();
const cm = (args, input) =>
  execFileSync(bin, args, { cwd: dir, input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
const bundle = join(dir, "mapping.json");
execFileSync(generator(), [
  "--subjects", "200", "--links", "400", "--information", "400", "--casework",
  "--seed", "4", "--today", today, "--out", bundle,
]);
cm(["init"]);
cm(["import", "--reason", "web page benchmark", bundle]);
const added = cm(
  ["user", "add", "bench.chair", "--full-name", "Bench Chair", "--agency", "agy-01", "--role", "chair"],
  password + "\n",
);
const userId = /^Added \S+ \((.*)\)\.$/m.exec(added)?.[1];
const secret = /secret=([A-Z2-7]+)/.exec(added)?.[1];
writeFileSync(
  join(dir, "member.json"),
  JSON.stringify({
    format: "contextmap-bundle",
    format_version: 1,
    scope: "partnership",
    mapping_members: [{ id: "mem-bench-1", mapping_id: mapping, user_id: userId, added_on: today }],
  }),
);
cm(["import", "--reason", "web page benchmark member", join(dir, "member.json")]);

const port = await freePort();
const server = spawn(bin, ["serve", "--listen", `127.0.0.1:${port}`, "--web", join(ROOT, "web/dist")], {
  cwd: dir,
  stdio: ["ignore", "pipe", "pipe"],
});
let serverLog = "";
server.stdout.on("data", (d) => (serverLog += d));
server.stderr.on("data", (d) => (serverLog += d));
const url = `http://127.0.0.1:${port}`;
await waitHttp(url + "/api/v1/health", server, () => serverLog);
const srv = { url, credentials: { "bench.chair": { password, secret } }, lastStep: {}, cli: cm };

// --- nginx with the finished pages as static files ---
const www = join(dir, "www");
mkdirSync(www, { recursive: true });
cpSync(join(ROOT, "web/dist/assets"), join(www, "assets"), { recursive: true });
const nginxPort = await freePort();
writeFileSync(
  join(dir, "nginx.conf"),
  `daemon off; worker_processes 2; pid ${dir}/nginx.pid; error_log ${dir}/nginx-error.log warn;
events { worker_connections 256; }
http { access_log off; include /etc/nginx/mime.types; server { listen 127.0.0.1:${nginxPort};
root ${www}; location / { try_files $uri.html $uri =404; } } }`,
);

const browser = await launch();
const figures = [];
let nginx;
try {
  const page = await newPage(browser);
  await page.goto(url + "/sign-in");
  await page.getByLabel("Username").fill("bench.chair");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Security code").fill(await codeFor(srv, "bench.chair"));
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));

  const usable = () => page.waitForSelector("main:not([aria-busy]) h1", { timeout: 10000 });
  const subject = JSON.parse(
    await page.evaluate(
      async ([m]) =>
        JSON.stringify(
          await (
            await fetch(`/api/v1/mapping_subjects?mapping_id=${m}&limit=1`, {
              headers: { "ContextMap-Reason": "web page benchmark" },
            })
          ).json(),
        ),
      [mapping],
    ),
  ).items[0].subject_id;
  const pages = [
    { name: "dashboard", path: "/" },
    { name: "mappings", path: "/mappings" },
    { name: "mapping task list", path: `/mappings/${mapping}`, reason: true },
    { name: "subjects (200)", path: `/mappings/${mapping}/subjects`, reason: true },
    { name: "links (400)", path: `/mappings/${mapping}/links`, reason: true },
    { name: "actions", path: `/mappings/${mapping}/actions`, reason: true },
    { name: "a subject", path: `/subjects/${subject}?mapping=${mapping}`, reason: true },
  ];
  for (const p of pages) {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await page.goto(url + p.path);
      let waited = 0;
      if (p.reason) {
        const box = page.getByRole("textbox");
        await box.waitFor();
        const asked = performance.now();
        await box.fill("web page benchmark");
        const typed = performance.now();
        await page.getByRole("button", { name: "Continue" }).click();
        waited = typed - asked;
      }
      await usable();
      times.push(performance.now() - t0 - waited);
    }
    const html = await page.evaluate(() => "<!DOCTYPE html>\n" + document.documentElement.outerHTML);
    const file = p.name.replace(/[^a-z0-9]+/g, "-");
    writeFileSync(join(www, file + ".html"), html.replace(/<script[^>]*>[\s\S]*?<\/script>/g, ""));
    figures.push({ name: p.name, path: p.path, file, times });
  }

  execFileSync("chmod", ["-R", "a+rX", dir]);
  nginx = spawn("nginx", ["-c", join(dir, "nginx.conf")], { stdio: "ignore" });
  await waitHttp(`http://127.0.0.1:${nginxPort}/${figures[0].file}`, nginx, () => "nginx did not start");
  const plain = await newPage(browser);
  for (const f of figures) {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await plain.goto(`http://127.0.0.1:${nginxPort}/${f.file}`);
      await plain.waitForSelector("main h1");
      times.push(performance.now() - t0);
    }
    f.nginx = times;
  }
} finally {
  await browser.close();
  server.kill("SIGTERM");
  nginx?.kill("SIGTERM");
}

const ms = (x) => x.toFixed(0).padStart(6);
console.log(`\nweb pages: ${runs} loads each, headless Chromium, 200-subject mapping ${mapping}`);
console.log("page                  ContextMap median  p90 (ms)    nginx static median  p90 (ms)   ratio");
for (const f of figures) {
  console.log(
    `${f.name.padEnd(22)}${ms(median(f.times))} ${ms(p90(f.times))}             ` +
      `${ms(median(f.nginx))} ${ms(p90(f.nginx))}       ${(median(f.times) / median(f.nginx)).toFixed(1)}x`,
  );
}
console.log("goal: every page usable in under 1000 ms");
