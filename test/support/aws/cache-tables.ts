import { DynamoDbPictureCache } from '../../../functions/adapters/dynamodb-picture-cache.ts';
import { DynamoDbProfileCache } from '../../../functions/adapters/dynamodb-profile-cache.ts';
import type { EmbeddedAws } from './embedded-aws.ts';

type CacheTableHost = Pick<EmbeddedAws, 'dynamoDb' | 'resources'>;

/** The profile cache on the embedded cache table, keeping what it writes `retentionSeconds`. */
export function profileCacheOn(aws: CacheTableHost, retentionSeconds: number) {
  const options = { client: aws.dynamoDb, tableName: aws.resources.cacheTableName };
  return new DynamoDbProfileCache({ ...options, retentionSeconds });
}

/** The picture cache on the embedded cache table, keeping what it writes `retentionSeconds`. */
export function pictureCacheOn(aws: CacheTableHost, retentionSeconds: number) {
  const options = { client: aws.dynamoDb, tableName: aws.resources.cacheTableName };
  return new DynamoDbPictureCache({ ...options, retentionSeconds });
}
