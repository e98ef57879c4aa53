// Starts GOV.UK Frontend and MOJ Frontend components. Pages work without it.
import { initAll } from "/static/govuk/govuk-frontend.min.js";
import { initAll as mojInitAll } from "/static/moj/moj-frontend.min.js";

initAll();
mojInitAll();
