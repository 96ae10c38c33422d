// Validates a Teams app manifest with Microsoft's @microsoft/app-manifest package, offline.
// Usage: node validate-manifest.mjs <path/to/manifest.json>
// Prints one JSON line {"manifestVersion", "schemaFile", "errors": [...]}; exit code 0 = valid, 1 = invalid, 2 = cannot validate.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// The package falls back to downloading a schema it does not ship; validation must never depend on the network.
globalThis.fetch = async (url) => {
  throw new Error(`network access is disabled during manifest validation (tried ${url})`);
};

const require = createRequire(import.meta.url);
const { AppManifestUtils, TeamsManifestConverter } = require("@microsoft/app-manifest");
const packageDir = path.dirname(require.resolve("@microsoft/app-manifest/package.json"));

function finish(code, report) {
  process.stdout.write(JSON.stringify(report) + "\n");
  process.exit(code);
}

const manifestPath = process.argv[2];
if (!manifestPath) {
  finish(2, { errors: ["usage: node validate-manifest.mjs <manifest.json>"] });
}

const text = readFileSync(manifestPath, "utf8").replace(/^\uFEFF/, "");
let manifest;
try {
  manifest = JSON.parse(text);
} catch (e) {
  finish(1, { errors: [`not valid JSON: ${e.message}`] });
}

const version = manifest.manifestVersion;
const schemaFile = path.join(packageDir, "build", "json-schemas", "teams", `v${version}`, "MicrosoftTeams.schema.json");
if (typeof version !== "string" || !existsSync(schemaFile)) {
  finish(2, { manifestVersion: version ?? null, errors: [`@microsoft/app-manifest ships no schema for manifestVersion '${version}'`] });
}

const expectedSchemaUrl = `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
const errors = [];
if (manifest.$schema !== expectedSchemaUrl) {
  errors.push(`$schema should be ${expectedSchemaUrl} for manifestVersion ${version}; got ${manifest.$schema}`);
}

// The package's own typed reader: it throws when a property has the wrong type.
try {
  TeamsManifestConverter.jsonToManifest(text);
} catch (e) {
  errors.push(`type check: ${e.message}`);
}

// Same clean-up the package applies to the schema files it loads (they contain \a and \v escapes JSON does not allow).
const schema = JSON.parse(readFileSync(schemaFile, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b"));
errors.push(...(await AppManifestUtils.validateAgainstSchema(manifest, schema)));

finish(errors.length === 0 ? 0 : 1, { manifestVersion: version, schemaFile: path.relative(packageDir, schemaFile), errors });
