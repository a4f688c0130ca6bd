/** The demo's calendar: fixed period bounds and ISO formatting of epoch-millisecond times (UTC, no wall clock). */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The story runs from January 2024 to June 2025; nothing depends on today's date. */
export const STORY_START = Date.UTC(2024, 0, 8);
export const STORY_END = Date.UTC(2025, 5, 30);

/** `2024-03-05T14:22:10` (seconds precision, UTC, no zone designator: FtM's date form). */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** `2024-03-05 14:22:10`, the way CDR exports write times. */
export function spaceTime(ms: number): string {
  return isoTime(ms).replace('T', ' ');
}

/** `2024-03-05`. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC of the day holding `ms`. */
export function dayStart(ms: number): number {
  return ms - (((ms % DAY) + DAY) % DAY);
}

/** A time of day within office hours (local ≈ UTC for the demo) on the day holding `ms`. */
export function atHour(ms: number, hour: number, minute = 0, second = 0): number {
  return dayStart(ms) + hour * HOUR + minute * MINUTE + second * 1000;
}

/** A birth date `YYYY-MM-DD` for someone of `age` years at the story's start, with a random day. */
export function birthDate(age: number, dayOfYear: number): string {
  const year = new Date(STORY_START).getUTCFullYear() - age;
  return isoDay(Date.UTC(year, 0, 1) + (dayOfYear % 365) * DAY);
}
