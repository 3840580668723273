// cdk-nag is CommonJS re-exporting through __exportStar, which Node's ESM loader cannot see as
// named exports; importing the module object once here keeps the other files tidy.
import cdkNag from 'cdk-nag';

export const { AwsSolutionsChecks } = cdkNag;
