// A supervisor that reads "listening on …" and signals at once must get a clean exit. The child can be
// descheduled between writing that line and its next statement, so the handlers must already be in
// place when the line is written; CI once caught the bin dying of SIGTERM here.
import { describe, expect, it } from "vitest";
import { BinProcess, LISTENING_LINE } from "../helpers/harness.js";
import { testEnv } from "../helpers/stdio-session.js";
import { SCALE, recordFigure } from "../helpers/figures.js";

const CONCURRENT = 8;

/** Spawns `args`, sends SIGTERM the moment `line` appears on stderr, and returns how it ended. */
async function signalOnAnnouncement(
  args: readonly string[],
  line: RegExp,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const proc = new BinProcess(args, testEnv());
  try {
    await proc.waitForStderr(line);
    proc.signal("SIGTERM");
    const { code, signal } = await proc.exited;
    return { code, signal };
  } finally {
    await proc.kill();
  }
}

async function rounds(args: readonly string[], line: RegExp): Promise<{ code: number | null; signal: NodeJS.Signals | null }[]> {
  const exits: { code: number | null; signal: NodeJS.Signals | null }[] = [];
  for (let round = 0; round < SCALE; round++) {
    exits.push(...(await Promise.all(Array.from({ length: CONCURRENT }, () => signalOnAnnouncement(args, line)))));
  }
  return exits;
}

describe("SIGTERM sent the instant the bin announces itself", () => {
  it("ends the HTTP server with exit code 0 every time", { timeout: 30_000 * SCALE }, async () => {
    const exits = await rounds(["--transport", "http", "--host", "127.0.0.1", "--port", "0", "--sandbox"], LISTENING_LINE);
    expect(exits).toEqual(exits.map(() => ({ code: 0, signal: null })));
    recordFigure("signal race: HTTP bins signalled on their listening line", exits.length);
  });

  it("ends the emulator command with exit code 0 every time", { timeout: 30_000 * SCALE }, async () => {
    const exits = await rounds(["emulator", "--port", "0"], /listening on http:\/\/127\.0\.0\.1:\d+\n/);
    expect(exits).toEqual(exits.map(() => ({ code: 0, signal: null })));
    recordFigure("signal race: emulators signalled on their listening line", exits.length);
  });
});
