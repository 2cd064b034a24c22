// Dates a school record can carry. Outside this range a typo ("0202-09-01") would be stored or,
// for year 0, refused by PostgreSQL; forms and APIs answer with a field error instead.
export const EARLIEST_DAY = "1900-01-01";
export const LATEST_DAY = "2199-12-31";

export function isPlausibleDay(isoDay: string): boolean {
  return isoDay >= EARLIEST_DAY && isoDay <= LATEST_DAY;
}
