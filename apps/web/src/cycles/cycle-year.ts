/** `kontum-2025` → "2025": the year a cycle's id names, if it names one. */
export function yearOfCycle(cycleId: string): string | undefined {
  return /-(\d{4})$/.exec(cycleId)?.[1];
}

/** "Năm 2024 (kontum-2024)": the year in the heading of a cycle's pages, or its id if it names none. */
export function cycleYear(cycleId: string): string {
  return yearOfCycle(cycleId) ?? cycleId;
}
