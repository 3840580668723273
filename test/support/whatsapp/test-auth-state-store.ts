import type { SessionIdentity } from '../../../functions/domain/session/session-identity.ts';
import { DynamoDbAuthStateStore } from '../../../functions/whatsapp/dynamodb-auth-state-store.ts';
import type { SessionsTable } from '../aws/sessions-table.ts';
import { testCredentialCipher } from './test-credential-cipher.ts';

/** A session's credential store on the sessions table, sealed with the tests' local key. */
export function testAuthStateStore(
  table: Pick<SessionsTable, 'client' | 'tableName'>,
  identity: SessionIdentity,
): DynamoDbAuthStateStore {
  return new DynamoDbAuthStateStore({
    cipher: testCredentialCipher,
    client: table.client,
    tableName: table.tableName,
    identity,
  });
}
