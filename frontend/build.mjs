// Builds build/static/: compiled CSS, the GOV.UK and MOJ scripts and assets, and our own script.
import { cpSync, mkdirSync, writeFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build", "static");
const nm = join(root, "node_modules");
mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "js"), { recursive: true });

const css = sass.compile(join(root, "frontend", "app.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter(root)],
  loadPaths: [root],
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin", "slash-div", "color-functions", "if-function"],
});
writeFileSync(join(out, "css", "app.css"), css.css);

// One assets folder for both (MOJ Frontend sets GOV.UK Frontend's asset path to its own).
cpSync(join(nm, "govuk-frontend", "dist", "govuk", "assets"), join(out, "assets"), { recursive: true });
cpSync(join(nm, "govuk-frontend", "dist", "govuk", "govuk-frontend.min.js"), join(out, "govuk", "govuk-frontend.min.js"));
cpSync(join(nm, "@ministryofjustice", "frontend", "moj", "assets"), join(out, "assets"), { recursive: true });
cpSync(join(nm, "@ministryofjustice", "frontend", "moj", "moj-frontend.min.js"), join(out, "moj", "moj-frontend.min.js"));
writeFileSync(join(out, "js", "app.mjs"), readFileSync(join(root, "frontend", "app.mjs")));
console.log("built", out);
