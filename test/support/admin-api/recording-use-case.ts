/**
 * A stand-in use case for a route's test: it answers with `answer` and records the arguments of
 * every call in `calls`, so the test can see what the route asked for (or that it asked nothing).
 */
export function recordingUseCase<Args extends unknown[], Result>(
  answer: (...args: Args) => Result,
) {
  const calls: Args[] = [];
  const useCase = async (...args: Args): Promise<Awaited<Result>> => {
    calls.push(args);
    return await answer(...args);
  };
  return { calls, useCase };
}
