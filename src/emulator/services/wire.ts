import type { WireResponse } from "../errors.js";

/** Escapes text for an XML element. */
export function xmlText(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** One element per entry, values escaped; undefined values are left out. */
export function xmlFields(fields: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `<${name}>${xmlText(value)}</${name}>`)
    .join("");
}

/** An XML answer. */
export function xmlResponse(status: number, xml: string): WireResponse {
  return { status, headers: { "Content-Type": "text/xml" }, body: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`, "utf8") };
}

/** The values of a query-protocol list (`Name.member.1`, … or EC2's `Name.1`, …), in order. */
export function queryList(params: URLSearchParams, prefix: string): string[] {
  const values: string[] = [];
  for (let index = 1; ; index += 1) {
    const value = params.get(`${prefix}.${index}`);
    if (value === null) return values;
    values.push(value);
  }
}
