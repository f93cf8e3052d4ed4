// What the browser tests share: a server on a fresh demo store, Debian's Chromium driven by
// playwright-core (headless), signing in through the pages with a real second-factor code,
// screenshots of every page, and axe-core's WCAG 2.2 AA check.
//
// Packages come from web/node_modules (scripts/install-deps runs `npm ci` there); Chromium is
// Debian's /usr/bin/chromium. Screenshots go to build/browser/screenshots/ unless
// CONTEXTMAP_SCREENSHOTS names another folder.
import { spawn, execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const webRequire = createRequire(join(ROOT, "web/package.json"));
const { chromium } = webRequire("playwright-core");
const AXE_SOURCE = readFileSync(
  webRequire.resolve("axe-core/axe.min.js"),
  "utf8",
);

export const SCREENSHOTS = resolve(
  process.env.CONTEXTMAP_SCREENSHOTS ?? join(ROOT, "build/browser/screenshots"),
);

/** The contextmap binary: CONTEXTMAP_BIN, else the CI build, else the dev build. */
export function binary() {
  // Absolute: the servers run in their own temporary folders.
  if (process.env.CONTEXTMAP_BIN) return resolve(process.env.CONTEXTMAP_BIN);
  for (const preset of ["ci", "dev", "release"]) {
    const p = join(ROOT, "build", preset, "contextmap");
    try {
      readFileSync(p, { flag: "r" }).length;
      return p;
    } catch {
      // try the next
    }
  }
  throw new Error(
    "no contextmap binary: build first (cmake --build --preset dev)",
  );
}

async function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) for a base32 secret, at `when` (ms). */
export function totp(secret, when = Date.now()) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secret.replace(/=+$/, "").toUpperCase()) {
    const v = alphabet.indexOf(c);
    if (v < 0) throw new Error("not base32: " + secret);
    bits += v.toString(2).padStart(5, "0");
  }
  const key = Buffer.alloc(Math.floor(bits.length / 8));
  for (let i = 0; i < key.length; i++)
    key[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(when / 30000)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
  return String(n).padStart(6, "0");
}

/** The accounts `contextmap demo` gives a password (DemoSignInUsernames in src/demo). */
export const DEMO_ACCOUNTS = [
  "priya.example",
  "hannah.fictional",
  "sam.pretend",
  "grace.madeup",
  "robert.placeholder",
  "alex.placeholder",
];

/**
 * A server on a new demo store in a temporary folder, signed into as a newcomer would: the
 * password `contextmap demo` prints, and the code from `contextmap demo code`. Other demo
 * accounts named in `accounts` get a password and second factor from `user reset`.
 */
export async function startServer(accounts = []) {
  const dir = mkdtempSync(join(tmpdir(), "contextmap-browser-"));
  const bin = binary();
  const run = (args, input) =>
    execFileSync(bin, args, {
      cwd: dir,
      input,
      encoding: "utf8",
      stdio: ["pipe", "pipe", "pipe"],
    });
  const demoOut = run(["demo"]);
  const demoPassword = /demo-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}/.exec(
    demoOut,
  )?.[0];
  if (!demoPassword)
    throw new Error("contextmap demo printed no password:\n" + demoOut);
  const credentials = {};
  for (const username of DEMO_ACCOUNTS)
    credentials[username] = { password: demoPassword };
  for (const username of accounts) {
    if (DEMO_ACCOUNTS.includes(username)) continue;
    const password = `demo-${username}-password`;
    const out = run(["user", "reset", username], password + "\n");
    const secret = /secret=([A-Z2-7]+)/.exec(out)?.[1];
    if (!secret) throw new Error("no second-factor secret for " + username);
    credentials[username] = { password, secret };
  }
  const port = await freePort();
  const server = spawn(
    bin,
    ["serve", "--listen", `127.0.0.1:${port}`, "--web", join(ROOT, "web/dist")],
    {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let log = "";
  server.stdout.on("data", (d) => (log += d));
  server.stderr.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const res = await fetch(url + "/api/v1/health");
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (i > 100 || server.exitCode !== null)
      throw new Error("the server did not start:\n" + log);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dir,
    credentials,
    log: () => log,
    /** Runs `contextmap` on this server's store (e.g. to check the audit log). */
    cli: (args, input) => run(args, input),
    lastStep: {},
    stop: () => {
      server.kill("SIGTERM");
    },
  };
}

/** Debian's Chromium, headless, with nothing that reaches the internet. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * How long one step may wait (a page to load, a control to appear). scripts/test runs the
 * browser tests while the sanitizer tree builds on the same two cores, where playwright's 30 s
 * default was seen to run out on a loaded machine.
 */
export const STEP_TIMEOUT_MS = 90000;

/** A new browser context (its own cookies and storage), 1280 wide, with STEP_TIMEOUT_MS. */
export async function newContext(browser) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  return context;
}

/** A new browser context (its own cookies and storage) and page, 1280 wide. */
export async function newPage(browser) {
  const context = await newContext(browser);
  const page = await context.newPage();
  page.on("pageerror", (e) => {
    throw new Error("script error on the page: " + e.message);
  });
  return page;
}

/**
 * The current second-factor code for `username`. A code's 30-second step can be used once
 * (replays are refused), so a second sign-in of the same account waits for the next step.
 */
export async function codeFor(server, username) {
  const step = () => Math.floor(Date.now() / 30000);
  while (server.lastStep[username] === step())
    await new Promise((r) => setTimeout(r, 500));
  server.lastStep[username] = step();
  const { secret } = server.credentials[username];
  return secret ? totp(secret) : server.cli(["demo", "code", username]).trim();
}

/** Signs in through the two sign-in pages; ends on the page the app lands on. */
export async function signIn(page, server, username) {
  const { password } = server.credentials[username];
  await page.goto(server.url + "/sign-in");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Security code").fill(await codeFor(server, username));
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
}

/** Saves a full-page screenshot as SCREENSHOTS/NAME.png and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, name + ".png");
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** axe-core's WCAG 2.2 A and AA rules on the page as it is; returns the violations. */
export async function axe(page) {
  await page.evaluate((source) => {
    if (!window.axe) {
      // A script element would need the CSP's nonce; evaluating the source needs none.
      (0, eval)(source);
    }
  }, AXE_SOURCE);
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
      },
    }),
  );
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
  }));
}

/** Fails with the violations listed when axe finds any. */
export async function expectAccessible(page, what) {
  const violations = await axe(page);
  if (violations.length > 0) {
    throw new Error(
      `${what}: WCAG 2.2 AA violations:\n${JSON.stringify(violations, null, 2)}`,
    );
  }
}
