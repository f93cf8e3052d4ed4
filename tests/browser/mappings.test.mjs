// The mappings pages in Debian's Chromium: the list and its filter (kept in the URL through
// reload and back), starting a new mapping under a protocol (errors named, then saved), the
// mapping's task list, and its task pages (details with a 412 conflict, agency submissions,
// factors and a risk category, referrals, snapshots, closure). Every page is screenshotted
// and checked with axe-core; every text field offered gets markup and script-like text, which
// must show as plain text with nothing run. A non-member sees exactly the page a missing id
// gives. Run: node tests/browser/mappings.test.mjs (after `npx vite build` in web/).
import assert from "node:assert/strict";

import {
  expectAccessible,
  launch,
  newPage,
  screenshot,
  signIn,
  startServer,
} from "./lib.mjs";

const PLANT = "Kai <img src=x onerror=alert(1)> </script> javascript:alert(1)";
const results = { passed: 0, failed: 0 };

const server = await startServer(["priya.example", "dan.testcase"]);
const browser = await launch();

/** A page that fails the test if anything opens a dialog (a planted alert running). */
async function watchedPage() {
  const page = await newPage(browser);
  page.on("dialog", async (d) => {
    await d.dismiss();
    throw new Error("a dialog opened: planted script ran: " + d.message());
  });
  return page;
}

async function step(name, fn) {
  try {
    await fn();
    results.passed++;
    console.log("ok - " + name);
  } catch (e) {
    results.failed++;
    console.log(
      "not ok - " + name + "\n  " + String(e.stack ?? e).replace(/\n/g, "\n  "),
    );
  }
}

/** Waits for the page's heading, then screenshots it and runs axe. */
async function look(page, name) {
  await page.waitForSelector("main h1");
  await screenshot(page, "mappings-" + name);
  await expectAccessible(page, name);
}

/** Answers "Why are you viewing this mapping?" when it is asked. */
async function giveReason(page, reason = "Preparing for the review meeting") {
  await page.waitForSelector("main h1, main #reason");
  if ((await page.locator("main #reason").count()) > 0) {
    await page.fill("#reason", reason);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForFunction(
      () => document.querySelector("main #reason") === null,
    );
  }
}

/** The planted text shows as text: present in main's text, no element or link made of it. */
async function expectPlainText(page, what, times = 1) {
  const found = await page.evaluate((plant) => {
    const main = document.querySelector("main");
    const text = main.innerText;
    let count = 0;
    for (let i = text.indexOf(plant); i >= 0; i = text.indexOf(plant, i + 1))
      count++;
    return {
      count,
      images: main.querySelectorAll("img").length,
      scriptLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
      scripts: Array.from(document.scripts).filter((s) =>
        s.textContent.includes("alert"),
      ).length,
    };
  }, PLANT);
  assert.ok(
    found.count >= times,
    `${what}: planted text shown ${found.count} times, wanted ${times}`,
  );
  assert.equal(found.images, 0, `${what}: an <img> was made from planted text`);
  assert.equal(found.scriptLinks, 0, `${what}: a javascript: link was made`);
  assert.equal(
    found.scripts,
    0,
    `${what}: a script was made from planted text`,
  );
}

let newId = "";
const page = await watchedPage();
try {
  await signIn(page, server, "priya.example");

  await step(
    "the list shows the user's mappings, and the filter lives in the URL",
    async () => {
      await page.goto(server.url + "/mappings");
      await look(page, "list");
      const rows = page.locator("main table tbody tr");
      assert.equal(
        await rows.count(),
        4,
        "priya is a member of four demo mappings",
      );
      await page.getByLabel("Place", { exact: true }).check();
      await page.getByLabel("Active", { exact: true }).check();
      await page.getByRole("button", { name: "Apply filters" }).click();
      await page.waitForURL((u) => u.search === "?status=active&kind=place");
      await page.waitForSelector("main .moj-filter__selected");
      assert.equal(await rows.count(), 1);
      await look(page, "list-filtered");
      await page.reload();
      await page.waitForSelector("main table");
      assert.equal(await rows.count(), 1, "reload keeps the filter");
      assert.ok(await page.getByLabel("Place", { exact: true }).isChecked());
      // Removing one filter by its tag, then back restores it.
      await page
        .getByRole("link", { name: "Remove this filter Place" })
        .click();
      await page.waitForURL((u) => u.search === "?status=active");
      await page.waitForFunction(
        () => document.querySelectorAll("main table tbody tr").length === 3,
      );
      await page.goBack();
      await page.waitForURL((u) => u.search === "?status=active&kind=place");
      await page.waitForFunction(
        () => document.querySelectorAll("main table tbody tr").length === 1,
      );
      // Words in the query are dropped, never shown.
      await page.goto(
        server.url +
          "/mappings?area=" +
          encodeURIComponent(PLANT) +
          "&status=x",
      );
      await page.waitForSelector("main table");
      assert.equal(await rows.count(), 4);
      assert.equal(await page.locator(".moj-filter__selected").count(), 0);
    },
  );

  await step(
    "starting a mapping: protocol first, every problem named, then saved",
    async () => {
      await page.goto(server.url + "/mappings");
      await page.getByRole("button", { name: "Start a new mapping" }).click();
      await look(page, "new-protocol");
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForSelector(".govuk-error-summary");
      await page
        .getByLabel(/Multi-agency planning \(MAP\) meeting for CSE/)
        .check();
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForURL(
        (u) =>
          u.pathname === "/mappings/new" && u.search.startsWith("?profile="),
      );
      await look(page, "new-form");
      await page.getByRole("button", { name: "Start mapping" }).click();
      await page.waitForSelector(".govuk-error-summary");
      const summary = await page.locator(".govuk-error-summary").innerText();
      for (const words of [
        "title",
        "kind of mapping",
        "started the mapping",
        "trigger date",
      ])
        assert.match(
          summary.toLowerCase(),
          new RegExp(words),
          `the summary names ${words}`,
        );
      assert.match(await page.title(), /^Error: /);
      await screenshot(page, "mappings-new-errors");
      await expectAccessible(page, "new mapping with errors");

      await page.getByLabel("Individual", { exact: true }).check();
      await page.check("#trigger");
      await page.fill("#trigger_date", "20");
      await page.fill("#trigger_date-month", "11");
      await page.fill("#trigger_date-year", "2026");
      await page.getByLabel("Title", { exact: true }).fill(PLANT);
      await page.getByLabel("Purpose and scope").fill(PLANT);
      await page.getByLabel("Objectives").fill(PLANT + "\nKeep her safe");
      await page.getByLabel("Mockbury").check();
      await page.getByRole("button", { name: "Start mapping" }).click();
      await page.waitForURL(
        (u) =>
          /^\/mappings\/[^/]+$/.test(u.pathname) &&
          u.pathname !== "/mappings/new",
      );
      newId = decodeURIComponent(new URL(page.url()).pathname.split("/")[2]);
      await page.waitForSelector(".govuk-notification-banner");
      assert.match(
        await page.locator(".govuk-notification-banner").innerText(),
        /Mapping started/,
      );
      await look(page, "new-saved");
      // Title (heading), purpose and one objective.
      await expectPlainText(page, "the new mapping's page", 3);
      assert.equal(
        await page.locator("main h1").innerText(),
        "Mapping\n" + PLANT,
      );
      assert.match(
        await page.locator("#tasks-5-2-status").innerText(),
        /Not started/,
      );
    },
  );

  await step(
    "a mapping's task list: summary, statuses from the record, links in words",
    async () => {
      await page.goto(server.url + "/mappings/map-county-line");
      await look(page, "task-list-reason");
      await giveReason(page);
      await look(page, "task-list");
      const main = await page.locator("main").innerText();
      assert.match(main, /Network - county line to the coast/);
      assert.match(main, /Priya Example/);
      assert.match(
        await page.locator("#tasks-2-1-status").innerText(),
        /children/,
      );
      assert.match(
        await page.locator("#tasks-4-2-status").innerText(),
        /overdue/,
      );
      assert.equal(
        await page.locator("#tasks-4-2-status .govuk-tag--red").count(),
        1,
      );
      assert.ok(
        (await page.locator("#links li").count()) > 10,
        "the links are listed in words",
      );
      // The reason is asked once per mapping per session: a link inside the app does not ask.
      await page.getByRole("link", { name: "Referrals" }).click();
      await page.waitForSelector("main h1");
      assert.equal(await page.locator("main #reason").count(), 0);
    },
  );

  await step(
    "details: a change saved with If-Match; a conflict keeps what was typed",
    async () => {
      await page.goto(server.url + `/mappings/${newId}/details`);
      await giveReason(page);
      await look(page, "details");
      // Someone else saves a change in another window first.
      const other = await page.context().newPage();
      await other.goto(server.url + `/mappings/${newId}/details`);
      await giveReason(other);
      await other.waitForSelector("main form");
      await other
        .getByLabel("Purpose and scope")
        .fill(PLANT + " (changed elsewhere)");
      await other.getByRole("button", { name: "Save changes" }).click();
      await other.waitForSelector(".govuk-notification-banner");
      await other.close();
      await page
        .getByLabel("Objectives")
        .fill(PLANT + "\nA new objective typed here");
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.waitForSelector(".govuk-error-summary");
      assert.match(
        await page.locator(".govuk-error-summary").innerText(),
        /Someone else changed this record/,
      );
      assert.equal(
        await page.getByLabel("Objectives").inputValue(),
        PLANT + "\nA new objective typed here",
        "what was typed is still there",
      );
      await screenshot(page, "mappings-details-conflict");
      await expectAccessible(page, "details conflict");
      await page.reload();
      await giveReason(page);
      await page.waitForSelector("main form");
      await page
        .getByLabel("Objectives")
        .fill(PLANT + "\nA new objective typed here");
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.waitForSelector(".govuk-notification-banner");
      assert.match(
        await page.locator("main").innerText(),
        /A new objective typed here/,
      );
      await expectPlainText(page, "the changed mapping", 3);
    },
  );

  await step(
    "agency submissions: the checklist, and one added with every section",
    async () => {
      await page.goto(server.url + "/mappings/map-county-line/submissions");
      await giveReason(page);
      await look(page, "submissions");
      for (const id of [
        "concerns",
        "linked_people",
        "linked_contexts",
        "key_contacts",
        "key_questions",
      ])
        await page.fill("#entry-" + id, PLANT);
      await page.selectOption("#entry-concerns-subject", {
        label: "Kai Sample",
      });
      await page.getByRole("button", { name: "Save submission" }).click();
      await page.waitForSelector(".govuk-notification-banner");
      assert.match(
        await page.locator(".govuk-notification-banner").innerText(),
        /Submission sent/,
      );
      await look(page, "submissions-added");
      await expectPlainText(page, "the submission", 5);
    },
  );

  await step(
    "factors and risk: checklist, a factor in own words, a risk category decision",
    async () => {
      await page.goto(server.url + "/mappings/map-individual-cse/factors");
      await giveReason(page);
      await look(page, "factors");
      await page
        .getByRole("link", { name: "Record factors and risk for Ruby Example" })
        .click();
      await page.waitForSelector("main form");
      await look(page, "factors-child");
      await page.getByLabel("Current concern").check();
      await page.fill("#text", PLANT);
      await page.getByRole("button", { name: "Save factors" }).click();
      await page.waitForSelector(".govuk-notification-banner");
      await expectPlainText(page, "the factor");
      const decisions = page.locator("main table").first().locator("tbody tr");
      const before = await decisions.count();
      await page.getByRole("button", { name: "Save risk category" }).click();
      await page.waitForSelector(".govuk-error-summary");
      assert.match(
        await page.locator(".govuk-error-summary").innerText(),
        /rationale/i,
      );
      await page.getByLabel("Category 2 (medium risk)").check();
      await page.fill("#rationale", PLANT);
      await page.getByRole("button", { name: "Save risk category" }).click();
      await page
        .locator(".govuk-notification-banner", {
          hasText: "Risk category saved",
        })
        .waitFor();
      await page.waitForSelector("main table");
      assert.equal(
        await decisions.count(),
        before + 1,
        "the earlier decisions are kept",
      );
      await look(page, "factors-child-saved");
      await expectPlainText(page, "the factor and the rationale", 2);
    },
  );

  await step("referrals: listed, flagged, and one added", async () => {
    await page.goto(server.url + "/mappings/map-county-line/referrals");
    await giveReason(page);
    await look(page, "referrals");
    await page.getByRole("button", { name: "Save referral" }).click();
    await page.waitForSelector(".govuk-error-summary");
    await page.selectOption("#subject_id", { label: "Kai Sample (child)" });
    await page.selectOption("#target", "childrens_social_care");
    await page.fill("#target_detail", PLANT);
    await page.fill("#outcome", PLANT);
    await page.getByRole("button", { name: "Save referral" }).click();
    await page.waitForSelector(".govuk-notification-banner");
    await look(page, "referrals-added");
    await expectPlainText(page, "the referral", 2);
  });

  await step("snapshots: one taken from the current map", async () => {
    await page.goto(server.url + "/mappings/map-county-line/snapshots");
    await giveReason(page);
    await look(page, "snapshots");
    await page.getByLabel("Title").fill(PLANT);
    await page.getByRole("button", { name: "Take snapshot" }).click();
    await page.waitForSelector(".govuk-notification-banner");
    await look(page, "snapshots-taken");
    await expectPlainText(page, "the snapshot");
    const card = await page.locator(".govuk-summary-card").first().innerText();
    assert.match(card, /Kai Sample/);
    assert.match(card, /\d+ links/);
  });

  await step(
    "closure: the server's rules, then closed with a summary",
    async () => {
      await page.goto(server.url + `/mappings/${newId}/closure`);
      await giveReason(page);
      await look(page, "closure");
      await page.getByRole("button", { name: "Close mapping" }).click();
      await page.waitForSelector(".govuk-error-summary");
      await page.fill("#closure_summary", PLANT);
      await page.getByRole("button", { name: "Close mapping" }).click();
      await page.waitForSelector(".govuk-notification-banner");
      assert.match(
        await page.locator(".govuk-notification-banner").innerText(),
        /Mapping closed/,
      );
      assert.match(await page.locator("main").innerText(), /Closed/);
      await page.getByRole("link", { name: "Closure" }).click();
      await page.waitForSelector("main h1");
      await look(page, "closure-closed");
      await expectPlainText(page, "the closure summary", 2);
    },
  );
} finally {
  await page.close();
}

await step(
  "a non-member sees exactly the page a missing id gives",
  async () => {
    const outsider = await watchedPage();
    await signIn(outsider, server, "dan.testcase");
    const pageFor = async (id) => {
      await outsider.goto(server.url + "/mappings/" + id);
      await outsider.waitForSelector("main #reason");
      const asked = [
        await outsider.title(),
        await outsider.locator("main").innerHTML(),
      ];
      await giveReason(outsider, "Checking a record");
      await outsider.waitForSelector("main h1");
      return {
        asked,
        shown: [
          await outsider.title(),
          await outsider.locator("main").innerHTML(),
        ],
      };
    };
    const hidden = await pageFor("map-county-line");
    const missing = await pageFor("no-such-id");
    assert.deepEqual(
      hidden.asked,
      missing.asked,
      "the reason question is the same",
    );
    assert.deepEqual(hidden.shown, missing.shown, "the page shown is the same");
    assert.match(hidden.shown[0], /^Page not found/);
    await screenshot(outsider, "mappings-not-found");
    await expectAccessible(outsider, "not found");
    // The same for a task page inside the mapping.
    await outsider.goto(server.url + "/mappings/map-county-line/referrals");
    await giveReason(outsider, "Checking a record");
    await outsider.waitForSelector("main h1");
    assert.equal(await outsider.locator("main").innerHTML(), missing.shown[1]);
    await outsider.close();
  },
);

await browser.close();
server.stop();
console.log(`${results.passed} passed, ${results.failed} failed`);
process.exit(results.failed === 0 ? 0 : 1);
