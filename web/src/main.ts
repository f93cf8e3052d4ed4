// The entry point: GOV.UK Frontend's styles and "supported" flag, then the app.
import "./styles.scss";
import "./moj.scss";

import { App } from "./app";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
void new App(document.body).start();
