/**
 * The authorizer function's timeout: the CDK stack sets it on the function, the local gateway
 * applies it, and past it both answer AUTHORIZER_CONFIGURATION_ERROR as API Gateway does.
 */
export const AUTHORIZER_TIMEOUT_SECONDS = 5;
