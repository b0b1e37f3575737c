// Validates Kubernetes manifests and Dapr resources, one JSON line per document on stdout:
//   {"file", "index", "apiVersion", "kind", "name", "errors": [...]}
// Kubernetes kinds with the kubernetes-models validators (the API's OpenAPI schemas, compiled); Dapr kinds with ajv
// against Dapr's own CRD schemas (../DaprCrds), refusing unknown fields where the schema does not keep them, as the
// API server's strict field validation does. Kustomization files are reported, not validated (the tests check them).
// Usage: node validate-manifests.mjs FILE...
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";

const crdDirectory = fileURLToPath(new URL("../DaprCrds/", import.meta.url));
const ajv = new Ajv({ strict: false, allErrors: true });
// OpenAPI's number and string formats: the type check is what matters here.
for (const format of ["int32", "int64", "byte", "date-time", "duration"]) ajv.addFormat(format, true);
const daprValidators = new Map();

function strict(schema) {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== "object") return schema;
  const copy = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!key.startsWith("x-kubernetes-")) copy[key] = strict(value);
  }
  if (copy.properties && copy.additionalProperties === undefined && !schema["x-kubernetes-preserve-unknown-fields"]) {
    copy.additionalProperties = false;
  }
  return copy;
}

function loadDaprCrds() {
  for (const file of ["components", "configuration", "resiliency", "subscription"]) {
    for (const document of parseAllDocuments(readFileSync(crdDirectory + file + ".yaml", "utf8"))) {
      const crd = document.toJS();
      if (!crd || crd.kind !== "CustomResourceDefinition") continue;
      for (const version of crd.spec.versions) {
        const schema = strict(version.schema.openAPIV3Schema);
        // ObjectMeta is left open by CRDs; the API server checks it as for any object.
        schema.properties.metadata = { type: "object", required: ["name"], properties: { name: { type: "string", minLength: 1 } } };
        daprValidators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(schema));
      }
    }
  }
}

async function validateKubernetes(object) {
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : [null, object.apiVersion];
  let module;
  try {
    module = await import(group ? `kubernetes-models/${group}/${version}` : `kubernetes-models/${version}`);
  } catch {
    return [`apiVersion ${object.apiVersion} is not a Kubernetes API version kubernetes-models knows`];
  }
  const Model = module[object.kind];
  if (!Model) return [`kind ${object.kind} is not in ${object.apiVersion}`];
  try {
    new Model(object).validate();
    return [];
  } catch (error) {
    return [String(error.message ?? error)];
  }
}

function validateDapr(object) {
  const validate = daprValidators.get(`${object.apiVersion}/${object.kind}`);
  if (!validate) return [`${object.apiVersion} ${object.kind} is not a Dapr resource version Dapr's CRDs define`];
  if (validate(object)) return [];
  return validate.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`);
}

loadDaprCrds();
for (const file of process.argv.slice(2)) {
  const documents = parseAllDocuments(readFileSync(file, "utf8"));
  let index = 0;
  for (const document of documents) {
    const object = document.toJS();
    if (object === null || object === undefined) continue;
    const result = { file, index: index++, apiVersion: object.apiVersion ?? "", kind: object.kind ?? "", name: object.metadata?.name ?? "", errors: [] };
    if (document.errors.length > 0) {
      result.errors = document.errors.map((e) => `YAML: ${e.message}`);
    } else if (!object.apiVersion || !object.kind) {
      result.errors = ["apiVersion and kind are required"];
    } else if (object.kind === "Kustomization") {
      result.skipped = true;
    } else if (object.apiVersion.startsWith("dapr.io/")) {
      result.errors = validateDapr(object);
    } else {
      result.errors = await validateKubernetes(object);
    }
    console.log(JSON.stringify(result));
  }
}
