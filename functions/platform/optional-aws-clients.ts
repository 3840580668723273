import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { KMSClient } from '@aws-sdk/client-kms';
import { type AwsClientConnection, requestHandler } from './aws-clients.ts';

// Apart from aws-clients.ts so that only the functions that publish events or seal webhook
// secrets bundle and load these clients.

export function createEventBridgeClient(connection: AwsClientConnection = {}): EventBridgeClient {
  return new EventBridgeClient({ ...connection, requestHandler, maxAttempts: 3 });
}

export function createKmsClient(connection: AwsClientConnection = {}): KMSClient {
  return new KMSClient({ ...connection, requestHandler, maxAttempts: 3 });
}
