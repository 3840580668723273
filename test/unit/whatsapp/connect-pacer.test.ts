import { describe, expect, it } from 'vitest';
import { ConnectPacer } from '../../../functions/whatsapp/connect-pacer.ts';

/** A task that stays running until `finish` is called; records when it started. */
function controlledTasks() {
  const started: number[] = [];
  const finishers: (() => void)[] = [];
  const task = (id: number) => () =>
    new Promise<number>((resolve) => {
      started.push(id);
      finishers.push(() => resolve(id));
    });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
  return { started, finishers, task, settle };
}

describe('ConnectPacer', () => {
  it('runs at most `concurrency` tasks at once and starts the next as one settles', async () => {
    const pacer = new ConnectPacer({ concurrency: 2, jitterMs: 0 });
    const { started, finishers, task, settle } = controlledTasks();

    const runs = [1, 2, 3, 4].map((id) => pacer.run(task(id)));
    await settle();
    const atFirst = [...started];
    const waitingAtFirst = pacer.waiting;
    finishers[0]?.();
    await settle();

    expect(atFirst).toEqual([1, 2]);
    expect(waitingAtFirst).toBe(2);
    expect(started).toEqual([1, 2, 3]);
    for (const finish of finishers) finish();
    await settle();
    for (const finish of finishers) finish();
    expect(await Promise.all(runs)).toEqual([1, 2, 3, 4]);
  });

  it('delays each task by its jitter before it starts', async () => {
    const pacer = new ConnectPacer({ concurrency: 4, jitterMs: 60 }, () => 1);
    const { started, task, settle } = controlledTasks();

    void pacer.run(task(1));
    await settle();
    const beforeJitter = started.length;
    await new Promise((resolve) => setTimeout(resolve, 80));

    expect(beforeJitter).toBe(0);
    expect(started).toEqual([1]);
  });

  it('frees the slot when a task fails', async () => {
    const pacer = new ConnectPacer({ concurrency: 1, jitterMs: 0 });

    const failed = pacer.run(() => Promise.reject(new Error('connect failed')));
    const next = pacer.run(async () => 'next');

    await expect(failed).rejects.toThrow('connect failed');
    expect(await next).toBe('next');
  });

  it('runs every task at once when concurrency is 0', async () => {
    const pacer = new ConnectPacer({ concurrency: 0, jitterMs: 1_000 });
    const { started, task, settle } = controlledTasks();

    for (const id of [1, 2, 3]) void pacer.run(task(id));
    await settle();

    expect(started).toEqual([1, 2, 3]);
    expect(pacer.waiting).toBe(0);
  });
});
