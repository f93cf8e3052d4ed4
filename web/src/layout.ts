// The frame every page is drawn in: the OFFICIAL-SENSITIVE banner at the top and bottom, the
// skip link, the generic GOV.UK header (no crown: this is not a GOV.UK service), the service
// navigation (Sign out when signed in), the main column and the footer.
import { h } from "./dom";

export const SERVICE_NAME = "ContextMap";

export interface Frame {
  readonly main: HTMLElement;
  /** Where the signed-in user's links go (Sign out); empty when signed out. */
  readonly navigation: HTMLElement;
  /** The bar around `navigation`: hidden while it is empty (no empty landmark). */
  readonly navigationBar: HTMLElement;
}

function classificationBanner(position: "top" | "bottom"): HTMLElement {
  return h(
    "div",
    { class: "app-classification app-classification--" + position },
    h("p", { class: "app-classification__text" }, "OFFICIAL-SENSITIVE"),
  );
}

/** Draws the frame into `body` (replacing what is there) and returns its slots. */
export function drawFrame(body: HTMLElement): Frame {
  const main = h("main", { class: "govuk-main-wrapper", id: "main-content", tabindex: "-1" });
  const navigation = h("ul", { class: "govuk-service-navigation__list", id: "navigation" });
  const navigationBar = h(
    "section",
    { class: "govuk-service-navigation", "aria-label": "Service information", hidden: true },
    h(
      "div",
      { class: "govuk-width-container" },
      h(
        "div",
        { class: "govuk-service-navigation__container" },
        h("nav", { "aria-label": "Menu", class: "govuk-service-navigation__wrapper" }, navigation),
      ),
    ),
  );
  body.replaceChildren(
    h(
      "a",
      { href: "#main-content", class: "govuk-skip-link", "data-module": "govuk-skip-link" },
      "Skip to main content",
    ),
    classificationBanner("top"),
    h(
      "header",
      { class: "govuk-generic-header" },
      h(
        "div",
        { class: "govuk-generic-header__container govuk-width-container" },
        h(
          "div",
          { class: "govuk-generic-header__logo" },
          h("a", { href: "/", class: "govuk-generic-header__homepage-link" }, SERVICE_NAME),
        ),
      ),
    ),
    navigationBar,
    h("div", { class: "app-page-body" }, h("div", { class: "govuk-width-container" }, main)),
    h(
      "footer",
      { class: "govuk-footer" },
      h(
        "div",
        { class: "govuk-width-container" },
        h(
          "div",
          { class: "govuk-footer__meta" },
          h(
            "div",
            { class: "govuk-footer__meta-item govuk-footer__meta-item--grow" },
            h(
              "p",
              { class: "govuk-body-s" },
              "ContextMap keeps case records of children at risk. Every view and change is recorded with your name.",
            ),
          ),
        ),
      ),
    ),
    classificationBanner("bottom"),
  );
  return { main, navigation, navigationBar };
}

/** One link in the service navigation. */
export function navigationItem(text: string, href: string): HTMLElement {
  return h(
    "li",
    { class: "govuk-service-navigation__item" },
    h("a", { class: "govuk-service-navigation__link", href }, text),
  );
}
