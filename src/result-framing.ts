// What every result of this server says about where it came from, applied in one place so that no
// tool (and no refusal made before a tool runs) can forget it: in sandbox mode `sandbox: true` and
// the [SANDBOX] marker, and in every mode no mention of a tool this server does not list.
import type { CallToolResult } from "@modelcontextprotocol/server";

/** The marker that starts the text of every sandbox result. */
export const SANDBOX_MARKER = "[SANDBOX]";

/** How a result is framed before it leaves the server. */
export interface ResultFraming {
  readonly sandbox: boolean;
  /** Rewrites a text so that it names only tools this server lists. */
  readonly mentions: (text: string) => string;
}

/** The result, marked for sandbox mode and with its texts limited to the tools offered. */
export function frameResult(result: CallToolResult, framing: ResultFraming): CallToolResult {
  const content = result.content.map((block, index) => {
    if (block.type !== "text") return block;
    const text = framing.mentions(block.text);
    return { ...block, text: index === 0 && framing.sandbox && !text.startsWith(SANDBOX_MARKER) ? `${SANDBOX_MARKER} ${text}` : text };
  });
  const structured = result.structuredContent;
  if (!isRecord(structured)) return { ...result, content };
  const { nextStep, error } = structured;
  return {
    ...result,
    content,
    structuredContent: {
      ...structured,
      ...(typeof nextStep === "string" ? { nextStep: framing.mentions(nextStep) } : {}),
      ...(isRecord(error) ? { error: frameError(error, framing.mentions) } : {}),
      ...(framing.sandbox ? { sandbox: true } : {}),
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The error's message and field messages (our words, never data) with the tool mentions rewritten. */
function frameError(error: Record<string, unknown>, mentions: (text: string) => string): Record<string, unknown> {
  const { message, fields } = error;
  return {
    ...error,
    ...(typeof message === "string" ? { message: mentions(message) } : {}),
    ...(Array.isArray(fields)
      ? {
          fields: fields.map((field: unknown) =>
            isRecord(field) && typeof field["message"] === "string" ? { ...field, message: mentions(field["message"]) } : field,
          ),
        }
      : {}),
  };
}
