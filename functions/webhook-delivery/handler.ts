import { createDynamoDbClient, createSqsClient } from '../platform/aws-clients.ts';
import { wireWebhookDeliveryHandler } from './create-webhook-delivery-handler.ts';
import { readWebhookDeliveryConfig } from './webhook-delivery-config.ts';

// Lambda entry point for the delivery queue: configuration and SDK clients once per environment.
const clients = { dynamoDb: createDynamoDbClient(), sqs: createSqsClient() };
export const handler = wireWebhookDeliveryHandler(readWebhookDeliveryConfig(), clients);
