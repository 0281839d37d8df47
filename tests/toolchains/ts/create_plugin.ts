// A create-plug-in request for APIG, typed by what openapi-typescript generates from the APIG bundle.
// tests/toolchains/test_typescript.py copies this file next to the generated `apig.ts` of each APIG bundle
// (3.1 YAML, 3.1 JSON, 3.0 downgrade) and runs `tsc --noEmit --strict` on it.
import type { components, paths } from "./apig";

type Schemas = components["schemas"];
type CreatePlugin = paths["/v2/{project_id}/apigw/instances/{instance_id}/plugins"]["post"];
type CreatePluginBody = CreatePlugin["requestBody"]["content"]["application/json"];
type PathParameters = CreatePlugin["parameters"]["path"];
type Created = CreatePlugin["responses"][201]["content"]["application/json"];
type ApiError = CreatePlugin["responses"][400]["content"]["application/json"];

// The plug-in configuration travels as a JSON document inside the `plugin_content` string.
export const cors: Schemas["CorsPluginContent"] = {
  allow_origin: "*",
  allow_methods: "GET,POST,PUT",
  allow_headers: "Content-Type,Accept,Accept-Ranges,Cache-Control",
  expose_headers: "X-Request-Id,X-Apig-Latency",
  max_age: 86400,
  allow_credentials: true,
};

export const throttling: Schemas["RateLimitContent"] = {
  scope: "basic",
  default_time_unit: "minute",
  default_interval: 1,
  api_limit: 50,
  algorithm: "counter",
  specials: [],
  parameters: [],
  rules: [],
};

export const parameters: PathParameters = {
  project_id: "0c8243400d37468bb4aed3cc94c2911d",
  instance_id: "eddc4d25480b4cd6b512f270a1b8b341",
};

export const request: CreatePluginBody = {
  plugin_name: "CORS",
  plugin_type: "cors",
  plugin_scope: "global",
  plugin_content: JSON.stringify(cors),
  remark: "Cross-origin resource sharing",
};

export const pluginTypes: Schemas["PluginType"][] = ["cors", "set_resp_headers", "kafka_log", "breaker", "rate_limit", "third_auth"];

export function url(base: string, where: PathParameters): string {
  return `${base}/v2/${encodeURIComponent(where.project_id)}/apigw/instances/${encodeURIComponent(where.instance_id)}/plugins`;
}

export function describe(created: Created): string {
  return `${created.plugin_id}: ${created.plugin_name} (${created.plugin_type}) since ${created.create_time}`;
}

export function explain(error: ApiError): string {
  return `${error.error_code}: ${error.error_msg}`;
}

// Mistakes the generated types must reject. tsc reports an unused `@ts-expect-error` as an error, so each
// line below fails the check if the types ever become too loose (for example `any` or plain `string`).

// @ts-expect-error -- "cros" is not a plug-in type
export const wrongType: CreatePluginBody = { ...request, plugin_type: "cros" };
// @ts-expect-error -- plugin_content is required
export const noContent: CreatePluginBody = { plugin_name: "CORS", plugin_type: "cors", plugin_scope: "global" };
// @ts-expect-error -- the only scope is "global"
export const wrongScope: CreatePluginBody = { ...request, plugin_scope: "local" };
// @ts-expect-error -- max_age is a number of seconds
export const textAge: Schemas["CorsPluginContent"] = { allow_origin: "*", max_age: "1 day" };
// @ts-expect-error -- allow_origin is required
export const noOrigin: Schemas["CorsPluginContent"] = { max_age: 10 };
// @ts-expect-error -- api_limit is required in a throttling plug-in
export const noLimit: Schemas["RateLimitContent"] = { scope: "basic" };
