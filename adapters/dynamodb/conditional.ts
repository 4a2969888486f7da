/**
 * Runs a conditional write and says whether its condition held. A refused condition is an answer
 * (the record was there already, or changed meanwhile), not a failure; anything else is thrown.
 */
export async function conditionHeld(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if ((error as Error).name === "ConditionalCheckFailedException") return false;
    throw error;
  }
}
