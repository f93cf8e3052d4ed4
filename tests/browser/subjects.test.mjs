// Browser checks of the subject pages (issue 10): find a person, a mapping's subjects and
// adding them (search first), links in words and adding one, a subject's page and changing it
// (a 412 keeps what was typed), adding graded information and a sighting; a handling-code-C
// item kept from another agency's user; a non-member's view of a subject is the page for a
// missing id. Every page: a screenshot and axe-core's WCAG 2.2 AA rules; markup and
// script-like text planted in every text field shows as text, with nothing run.
//
// Usage: node tests/browser/subjects.test.mjs (after `npx vite build` in web/).
import assert from "node:assert/strict";

import {
  expectAccessible,
  launch,
  newPage,
  screenshot,
  signIn,
  startServer,
} from "./lib.mjs";

const PLANT = `<img src=x onerror=alert(1)> </script> javascript:alert(1)`;
const KESTREL = "map-county-line";

let checks = 0;
function ok(what) {
  checks++;
  console.log("ok - " + what);
}

/** Fails on any dialog (a planted alert that ran) or any element a planted string became. */
function guard(page) {
  page.on("dialog", async (d) => {
    await d.dismiss();
    throw new Error("a dialog opened: planted script ran: " + d.message());
  });
}

async function nothingPlantedRan(page, what) {
  const found = await page.evaluate(() => ({
    img: document.querySelectorAll('img[src="x"], img[onerror]').length,
    js: document.querySelectorAll('a[href^="javascript:"]').length,
    scripts: Array.from(document.scripts).filter((s) => !s.src).length,
  }));
  assert.deepEqual(
    found,
    { img: 0, js: 0, scripts: 0 },
    what + ": planted markup became elements",
  );
}

async function shown(page, what, name) {
  await screenshot(page, "subjects-" + name);
  await expectAccessible(page, what);
  await nothingPlantedRan(page, what);
  ok(what + " (screenshot subjects-" + name + ", axe clean)");
}

/** Answers the "why are you viewing" question if it is asked. */
async function giveReason(
  page,
  reason = "Preparing for the review meeting " + PLANT,
) {
  const box = page.locator("textarea#reason");
  await box.waitFor({ timeout: 5000 });
  await box.fill(reason);
  await page.getByRole("button", { name: "Continue" }).click();
  await box.waitFor({ state: "detached" });
}

/** Loads `path` afresh (a new document: the reason is asked again) and answers the reason. */
async function open(page, server, path) {
  await page.goto(server.url + path);
  await page.locator("main h1").first().waitFor();
  if (await page.locator("textarea#reason").count()) await giveReason(page);
}

async function waitForHeading(page, text) {
  await page
    .locator("main h1", { hasText: text })
    .first()
    .waitFor({ timeout: 10000 });
}

async function fillDate(page, id, iso) {
  const [y, m, d] = iso.split("-");
  await page.fill(`#${id}`, String(Number(d)));
  await page.fill(`#${id}-month`, String(Number(m)));
  await page.fill(`#${id}-year`, y);
}

function isoDaysAgo(n) {
  const d = new Date(Date.now() - n * 86400000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

const server = await startServer([
  "priya.example",
  "sam.pretend",
  "dan.testcase",
]);
const hasSearch = server.cli(["openapi"]).includes('"/api/v1/search"');
const browser = await launch();
try {
  // ---------------------------------------------------------------- priya.example, CSC chair
  const page = await newPage(browser);
  guard(page);
  if (!hasSearch) {
    // Until the api branch's search reaches this binary: answer as it will, from the demo.
    console.log(
      "note - this server has no GET /api/v1/search yet: searches are answered by the test",
    );
    await page.route("**/api/v1/search?**", (route) => {
      const q = new URL(route.request().url()).searchParams.get("q") ?? "";
      const kai = {
        subject: {
          id: "sub-child-03",
          kind: "child",
          label: "Kai Sample",
          full_name: "Kai Sample",
          aliases: ["KJ"],
          dob: "2010-09-17",
          dob_precision: "exact",
          gender: "male",
          area_id: "area-mockbury",
        },
        mappings: [
          {
            id: KESTREL,
            title: "Network - county line to the coast",
            status: "active",
          },
          {
            id: "map-place-bronze",
            title:
              "Place - Mockfield Recreation Ground and Mockfield Parade (bronze)",
            status: "active",
          },
        ],
      };
      const results = /^kai/i.test(q) ? [kai] : [];
      return route.fulfill({
        status: 200,
        contentType: "application/json",
        body: JSON.stringify({ results, more: false }),
      });
    });
  }
  await signIn(page, server, "priya.example");

  // The mapping's subjects, grouped as the protocol does.
  await page.goto(`${server.url}/mappings/${KESTREL}/subjects`);
  await shown(page, "the reason question", "reason");
  await giveReason(page);
  await waitForHeading(page, "People, places and groups");
  for (const h of [
    "Children",
    "Adults of concern",
    "Places",
    "Groups",
    "Key contacts",
  ])
    assert.ok(
      await page.locator("main h2", { hasText: h }).count(),
      "group heading " + h,
    );
  assert.ok(await page.getByRole("link", { name: "Kai Sample" }).count());
  await shown(page, "a mapping's subjects", "mapping-subjects");

  // Add a child: search first, then a new one.
  await page.getByRole("button", { name: "Add a child" }).click();
  await waitForHeading(page, "Add a child");
  await page.fill("#q", "Kai");
  await page.getByRole("button", { name: "Search" }).click();
  await page.locator("#results-heading").waitFor();
  assert.ok(
    await page.getByText("Already on this mapping").count(),
    "Kai is already on it",
  );
  await shown(page, "add a child: search results", "add-child-search");
  // A search for nothing is refused with an error summary naming the field.
  await page.fill("#q", "");
  await page.getByRole("button", { name: "Search" }).click();
  await page.locator(".govuk-error-summary").waitFor();
  assert.match(
    await page.locator(".govuk-error-summary").innerText(),
    /Enter a name/,
  );
  await shown(
    page,
    "add a child: search with nothing typed",
    "add-child-search-error",
  );
  await page.fill("#q", "Casey " + PLANT);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("button", { name: "Add a new child" }).click();
  await waitForHeading(page, "Add a new child");
  assert.equal(
    await page.inputValue("#subject-full_name"),
    "Casey " + PLANT,
    "the name searched is offered",
  );
  await page.fill("#subject-full_name", "Casey Newperson " + PLANT);
  await page.fill("#subject-label", "Casey " + PLANT);
  await page.fill("#subject-aliases", "Case " + PLANT + "\nCJ");
  await fillDate(page, "subject-dob", "2011-04-09");
  await page.check("#subject-gender"); // female
  await page.selectOption("#subject-agency_records-0-agency_id", "agy-csc");
  await page.fill("#subject-agency_records-0-reference", "CSC-" + PLANT);
  await page.fill("#subject-description", "Year 10. " + PLANT);
  await shown(page, "add a new child: the form", "add-child-new");
  // A date of birth that is not a date is named in the error summary; nothing is sent.
  await page.fill("#subject-dob-month", "13");
  await page.getByRole("button", { name: "Add a child" }).click();
  await page.locator(".govuk-error-summary").waitFor();
  assert.match(
    await page.locator(".govuk-error-summary").innerText(),
    /Date of birth must be a real date/,
  );
  await shown(page, "add a new child: an error", "add-child-error");
  await page.fill("#subject-dob-month", "4");
  await page.getByRole("button", { name: "Add a child" }).click();
  await waitForHeading(page, "People, places and groups");
  await page.getByText("Casey " + PLANT + " added to the mapping").waitFor();
  assert.ok(
    await page.getByRole("link", { name: "Casey " + PLANT }).count(),
    "the new child is listed, as text",
  );
  await shown(
    page,
    "a mapping's subjects after adding a child",
    "mapping-subjects-added",
  );
  ok("a new child and their place on the mapping were added in one call");

  // Add a place: the server's postcode check is shown on the field.
  await open(page, server, `/mappings/${KESTREL}/subjects/add?role=place`);
  await waitForHeading(page, "Add a place");
  await page.fill("#q", "Harbour");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("button", { name: "Add a new place" }).click();
  await page.fill("#subject-label", "Harbour kiosk " + PLANT);
  await page.fill("#subject-address", "1 Quay Street " + PLANT);
  await page.fill("#subject-postcode", PLANT);
  await page.selectOption("#subject-venue_type", "takeaway");
  await page.getByRole("button", { name: "Add a place" }).click();
  await page.locator(".govuk-error-summary").waitFor();
  assert.match(
    await page.locator(".govuk-error-summary").innerText(),
    /Postcode/,
  );
  assert.equal(
    await page.inputValue("#subject-label"),
    "Harbour kiosk " + PLANT,
    "what was typed is kept",
  );
  await shown(
    page,
    "add a place: the server refuses the postcode",
    "add-place-error",
  );
  await page.fill("#subject-postcode", "ZZ9 4QP");
  await page.getByRole("button", { name: "Add a place" }).click();
  await page
    .getByText("Harbour kiosk " + PLANT + " added to the mapping")
    .waitFor();
  ok("a new place was added after the server's error was fixed");

  // Add a group.
  await open(page, server, `/mappings/${KESTREL}/subjects/add?role=group`);
  await page.fill("#q", "Quay crew");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("button", { name: "Add a new group" }).click();
  await page.fill("#subject-label", "Quay crew " + PLANT);
  await page.check("#subject-group_type"); // peer group
  await page.fill("#subject-description", PLANT);
  await shown(page, "add a new group: the form", "add-group-new");
  await page.getByRole("button", { name: "Add a group" }).click();
  await page
    .getByText("Quay crew " + PLANT + " added to the mapping")
    .waitFor();
  ok("a new group was added");

  // Pick someone already recorded on another mapping: only their place here is created.
  if (hasSearch) {
    await open(page, server, `/mappings/${KESTREL}/subjects/add?role=child`);
    await page.fill("#q", "Zara");
    await page.getByRole("button", { name: "Search" }).click();
    await page
      .getByRole("button", { name: "Add Zara Testcase to this mapping" })
      .click();
    await page.getByText("Zara Testcase added to the mapping").waitFor();
    ok("a child found on another mapping was added to this one");
  }

  // Links in words, and adding one.
  await open(page, server, `/mappings/${KESTREL}/links`);
  await waitForHeading(page, "Links");
  assert.ok(await page.getByText("was recruited by").count());
  await shown(page, "a mapping's links", "links");
  await page.getByRole("button", { name: "Add a link" }).click();
  await waitForHeading(page, "Add a link");
  await page.selectOption("#from_subject_id", { label: "Casey " + PLANT });
  await page.selectOption("#type", "friend");
  await page.selectOption("#to_subject_id", { label: "Kai Sample" });
  await page.check("#valence-2"); // harmful
  await page.check("#strength-2"); // medium
  await fillDate(page, "started_on", isoDaysAgo(30));
  await page.fill("#notes", "Met at the kiosk " + PLANT);
  await shown(page, "add a link: the form", "add-link");
  await page.getByRole("button", { name: "Add the link" }).click();
  await page.getByText("Link added").waitFor();
  assert.ok(
    await page.getByText("Met at the kiosk " + PLANT).count(),
    "the link's notes are shown as text",
  );
  await shown(page, "a mapping's links after adding one", "links-added");

  // Graded information with handling code C, kept to the CSC.
  const secret = "Disclosed to her social worker only " + Date.now();
  await open(page, server, `/subjects/sub-child-03?mapping=${KESTREL}`);
  await waitForHeading(page, "Kai Sample");
  await page.getByRole("button", { name: "Add information" }).click();
  await waitForHeading(page, "Add information");
  await page.fill("#text", secret + " " + PLANT);
  await fillDate(page, "captured_on", isoDaysAgo(2));
  await page.check("#evidence"); // evidenced
  await page.check("#source"); // 1
  await page.check("#assessment-2"); // B
  await page.check("#handling-2"); // C
  await page.fill("#handling_conditions-text", "Not to the family. " + PLANT);
  await shown(
    page,
    "add information: a C item's conditions",
    "add-information",
  );
  await page.getByRole("button", { name: "Add the information" }).click();
  await page.getByText("Information added").waitFor();
  assert.ok(
    await page.getByText(secret + " " + PLANT).count(),
    "the item is shown to its own agency",
  );
  assert.ok(
    await page.getByText("1BC", { exact: false }).count(),
    "the grade reads 1BC",
  );
  ok("graded information (1BC) added");

  // A sighting.
  await page.getByRole("button", { name: "Add a sighting" }).click();
  await waitForHeading(page, "Add a sighting");
  await fillDate(page, "sighting-seen_on", isoDaysAgo(1));
  await page.fill("#sighting-seen_time", "21:40");
  await page.selectOption("#sighting-location_subject_id", {
    label: "Harbour kiosk " + PLANT,
  });
  await page.fill("#sighting-location_description", "By the bins " + PLANT);
  await page.getByLabel("Tyler Invented").check();
  await page.fill("#sighting-seen_by", "Priya Example " + PLANT);
  await page.fill("#text", "Seen sharing a bag " + PLANT);
  await page.check("#evidence");
  await page.check("#source");
  await page.check("#assessment");
  await shown(page, "add a sighting: the form", "add-sighting");
  await page.getByRole("button", { name: "Add the sighting" }).click();
  await page.getByText("Sighting added").waitFor();
  assert.ok(await page.getByText("Seen sharing a bag " + PLANT).count());
  await shown(
    page,
    "a subject's page with information, sightings and chronology",
    "subject",
  );
  const firstEntry = await page
    .locator(".moj-timeline__item")
    .first()
    .innerText();
  assert.match(
    firstEntry,
    /Seen at Harbour kiosk/,
    "the newest entry comes first",
  );
  ok("the sighting leads the chronology");

  // Change a subject's details; a change made meanwhile elsewhere is a 412 that keeps the typing.
  await open(page, server, `/mappings/${KESTREL}/subjects`);
  await page.getByRole("link", { name: "Casey " + PLANT }).click();
  await waitForHeading(page, "Casey");
  await shown(page, "a new subject's page", "subject-new");
  const changeUrl =
    (await page
      .getByRole("link", { name: /Change\s+description/ })
      .getAttribute("href")) ?? "";
  await open(page, server, changeUrl);
  await waitForHeading(page, "Change details");
  await shown(page, "change a subject's details", "subject-change");
  const other = await page.context().newPage();
  guard(other);
  await open(other, server, changeUrl); // a new document asks the reason again
  await waitForHeading(other, "Change details");
  await other.fill("#description", "Changed in another tab");
  await other.getByRole("button", { name: "Save changes" }).click();
  await other.getByText("Details saved").waitFor();
  await other.close();
  await page.fill("#description", "Typed here " + PLANT);
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.locator(".govuk-error-summary").waitFor();
  assert.match(
    await page.locator(".govuk-error-summary").innerText(),
    /Someone else changed this record/,
  );
  assert.equal(
    await page.inputValue("#description"),
    "Typed here " + PLANT,
    "a 412 keeps what was typed",
  );
  await shown(
    page,
    "change a subject: a conflicting change",
    "subject-change-conflict",
  );
  ok("a 412 says so and keeps what was typed");

  // Find a person (reason scope "search").
  await page.goto(`${server.url}/find`);
  await giveReason(page, "Checking whether a child is already known " + PLANT);
  await waitForHeading(page, "Find a person or place");
  await page.fill("#q", "Kai");
  await page.getByRole("button", { name: "Search" }).click();
  await page.locator("#results-heading").waitFor();
  assert.ok(await page.getByRole("link", { name: "Kai Sample" }).count());
  assert.ok(
    await page
      .getByRole("link", { name: "Network - county line to the coast" })
      .count(),
  );
  await shown(page, "find a person: results", "find");

  // A subject reached outside a mapping asks for its own reason (scope "subject:ID").
  await page.goto(`${server.url}/subjects/sub-child-06`);
  await giveReason(page);
  await waitForHeading(page, "Tyler Invented");
  await shown(
    page,
    "a subject's page reached outside a mapping",
    "subject-outside",
  );

  // ------------------------------------------------------- sam.pretend, police practitioner
  const sam = await newPage(browser);
  guard(sam);
  await signIn(sam, server, "sam.pretend");
  await sam.goto(`${server.url}/subjects/sub-child-03?mapping=${KESTREL}`);
  await giveReason(sam);
  await waitForHeading(sam, "Kai Sample");
  const body = await sam.locator("main").innerText();
  assert.ok(
    !body.includes(secret),
    "a C item kept to the CSC is not shown to the police",
  );
  assert.ok(!body.includes("1BC"), "nor its grade");
  assert.ok(body.includes("Seen sharing a bag"), "the P sighting is shown");
  await shown(
    sam,
    "another agency's view of the subject",
    "subject-other-agency",
  );
  ok(
    "a C item restricted to the first agency is not shown to another agency, nor counted",
  );

  // ----------------------------------------- dan.testcase, on neither of Ruby Example's mappings
  const dan = await newPage(browser);
  guard(dan);
  await signIn(dan, server, "dan.testcase");
  const view = async (path) => {
    await dan.goto(server.url + path);
    await giveReason(dan, "Same reason");
    await dan.locator("main h1").waitFor();
    await dan.waitForFunction(
      () => !document.querySelector("main .app-loading"),
    );
    return {
      title: await dan.title(),
      main: await dan.locator("main").evaluate((m) => m.outerHTML),
    };
  };
  const hidden = await view("/subjects/sub-child-01");
  const missing = await view("/subjects/no-such-id");
  assert.equal(hidden.title, missing.title);
  assert.equal(hidden.main, missing.main);
  assert.match(hidden.title, /Page not found/);
  await shown(dan, "a non-member's view of a subject", "subject-not-member");
  ok("a non-member's view of a subject is the page for a missing id");
} finally {
  await browser.close();
  server.stop();
}
console.log(`subjects: ${checks} checks passed`);
