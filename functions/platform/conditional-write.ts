import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

/**
 * Runs a DynamoDB write that carries a condition: true when it was applied, false when its
 * condition did not hold (DynamoDB's ConditionalCheckFailedException). Every other failure is
 * thrown as it came.
 */
export async function conditionHeld(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
