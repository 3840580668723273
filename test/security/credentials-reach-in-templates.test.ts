import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesizeApp } from '../support/infra/synthesize-app.ts';

interface Statement {
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}
interface RoleStatements {
  role: string;
  statements: Statement[];
}

/** Every role of a template with every statement of the policies attached to it. */
function rolesOf(template: Template): RoleStatements[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as {
    Properties: { Roles: { Ref: string }[]; PolicyDocument: { Statement: Statement[] } };
  }[];
  return Object.keys(template.findResources('AWS::IAM::Role')).map((role) => ({
    role,
    statements: policies
      .filter((policy) => policy.Properties.Roles.some((ref) => ref.Ref === role))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement),
  }));
}

const actionsOf = (statement: Statement) =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];
const mentions = (statement: Statement, pattern: RegExp) =>
  pattern.test(JSON.stringify(statement.Resource));

/** Where sealed credentials live: any attribute name outside these lists could be one. */
const CREDENTIAL_ATTRIBUTES = ['sealed', 'sealedGz', 'value', 'valueGz'];
const SESSIONS_TABLE = /Sessions[0-9A-F]{8}Arn|Sessions\.\*Arn|Sessions/;

describe('who can reach a WhatsApp credential, read from the synthesized templates', () => {
  let roles: RoleStatements[];

  beforeAll(() => {
    const { templates } = synthesizeApp();
    roles = Object.entries(templates).flatMap(([stack, template]) =>
      template
        ? rolesOf(template).map((entry) => ({ ...entry, role: `${stack}/${entry.role}` }))
        : [],
    );
  }, 120_000);

  it('finds the worker role and the API functions among the roles it reads', () => {
    const names = roles.map((entry) => entry.role);

    expect(names.some((name) => name.startsWith('worker/WorkerTaskRole'))).toBe(true);
    expect(names.some((name) => name.startsWith('api/ProfileHttp'))).toBe(true);
    expect(names.some((name) => name.startsWith('api/SessionHttp'))).toBe(true);
  });

  it('lets no role but the worker use the credentials key', () => {
    const users = roles.filter(({ statements }) =>
      statements.some(
        (statement) =>
          mentions(statement, /CredentialsKey/) ||
          (actionsOf(statement).some((action) => /^kms:(\*|Decrypt)/.test(action)) &&
            JSON.stringify(statement.Resource) === '"*"'),
      ),
    );

    expect(users.map((entry) => entry.role)).toEqual([
      expect.stringMatching(/^worker\/WorkerTaskRole/),
    ]);
  });

  it('lets every other role read only named, non-credential attributes of the sessions table', () => {
    for (const { role, statements } of roles) {
      if (role.startsWith('worker/WorkerTaskRole')) continue;
      for (const statement of statements) {
        const reads = actionsOf(statement).filter((action) =>
          /^dynamodb:(\*|GetItem|BatchGetItem|Query|Scan)$/.test(action),
        );
        if (reads.length === 0 || !mentions(statement, SESSIONS_TABLE)) continue;
        const allowed = statement.Condition?.['ForAllValues:StringEquals']?.['dynamodb:Attributes'];

        expect(
          Array.isArray(allowed),
          `${role} reads the sessions table without naming attributes`,
        ).toBe(true);
        expect(statement.Condition?.StringEqualsIfExists?.['dynamodb:Select'], role).toBe(
          'SPECIFIC_ATTRIBUTES',
        );
        for (const attribute of CREDENTIAL_ATTRIBUTES) {
          expect(allowed as string[], `${role} may read ${attribute}`).not.toContain(attribute);
        }
      }
    }
  });
});
