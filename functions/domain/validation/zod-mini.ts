import { en } from 'zod/locales';
import { config } from 'zod/mini';

// Every schema the Lambdas load is zod/mini, not the classic API: classic schemas carry every
// method on every instance and cost more CPU to load at each cold start than all our parsing.
// zod/mini carries no locale until told (the classic API sets English as it loads): English,
// and only English, so the messages in our VALIDATION_ERROR envelopes are the classic ones.
config(en());

export * from 'zod/mini';
