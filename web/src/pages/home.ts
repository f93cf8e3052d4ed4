// The dashboard (/): the signed-in user's open actions and key questions (overdue first), the
// mappings they chair or belong to with what is due next, and everything due in the next 7
// days across them, from GET /api/v1/dashboard. A strategic viewer sees no case records and
// starts at the overview instead.
import type { App, PageContext } from "../app";
import { loadDashboard, type Dashboard, type DueItem } from "../dashboard";
import { h } from "../dom";
import { heading, link, para, sectionHeading, table } from "../display";
import { formatDate, label } from "../format";
import { flashBanner, loadPage } from "../page";
import { recordHref } from "../work";
import { overdueTag, statusTag } from "./work_shared";

const ROLE_ON_MAPPING: Readonly<Record<string, string>> = {
  chair: "Chair",
  co_chair: "Co-chair",
  member: "Member",
};

/** A date with the red "Overdue" tag after it when the server says it is overdue. */
function due(date: string, overdue: boolean): HTMLElement {
  return h(
    "span",
    {},
    formatDate(date) || "No date",
    overdue ? " " : null,
    overdue ? overdueTag() : null,
  );
}

/** What is due, as a link to its record when it has a page. */
function dueWhat(item: DueItem): HTMLElement | string {
  const href = recordHref(item.kind, item.record_id);
  return href === null ? item.what : link(item.what, href);
}

function empty(text: string): HTMLElement {
  return para(text);
}

function actionsSection(d: Dashboard): HTMLElement[] {
  const out = [sectionHeading("Your actions")];
  if (d.actions.length === 0) return [...out, empty("You have no open actions.")];
  out.push(
    table(
      "Your open actions, overdue first",
      [{ text: "Action" }, { text: "Mapping" }, { text: "Due" }, { text: "Status" }],
      d.actions.map((a) => [
        link(a.description, `/actions/${encodeURIComponent(a.id)}`),
        link(a.mapping_title, `/mappings/${encodeURIComponent(a.mapping_id)}`),
        due(a.due_on, a.overdue),
        statusTag(a.status),
      ]),
      { hiddenCaption: true },
    ),
  );
  return out;
}

function questionsSection(d: Dashboard): HTMLElement[] {
  const out = [sectionHeading("Your key questions")];
  if (d.key_questions.length === 0) return [...out, empty("You have no open key questions.")];
  out.push(
    table(
      "Your open key questions, overdue first",
      [{ text: "Key question" }, { text: "Mapping" }, { text: "Due" }, { text: "Status" }],
      d.key_questions.map((q) => [
        link(q.question, `/questions/${encodeURIComponent(q.id)}`),
        link(q.mapping_title, `/mappings/${encodeURIComponent(q.mapping_id)}`),
        due(q.due_on, q.overdue),
        statusTag(q.status),
      ]),
      { hiddenCaption: true },
    ),
  );
  return out;
}

function mappingsSection(d: Dashboard): HTMLElement[] {
  const out = [sectionHeading("Your mappings")];
  if (d.mappings.length === 0)
    return [...out, empty("You are not the chair or a member of any open mapping.")];
  out.push(
    table(
      "Mappings you chair or belong to",
      [{ text: "Mapping" }, { text: "Your role" }, { text: "Status" }, { text: "Next due" }],
      d.mappings.map((m) => [
        h(
          "span",
          {},
          link(m.title, `/mappings/${encodeURIComponent(m.id)}`),
          h("span", { class: "govuk-body-s app-secondary-line" }, label(m.kind)),
        ),
        ROLE_ON_MAPPING[m.role] ?? label(m.role),
        label(m.status),
        m.next_due === null
          ? "Nothing due"
          : h(
              "span",
              {},
              dueWhat(m.next_due),
              h("br", {}),
              due(m.next_due.due, m.next_due.overdue),
            ),
      ]),
      { hiddenCaption: true },
    ),
  );
  return out;
}

function weekSection(d: Dashboard): HTMLElement[] {
  const out = [sectionHeading("Overdue, and due in the next 7 days")];
  if (d.due_this_week.length === 0)
    return [...out, empty("Nothing is due in your mappings in the next 7 days.")];
  out.push(
    table(
      "Everything due in your mappings in the next 7 days, and anything overdue",
      [{ text: "Due" }, { text: "What" }, { text: "Mapping" }],
      d.due_this_week.map((item) => [
        due(item.due, item.overdue),
        dueWhat(item),
        link(item.mapping_title, `/mappings/${encodeURIComponent(item.mapping_id)}`),
      ]),
      { hiddenCaption: true },
    ),
  );
  return out;
}

/** The dashboard page. */
export function homePage(app: App, ctx: PageContext): void {
  const session = app.session;
  if (session === null) return;
  // Neither sees case records (docs/ARCHITECTURE.md, "Access control"): each starts where
  // their work is.
  if (session.user.role === "strategic_viewer") {
    app.router.navigate("/overview", { replace: true });
    return;
  }
  if (session.user.role === "administrator") {
    app.router.navigate("/admin", { replace: true });
    return;
  }
  const u = session.user;
  void loadPage(app, ctx, async () => {
    const d = await loadDashboard(app.api);
    if (!ctx.isCurrent()) return;
    app.setTitle("Dashboard");
    const who = u.agency_name ? `${u.full_name}, ${u.agency_name}` : u.full_name;
    const overdue =
      d.actions.filter((a) => a.overdue).length + d.key_questions.filter((q) => q.overdue).length;
    ctx.main.replaceChildren(
      h(
        "div",
        { class: "govuk-grid-row" },
        h(
          "div",
          { class: "govuk-grid-column-full" },
          flashBanner(app),
          heading("Dashboard", who),
          para(
            `Today is ${formatDate(d.today)}. `,
            overdue === 0
              ? "Nothing of yours is overdue."
              : `${String(overdue)} of your actions and key questions ${overdue === 1 ? "is" : "are"} overdue.`,
          ),
          ...actionsSection(d),
          ...questionsSection(d),
          ...mappingsSection(d),
          ...weekSection(d),
          para(
            `You will be signed out after ${String(Math.round(session.idle_timeout_seconds / 60))} minutes without using ContextMap.`,
          ),
        ),
      ),
    );
  });
}
