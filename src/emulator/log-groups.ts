/** One event of a log stream, as FilterLogEvents returns it. */
export interface LogEvent {
  readonly logStreamName: string;
  readonly timestamp: number;
  readonly ingestionTime: number;
  readonly message: string;
  readonly eventId: string;
}

/** What FilterLogEvents asks for, after validation. */
export interface LogQuery {
  readonly logGroupName: string;
  readonly startTime: number | undefined;
  readonly endTime: number | undefined;
  readonly filterPattern: string | undefined;
  readonly logStreamNames: readonly string[] | undefined;
  readonly logStreamNamePrefix: string | undefined;
  readonly limit: number;
  /** Index of the first event still to return (from a nextToken). */
  readonly after: number;
}

/** One region's log groups: written by the stand-in agents, read by FilterLogEvents. */
export interface LogGroups {
  write(logGroupName: string, logStreamName: string, message: string, now: number): void;
  /** Events matching the query, oldest first, and the index to continue from when more match; undefined for an unknown group. */
  filter(query: LogQuery): { events: LogEvent[]; searched: string[]; next: number | undefined } | undefined;
  reset(): void;
}

/** Oldest events are dropped beyond this many per group, so a long sandbox session stays flat in memory. */
const MAX_EVENTS_PER_GROUP = 10_000;

/**
 * The subset of CloudWatch's filter pattern syntax that plain-text logs use: space-separated terms
 * that must all appear, `"quoted phrases"`, and `-term` for terms that must not; case-sensitive.
 * JSON patterns (`{ $.level = "ERROR" }`) match as the text between the braces would, which is
 * less than CloudWatch does; the emulator's own log lines carry their fields as plain words too.
 */
export function matchesFilterPattern(pattern: string | undefined, message: string): boolean {
  if (pattern === undefined || pattern.trim() === "") return true;
  const terms = [...pattern.matchAll(/(-?)"([^"]*)"|(-?)([^\s"]+)/g)].map((match) => ({
    negated: (match[1] ?? match[3] ?? "") === "-",
    text: match[2] ?? match[4] ?? "",
  }));
  return terms.every((term) => term.text === "" || message.includes(term.text) !== term.negated);
}

/** Creates an empty set of log groups. */
export function createLogGroups(): LogGroups {
  const groups = new Map<string, LogEvent[]>();
  let sequence = 0;
  return {
    write(logGroupName, logStreamName, message, now) {
      let events = groups.get(logGroupName);
      if (events === undefined) {
        events = [];
        groups.set(logGroupName, events);
      }
      sequence += 1;
      events.push({ logStreamName, timestamp: now, ingestionTime: now, message, eventId: String(sequence).padStart(20, "0") });
      if (events.length > MAX_EVENTS_PER_GROUP) events.splice(0, events.length - MAX_EVENTS_PER_GROUP);
    },
    filter(query) {
      const events = groups.get(query.logGroupName);
      if (events === undefined) return undefined;
      const streams = new Set(query.logStreamNames ?? []);
      const matching: LogEvent[] = [];
      let next: number | undefined;
      for (let index = query.after; index < events.length; index += 1) {
        const event = events[index];
        if (event === undefined) continue;
        if (query.startTime !== undefined && event.timestamp < query.startTime) continue;
        if (query.endTime !== undefined && event.timestamp > query.endTime) continue;
        if (streams.size > 0 && !streams.has(event.logStreamName)) continue;
        if (query.logStreamNamePrefix !== undefined && !event.logStreamName.startsWith(query.logStreamNamePrefix)) continue;
        if (!matchesFilterPattern(query.filterPattern, event.message)) continue;
        if (matching.length === query.limit) {
          next = index;
          break;
        }
        matching.push(event);
      }
      return { events: matching, searched: [...new Set(events.map((event) => event.logStreamName))], next };
    },
    reset() {
      groups.clear();
      sequence = 0;
    },
  };
}
