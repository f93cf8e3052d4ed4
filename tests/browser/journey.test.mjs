// The journey of issue 10, end to end in Chromium, twice: once with the mouse and once with the
// keyboard alone (tests/browser/drivers.mjs). A chair signs in with the second factor, opens a
// peer-group mapping under a protocol, finds or adds three children, an adult of concern and a
// place, records graded information (a C item kept to her agency) and a sighting, holds the
// initial meeting (attendance, confidentiality, minutes in the profile's agenda), records
// factors and a risk category, raises an action and a key question, and adds a police
// practitioner as a member. He signs in, sees the mapping and not the C item, and closes the
// action with an update. Both sign out: the back button and the browser's storage then show no
// case data. Every page is screenshotted (build/browser/screenshots/journey-*) and checked with
// axe-core's WCAG 2.2 AA rules. Text typed into the record carries planted markup, which must
// show as text with nothing run.
import assert from "node:assert/strict";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Keyboard, Mouse } from "./drivers.mjs";
import {
  SCREENSHOTS,
  codeFor,
  expectAccessible,
  launch,
  newContext,
  screenshot,
  startServer,
} from "./lib.mjs";

const PLANT = `<img src=x onerror=alert(1)></script>javascript:alert(1)`;

/**
 * Gives the reason when the page asks why the user is looking (once per mapping per page
 * load), after waiting for the app to draw either the question or the page asked for.
 */
async function answerReason(page, driver, text) {
  await page.waitForSelector("#reason, main[aria-busy], main h1");
  const box = page.locator("#reason");
  if ((await box.count()) === 0) return;
  await driver.fill(box, text);
  await driver.click(
    page.getByRole("button", { name: "Continue", exact: true }),
  );
}

async function run(browser, Driver) {
  const server = await startServer();
  try {
    await journey(browser, Driver, server);
  } finally {
    server.stop();
  }
}

async function journey(browser, Driver, server) {
  const context = await newContext(browser);
  const page = await context.newPage();
  const d = new Driver(page);
  const tag = d.name;
  let shot = 0;
  const dialogs = [];
  page.on("dialog", (dlg) => {
    dialogs.push(dlg.message());
    void dlg.dismiss();
  });
  page.on("pageerror", (e) => {
    throw new Error(`${tag}: script error on ${page.url()}: ${e.message}`);
  });
  // A page is done when its data has loaded: then a screenshot and the WCAG check.
  const look = async (name) => {
    await page.waitForSelector("main:not([aria-busy])");
    await page.locator("h1").first().waitFor();
    shot += 1;
    await screenshot(
      page,
      `journey-${tag}-${String(shot).padStart(2, "0")}-${name}`,
    );
    await expectAccessible(page, `${tag}: ${name} (${page.url()})`);
    assert.equal(
      await page.locator("main img").count(),
      0,
      `${name}: no planted image`,
    );
    assert.equal(
      await page.locator('main a[href^="javascript"]').count(),
      0,
      `${name}: no planted javascript: link`,
    );
  };
  const byLabel = (text, exact = true) => page.getByLabel(text, { exact });
  const button = (name) => page.getByRole("button", { name, exact: true });
  const linkTo = (name) => page.getByRole("link", { name, exact: true });
  const date = async (id, iso) => {
    const [y, m, day] = iso.split("-");
    await d.fill(page.locator(`#${id}`), String(Number(day)));
    await d.fill(page.locator(`#${id}-month`), String(Number(m)));
    await d.fill(page.locator(`#${id}-year`), y);
  };
  const reason = (text) => answerReason(page, d, text);
  const today = new Date().toISOString().slice(0, 10);

  // On failure, the page as it was, to look at.
  const failed = async (e) => {
    await screenshot(page, `journey-${tag}-FAILED`).catch(() => {});
    throw e;
  };
  try {
    await steps();
  } catch (e) {
    await failed(e);
  }
  async function steps() {
    // --- 1. Sign in with the second factor ---
    await page.goto(server.url + "/");
    await page.waitForURL(/\/sign-in$/);
    await look("sign-in");
    await d.fill(byLabel("Username"), "priya.example");
    await d.fill(
      byLabel("Password"),
      server.credentials["priya.example"].password,
    );
    await d.click(button("Continue"));
    await page.waitForURL(/\/sign-in\/code$/);
    await look("sign-in-code");
    await d.fill(
      byLabel("Security code"),
      await codeFor(server, "priya.example"),
    );
    await d.click(button("Continue"));
    await page.waitForURL((u) => u.pathname === "/");
    await look("dashboard");

    // --- 2. Open a peer-group mapping under a protocol ---
    await d.click(linkTo("Mappings"));
    await page.waitForURL(/\/mappings$/);
    await look("mappings");
    await d.click(page.getByRole("button", { name: "Start a new mapping" }));
    await page.waitForURL(/\/mappings\/new/);
    await look("new-mapping-protocol");
    await d.check(
      page.getByLabel(/Multi-agency planning \(MAP\) meeting for CSE/),
    );
    await d.click(button("Continue"));
    await page.waitForURL(/profile=/);
    await d.check(byLabel("Peer group"));
    await d.check(page.locator("#trigger"));
    await date("trigger_date", today);
    const title = `Journey ${tag}: peer group at the skate park ${PLANT}`;
    await d.fill(byLabel("Title"), title);
    await d.fill(
      byLabel("Purpose and scope"),
      `Who is drawing the group in. ${PLANT}`,
    );
    await d.fill(
      byLabel("Objectives"),
      `Map the network ${PLANT}\nAgree actions`,
    );
    await d.check(byLabel("Port Fable"));
    await look("new-mapping-form");
    await d.click(button("Start mapping"));
    await page.waitForURL(/\/mappings\/map-/);
    await page.waitForSelector("main:not([aria-busy]) h1");
    const mappingPath = new URL(page.url()).pathname;
    await look("mapping-task-list");
    assert.ok(
      (await page.locator("h1").innerText()).includes("Journey"),
      "the new mapping's title",
    );

    // --- 3. Find or add three children, an adult of concern and a place ---
    await page.goto(server.url + mappingPath + "/subjects");
    await reason("Holding the journey's mapping meeting");
    await look("subjects-empty");
    const addNew = async (what, search, fields) => {
      await d.click(page.getByRole("button", { name: `Add ${what}` }).first());
      await page.waitForURL(/subjects\/add/);
      await reason("Holding the journey's mapping meeting");
      await d.fill(page.locator("#q"), search);
      await d.click(button("Search"));
      await page.waitForSelector("main:not([aria-busy])");
      await look(`add-${what.replace(/^an? /, "").replace(/ /g, "-")}-search`);
      await d.click(
        page.getByRole("button", { name: new RegExp(`^Add a new `) }),
      );
      await fields();
      await look(`add-${what.replace(/^an? /, "").replace(/ /g, "-")}-form`);
      await d.click(
        page.getByRole("button", { name: `Add ${what}`, exact: true }),
      );
      await page.waitForURL(/\/subjects$/);
      await page.waitForSelector("main:not([aria-busy])");
    };
    // An existing child from the partnership's records, found by the search.
    await d.click(page.getByRole("button", { name: "Add a child" }).first());
    await page.waitForURL(/subjects\/add/);
    await d.fill(page.locator("#q"), "Kai");
    await d.click(button("Search"));
    await page
      .getByRole("button", { name: "Add Kai Sample to this mapping" })
      .waitFor();
    await look("add-child-found");
    await d.click(
      page.getByRole("button", { name: "Add Kai Sample to this mapping" }),
    );
    await page.waitForURL(/\/subjects$/);
    await page.waitForSelector("main:not([aria-busy])");
    for (const [n, name] of [
      [1, "Jordan Journeyone"],
      [2, "Riley Journeytwo"],
    ]) {
      await addNew("a child", name, async () => {
        await d.fill(page.locator("#subject-full_name"), `${name} ${PLANT}`);
        await d.fill(
          page.locator("#subject-label"),
          `${name.split(" ")[0]} ${PLANT}`,
        );
        await date("subject-dob", `2011-0${String(n)}-1${String(n)}`);
      });
    }
    await addNew("an adult of concern", "Vince Journeyadult", async () => {
      await d.fill(
        page.locator("#subject-full_name"),
        `Vince Journeyadult ${PLANT}`,
      );
      await d.fill(page.locator("#subject-label"), `Vince ${PLANT}`);
      await d.check(page.locator("#subject-dob_precision-3")); // not known
    });
    await addNew("a place", "Skate park", async () => {
      await d.fill(page.locator("#subject-label"), `Skate park ${PLANT}`);
      await d.fill(page.locator("#subject-postcode"), "ZZ9 9ZZ");
    });
    await look("subjects-full");
    for (const name of [
      "Kai Sample",
      "Jordan",
      "Riley",
      "Vince",
      "Skate park",
    ]) {
      assert.ok(
        (await page.locator("main").innerText()).includes(name),
        `${name} on the mapping`,
      );
    }
    assert.ok(
      (await page.locator("main").innerText()).includes(PLANT),
      "planted text shown as text",
    );

    // --- 4. Graded information (a C item kept to CSC) and a sighting, on a child ---
    await d.click(page.getByRole("link", { name: `Jordan ${PLANT}` }).first());
    await page.waitForURL(/\/subjects\/sub-/);
    await look("subject");
    const subjectPath =
      new URL(page.url()).pathname + new URL(page.url()).search;
    await d.click(page.getByRole("button", { name: "Add information" }));
    await page.waitForURL(/\/information\/new/);
    const secret = "Jordan is paid in cash by Vince for errands";
    await d.fill(page.locator("#text"), `${secret} ${PLANT}`);
    await date("captured_on", today);
    await d.check(page.locator("#evidence"));
    await d.check(page.locator("#source-2"));
    await d.check(page.locator("#assessment-2"));
    await d.check(page.locator("#handling-2"));
    await d.fill(
      page.locator("#handling_conditions-text"),
      `Not to the family. ${PLANT}`,
    );
    await look("information-form");
    await d.click(button("Add the information"));
    await page.waitForURL((u) => u.pathname.startsWith("/subjects/"));
    await page.waitForSelector("main:not([aria-busy])");
    assert.ok(
      (await page.locator("main").innerText()).includes("2BC"),
      "the grade shown as 2BC",
    );
    await d.click(page.getByRole("button", { name: "Add a sighting" }));
    await page.waitForURL(/\/information\/new/);
    await d.fill(page.locator("#sighting-seen_time"), "17:30");
    await d.fill(
      page.locator("#sighting-location_description"),
      `By the ramps ${PLANT}`,
    );
    await d.fill(
      page.locator("#text"),
      `Seen with Vince at the skate park ${PLANT}`,
    );
    await d.check(page.locator("#evidence"));
    await d.check(page.locator("#source"));
    await d.check(page.locator("#assessment"));
    await look("sighting-form");
    await d.click(button("Add the sighting"));
    await page.waitForURL((u) => u.pathname.startsWith("/subjects/"));
    await look("subject-with-information");

    // --- 5. The initial meeting: attendance, confidentiality, minutes in the agenda ---
    await page.goto(server.url + mappingPath + "/meetings");
    await reason("Holding the journey's mapping meeting");
    await look("meetings");
    await d.click(page.getByRole("button", { name: "Arrange a meeting" }));
    await page.waitForURL(/meetings\/new/);
    await d.check(byLabel("Initial meeting"));
    await date("date", today);
    await d.fill(byLabel("Venue (optional)"), `Port Fable Family Hub ${PLANT}`);
    await look("arrange-meeting");
    await d.click(button("Arrange the meeting"));
    await page.waitForURL(/\/meetings\/mtg-/);
    await page.waitForSelector("main:not([aria-busy])");
    const meetingPath = new URL(page.url()).pathname;
    await look("meeting");
    await d.click(page.getByRole("button", { name: "Add an attendee" }));
    await page.waitForURL(/attendees\/new/);
    await d.select(
      byLabel("Member of this mapping (optional)"),
      await page.locator("#user_id option").nth(1).getAttribute("value"),
    );
    await d.check(byLabel("Present"));
    await d.check(byLabel("They have agreed to the confidentiality statement"));
    await look("attendee");
    await d.click(button("Add the attendee"));
    await page.waitForURL((u) => u.pathname === meetingPath);
    await page.waitForSelector("main:not([aria-busy])");
    await d.click(page.getByRole("button", { name: "Record the minutes" }));
    await page.waitForURL(/minutes$/);
    await d.fill(
      page.locator("#agenda-0-notes"),
      `Introductions and confidentiality read out. ${PLANT}`,
    );
    await d.fill(
      page.locator("#minutes"),
      `The group meets at the skate park after school. ${PLANT}`,
    );
    await look("minutes");
    await d.click(button("Save the minutes"));
    await page.waitForURL((u) => u.pathname === meetingPath);
    await look("meeting-with-minutes");

    // --- 6. Factors and a risk category ---
    await page.goto(server.url + mappingPath + "/factors");
    await reason("Holding the journey's mapping meeting");
    await look("factors");
    await d.click(
      page.getByRole("link", {
        name: new RegExp(`Record factors and risk for Jordan`),
      }),
    );
    await page.waitForSelector("main:not([aria-busy]) h1");
    await d.check(page.locator('input[type="checkbox"]').first());
    await d.click(button("Save factors"));
    await page.waitForSelector(
      "main:not([aria-busy]) .govuk-notification-banner",
    );
    await d.check(page.getByLabel(/Category 2/));
    await d.fill(
      page.locator("#rationale"),
      `Paid in cash for errands; seen with an adult. ${PLANT}`,
    );
    await look("factors-child");
    await d.click(button("Save risk category"));
    await page.waitForSelector(
      "main:not([aria-busy]) .govuk-notification-banner",
    );
    await look("factors-saved");

    // --- 8. A police practitioner is added as a member ---
    await page.goto(server.url + mappingPath + "/members");
    await reason("Holding the journey's mapping meeting");
    await look("members");
    await d.select(byLabel("Who needs to know?"), "usr-06");
    await d.click(button("Add member"));
    await page.waitForSelector(
      "main:not([aria-busy]) .govuk-notification-banner",
    );
    await look("members-added");

    // --- 7. An action and a key question, raised at the meeting ---
    await page.goto(server.url + meetingPath);
    await reason("Holding the journey's mapping meeting");
    await page.waitForSelector("main:not([aria-busy])");
    await d.click(page.getByRole("button", { name: "Add an action" }));
    await page.waitForURL(/actions\/new/);
    await d.fill(
      byLabel("What needs to be done?"),
      `Visit the skate park with the youth team ${PLANT}`,
    );
    await d.check(byLabel("Information gathering"));
    await d.select(byLabel("Owner"), "usr-06"); // Sam Pretend, police
    await date("due_on", today);
    await look("action-new");
    await d.click(button("Add the action"));
    await page.waitForURL((u) => u.pathname === meetingPath);
    await page.waitForSelector("main:not([aria-busy])");
    await d.click(page.getByRole("button", { name: "Add a key question" }));
    await page.waitForURL(/questions\/new/);
    await d.fill(
      byLabel("What does the network need to find out?"),
      `Where does Vince live? ${PLANT}`,
    );
    await d.select(page.locator("#owner_user_id"), "usr-06"); // Sam Pretend, police
    await look("question-new");
    await d.click(button("Add the key question"));
    await page.waitForURL((u) => u.pathname === meetingPath);
    await look("meeting-complete");

    // --- 9. He signs in, sees the mapping, not the C item; closes the action ---
    const context2 = await newContext(browser);
    const sam = await context2.newPage();
    const d2 = new Driver(sam);
    await sam.goto(server.url + "/sign-in");
    await d2.fill(sam.getByLabel("Username", { exact: true }), "sam.pretend");
    await d2.fill(
      sam.getByLabel("Password", { exact: true }),
      server.credentials["sam.pretend"].password,
    );
    await d2.click(sam.getByRole("button", { name: "Continue" }));
    await d2.fill(
      sam.getByLabel("Security code", { exact: true }),
      await codeFor(server, "sam.pretend"),
    );
    await d2.click(sam.getByRole("button", { name: "Continue" }));
    await sam.waitForURL((u) => u.pathname === "/");
    await sam.waitForSelector("main:not([aria-busy])");
    await screenshot(
      sam,
      `journey-${tag}-${String(++shot).padStart(2, "0")}-second-user-dashboard`,
    );
    await expectAccessible(sam, `${tag}: second user's dashboard`);
    assert.ok(
      (await sam.locator("main").innerText()).includes("Visit the skate park"),
      "his action on his dashboard",
    );
    await sam.goto(server.url + mappingPath);
    await answerReason(sam, d2, "Checking what I need for my action");
    await sam.waitForSelector("main:not([aria-busy]) h1");
    assert.ok(
      (await sam.locator("h1").first().innerText()).includes("Journey"),
      "he sees the mapping",
    );
    await screenshot(
      sam,
      `journey-${tag}-${String(++shot).padStart(2, "0")}-second-user-mapping`,
    );
    await expectAccessible(sam, `${tag}: second user's view of the mapping`);
    await sam.goto(server.url + subjectPath);
    await answerReason(sam, d2, "Checking what I need for my action");
    await sam.waitForSelector("main:not([aria-busy]) h1");
    await screenshot(
      sam,
      `journey-${tag}-${String(++shot).padStart(2, "0")}-second-user-subject`,
    );
    await expectAccessible(sam, `${tag}: second user's view of the child`);
    const seen = await sam.locator("main").innerText();
    assert.ok(seen.includes("Jordan"), "he sees the child");
    assert.ok(!seen.includes(secret), "he does not see the C item kept to CSC");
    assert.ok(!seen.includes("2BC"), "nor its grade");
    assert.ok(
      seen.includes("Seen with Vince"),
      "he sees the sighting (handling P)",
    );
    await d2.click(sam.getByRole("link", { name: "Dashboard", exact: true }));
    await sam.waitForSelector("main:not([aria-busy])");
    await d2.click(
      sam
        .getByRole("link", { name: new RegExp("Visit the skate park") })
        .first(),
    );
    await sam.waitForURL(/\/actions\//);
    await answerReason(sam, d2, "Closing my action");
    await sam.waitForSelector("main:not([aria-busy]) h1");
    await d2.fill(
      sam.getByLabel("What has happened?"),
      `Visited with the youth team; nobody there. ${PLANT}`,
    );
    await screenshot(
      sam,
      `journey-${tag}-${String(++shot).padStart(2, "0")}-second-user-action`,
    );
    await d2.click(sam.getByRole("button", { name: "Add the update" }));
    await sam.waitForSelector(
      "main:not([aria-busy]) .govuk-notification-banner",
    );
    await screenshot(
      sam,
      `journey-${tag}-${String(++shot).padStart(2, "0")}-second-user-action-updated`,
    );
    await expectAccessible(sam, `${tag}: the action with its update`);
    assert.ok(
      (await sam.locator("main").innerText()).includes("nobody there"),
      "the update is shown",
    );

    // The chair closes the action as done.
    await page.goto(server.url + mappingPath + "/actions");
    await reason("Holding the journey's mapping meeting");
    await page.waitForSelector("main:not([aria-busy])");
    await d.click(
      page
        .getByRole("link", { name: new RegExp("Visit the skate park") })
        .first(),
    );
    await page.waitForSelector("main:not([aria-busy]) h1");
    await d.fill(
      page.getByLabel("What has happened?"),
      `Closed: the youth team will keep visiting. ${PLANT}`,
    );
    await d.check(page.getByLabel("Done", { exact: true }));
    await d.click(button("Add the update"));
    await page.waitForSelector(
      "main:not([aria-busy]) .govuk-notification-banner",
    );
    await look("action-done");
    assert.ok(
      (await page.locator("main").innerText()).includes("Done"),
      "the action is done",
    );

    // --- 10. Sign out: no case data behind the back button or in storage ---
    for (const [who, p, dr] of [
      ["chair", page, d],
      ["second user", sam, d2],
    ]) {
      await dr.click(p.getByRole("link", { name: "Sign out", exact: true }));
      await p.waitForURL(/\/signed-out$/);
      const stored = await p.evaluate(async () => ({
        local: localStorage.length,
        session: sessionStorage.length,
        databases: (await indexedDB.databases()).length,
        caches: (await caches.keys()).length,
      }));
      assert.deepEqual(
        stored,
        { local: 0, session: 0, databases: 0, caches: 0 },
        `${who}: storage`,
      );
      await p.goBack();
      await p.waitForLoadState();
      await p.waitForTimeout(300);
      const after = await p.locator("body").innerText();
      for (const datum of [
        "Jordan",
        "Vince",
        "Journey",
        "skate park",
        secret,
      ]) {
        assert.ok(
          !after.includes(datum),
          `${who}: back after sign-out shows "${datum}"`,
        );
      }
    }
    if (tag === "mouse")
      await screenshot(page, `journey-${tag}-40-after-sign-out-back`);
    assert.deepEqual(dialogs, [], "nothing planted ran (no dialog opened)");
    await context.close();
    await context2.close();
  }
}

// Last run's pictures go, so the folder shows this run only.
try {
  for (const f of readdirSync(SCREENSHOTS))
    if (f.startsWith("journey-")) rmSync(join(SCREENSHOTS, f));
} catch (e) {
  if (e.code !== "ENOENT") throw e; // no folder yet is fine
}
const browser = await launch();
try {
  for (const Driver of [Mouse, Keyboard]) {
    const t0 = Date.now();
    await run(browser, Driver);
    console.log(
      `journey: ${new Driver(null).name}: passed (${Math.round((Date.now() - t0) / 1000)} s)`,
    );
  }
} finally {
  await browser.close();
}
