import { expect } from 'vitest';
import { ValidationError } from '../../../functions/domain/errors/app-errors.ts';

/** Runs `act`, asserts it throws a ValidationError and returns that error for its message. */
export function validationErrorOf(act: () => unknown): ValidationError {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError, but nothing was thrown');
}
