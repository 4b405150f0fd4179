// Starts GOV.UK Frontend's components. Everything works without it; it only adds behaviour.
import { initAll } from "../build/govuk/govuk-frontend.min.js";

initAll();
