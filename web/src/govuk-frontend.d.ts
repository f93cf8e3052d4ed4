// The parts of GOV.UK Frontend's JavaScript this app uses (the package ships no types).
declare module "govuk-frontend" {
  /** Focuses the summary and moves focus to the field a link in it names. */
  export class ErrorSummary {
    constructor($root: Element | null);
  }
}
