import { describe, expect, it } from 'vitest';
import {
  functionByIdPrefix,
  synthesizeApp,
  synthesizeAppBeforeAll,
} from '../../../support/infra/synthesize-app.ts';

describe('createContactsFunctions', () => {
  const synthesized = synthesizeAppBeforeAll();

  it('bundles each profile function from its own entry point', () => {
    const descriptions = ['ProfileHttpFunction', 'ProfileDirectFunction'].map(
      (id) => functionByIdPrefix(synthesized.templates.api, id).Properties.Description,
    );
    expect(descriptions).toEqual([
      expect.stringMatching(/^GET \/contacts\/profile/),
      expect.stringMatching(/direct invocations/),
    ]);
  });

  it('joins one request queue URL per shard, in shard order', () => {
    const { templates } = synthesizeApp({ 'waContactProfile:shardCount': 3 });
    const fn = functionByIdPrefix(templates.api, 'ProfileHttpFunction');
    const urls = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables
      .REQUEST_QUEUE_URLS;
    expect(urls).toEqual({
      'Fn::Join': [
        '',
        [
          { 'Fn::ImportValue': expect.stringMatching(/RefProfileRequestsShard0/) },
          ',',
          { 'Fn::ImportValue': expect.stringMatching(/RefProfileRequestsShard1/) },
          ',',
          { 'Fn::ImportValue': expect.stringMatching(/RefProfileRequestsShard2/) },
        ],
      ],
    });
  });
});
