import { describe, expect, it } from 'vitest';
import { synthesizeApp } from '../support/infra/synthesize-app.ts';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
type Resource = { Type: string; Properties: Record<string, unknown> };

/** Whether a statement's actions include sending to SQS (wildcards included). */
function sendsToSqs(statement: Statement): boolean {
  const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
  return actions.some((action) => /^(sqs:(SendMessage(Batch)?|\*)|\*)$/i.test(action));
}

/** Whether a statement's resources can name a session-command queue (or every resource). */
function reachesSessionCommands(statement: Statement): boolean {
  const text = JSON.stringify(statement.Resource);
  return text === '"*"' || /SessionCommandsShard|:\*"|sqs:\*|"\*"/.test(text);
}

/**
 * Every role (by logical id) of every template whose inline or attached policies may send to a
 * session-command queue; and the queue policies that open one to a principal.
 */
function sessionCommandSenders(templates: Record<string, { toJSON(): unknown }>) {
  const senders: string[] = [];
  for (const [stack, template] of Object.entries(templates)) {
    const resources = (template.toJSON() as { Resources: Record<string, Resource> }).Resources;
    for (const [id, resource] of Object.entries(resources)) {
      const documents: { Statement: Statement[] }[] = [];
      if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
        documents.push(resource.Properties.PolicyDocument as { Statement: Statement[] });
      }
      if (resource.Type === 'AWS::IAM::Role') {
        for (const policy of (resource.Properties.Policies ?? []) as {
          PolicyDocument: { Statement: Statement[] };
        }[]) {
          documents.push(policy.PolicyDocument);
        }
      }
      if (resource.Type === 'AWS::SQS::QueuePolicy') {
        const statements = (resource.Properties.PolicyDocument as { Statement: Statement[] })
          .Statement;
        // A queue policy counts when it opens a session-command queue (the webhook delivery
        // queue's lets EventBridge send to it, and only to it).
        const queues = JSON.stringify(resource.Properties.Queues ?? []);
        const opensCommands = /SessionCommandsShard/.test(queues);
        if (
          statements.some(
            (s) =>
              s.Effect === 'Allow' && sendsToSqs(s) && (opensCommands || reachesSessionCommands(s)),
          )
        ) {
          senders.push(`${stack}/${id} (queue policy)`);
        }
        continue;
      }
      const grants = documents.flatMap((document) => document.Statement);
      if (grants.some((s) => s.Effect === 'Allow' && sendsToSqs(s) && reachesSessionCommands(s))) {
        const roles = (resource.Properties.Roles as { Ref: string }[] | undefined) ?? [];
        senders.push(
          ...(resource.Type === 'AWS::IAM::Role'
            ? [`${stack}/${id}`]
            : roles.map((role) => `${stack}/${role.Ref}`)),
        );
      }
    }
  }
  return senders;
}

describe('session commands in the synthesized templates', () => {
  it('can be sent by the session function’s role alone: not by the contacts roles, the worker or the examples', () => {
    const { templates } = synthesizeApp({
      'waContactProfile:shardCount': 2,
      'waContactProfile:examples': 'true',
    });

    const senders = sessionCommandSenders(templates);

    expect(senders, senders.join(', ')).toHaveLength(1);
    expect(senders[0]).toMatch(/^api\/SessionHttpRole/);
  });

  it('puts both shards’ command queues in the session role’s grant and in no contacts role’s', () => {
    const { templates } = synthesizeApp({ 'waContactProfile:shardCount': 2 });
    const api = JSON.stringify(templates.api.toJSON());

    expect(api.match(/RefSessionCommandsShard[01]/g)?.sort()).toEqual([
      'RefSessionCommandsShard0',
      'RefSessionCommandsShard1',
    ]);
    expect(sessionCommandSenders({ api: templates.api })).toEqual([
      expect.stringMatching(/^api\/SessionHttpRole/),
    ]);
  });
});
