import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { CONTEXT_PREFIX } from '../../../../infra/deployment-settings.ts';
import { synthesizeApp } from '../../../support/infra/synthesize-app.ts';

describe('createApiWebAcl', () => {
  it('adds no web ACL by default', () => {
    const { templates } = synthesizeApp();
    templates.api.resourceCountIs('AWS::WAFv2::WebACL', 0);
    templates.api.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
  });

  it('blocks a client IP over the rate limit on the API stage when the setting is given', () => {
    // act
    const { templates } = synthesizeApp({ [`${CONTEXT_PREFIX}:wafRateLimitPer5Minutes`]: '500' });

    // assert
    const acls = Object.values(
      templates.api.findResources('AWS::WAFv2::WebACL') as Record<
        string,
        { Properties: { Scope: string; DefaultAction: unknown; Rules: unknown[] } }
      >,
    );
    expect(acls).toHaveLength(1);
    expect(acls[0]?.Properties.Scope).toBe('REGIONAL');
    expect(acls[0]?.Properties.DefaultAction).toEqual({ Allow: {} });
    expect(acls[0]?.Properties.Rules).toEqual([
      expect.objectContaining({
        Action: { Block: {} },
        Statement: {
          RateBasedStatement: { Limit: 500, EvaluationWindowSec: 300, AggregateKeyType: 'IP' },
        },
      }),
    ]);
    templates.api.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      WebACLArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiWebAcl'), 'Arn'] },
      ResourceArn: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
    });
  });

  it('refuses a rate limit below the 10 requests WAF accepts', () => {
    expect(() => synthesizeApp({ [`${CONTEXT_PREFIX}:wafRateLimitPer5Minutes`]: '5' })).toThrow(
      /wafRateLimitPer5Minutes/,
    );
  });
});
