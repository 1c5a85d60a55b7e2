/**
 * Which of a unit's heads takes the unit's work in a year started now: the one an administrator chose
 * (`OrganisationUnitEntity.workHeadUserId`) while they still lead the unit and are active, else the
 * first by name. `headsByName` are the unit's active heads, sorted `sortByName`. A year's roster and the
 * Units page both ask this, so what the page says is what the next year does.
 */
export function headTakingWork<Head extends { id: string }>(
  headsByName: Head[],
  chosen: string | null,
): Head | undefined {
  return headsByName.find((head) => head.id === chosen) ?? headsByName[0];
}
