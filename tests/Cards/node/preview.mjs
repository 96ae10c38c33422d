// Writes one HTML page per card template (expanded with its NAME.data.json) for cards/preview.sh to screenshot.
// Usage: node preview.mjs <cards folder> <output folder>
// Prints "name height" per page; the height is a rough estimate of the card's length for the window size.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import * as ACData from "adaptivecards-templating";

const [cardsDir, outDir] = process.argv.slice(2).map((p) => resolve(p));
mkdirSync(outDir, { recursive: true });
const here = new URL(".", import.meta.url);
const script = (path) => new URL(path, here).href;

for (const file of readdirSync(cardsDir).filter((f) => f.endsWith(".json") && !f.endsWith(".data.json")).sort()) {
  const name = file.slice(0, -".json".length);
  const template = JSON.parse(readFileSync(join(cardsDir, file), "utf8"));
  const data = JSON.parse(readFileSync(join(cardsDir, `${name}.data.json`), "utf8"));
  const card = new ACData.Template(template).expand({ $root: data });
  const json = JSON.stringify(card).replace(/</g, "\\u003c");
  const elements = (JSON.stringify(card).match(/"type":/g) || []).length;
  const height = Math.min(3000, 320 + elements * 20);
  writeFileSync(join(outDir, `${name}.html`), `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>${name}</title>
<script src="${script("node_modules/markdown-it/dist/markdown-it.min.js")}"></script>
<script src="${script("node_modules/adaptivecards/dist/adaptivecards.min.js")}"></script>
<style>body{margin:0;padding:16px;background:#f5f5f5;font-family:"Segoe UI",sans-serif}#card{max-width:480px;background:#fff;border:1px solid #ddd;border-radius:6px}</style>
</head><body><div id="card"></div><script>
const card = new AdaptiveCards.AdaptiveCard();
card.parse(${json});
document.getElementById("card").appendChild(card.render());
</script></body></html>
`);
  console.log(`${name} ${height}`);
}
